"""The shared core: cities, diaspora communities, associations and who acts for them."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from mondinsieme.validators import FISCAL_CODE_PATTERN, validate_fiscal_code, validate_plain_text


class City(models.Model):
    """A city anywhere: the host city, cities of origin, twin cities, network members."""

    name = models.CharField(_("nome"), max_length=120, validators=[validate_plain_text])
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    country = CountryField(_("paese"))
    region = models.CharField(_("regione o provincia"), max_length=120, blank=True)
    latitude = models.DecimalField(
        _("latitudine"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitudine"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    population = models.PositiveIntegerField(_("popolazione"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("anno del dato"), null=True, blank=True)
    population_source = models.CharField(_("fonte del dato"), max_length=200, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("singular", "città")
        verbose_name_plural = pgettext_lazy("plural", "città")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(population__isnull=True) | Q(population_year__isnull=False),
                name="city_population_has_year",
                violation_error_message=_("Indica l'anno a cui si riferisce la popolazione."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.code})" if self.country else self.name


class Community(models.Model):
    """A diaspora community present in the host city."""

    name = models.CharField(_("nome"), max_length=120, validators=[validate_plain_text])
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    country = CountryField(_("paese di origine"))
    residents_estimate = models.PositiveIntegerField(_("residenti (stima)"), null=True, blank=True)
    residents_year = models.PositiveSmallIntegerField(_("anno della stima"), null=True, blank=True)
    residents_source = models.CharField(_("fonte della stima"), max_length=200, blank=True)
    languages = models.CharField(
        _("lingue"), max_length=200, blank=True, help_text=_("Separate da virgole.")
    )
    origin_cities = models.ManyToManyField(
        City, verbose_name=_("città e regioni di origine"), blank=True, related_name="communities"
    )

    class Meta:
        verbose_name = pgettext_lazy("singular", "comunità")
        verbose_name_plural = pgettext_lazy("plural", "comunità")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(residents_estimate__isnull=True)
                | (Q(residents_year__isnull=False) & ~Q(residents_source="")),
                name="community_residents_sourced",
                violation_error_message=_("Una stima dei residenti richiede anno e fonte."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """A field of work (education, health, women, youth, culture...)."""

    name = models.CharField(_("nome"), max_length=80, unique=True)
    name_en = models.CharField(_("nome in inglese"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=90, unique=True)

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temi")
        ordering = ["name"]

    def __str__(self) -> str:
        from django.utils.translation import get_language

        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class AssociationQuerySet(models.QuerySet):
    def public(self) -> AssociationQuerySet:
        return self.filter(status=Association.Status.APPROVED)


class Association(models.Model):
    class LegalForm(models.TextChoices):
        APS = "aps", _("APS - associazione di promozione sociale")
        ODV = "odv", _("ODV - organizzazione di volontariato")
        OTHER_ETS = "ets", _("altro ente del Terzo settore")
        NON_RECOGNISED = "assoc", _("associazione non iscritta al RUNTS")
        INFORMAL = "informal", _("gruppo informale")

    class Register(models.TextChoices):
        NONE = "", _("nessuno")
        RUNTS = "runts", _("RUNTS")
        REGIONAL = "regional", _("registro regionale")
        MUNICIPAL = "municipal", _("albo comunale")

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("association status", "in attesa")
        APPROVED = "approved", pgettext_lazy("association status", "approvata")
        SUSPENDED = "suspended", pgettext_lazy("association status", "sospesa")
        REJECTED = "rejected", pgettext_lazy("association status", "respinta")

    TRANSITIONS = {
        Status.PENDING: {Status.APPROVED, Status.REJECTED},
        Status.APPROVED: {Status.SUSPENDED},
        Status.SUSPENDED: {Status.APPROVED},
        Status.REJECTED: {Status.PENDING},
    }

    name = models.CharField(_("nome"), max_length=200, validators=[validate_plain_text])
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    acronym = models.CharField(
        _("sigla"), max_length=30, blank=True, validators=[validate_plain_text]
    )
    legal_form = models.CharField(_("forma giuridica"), max_length=16, choices=LegalForm.choices)
    register = models.CharField(
        _("registro"), max_length=16, choices=Register.choices, blank=True, default=""
    )
    register_number = models.CharField(
        _("numero di iscrizione"), max_length=40, blank=True, validators=[validate_plain_text]
    )
    fiscal_code = models.CharField(
        _("codice fiscale"), max_length=16, blank=True, validators=[validate_fiscal_code]
    )
    founded_year = models.PositiveSmallIntegerField(
        _("anno di fondazione"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    communities = models.ManyToManyField(
        Community, verbose_name=_("comunità"), blank=True, related_name="associations"
    )
    countries_of_intervention = CountryField(
        _("paesi di intervento"), multiple=True, blank=True, max_length=400
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("temi"), blank=True, related_name="associations"
    )
    description = models.TextField(_("descrizione"), blank=True, max_length=5000)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefono"), max_length=30, blank=True)
    website = models.URLField(_("sito web"), blank=True)
    address = models.CharField(
        _("indirizzo"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    logo = models.ImageField(_("logo"), upload_to="associations/logos/", blank=True)
    mondinsieme_member_since = models.DateField(
        _("aderente a Mondinsieme dal"), null=True, blank=True
    )
    aics_art26 = models.BooleanField(
        _("iscritta all'elenco AICS (art. 26)"),
        default=False,
        help_text=_("Elenco delle organizzazioni della società civile, legge 125/2014."),
    )
    status = models.CharField(
        _("stato"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    status_changed_at = models.DateTimeField(_("stato aggiornato il"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrata da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)
    updated_at = models.DateTimeField(_("aggiornata il"), auto_now=True)

    objects = AssociationQuerySet.as_manager()

    class Meta:
        verbose_name = _("associazione")
        verbose_name_plural = _("associazioni")
        ordering = ["name"]
        # The directory: approved associations by name.
        indexes = [models.Index(fields=["status", "name"], name="assoc_directory_idx")]
        constraints = [
            models.UniqueConstraint(
                "fiscal_code",
                condition=~Q(fiscal_code=""),
                name="association_fiscal_code_unique",
                violation_error_message=_("Un'associazione con questo codice fiscale esiste già."),
            ),
            models.CheckConstraint(
                condition=Q(fiscal_code="") | Q(fiscal_code__regex=FISCAL_CODE_PATTERN),
                name="association_fiscal_code_format",
            ),
            models.UniqueConstraint(
                Lower("name"),
                name="association_name_ci_unique",
                violation_error_message=_("Un'associazione con questo nome esiste già."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("associations:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.APPROVED


class Membership(models.Model):
    """A user's link to an association. Leaders and legal representatives act for it."""

    class Role(models.TextChoices):
        LEGAL_REPRESENTATIVE = "legal_rep", _("legale rappresentante")
        LEADER = "leader", _("referente")
        MEMBER = "member", _("socio")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("richiesta")
        ACTIVE = "active", _("attiva")
        REJECTED = "rejected", _("respinta")
        ENDED = "ended", _("terminata")

    TRANSITIONS = {
        Status.REQUESTED: {Status.ACTIVE, Status.REJECTED},
        Status.ACTIVE: {Status.ENDED},
        # A rejected person may ask again, or be invited (an invitation is a leader's approval).
        Status.REJECTED: {Status.REQUESTED, Status.ACTIVE},
        Status.ENDED: {Status.REQUESTED, Status.ACTIVE},
    }
    ACTING_ROLES = (Role.LEGAL_REPRESENTATIVE, Role.LEADER)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utente"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    association = models.ForeignKey(
        Association,
        verbose_name=_("associazione"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("ruolo"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("stato"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    message = models.TextField(_("messaggio"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("richiesta il"), auto_now_add=True)

    class Meta:
        verbose_name = _("adesione")
        verbose_name_plural = _("adesioni")
        ordering = ["association__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "association"],
                name="membership_one_per_user_and_association",
                violation_error_message=_(
                    "Fai già parte di questa associazione o hai già chiesto di entrare."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.association} ({self.get_role_display()})"

    @property
    def can_act(self) -> bool:
        return self.status == self.Status.ACTIVE and self.role in self.ACTING_ROLES


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=14)


class Invitation(models.Model):
    """A leader invites someone by e-mail to join their association."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(
        _("ruolo"), max_length=16, choices=Membership.Role.choices, default=Membership.Role.MEMBER
    )
    token = models.CharField(max_length=64, unique=True, default=_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invito")
        verbose_name_plural = _("inviti")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "association",
                condition=Q(accepted_at__isnull=True),
                name="invitation_one_open_per_email",
                violation_error_message=_("Hai già invitato questo indirizzo."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.association}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
