"""The ICC Index: its policy areas (weights held as data) and the yearly self-assessments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PolicyArea(models.Model):
    """A policy area of the ICC Index; the weight counts in the overall score."""

    name = models.CharField(_("nome"), max_length=120)
    name_en = models.CharField(_("nome in inglese"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("ordine"), default=0)
    optional = models.BooleanField(
        _("facoltativa"),
        default=False,
        help_text=_("Le aree facoltative contano nel punteggio solo se hanno un punteggio."),
    )
    weight = models.DecimalField(_("peso"), max_digits=5, decimal_places=2, default=1)

    class Meta:
        verbose_name = _("area dell'indice ICC")
        verbose_name_plural = _("aree dell'indice ICC")
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="networks_area_weight_positive")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language (the ICC's own English names under /en/)."""
        from django.utils.translation import get_language

        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class Assessment(models.Model):
    """The city's ICC Index self-assessment for one year."""

    year = models.PositiveSmallIntegerField(_("anno"), unique=True)
    notes = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("autovalutazione ICC")
        verbose_name_plural = _("autovalutazioni ICC")
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="networks_assessment_year"
            )
        ]

    def __str__(self) -> str:
        return str(self.year)


class AreaScore(models.Model):
    assessment = models.ForeignKey(
        Assessment,
        verbose_name=_("autovalutazione"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    area = models.ForeignKey(
        PolicyArea, verbose_name=_("area"), on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(_("punteggio"))
    peer_average = models.PositiveSmallIntegerField(
        _("media delle città simili"), null=True, blank=True
    )
    evidence = models.TextField(_("elementi a sostegno"), blank=True)

    class Meta:
        verbose_name = _("punteggio di area")
        verbose_name_plural = _("punteggi di area")
        ordering = ["area__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "area"], name="networks_score_once"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100), name="networks_score_0_100"
            ),
            models.CheckConstraint(
                condition=Q(peer_average__isnull=True)
                | (Q(peer_average__gte=0) & Q(peer_average__lte=100)),
                name="networks_peer_average_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.score}"
