"""The twinning workflow: each step's happy path and every guard refusing without changes."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict

from mondinsieme.models import ActivityLog
from mondinsieme.workflow import TransitionNotAllowed
from twinning import services
from twinning.models import TwinningFile

from .factories import TwinningFileFactory, pdf_file

pytestmark = pytest.mark.django_db
Status = TwinningFile.Status


def _snapshot(file):
    fresh = TwinningFile.objects.get(pk=file.pk)
    data = model_to_dict(fresh, exclude=["communities", "proposing_associations"])
    data["signed_document"] = fresh.signed_document.name
    return data, ActivityLog.objects.for_object(fresh).count()


def _assert_refused(file, call, code):
    before = _snapshot(file)
    with pytest.raises(ValidationError) as info:
        call()
    assert info.value.code == code, info.value.messages
    assert _snapshot(file) == before
    return info.value


RESOLUTION = {
    "number": "45",
    "resolution_date": date(2025, 11, 3),
    "votes_for": 19,
    "votes_against": 0,
    "votes_abstained": 7,
    "text": "Il Consiglio approva il patto.",
}


@pytest.fixture
def negotiating():
    return TwinningFileFactory(status=Status.NEGOTIATION)


def test_it_takes_a_file_from_proposal_to_active_and_logs_every_step(staff):
    file = TwinningFileFactory()
    services.twinning_advance(file=file, to=Status.ASSESSMENT, actor=staff, note="Via")
    services.twinning_advance(file=file, to=Status.NEGOTIATION, actor=staff)
    services.twinning_record_resolution(file=file, actor=staff, **RESOLUTION)
    services.twinning_record_notice(
        file=file,
        actor=staff,
        regione_on=date(2025, 11, 10),
        dar_on=date(2025, 11, 10),
        maeci_on=date(2025, 11, 12),
    )
    file = TwinningFile.objects.get(pk=file.pk)
    assert file.earliest_signing_date == date(2025, 12, 12)
    services.twinning_sign(
        file=file,
        actor=staff,
        signed_on=date(2025, 12, 12),
        place="Sala del Tricolore",
        document=pdf_file(),
    )
    services.twinning_countersign(file=file, actor=staff, countersigned_on=date(2026, 2, 1))
    services.twinning_activate(file=file, actor=staff, term_years=3)

    file = TwinningFile.objects.get(pk=file.pk)
    assert file.status == Status.ACTIVE
    assert file.votes_abstained == 7
    assert file.signed_document.name.startswith("twinning/signed/")
    assert file.starts_on == date(2026, 2, 1)
    assert file.expires_on == date(2029, 2, 1)
    log = ActivityLog.objects.for_object(file).filter(action="transition")
    assert [entry.to_status for entry in log.order_by("created_at", "pk")] == [
        "assessment",
        "negotiation",
        "council_resolution",
        "signed_reggio",
        "countersigned",
        "active",
    ]
    assert log.filter(actor=staff).count() == 6


@pytest.mark.parametrize(
    "missing",
    ["number", "resolution_date", "votes_for", "votes_against", "votes_abstained", "text"],
)
def test_it_refuses_a_resolution_with_missing_facts(staff, negotiating, missing):
    data = {**RESOLUTION, missing: "" if missing in ("number", "text") else None}
    error = _assert_refused(
        negotiating,
        lambda: services.twinning_record_resolution(file=negotiating, actor=staff, **data),
        "missing",
    )
    assert "Mancano" in error.messages[0]


def test_it_refuses_a_resolution_that_was_not_approved(staff, negotiating):
    data = {**RESOLUTION, "votes_for": 5, "votes_against": 9}
    error = _assert_refused(
        negotiating,
        lambda: services.twinning_record_resolution(file=negotiating, actor=staff, **data),
        "not_approved",
    )
    assert "non è approvata" in error.messages[0]


def _sign(file, staff, **overrides):
    kwargs = {"signed_on": date(2026, 2, 1), "place": "Sala del Tricolore", "document": pdf_file()}
    kwargs.update(overrides)
    return lambda: services.twinning_sign(file=file, actor=staff, **kwargs)


@pytest.mark.parametrize(
    "override", [{"signed_on": None}, {"place": "  "}, {"document": None}], ids=str
)
def test_it_refuses_a_signature_without_date_place_or_document(staff, override):
    file = TwinningFileFactory(resolved=True)
    _assert_refused(file, _sign(file, staff, **override), "missing")


def test_it_refuses_a_signature_before_the_notice_was_sent(staff):
    file = TwinningFileFactory(resolved=True, notice_dar_on=None)
    error = _assert_refused(file, _sign(file, staff), "notice_missing")
    assert "Regione" in error.messages[0]


def test_it_refuses_a_signature_less_than_thirty_days_after_the_notice(staff):
    # Notice on 2 January 2026: the first day to sign is 1 February.
    file = TwinningFileFactory(resolved=True)
    error = _assert_refused(
        file, _sign(file, staff, signed_on=date(2026, 1, 31)), "notice_too_late"
    )
    assert "1 febbraio 2026" in error.messages[0].lower()
    services.twinning_sign(
        file=file, actor=staff, signed_on=date(2026, 2, 1), place="Reggio", document=pdf_file()
    )
    assert TwinningFile.objects.get(pk=file.pk).status == Status.SIGNED_REGGIO


def test_the_latest_of_the_three_notices_counts(staff):
    file = TwinningFileFactory(resolved=True, notice_maeci_on=date(2026, 1, 10))
    _assert_refused(file, _sign(file, staff, signed_on=date(2026, 2, 5)), "notice_too_late")


def test_it_refuses_a_signature_before_the_resolution(staff):
    file = TwinningFileFactory(resolved=True, resolution_date=date(2026, 3, 1))
    _assert_refused(
        file, _sign(file, staff, signed_on=date(2026, 2, 10)), "signed_before_resolution"
    )


def test_it_refuses_a_countersignature_without_date_or_before_the_signature(staff):
    file = TwinningFileFactory(
        resolved=True, status=Status.SIGNED_REGGIO, signed_on=date(2026, 2, 1), signed_place="RE"
    )
    _assert_refused(
        file,
        lambda: services.twinning_countersign(file=file, actor=staff, countersigned_on=None),
        "missing",
    )
    _assert_refused(
        file,
        lambda: services.twinning_countersign(
            file=file, actor=staff, countersigned_on=date(2026, 1, 20)
        ),
        "countersigned_before_signed",
    )


def test_it_refuses_to_activate_without_a_term(staff):
    file = TwinningFileFactory(
        status=Status.COUNTERSIGNED, signed_on=date(2026, 2, 1), countersigned_on=date(2026, 3, 1)
    )
    error = _assert_refused(
        file, lambda: services.twinning_activate(file=file, actor=staff, term_years=None), "missing"
    )
    assert "durata" in error.messages[0]


def test_it_refuses_a_renewal_without_a_term_and_renews_from_the_old_expiry(staff):
    file = TwinningFileFactory(active=True, status=Status.RENEWAL_DUE)
    _assert_refused(
        file, lambda: services.twinning_renew(file=file, actor=staff, term_years=None), "missing"
    )
    services.twinning_renew(file=file, actor=staff, term_years=5)
    file.refresh_from_db()
    assert (file.status, file.expires_on) == (Status.RENEWED, date(2032, 7, 12))


@pytest.mark.parametrize("to", [Status.REJECTED, Status.ON_HOLD])
def test_it_refuses_to_reject_or_hold_without_a_reason(staff, to):
    file = TwinningFileFactory(status=Status.ASSESSMENT)
    _assert_refused(
        file, lambda: services.twinning_advance(file=file, to=to, actor=staff), "reason_required"
    )
    services.twinning_advance(file=file, to=to, actor=staff, note="Nessun interesse")
    assert TwinningFile.objects.get(pk=file.pk).status == to


def test_it_refuses_to_revoke_without_a_reason(staff):
    file = TwinningFileFactory(active=True)
    _assert_refused(
        file,
        lambda: services.twinning_advance(file=file, to=Status.REVOKED, actor=staff),
        "reason_required",
    )


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (Status.PROPOSED, Status.ACTIVE),
        (Status.COUNCIL_RESOLUTION, Status.REJECTED),
        (Status.ACTIVE, Status.ON_HOLD),
        (Status.EXPIRED, Status.RENEWED),
        (Status.REJECTED, Status.PROPOSED),
    ],
)
def test_it_refuses_moves_outside_the_map(staff, start, to):
    file = TwinningFileFactory(status=start)
    before = _snapshot(file)
    with pytest.raises(TransitionNotAllowed):
        services.twinning_advance(file=file, to=to, actor=staff, note="x")
    assert _snapshot(file) == before


def test_a_non_staff_user_cannot_advance_a_file(user):
    file = TwinningFileFactory()
    with pytest.raises(PermissionDenied):
        services.twinning_advance(file=file, to=Status.ASSESSMENT, actor=user)
    with pytest.raises(PermissionDenied):
        services.twinning_record_notice(
            file=file, actor=user, regione_on=None, dar_on=None, maeci_on=None
        )
    assert TwinningFile.objects.get(pk=file.pk).status == Status.PROPOSED


def test_on_hold_files_go_back_to_an_early_stage(staff):
    file = TwinningFileFactory(status=Status.ON_HOLD)
    services.twinning_advance(file=file, to=Status.NEGOTIATION, actor=staff)
    assert TwinningFile.objects.get(pk=file.pk).status == Status.NEGOTIATION


def test_the_notice_is_logged_with_the_earliest_signing_date(staff):
    file = TwinningFileFactory(status=Status.NEGOTIATION)
    services.twinning_record_notice(
        file=file,
        actor=staff,
        regione_on=date(2026, 1, 2),
        dar_on=date(2026, 1, 2),
        maeci_on=date(2026, 1, 2),
    )
    entry = ActivityLog.objects.for_object(file).get(action="notice")
    assert "1 febbraio 2026" in entry.note.lower()
    file.refresh_from_db()
    assert file.silent_assent_date == date(2026, 1, 14)


def test_a_leap_day_start_expires_on_the_28th():
    assert services.add_years(date(2024, 2, 29), 3) == date(2027, 2, 28)


def test_it_refuses_a_renamed_executable_as_signed_document(staff):
    from django.core.files.base import ContentFile

    file = TwinningFileFactory(resolved=True)
    fake = ContentFile(b"MZ\x90\x00", name="firmato.pdf")
    _assert_refused(file, _sign(file, staff, document=fake), "content_mismatch")


def test_a_renewal_without_expiry_needs_the_date_it_runs_from(staff):
    file = TwinningFileFactory(status=Status.RENEWAL_DUE, kind=TwinningFile.Kind.FRIENDSHIP)
    error = _assert_refused(
        file,
        lambda: services.twinning_renew(file=file, actor=staff, term_years=3),
        "renewal_start_missing",
    )
    assert "scadenza" in error.messages[0]
    services.twinning_renew(file=file, actor=staff, term_years=3, renewed_from=date(2026, 9, 1))
    file.refresh_from_db()
    assert (file.status, file.expires_on) == (Status.RENEWED, date(2029, 9, 1))


@pytest.mark.parametrize(
    ("call", "english"),
    [
        (
            lambda file, staff: services.twinning_record_resolution(
                file=file, actor=staff, **{**RESOLUTION, "votes_for": 5, "votes_against": 9}
            ),
            "is not approved",
        ),
        (
            lambda file, staff: services.twinning_advance(
                file=file, to=Status.REJECTED, actor=staff
            ),
            "reason",
        ),
    ],
    ids=["not_approved", "reason_required"],
)
def test_guard_messages_are_translated(staff, negotiating, call, english):
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as info:
        call(negotiating, staff)
    assert english in info.value.messages[0]


def test_the_early_signature_message_is_translated_with_english_dates(staff):
    from django.utils import translation

    file = TwinningFileFactory(resolved=True)
    with translation.override("en"), pytest.raises(ValidationError) as info:
        _sign(file, staff, signed_on=date(2026, 1, 31))()
    assert "1 February 2026" in info.value.messages[0]
