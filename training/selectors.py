"""Reads that pages reuse or that must stay at a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Attendance, Certificate, Course, Enrolment, Session


def _with_counts(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(
        confirmed_count=Count(
            "enrolments", filter=Q(enrolments__status=Enrolment.Status.CONFIRMED), distinct=True
        ),
        waitlisted_count=Count(
            "enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITLISTED), distinct=True
        ),
    )


def seats_left(course: Course) -> int:
    """Free seats of a course annotated by :func:`course_list` or :func:`course_detail`."""
    return max(course.capacity - course.confirmed_count, 0)


def course_list(
    *, path=None, modality: str = "", language: str = "", open_only: bool = False
) -> list[Course]:
    """Public courses with their seat counts and first session date (fixed query count)."""
    now = timezone.now()
    courses = (
        Course.objects.public()
        .select_related("path")
        .annotate(first_session=Min("sessions__starts_at"))
    )
    if path is not None:
        courses = courses.filter(path=path)
    if modality:
        courses = courses.filter(modality=modality)
    if language:
        courses = courses.filter(language=language)
    if open_only:
        courses = courses.filter(
            status=Course.Status.PUBLISHED, enrolment_closes_at__gt=now
        ).filter(Q(enrolment_opens_at__isnull=True) | Q(enrolment_opens_at__lte=now))
    result = list(courses.order_by("path__title", "position", "first_session", "title"))
    # Seat counts in a second query: annotated next to Min(sessions) the joins would multiply.
    counts = {
        row["pk"]: row
        for row in _with_counts(Course.objects.filter(pk__in=[c.pk for c in result])).values(
            "pk", "confirmed_count", "waitlisted_count"
        )
    }
    for course in result:
        course.confirmed_count = counts[course.pk]["confirmed_count"]
        course.waitlisted_count = counts[course.pk]["waitlisted_count"]
    return result


def course_detail(slug: str) -> Course:
    """A course with sessions prefetched and its seat counts (raises Course.DoesNotExist)."""
    return (
        _with_counts(Course.objects.select_related("path"))
        .prefetch_related(Prefetch("sessions", queryset=Session.objects.order_by("starts_at")))
        .get(slug=slug)
    )


@dataclass
class AttendanceSummary:
    """Sessions held so far and sessions attended, per enrolment of one course."""

    sessions: int
    present: dict[int, int] = field(default_factory=dict)

    def attended(self, enrolment_id: int) -> int:
        return self.present.get(enrolment_id, 0)

    def percent(self, enrolment_id: int) -> int:
        if not self.sessions:
            return 0
        return round(100 * self.attended(enrolment_id) / self.sessions)


def attendance_summary(course: Course) -> AttendanceSummary:
    """Attendance of every enrolment of ``course`` in two queries.

    The percentage counts all the course's sessions, so it grows as the course goes on.
    """
    sessions = Session.objects.filter(course=course).count()
    present = dict(
        Attendance.objects.filter(session__course=course, present=True)
        .values("enrolment")
        .annotate(total=Count("pk"))
        .values_list("enrolment", "total")
    )
    return AttendanceSummary(sessions=sessions, present=present)


def enrolments_with_attendance(queryset: QuerySet[Enrolment]) -> list[Enrolment]:
    """Enrolments with ``attended``, ``sessions_total``, ``attendance_percent`` and certificate."""
    enrolments = list(
        queryset.select_related("course", "participant", "association").annotate(
            attended=Count("attendances", filter=Q(attendances__present=True), distinct=True),
            sessions_total=Count("course__sessions", distinct=True),
        )
    )
    certificates = {
        certificate.enrolment_id: certificate
        for certificate in Certificate.objects.filter(
            enrolment_id__in=[enrolment.pk for enrolment in enrolments]
        )
    }
    for enrolment in enrolments:
        enrolment.attendance_percent = (
            round(100 * enrolment.attended / enrolment.sessions_total)
            if enrolment.sessions_total
            else 0
        )
        enrolment.issued_certificate = certificates.get(enrolment.pk)
    return enrolments


def my_enrolments(user) -> list[Enrolment]:
    """A participant's enrolments, newest course first."""
    return enrolments_with_attendance(
        Enrolment.objects.filter(participant=user).order_by("-course__enrolment_closes_at")
    )


def association_enrolments(association) -> list[Enrolment]:
    """Enrolments of an association's members, for its leaders."""
    return enrolments_with_attendance(
        Enrolment.objects.filter(association=association).order_by(
            "participant__full_name", "course__title"
        )
    )


def session_roster(session: Session) -> list[Enrolment]:
    """Confirmed participants of a session's course, each with ``present`` for this session."""
    enrolments = list(
        session.course.enrolments.filter(
            status__in=(Enrolment.Status.CONFIRMED, Enrolment.Status.COMPLETED)
        )
        .select_related("participant", "association")
        .order_by("participant__full_name", "participant__email")
    )
    marks = dict(Attendance.objects.filter(session=session).values_list("enrolment_id", "present"))
    for enrolment in enrolments:
        enrolment.present = marks.get(enrolment.pk, False)
    return enrolments


def my_sessions(user) -> QuerySet[Session]:
    """Sessions of the courses where ``user`` holds a confirmed seat."""
    return (
        Session.objects.filter(
            course__enrolments__participant=user,
            course__enrolments__status__in=(
                Enrolment.Status.CONFIRMED,
                Enrolment.Status.COMPLETED,
            ),
        )
        .select_related("course")
        .order_by("starts_at")
    )


def sessions_due_for_reminder(now=None) -> QuerySet[Session]:
    """Sessions of published courses starting within the next 24 hours."""
    now = now or timezone.now()
    return Session.objects.filter(
        course__status=Course.Status.PUBLISHED,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=24),
    ).select_related("course")


def feedback_summary(course: Course) -> dict:
    """Number of ratings and their average for a course."""
    from django.db.models import Avg

    from .models import Feedback

    return Feedback.objects.filter(enrolment__course=course).aggregate(
        count=Count("pk"), average=Avg("rating")
    )


def home_figures() -> list[tuple]:
    """Figures for the home page."""
    return [
        (_("corsi pubblicati"), Course.objects.public().count()),
        (
            _("partecipanti"),
            Enrolment.objects.filter(
                status__in=(Enrolment.Status.CONFIRMED, Enrolment.Status.COMPLETED)
            )
            .values("participant")
            .distinct()
            .count(),
        ),
        (_("attestati rilasciati"), Certificate.objects.filter(revoked_at__isnull=True).count()),
    ]


def home_news() -> list:
    """The latest published courses, for the home page (one query)."""
    from mondinsieme.objectives import NewsItem

    courses = (
        Course.objects.filter(status=Course.Status.PUBLISHED)
        .only("title", "slug", "created_at")
        .order_by("-created_at", "-pk")[:2]
    )
    return [
        NewsItem(title=c.title, url=c.get_absolute_url(), date=c.created_at, kind=_("nuovo corso"))
        for c in courses
    ]
