"""City networks: memberships and joining steps, commitments, events, ICC Index self-assessments,
good practices."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mondinsieme.uploads import GeneratedName


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


class NetworkEvent(models.Model):
    class Kind(models.TextChoices):
        COORDINATORS_MEETING = "coordinators_meeting", _("riunione dei coordinatori")
        STUDY_VISIT = "study_visit", _("visita di studio")
        WEBINAR = "webinar", _("webinar")
        THEMATIC_GROUP = "thematic_group", _("gruppo tematico")

    network = models.ForeignKey(
        Network, verbose_name=_("rete"), on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(_("tipo"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("titolo"), max_length=200)
    starts_on = models.DateField(_("data di inizio"))
    ends_on = models.DateField(_("data di fine"), null=True, blank=True)
    place = models.CharField(_("luogo"), max_length=200, blank=True)
    report = models.TextField(
        _("resoconto"), blank=True, help_text=_("Puoi usare il formato Markdown.")
    )
    is_public = models.BooleanField(_("pubblico"), default=False)
    staff_participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("partecipanti del personale"),
        blank=True,
        related_name="network_events",
    )
    associations = models.ManyToManyField(
        "associations.Association",
        verbose_name=_("associazioni partecipanti"),
        blank=True,
        related_name="network_events",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evento di rete")
        verbose_name_plural = _("eventi di rete")
        ordering = ["-starts_on", "-pk"]
        # Public events by date.
        indexes = [
            models.Index(fields=["is_public", "starts_on"], name="netevent_public_start_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="networks_event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("networks:event-detail", args=[self.pk])


class FollowUpAction(models.Model):
    """Something decided at an event that the city should do; it may become a commitment."""

    event = models.ForeignKey(
        NetworkEvent, verbose_name=_("evento"), on_delete=models.CASCADE, related_name="followups"
    )
    text = models.CharField(_("azione"), max_length=300)
    commitment = models.OneToOneField(
        "Commitment",
        verbose_name=_("impegno"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followup",
    )

    class Meta:
        verbose_name = _("azione da seguire")
        verbose_name_plural = _("azioni da seguire")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text


class CommitmentQuerySet(models.QuerySet):
    def open(self) -> CommitmentQuerySet:
        return self.filter(status__in=Commitment.OPEN_STATUSES)

    def overdue(self, today: date | None = None) -> CommitmentQuerySet:
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Commitment(models.Model):
    """An action the city has committed to in a network's action plan."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("da avviare")
        IN_PROGRESS = "in_progress", _("in corso")
        COMPLETED = "completed", _("completato")
        CANCELLED = "cancelled", _("annullato")

    TRANSITIONS = {
        Status.PLANNED: {Status.IN_PROGRESS, Status.COMPLETED, Status.CANCELLED},
        Status.IN_PROGRESS: {Status.COMPLETED, Status.CANCELLED},
        Status.COMPLETED: {Status.IN_PROGRESS},
        Status.CANCELLED: {Status.PLANNED},
    }
    OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)

    network = models.ForeignKey(
        Network, verbose_name=_("rete"), on_delete=models.PROTECT, related_name="commitments"
    )
    title = models.CharField(_("titolo"), max_length=200)
    description = models.TextField(_("descrizione"), blank=True)
    area = models.ForeignKey(
        PolicyArea,
        verbose_name=_("area ICC"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsabile"),
        on_delete=models.PROTECT,
        related_name="network_commitments",
    )
    due_date = models.DateField(_("scadenza"))
    status = models.CharField(
        _("stato"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    status_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    completed_on = models.DateField(_("completato il"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("impegno")
        verbose_name_plural = _("impegni")
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("networks:commitment-detail", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        return self.status in self.OPEN_STATUSES and self.due_date < timezone.localdate()


class CommitmentEvidence(models.Model):
    """Proof that a commitment moved: a link or a file."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("impegno"), on_delete=models.CASCADE, related_name="evidence"
    )
    description = models.CharField(_("descrizione"), max_length=200)
    link = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to=GeneratedName("networks/evidence"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("prova")
        verbose_name_plural = _("prove")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(link="") | ~Q(file=""), name="networks_evidence_link_or_file"
            )
        ]

    def __str__(self) -> str:
        return self.description


class ProgressNote(models.Model):
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("impegno"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("autore"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("nota"))
    created_at = models.DateTimeField(_("data"), auto_now_add=True)

    class Meta:
        verbose_name = _("nota di avanzamento")
        verbose_name_plural = _("note di avanzamento")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


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
