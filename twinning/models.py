"""Twinning files: the path from a proposal to a signed, active and renewed agreement."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from associations.models import Association, City, Community
from mondinsieme.uploads import GeneratedName, validate_document
from mondinsieme.validators import validate_plain_text

from . import calendar


class TwinningFileQuerySet(models.QuerySet):
    def public(self) -> TwinningFileQuerySet:
        return self.filter(is_public=True, status__in=TwinningFile.PUBLIC_STATUSES)

    def in_progress(self) -> TwinningFileQuerySet:
        return self.filter(status__in=TwinningFile.IN_PROGRESS_STATUSES)


class TwinningFile(models.Model):
    """The file (pratica) that formalises a twinning or pact with a partner city."""

    class Kind(models.TextChoices):
        TWINNING = "twinning", _("gemellaggio")
        FRIENDSHIP = "friendship", _("patto di amicizia")
        SOLIDARITY = "solidarity", _("patto di solidarietà")
        PARTNERSHIP = "partnership", _("accordo di partenariato")
        INTENT = "intent", _("dichiarazione d'intenti")

    class Status(models.TextChoices):
        PROPOSED = "proposed", pgettext_lazy("twinning status", "proposta")
        ASSESSMENT = "assessment", pgettext_lazy("twinning status", "in valutazione")
        NEGOTIATION = "negotiation", pgettext_lazy("twinning status", "in negoziazione")
        COUNCIL_RESOLUTION = (
            "council_resolution",
            pgettext_lazy("twinning status", "approvata dal Consiglio comunale"),
        )
        SIGNED_REGGIO = "signed_reggio", pgettext_lazy("twinning status", "firmata dal Comune")
        COUNTERSIGNED = "countersigned", pgettext_lazy("twinning status", "controfirmata")
        ACTIVE = "active", pgettext_lazy("twinning status", "attiva")
        RENEWAL_DUE = "renewal_due", pgettext_lazy("twinning status", "da rinnovare")
        RENEWED = "renewed", pgettext_lazy("twinning status", "rinnovata")
        EXPIRED = "expired", pgettext_lazy("twinning status", "scaduta")
        REVOKED = "revoked", pgettext_lazy("twinning status", "revocata")
        ON_HOLD = "on_hold", pgettext_lazy("twinning status", "sospesa")
        REJECTED = "rejected", pgettext_lazy("twinning status", "respinta")

    TRANSITIONS = {
        Status.PROPOSED: {Status.ASSESSMENT, Status.ON_HOLD, Status.REJECTED},
        Status.ASSESSMENT: {Status.NEGOTIATION, Status.ON_HOLD, Status.REJECTED},
        Status.NEGOTIATION: {Status.COUNCIL_RESOLUTION, Status.ON_HOLD, Status.REJECTED},
        Status.ON_HOLD: {Status.PROPOSED, Status.ASSESSMENT, Status.NEGOTIATION, Status.REJECTED},
        Status.COUNCIL_RESOLUTION: {Status.SIGNED_REGGIO},
        Status.SIGNED_REGGIO: {Status.COUNTERSIGNED},
        Status.COUNTERSIGNED: {Status.ACTIVE},
        Status.ACTIVE: {Status.RENEWAL_DUE, Status.REVOKED},
        Status.RENEWAL_DUE: {Status.RENEWED, Status.EXPIRED, Status.REVOKED},
        Status.RENEWED: {Status.RENEWAL_DUE, Status.REVOKED},
        Status.REJECTED: set(),
        Status.EXPIRED: set(),
        Status.REVOKED: set(),
    }
    # The agreement is in force: the public sees it and reminders run.
    IN_FORCE_STATUSES = (Status.ACTIVE, Status.RENEWAL_DUE, Status.RENEWED)
    PUBLIC_STATUSES = (*IN_FORCE_STATUSES, Status.EXPIRED)
    IN_PROGRESS_STATUSES = (
        Status.PROPOSED,
        Status.ASSESSMENT,
        Status.NEGOTIATION,
        Status.COUNCIL_RESOLUTION,
        Status.SIGNED_REGGIO,
        Status.COUNTERSIGNED,
    )

    partner_city = models.ForeignKey(
        City, verbose_name=_("città partner"), on_delete=models.PROTECT, related_name="twinnings"
    )
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    kind = models.CharField(
        _("tipo di accordo"), max_length=16, choices=Kind.choices, default=Kind.TWINNING
    )
    communities = models.ManyToManyField(
        Community,
        verbose_name=_("comunità che legano le due città"),
        blank=True,
        related_name="twinnings",
    )
    proposing_associations = models.ManyToManyField(
        Association,
        verbose_name=_("associazioni proponenti"),
        blank=True,
        related_name="twinning_proposals",
    )
    rationale = models.TextField(_("motivazione"), blank=True, max_length=5000)
    objectives = models.TextField(_("obiettivi"), blank=True, max_length=5000)
    partner_contacts = models.TextField(
        _("contatti nella città partner"),
        blank=True,
        max_length=3000,
        help_text=_("Uso interno: non compare mai nelle pagine pubbliche."),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsabile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="twinning_files",
        limit_choices_to={"is_staff": True},
    )
    internal_notes = models.TextField(
        _("note interne"), blank=True, max_length=5000, help_text=_("Visibili solo allo staff.")
    )
    is_public = models.BooleanField(
        _("pubblica"),
        default=True,
        help_text=_("Mostra l'accordo nelle pagine pubbliche quando è in vigore o scaduto."),
    )
    public_summary = models.TextField(
        _("sintesi pubblica"), blank=True, max_length=3000, validators=[validate_plain_text]
    )
    since_year = models.PositiveSmallIntegerField(
        _("in vigore dall'anno"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("Per gli accordi storici senza date complete."),
    )
    status = models.CharField(
        _("stato"), max_length=20, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    status_changed_at = models.DateTimeField(_("stato aggiornato il"), null=True, blank=True)

    # Council resolution (delibera del Consiglio comunale).
    resolution_number = models.CharField(
        _("numero della delibera"), max_length=40, blank=True, validators=[validate_plain_text]
    )
    resolution_date = models.DateField(_("data della delibera"), null=True, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("voti favorevoli"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("voti contrari"), null=True, blank=True)
    votes_abstained = models.PositiveSmallIntegerField(_("astenuti"), null=True, blank=True)
    resolution_text = models.TextField(_("testo approvato"), blank=True, max_length=20000)

    # Notice of the draft to Regione, Presidency of the Council (DAR) and Foreign Ministry.
    notice_regione_on = models.DateField(_("notifica alla Regione il"), null=True, blank=True)
    notice_dar_on = models.DateField(
        _("notifica alla Presidenza del Consiglio (DAR) il"), null=True, blank=True
    )
    notice_maeci_on = models.DateField(
        _("notifica al Ministero degli Esteri il"), null=True, blank=True
    )

    # First signature, countersignature and term.
    signed_on = models.DateField(_("firmato il"), null=True, blank=True)
    signed_place = models.CharField(
        _("luogo della firma"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    signed_document = models.FileField(
        _("documento firmato"),
        upload_to=GeneratedName("twinning/signed"),
        blank=True,
        validators=[validate_document],
    )
    countersigned_on = models.DateField(_("controfirmato il"), null=True, blank=True)
    countersigned_place = models.CharField(
        _("luogo della controfirma"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    term_years = models.PositiveSmallIntegerField(
        _("durata (anni)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    starts_on = models.DateField(_("in vigore dal"), null=True, blank=True)
    expires_on = models.DateField(_("scade il"), null=True, blank=True)

    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)
    updated_at = models.DateTimeField(_("aggiornata il"), auto_now=True)

    objects = TwinningFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("pratica di gemellaggio")
        verbose_name_plural = _("pratiche di gemellaggio")
        ordering = ["partner_city__name"]
        # Public agreements by status.
        indexes = [models.Index(fields=["is_public", "status"], name="twinning_public_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(expires_on__gt=F("starts_on")),
                name="twinning_expiry_after_start",
                violation_error_message=_("La scadenza deve venire dopo l'inizio."),
            ),
            models.CheckConstraint(
                condition=Q(countersigned_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(countersigned_on__gte=F("signed_on")),
                name="twinning_countersigned_after_signed",
                violation_error_message=_("La controfirma non può precedere la firma."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.partner_city.name}"

    def get_absolute_url(self) -> str:
        return reverse("twinning:detail", kwargs={"slug": self.slug})

    @property
    def notice_date(self) -> date | None:
        """The day the last of the three offices was notified (None until all three are)."""
        dates = (self.notice_regione_on, self.notice_dar_on, self.notice_maeci_on)
        return None if None in dates else max(dates)

    @property
    def earliest_signing_date(self) -> date | None:
        notice = self.notice_date
        return calendar.earliest_signing_date(notice) if notice else None

    @property
    def silent_assent_date(self) -> date | None:
        notice = self.notice_date
        if notice is None:
            return None
        return calendar.silent_assent_date(notice, subdivision=calendar.host_subdivision())

    @property
    def since(self) -> int | None:
        """The year the agreement took effect, for the public list."""
        for day in (self.starts_on, self.countersigned_on, self.signed_on):
            if day:
                return day.year
        return self.since_year

    @property
    def is_in_force(self) -> bool:
        return self.status in self.IN_FORCE_STATUSES


class Criterion(models.Model):
    """A weighted criterion for comparing candidate cities (data, editable by staff)."""

    name = models.CharField(_("nome"), max_length=120, unique=True)
    description = models.TextField(_("descrizione"), blank=True, max_length=2000)
    weight = models.PositiveSmallIntegerField(
        _("peso"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    order = models.PositiveSmallIntegerField(_("ordine"), default=0)
    is_active = models.BooleanField(_("in uso"), default=True)

    class Meta:
        verbose_name = _("criterio di valutazione")
        verbose_name_plural = _("criteri di valutazione")
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=1) & Q(weight__lte=10),
                name="twinning_criterion_weight_range",
                violation_error_message=_("Il peso va da 1 a 10."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CandidateAssessment(models.Model):
    """A candidate city weighed for a twinning file."""

    file = models.ForeignKey(
        TwinningFile,
        verbose_name=_("pratica"),
        on_delete=models.CASCADE,
        related_name="candidates",
    )
    city = models.ForeignKey(
        City, verbose_name=_("città candidata"), on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("note"), blank=True, max_length=3000)

    class Meta:
        verbose_name = _("città candidata")
        verbose_name_plural = _("città candidate")
        ordering = ["city__name"]
        constraints = [
            models.UniqueConstraint(
                "file",
                "city",
                name="twinning_candidate_unique",
                violation_error_message=_("Questa città è già tra le candidate della pratica."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.city)


class Score(models.Model):
    """The score (0–5) of one candidate on one criterion, with its justification."""

    assessment = models.ForeignKey(
        CandidateAssessment,
        verbose_name=_("città candidata"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterio"), on_delete=models.PROTECT, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(
        _("punteggio"), validators=[MinValueValidator(0), MaxValueValidator(5)]
    )
    justification = models.TextField(_("motivazione"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("punteggio")
        verbose_name_plural = _("punteggi")
        ordering = ["criterion__order", "criterion__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0) & Q(value__lte=5),
                name="twinning_score_range",
                violation_error_message=_("Il punteggio va da 0 a 5."),
            ),
            models.UniqueConstraint(
                "assessment",
                "criterion",
                name="twinning_score_unique",
                violation_error_message=_("Questo criterio ha già un punteggio."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class TwinningDocument(models.Model):
    """A document of the file: texts, resolution, signed copies, photos."""

    class Kind(models.TextChoices):
        AGREEMENT = "agreement", _("testo dell'accordo")
        RESOLUTION = "resolution", _("delibera")
        SIGNED_COPY = "signed_copy", _("copia firmata")
        PHOTO = "photo", _("foto")
        REPORT = "report", _("relazione")
        OTHER = "other", _("altro")

    file = models.ForeignKey(
        TwinningFile, verbose_name=_("pratica"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("titolo"), max_length=200, validators=[validate_plain_text])
    language = models.CharField(
        _("lingua"),
        max_length=8,
        default="it",
        help_text=_("Codice della lingua, per esempio it, en, bs, ar."),
    )
    document = models.FileField(
        _("file"), upload_to=GeneratedName("twinning/documents"), validators=[validate_document]
    )
    is_public = models.BooleanField(_("pubblico"), default=False)
    uploaded_at = models.DateTimeField(_("caricato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("documento")
        verbose_name_plural = _("documenti")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("twinning:document", kwargs={"pk": self.pk})

    @property
    def download_name(self) -> str:
        from pathlib import Path

        from django.utils.text import slugify

        return f"{slugify(self.title) or 'documento'}{Path(self.document.name).suffix}"


class Activity(models.Model):
    """Something done together after signing: a visit, an event, a school exchange, a project."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("visita")
        EVENT = "event", _("evento")
        SCHOOL_EXCHANGE = "school", _("scambio scolastico")
        JOINT_PROJECT = "project", _("progetto comune")
        OTHER = "other", _("altro")

    file = models.ForeignKey(
        TwinningFile, verbose_name=_("pratica"), on_delete=models.CASCADE, related_name="activities"
    )
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("titolo"), max_length=200, validators=[validate_plain_text])
    starts_on = models.DateField(_("dal"))
    ends_on = models.DateField(_("al"), null=True, blank=True)
    report = models.TextField(_("breve relazione"), blank=True, max_length=5000)
    funding_proposal = models.ForeignKey(
        "funding.Proposal",
        verbose_name=_("proposta di finanziamento"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="twinning_activities",
        help_text=_("La proposta di finanziamento che sostiene l'attività, se c'è."),
    )
    is_public = models.BooleanField(_("pubblica"), default=True)

    class Meta:
        verbose_name = _("attività")
        verbose_name_plural = _("attività")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="twinning_activity_end_after_start",
                violation_error_message=_("La fine non può precedere l'inizio."),
            ),
        ]

    def __str__(self) -> str:
        return self.title
