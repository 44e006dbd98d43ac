"""The good practices the city shares with the networks."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .index import PolicyArea
from .memberships import Network


def validate_links(value: str) -> None:
    """One web address per line, http or https only."""
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    check = URLValidator(schemes=["http", "https"])
    for line in value.splitlines():
        if line.strip():
            try:
                check(line.strip())
            except ValidationError as error:
                raise ValidationError(
                    _(
                        "«%(link)s» non è un indirizzo web valido: scrivi un indirizzo per riga, "
                        "che inizi con https://."
                    )
                    % {"link": line.strip()[:80]},
                    code="invalid_link",
                ) from error


class GoodPractice(models.Model):
    title = models.CharField(_("titolo"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    area = models.ForeignKey(
        PolicyArea, verbose_name=_("area ICC"), on_delete=models.PROTECT, related_name="practices"
    )
    network = models.ForeignKey(
        Network,
        verbose_name=_("rete"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices",
    )
    description = models.TextField(_("descrizione"), help_text=_("Puoi usare il formato Markdown."))
    partners = models.CharField(_("partner"), max_length=300, blank=True)
    links = models.TextField(
        _("link"), blank=True, help_text=_("Un indirizzo per riga."), validators=[validate_links]
    )
    is_public = models.BooleanField(_("pubblica"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("buona pratica")
        verbose_name_plural = _("buone pratiche")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("networks:practice-detail", args=[self.slug])

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]
