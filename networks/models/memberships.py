"""The networks the city belongs to, its memberships and the joining steps as a checklist."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mondinsieme.uploads import GeneratedName


class Network(models.Model):
    class Scope(models.TextChoices):
        INTERNATIONAL = "international", _("internazionale")
        NATIONAL = "national", _("nazionale")

    name = models.CharField(_("nome"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    acronym = models.CharField(_("sigla"), max_length=30, blank=True)
    scope = models.CharField(_("ambito"), max_length=16, choices=Scope.choices)
    coordinator = models.CharField(_("coordinamento"), max_length=200, blank=True)
    website = models.URLField(_("sito web"), blank=True)
    description = models.TextField(_("descrizione"), blank=True)

    class Meta:
        verbose_name = _("rete")
        verbose_name_plural = _("reti")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.acronym or self.name


class JoiningStepDefinition(models.Model):
    """One step a city takes to join a network: data, so each network has its own list."""

    network = models.ForeignKey(
        Network, verbose_name=_("rete"), on_delete=models.CASCADE, related_name="step_definitions"
    )
    title = models.CharField(_("passaggio"), max_length=200)
    position = models.PositiveSmallIntegerField(_("ordine"), default=0)

    class Meta:
        verbose_name = _("passaggio per l'adesione")
        verbose_name_plural = _("passaggi per l'adesione")
        ordering = ["network", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["network", "title"], name="networks_step_title_unique")
        ]

    def __str__(self) -> str:
        return self.title


class NetworkMembership(models.Model):
    class Organisation(models.TextChoices):
        COMUNE = "comune", _("Comune di Reggio Emilia")
        FONDAZIONE = "fondazione", _("Fondazione Mondinsieme")

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("candidatura")
        MEMBER = "member", pgettext_lazy("stato di adesione a una rete", "aderente")
        SUSPENDED = "suspended", _("sospesa")
        LEFT = "left", _("uscita")

    TRANSITIONS = {
        Status.CANDIDATE: {Status.MEMBER, Status.LEFT},
        Status.MEMBER: {Status.SUSPENDED, Status.LEFT},
        Status.SUSPENDED: {Status.MEMBER, Status.LEFT},
        Status.LEFT: {Status.CANDIDATE},
    }

    network = models.ForeignKey(
        Network, verbose_name=_("rete"), on_delete=models.PROTECT, related_name="memberships"
    )
    organisation = models.CharField(_("ente"), max_length=16, choices=Organisation.choices)
    status = models.CharField(
        _("stato"), max_length=16, choices=Status.choices, default=Status.CANDIDATE
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    since = models.DateField(_("aderente dal"), null=True, blank=True)
    founder = models.BooleanField(_("socio fondatore"), default=False)
    resolution_number = models.CharField(_("numero della delibera"), max_length=50, blank=True)
    resolution_date = models.DateField(_("data della delibera"), null=True, blank=True)
    focal_point = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    annual_fee = models.DecimalField(
        _("quota annuale (€)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("adesione a una rete")
        verbose_name_plural = _("adesioni alle reti")
        ordering = ["network__name", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"], name="networks_membership_unique"
            ),
            models.CheckConstraint(
                condition=Q(annual_fee__isnull=True) | Q(annual_fee__gte=0),
                name="networks_membership_fee_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_organisation_display()} – {self.network}"


class JoiningStep(models.Model):
    """Where a membership is with one joining step: date done, document, note."""

    membership = models.ForeignKey(
        NetworkMembership,
        verbose_name=_("adesione"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    definition = models.ForeignKey(
        JoiningStepDefinition, verbose_name=_("passaggio"), on_delete=models.PROTECT
    )
    completed_on = models.DateField(_("completato il"), null=True, blank=True)
    document = models.FileField(
        _("documento"), upload_to=GeneratedName("networks/steps"), blank=True
    )
    note = models.CharField(_("nota"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("passaggio dell'adesione")
        verbose_name_plural = _("passaggi dell'adesione")
        ordering = ["definition__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "definition"], name="networks_step_once_per_membership"
            )
        ]

    def __str__(self) -> str:
        return str(self.definition)

    @property
    def is_done(self) -> bool:
        return self.completed_on is not None
