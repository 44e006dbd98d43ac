"""Funders, their calls with evaluation criteria, proposals by associations and their reviews.

Criteria, weights, pass marks and grant limits are data: a new call never needs new code.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from associations.models import Association, City, Theme
from mondinsieme.uploads import GeneratedName
from mondinsieme.validators import validate_plain_text

MONEY = {"max_digits": 12, "decimal_places": 2}


class Funder(models.Model):
    """Who pays: the EU, AICS, a ministry, the Region, a foundation."""

    class Kind(models.TextChoices):
        EU = "eu", _("Unione europea")
        AICS = "aics", _("AICS")
        MINISTRY = "ministry", _("ministero")
        REGION = "region", _("Regione")
        FOUNDATION = "foundation", _("fondazione")
        OTHER = "other", _("altro")

    name = models.CharField(_("nome"), max_length=200, validators=[validate_plain_text])
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind.choices)
    website = models.URLField(_("sito web"), blank=True)

    class Meta:
        verbose_name = _("finanziatore")
        verbose_name_plural = _("finanziatori")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CallQuerySet(models.QuerySet):
    def open(self) -> CallQuerySet:
        return self.filter(status=Call.Status.OPEN)

    def public(self) -> CallQuerySet:
        return self.filter(status__in=[Call.Status.OPEN, Call.Status.CLOSED])


class Call(models.Model):
    """A call for proposals, with its grant limits, eligibility rules and criteria."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("call status", "bozza")
        OPEN = "open", pgettext_lazy("call status", "aperto")
        CLOSED = "closed", pgettext_lazy("call status", "chiuso")
        ARCHIVED = "archived", pgettext_lazy("call status", "archiviato")

    TRANSITIONS = {
        Status.DRAFT: {Status.OPEN},
        Status.OPEN: {Status.CLOSED},
        Status.CLOSED: {Status.ARCHIVED, Status.OPEN},
        Status.ARCHIVED: set(),
    }

    funder = models.ForeignKey(
        Funder, verbose_name=_("finanziatore"), on_delete=models.PROTECT, related_name="calls"
    )
    title = models.CharField(_("titolo"), max_length=250, validators=[validate_plain_text])
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    reference = models.CharField(_("riferimento"), max_length=100, blank=True)
    link = models.URLField(_("link al bando"), blank=True)
    summary = models.TextField(_("sintesi"), max_length=5000, blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("temi"), blank=True, related_name="+")
    applicant_types = models.JSONField(
        _("tipi di proponente ammessi"),
        default=list,
        blank=True,
        help_text=_("Forme giuridiche ammesse; vuoto: tutte."),
    )
    eligible_countries = CountryField(
        _("paesi ammessi"),
        multiple=True,
        blank=True,
        max_length=800,
        help_text=_("Paesi di intervento ammessi; vuoto: tutti."),
    )
    opens_at = models.DateTimeField(_("apertura"))
    deadline = models.DateTimeField(_("scadenza"), db_index=True)
    total_budget = models.DecimalField(_("dotazione totale (€)"), null=True, blank=True, **MONEY)
    grant_min = models.DecimalField(_("contributo minimo (€)"), default=0, **MONEY)
    grant_max = models.DecimalField(_("contributo massimo (€)"), **MONEY)
    funding_rate = models.DecimalField(
        _("quota massima finanziata (%)"),
        max_digits=5,
        decimal_places=2,
        default=100,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Il resto del budget è il cofinanziamento che il proponente deve portare."),
    )
    duration_min_months = models.PositiveSmallIntegerField(_("durata minima (mesi)"), default=1)
    duration_max_months = models.PositiveSmallIntegerField(_("durata massima (mesi)"), default=36)
    requires_art26 = models.BooleanField(_("richiede l'iscrizione AICS art. 26"), default=False)
    required_documents = models.TextField(_("documenti richiesti"), blank=True, max_length=3000)
    total_pass_mark = models.DecimalField(
        _("soglia minima del punteggio totale"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Punteggio pesato minimo per superare la valutazione; vuoto: nessuna."),
    )
    status = models.CharField(
        _("stato"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("bando")
        verbose_name_plural = _("bandi")
        ordering = ["deadline"]
        # Open calls by deadline (list, feed, home page).
        indexes = [models.Index(fields=["status", "deadline"], name="call_status_deadline_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(grant_min__gte=0) & Q(grant_max__gte=F("grant_min")),
                name="call_grant_range",
                violation_error_message=_("Il contributo massimo deve essere almeno il minimo."),
            ),
            models.CheckConstraint(
                condition=Q(deadline__gt=F("opens_at")),
                name="call_deadline_after_opening",
                violation_error_message=_("La scadenza deve venire dopo l'apertura."),
            ),
            models.CheckConstraint(
                condition=Q(funding_rate__gte=0) & Q(funding_rate__lte=100),
                name="call_funding_rate_percent",
            ),
            models.CheckConstraint(
                condition=Q(duration_max_months__gte=F("duration_min_months")),
                name="call_duration_range",
                violation_error_message=_("La durata massima deve essere almeno la minima."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:call-detail", kwargs={"slug": self.slug})

    @property
    def is_past_deadline(self) -> bool:
        return timezone.now() >= self.deadline

    @property
    def max_weighted_total(self) -> Decimal:
        """The best weighted score (uses prefetched criteria when present)."""
        return sum((c.max_points * c.weight for c in self.criteria.all()), Decimal(0))


class Criterion(models.Model):
    """One line of a call's evaluation grid."""

    call = models.ForeignKey(
        Call, verbose_name=_("bando"), on_delete=models.CASCADE, related_name="criteria"
    )
    name = models.CharField(_("nome"), max_length=200, validators=[validate_plain_text])
    description = models.TextField(_("descrizione"), blank=True, max_length=2000)
    max_points = models.PositiveSmallIntegerField(
        _("punteggio massimo"), validators=[MinValueValidator(1)]
    )
    weight = models.DecimalField(
        _("peso"), max_digits=5, decimal_places=2, default=1, validators=[MinValueValidator(0)]
    )
    pass_mark = models.DecimalField(
        _("soglia minima"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Punteggio medio minimo su questo criterio; vuoto: nessuna."),
    )
    order = models.PositiveSmallIntegerField(_("ordine"), default=0)

    class Meta:
        verbose_name = _("criterio")
        verbose_name_plural = _("criteri")
        ordering = ["call", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="criterion_unique_per_call"),
            models.CheckConstraint(condition=Q(max_points__gte=1), name="criterion_max_positive"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="criterion_weight_positive"),
            models.CheckConstraint(
                condition=Q(pass_mark__isnull=True)
                | (Q(pass_mark__gte=0) & Q(pass_mark__lte=F("max_points"))),
                name="criterion_pass_mark_in_range",
                violation_error_message=_("La soglia deve stare tra 0 e il punteggio massimo."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Proposal(models.Model):
    """A project that an association proposes for funding, and where it is in the pipeline."""

    class Status(models.TextChoices):
        IDEA = "idea", pgettext_lazy("proposal status", "idea")
        SCREENING = "screening", pgettext_lazy("proposal status", "in prima verifica")
        INFO_REQUESTED = (
            "info_requested",
            pgettext_lazy("proposal status", "informazioni richieste"),
        )
        CONCEPT_NOTE = "concept_note", pgettext_lazy("proposal status", "concept note")
        FULL_PROPOSAL = "full_proposal", pgettext_lazy("proposal status", "proposta completa")
        INTERNAL_EVALUATION = (
            "internal_evaluation",
            pgettext_lazy("proposal status", "valutazione interna"),
        )
        SUBMITTED = "submitted", pgettext_lazy("proposal status", "presentata al finanziatore")
        AWARDED = "awarded", pgettext_lazy("proposal status", "finanziata")
        REJECTED = "rejected", pgettext_lazy("proposal status", "non finanziata")
        WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "ritirata")

    # Stages from which staff may ask the leaders for more information.
    QUESTION_STAGES = (
        Status.SCREENING,
        Status.CONCEPT_NOTE,
        Status.FULL_PROPOSAL,
        Status.INTERNAL_EVALUATION,
    )
    TRANSITIONS = {
        Status.IDEA: {Status.SCREENING, Status.WITHDRAWN},
        Status.SCREENING: {
            Status.CONCEPT_NOTE,
            Status.INFO_REQUESTED,
            Status.REJECTED,
            Status.WITHDRAWN,
        },
        Status.CONCEPT_NOTE: {
            Status.FULL_PROPOSAL,
            Status.INFO_REQUESTED,
            Status.REJECTED,
            Status.WITHDRAWN,
        },
        Status.FULL_PROPOSAL: {
            Status.INTERNAL_EVALUATION,
            Status.INFO_REQUESTED,
            Status.REJECTED,
            Status.WITHDRAWN,
        },
        Status.INTERNAL_EVALUATION: {
            Status.SUBMITTED,
            Status.INFO_REQUESTED,
            Status.REJECTED,
            Status.WITHDRAWN,
        },
        Status.INFO_REQUESTED: {*QUESTION_STAGES, Status.WITHDRAWN},
        Status.SUBMITTED: {Status.AWARDED, Status.REJECTED, Status.WITHDRAWN},
        Status.AWARDED: set(),
        Status.REJECTED: set(),
        Status.WITHDRAWN: set(),
    }
    # While the proposal is in one of these, it is with the leaders: they write, staff wait.
    WITH_LEADERS = (Status.IDEA, Status.CONCEPT_NOTE, Status.FULL_PROPOSAL, Status.INFO_REQUESTED)
    FINAL = (Status.AWARDED, Status.REJECTED, Status.WITHDRAWN)
    BOARD_COLUMNS = (
        Status.IDEA,
        Status.SCREENING,
        Status.INFO_REQUESTED,
        Status.CONCEPT_NOTE,
        Status.FULL_PROPOSAL,
        Status.INTERNAL_EVALUATION,
        Status.SUBMITTED,
        Status.AWARDED,
        Status.REJECTED,
        Status.WITHDRAWN,
    )

    association = models.ForeignKey(
        Association,
        verbose_name=_("associazione capofila"),
        on_delete=models.PROTECT,
        related_name="funding_proposals",
    )
    call = models.ForeignKey(
        Call,
        verbose_name=_("bando"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        help_text=_("Facoltativo finché il progetto è un'idea."),
    )
    title = models.CharField(_("titolo"), max_length=250, validators=[validate_plain_text])
    summary = models.TextField(_("sintesi"), max_length=3000)
    objectives = models.TextField(_("obiettivi"), max_length=5000, blank=True)
    partner_associations = models.ManyToManyField(
        Association,
        verbose_name=_("associazioni partner"),
        blank=True,
        related_name="funding_partnerships",
    )
    partner_cities = models.ManyToManyField(
        City,
        verbose_name=_("città partner"),
        blank=True,
        related_name="funding_partnerships",
        help_text=_("Comuni partner, a Reggio Emilia e all'estero."),
    )
    other_partners = models.TextField(
        _("altri partner"), max_length=2000, blank=True, help_text=_("Uno per riga.")
    )
    countries = CountryField(_("paesi di intervento"), multiple=True, blank=True, max_length=400)
    cities = models.ManyToManyField(
        City, verbose_name=_("città di intervento"), blank=True, related_name="funding_proposals"
    )
    budget = models.DecimalField(_("budget totale (€)"), default=0, **MONEY)
    requested_amount = models.DecimalField(_("contributo richiesto (€)"), default=0, **MONEY)
    cofinancing = models.DecimalField(_("cofinanziamento (€)"), default=0, **MONEY)
    awarded_amount = models.DecimalField(
        _("contributo assegnato (€)"), null=True, blank=True, **MONEY
    )
    duration_months = models.PositiveSmallIntegerField(
        _("durata (mesi)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("stato"), max_length=24, choices=Status.choices, default=Status.IDEA, db_index=True
    )
    status_changed_at = models.DateTimeField(_("stato aggiornato il"), default=timezone.now)
    # Where the proposal goes back to when the leaders answer the staff's questions.
    returns_to = models.CharField(max_length=24, choices=Status.choices, blank=True)
    questions = models.TextField(_("domande del personale"), blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)
    updated_at = models.DateTimeField(_("aggiornata il"), auto_now=True)

    class Meta:
        verbose_name = _("proposta di progetto")
        verbose_name_plural = _("proposte di progetto")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__gte=0) & Q(requested_amount__gte=0) & Q(cofinancing__gte=0),
                name="proposal_amounts_not_negative",
                violation_error_message=_("Gli importi non possono essere negativi."),
            ),
            models.CheckConstraint(
                condition=Q(requested_amount__lte=F("budget")),
                name="proposal_requested_within_budget",
                violation_error_message=_(
                    "Il contributo richiesto non può superare il budget totale."
                ),
            ),
            models.CheckConstraint(
                condition=Q(cofinancing__lte=F("budget") - F("requested_amount")),
                name="proposal_cofinancing_within_budget",
                violation_error_message=_(
                    "Contributo richiesto e cofinanziamento insieme non possono superare il "
                    "budget totale."
                ),
            ),
            models.CheckConstraint(
                condition=Q(awarded_amount__isnull=True) | Q(awarded_amount__gte=0),
                name="proposal_awarded_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("funding:proposal-detail", kwargs={"pk": self.pk})

    @property
    def is_with_leaders(self) -> bool:
        return self.status in self.WITH_LEADERS

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL

    def days_in_stage(self, now=None) -> int:
        return ((now or timezone.now()) - self.status_changed_at).days


class ProposalAttachment(models.Model):
    """A document attached to a proposal; served only to its leaders and staff."""

    class Kind(models.TextChoices):
        CONCEPT_NOTE = "concept_note", _("concept note")
        FULL_PROPOSAL = "full_proposal", _("proposta completa")
        BUDGET = "budget", _("budget")
        PARTNERSHIP = "partnership", _("lettera di partenariato")
        OTHER = "other", _("altro")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("tipo"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(_("file"), upload_to=GeneratedName("funding/attachments"))
    original_name = models.CharField(_("nome del file"), max_length=200)
    size = models.PositiveIntegerField(_("dimensione"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("caricato il"), auto_now_add=True)

    class Meta:
        verbose_name = _("allegato")
        verbose_name_plural = _("allegati")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("funding:attachment-download", kwargs={"pk": self.pk})


class Review(models.Model):
    """One reviewer's evaluation of one proposal against its call's criteria."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", pgettext_lazy("review status", "assegnata")
        SCORING = "scoring", pgettext_lazy("review status", "in corso")
        CONFLICT = "conflict", pgettext_lazy("review status", "conflitto di interessi")
        SUBMITTED = "submitted", pgettext_lazy("review status", "inviata")

    TRANSITIONS = {
        Status.ASSIGNED: {Status.SCORING, Status.CONFLICT},
        Status.SCORING: {Status.SUBMITTED},
        Status.CONFLICT: set(),
        Status.SUBMITTED: set(),
    }
    OPEN = (Status.ASSIGNED, Status.SCORING)

    class Recommendation(models.TextChoices):
        FUND = "fund", _("da finanziare")
        REVISE = "revise", _("da finanziare con modifiche")
        REJECT = "reject", _("da non finanziare")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revisore"),
        on_delete=models.PROTECT,
        related_name="funding_reviews",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_date = models.DateField(_("da completare entro"))
    status = models.CharField(
        _("stato"), max_length=16, choices=Status.choices, default=Status.ASSIGNED
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    conflict_note = models.TextField(_("conflitto di interessi"), blank=True, max_length=2000)
    recommendation = models.CharField(
        _("raccomandazione"), max_length=16, choices=Recommendation.choices, blank=True
    )
    comments = models.TextField(_("commento generale"), blank=True, max_length=5000)
    submitted_at = models.DateTimeField(_("inviata il"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("valutazione")
        verbose_name_plural = _("valutazioni")
        ordering = ["proposal", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "reviewer"],
                name="review_one_per_reviewer",
                violation_error_message=_("Questa persona valuta già la proposta."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} — {self.reviewer}"

    def get_absolute_url(self) -> str:
        return reverse("funding:review-detail", kwargs={"pk": self.pk})


class Score(models.Model):
    """Points given on one criterion; ``max_points`` is copied so the database checks the range."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    points = models.DecimalField(_("punti"), max_digits=6, decimal_places=2)
    max_points = models.PositiveSmallIntegerField(editable=False)
    comment = models.TextField(_("commento"), blank=True, max_length=3000)

    class Meta:
        verbose_name = _("punteggio")
        verbose_name_plural = _("punteggi")
        ordering = ["criterion__order", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_one_per_criterion"),
            models.CheckConstraint(
                condition=Q(points__gte=0) & Q(points__lte=F("max_points")),
                name="score_within_criterion_range",
                violation_error_message=_("Il punteggio è fuori dall'intervallo del criterio."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"

    def save(self, *args, **kwargs):
        self.max_points = self.criterion.max_points
        super().save(*args, **kwargs)
