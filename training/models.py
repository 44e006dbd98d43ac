"""Training: courses with sessions, enrolments with a waiting list, attendance, certificates."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from associations.models import Association
from mondinsieme.validators import validate_plain_text


class Path(models.Model):
    """A training path: an ordered set of courses."""

    title = models.CharField(_("titolo"), max_length=200, validators=[validate_plain_text])
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.TextField(_("sintesi"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("percorso")
        verbose_name_plural = _("percorsi")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class CourseQuerySet(models.QuerySet):
    def public(self) -> CourseQuerySet:
        return self.filter(status__in=Course.PUBLIC_STATUSES)


class Course(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("course status", "bozza")
        PUBLISHED = "published", pgettext_lazy("course status", "pubblicato")
        CLOSED = "closed", pgettext_lazy("course status", "concluso")
        ARCHIVED = "archived", pgettext_lazy("course status", "archiviato")

    class Modality(models.TextChoices):
        PRESENCE = "presence", _("in presenza")
        ONLINE = "online", _("online")
        BLENDED = "blended", _("mista")

    class Language(models.TextChoices):
        IT = "it", _("italiano")
        EN = "en", _("inglese")
        FR = "fr", _("francese")

    TRANSITIONS = {
        Status.DRAFT: {Status.PUBLISHED},
        Status.PUBLISHED: {Status.CLOSED, Status.DRAFT},
        Status.CLOSED: {Status.ARCHIVED},
        Status.ARCHIVED: set(),
    }
    PUBLIC_STATUSES = (Status.PUBLISHED, Status.CLOSED)

    path = models.ForeignKey(
        Path,
        verbose_name=_("percorso"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )
    position = models.PositiveSmallIntegerField(_("posizione nel percorso"), default=0)
    title = models.CharField(_("titolo"), max_length=200, validators=[validate_plain_text])
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    summary = models.CharField(_("sintesi"), max_length=300, validators=[validate_plain_text])
    description = models.TextField(
        _("descrizione"), blank=True, max_length=10000, help_text=_("Puoi usare Markdown.")
    )
    objectives = models.TextField(_("obiettivi"), blank=True, max_length=3000)
    audience = models.CharField(_("a chi si rivolge"), max_length=300, blank=True)
    language = models.CharField(
        _("lingua"), max_length=8, choices=Language.choices, default=Language.IT
    )
    modality = models.CharField(
        _("modalità"), max_length=16, choices=Modality.choices, default=Modality.PRESENCE
    )
    place = models.CharField(_("luogo"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("posti"), validators=[MinValueValidator(1)])
    enrolment_opens_at = models.DateTimeField(_("iscrizioni aperte dal"), null=True, blank=True)
    enrolment_closes_at = models.DateTimeField(_("iscrizioni aperte fino al"))
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("presenza minima per l'attestato (%)"),
        default=75,
        validators=[MaxValueValidator(100)],
    )
    hours = models.DecimalField(_("ore"), max_digits=5, decimal_places=1, default=0)
    trainers = models.CharField(_("docenti"), max_length=300, blank=True)
    status = models.CharField(
        _("stato"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    status_changed_at = models.DateTimeField(_("stato aggiornato il"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("corso")
        verbose_name_plural = _("corsi")
        ordering = ["path__title", "position", "title"]
        # Public lists and the home page's latest courses.
        indexes = [models.Index(fields=["status", "created_at"], name="course_status_created_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="course_capacity_positive"),
            models.CheckConstraint(
                condition=Q(min_attendance_percent__lte=100), name="course_min_attendance_range"
            ),
            models.CheckConstraint(
                condition=Q(enrolment_opens_at__isnull=True)
                | Q(enrolment_closes_at__gt=models.F("enrolment_opens_at")),
                name="course_enrolment_window_order",
                violation_error_message=_(
                    "La chiusura delle iscrizioni deve venire dopo l'apertura."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:course-detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    def enrolment_open(self, now=None) -> bool:
        """Published and inside its enrolment window."""
        now = now or timezone.now()
        if self.status != self.Status.PUBLISHED:
            return False
        if self.enrolment_opens_at and now < self.enrolment_opens_at:
            return False
        return now < self.enrolment_closes_at


class Session(models.Model):
    """One meeting of a course."""

    course = models.ForeignKey(
        Course, verbose_name=_("corso"), on_delete=models.CASCADE, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("inizio"))
    ends_at = models.DateTimeField(_("fine"))
    topic = models.CharField(_("argomento"), max_length=200, validators=[validate_plain_text])
    place = models.CharField(_("luogo"), max_length=200, blank=True)
    link = models.URLField(_("link per il collegamento"), blank=True)

    class Meta:
        verbose_name = _("incontro")
        verbose_name_plural = _("incontri")
        ordering = ["starts_at"]
        # A course's sessions in order; the course list's first session.
        indexes = [models.Index(fields=["course", "starts_at"], name="session_course_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("La fine dell'incontro deve venire dopo l'inizio."),
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.course} — {local:%d/%m/%Y %H:%M} — {self.topic}"


class Enrolment(models.Model):
    """A person's place on a course, for an association; confirmed or on the waiting list."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("enrolment status", "confermata")
        WAITLISTED = "waitlisted", pgettext_lazy("enrolment status", "in lista d'attesa")
        CANCELLED = "cancelled", pgettext_lazy("enrolment status", "annullata")
        COMPLETED = "completed", pgettext_lazy("enrolment status", "completata")

    TRANSITIONS = {
        Status.CONFIRMED: {Status.CANCELLED, Status.COMPLETED},
        Status.WAITLISTED: {Status.CONFIRMED, Status.CANCELLED},
        Status.CANCELLED: {Status.CONFIRMED, Status.WAITLISTED},
        Status.COMPLETED: set(),
    }
    ACTIVE_STATUSES = (Status.CONFIRMED, Status.WAITLISTED, Status.COMPLETED)

    course = models.ForeignKey(
        Course, verbose_name=_("corso"), on_delete=models.PROTECT, related_name="enrolments"
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("partecipante"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    association = models.ForeignKey(
        Association,
        verbose_name=_("associazione"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    status = models.CharField(_("stato"), max_length=16, choices=Status.choices, db_index=True)
    status_changed_at = models.DateTimeField(_("stato aggiornato il"), null=True, blank=True)
    waitlist_position = models.PositiveIntegerField(
        _("posizione in lista d'attesa"), null=True, blank=True
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("iscritto da"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("iscritto il"), auto_now_add=True)

    class Meta:
        verbose_name = _("iscrizione")
        verbose_name_plural = _("iscrizioni")
        ordering = ["course", "status", "waitlist_position", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "participant"],
                name="enrolment_one_per_course_and_participant",
                violation_error_message=_("Questa persona è già iscritta al corso."),
            ),
            models.CheckConstraint(
                condition=Q(status="waitlisted", waitlist_position__isnull=False)
                | (~Q(status="waitlisted") & Q(waitlist_position__isnull=True)),
                name="enrolment_waitlist_position_iff_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} → {self.course}"


class Attendance(models.Model):
    """Whether an enrolled person was at one session."""

    session = models.ForeignKey(
        Session, verbose_name=_("incontro"), on_delete=models.CASCADE, related_name="attendances"
    )
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("iscrizione"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    present = models.BooleanField(_("presente"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("registrata il"), auto_now=True)

    class Meta:
        verbose_name = _("presenza")
        verbose_name_plural = _("presenze")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="attendance_one_per_session_and_enrolment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.participant} @ {self.session}"


def _verification_code() -> str:
    # 10 characters from an unambiguous alphabet: easy to type from paper, hard to guess.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _index in range(10))


class Certificate(models.Model):
    """A certificate of attendance, verifiable by anyone through its code."""

    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("iscrizione"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    code = models.CharField(
        _("codice di verifica"), max_length=16, unique=True, default=_verification_code
    )
    attendance_percent = models.PositiveSmallIntegerField(_("presenza (%)"))
    issued_at = models.DateTimeField(_("rilasciato il"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revocato il"), null=True, blank=True)
    revoked_reason = models.CharField(_("motivo della revoca"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("attestato")
        verbose_name_plural = _("attestati")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def get_verify_url(self) -> str:
        return reverse("training:certificate-verify", kwargs={"code": self.code})


class Feedback(models.Model):
    """A participant's rating of a course."""

    enrolment = models.OneToOneField(
        Enrolment, verbose_name=_("iscrizione"), on_delete=models.CASCADE, related_name="feedback"
    )
    rating = models.PositiveSmallIntegerField(
        _("valutazione"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("commento"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("valutazione")
        verbose_name_plural = _("valutazioni")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5),
                name="feedback_rating_1_to_5",
                violation_error_message=_("Il voto va da 1 a 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment}: {self.rating}"
