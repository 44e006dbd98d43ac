"""The action plan (commitments with evidence and progress notes) and the network events whose
follow-up actions become commitments."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mondinsieme.uploads import GeneratedName

from .index import PolicyArea
from .memberships import Network


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
