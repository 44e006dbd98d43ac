"""Commitments of the action plan: workflow, evidence, notes, the overdue flag."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mondinsieme.models import ActivityLog
from networks import services
from networks.models import Commitment
from tests.factories import UserFactory
from tests.networks.factories import CommitmentFactory, area, icc

PDF = b"%PDF-1.4\n%fake but well-formed enough\n"


def test_staff_create_a_commitment(staff_client, staff):
    response = staff_client.post(
        reverse("networks:commitment-create"),
        {
            "network": icc().pk,
            "title": "Sportello multilingue",
            "area": area("servizi-pubblici").pk,
            "owner": staff.pk,
            "due_date": "2030-01-31",
        },
    )
    commitment = Commitment.objects.get(title="Sportello multilingue")
    assert response.status_code == HTTPStatus.FOUND
    assert commitment.status == Commitment.Status.PLANNED
    assert ActivityLog.objects.for_object(commitment).filter(action="created").exists()


def test_the_create_form_refuses_a_bad_date(staff_client, staff):
    response = staff_client.post(
        reverse("networks:commitment-create"),
        {
            "network": icc().pk,
            "title": "X",
            "area": area().pk,
            "owner": staff.pk,
            "due_date": "31/02",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "due_date" in response.context["form"].errors


def test_completing_needs_evidence(staff):
    commitment = CommitmentFactory(in_progress=True)
    with pytest.raises(ValidationError, match="prova"):
        services.commitment_transition(
            commitment=commitment, to=Commitment.Status.COMPLETED, actor=staff
        )
    services.commitment_add_evidence(
        commitment=commitment, actor=staff, description="Delibera", link="https://example.org/d"
    )
    done = services.commitment_transition(
        commitment=commitment, to=Commitment.Status.COMPLETED, actor=staff
    )
    assert done.status == Commitment.Status.COMPLETED
    assert done.completed_on == timezone.localdate()
    log = ActivityLog.objects.for_object(commitment).get(action="transition")
    assert (log.from_status, log.to_status, log.actor) == ("in_progress", "completed", staff)


def test_reopening_clears_the_completion_date(staff):
    commitment = CommitmentFactory(completed=True, completed_on=timezone.localdate())
    reopened = services.commitment_transition(
        commitment=commitment, to=Commitment.Status.IN_PROGRESS, actor=staff
    )
    assert reopened.completed_on is None


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (Commitment.Status.COMPLETED, Commitment.Status.CANCELLED),
        (Commitment.Status.CANCELLED, Commitment.Status.COMPLETED),
        (Commitment.Status.IN_PROGRESS, Commitment.Status.PLANNED),
    ],
)
def test_it_refuses_a_transition_not_in_the_map(staff, start, to):
    commitment = CommitmentFactory(status=start)
    with pytest.raises(ValidationError, match="Non è possibile"):
        services.commitment_transition(commitment=commitment, to=to, actor=staff)


def test_it_refuses_a_non_staff_actor(db):
    commitment = CommitmentFactory()
    with pytest.raises(PermissionDenied):
        services.commitment_transition(
            commitment=commitment, to=Commitment.Status.IN_PROGRESS, actor=UserFactory()
        )
    with pytest.raises(PermissionDenied):
        services.commitment_add_note(commitment=commitment, actor=UserFactory(), text="x")


def test_the_transition_view_reports_a_refusal_as_a_message(staff_client):
    commitment = CommitmentFactory()
    url = reverse("networks:commitment-transition", args=[commitment.pk])
    response = staff_client.post(url, {"to": "completed"}, follow=True)
    assert response.status_code == HTTPStatus.OK
    assert "Aggiungi almeno una prova" in response.content.decode()
    response = staff_client.post(url, {"to": "nonsense"}, follow=True)
    assert "Non è possibile" in response.content.decode()


def test_staff_add_a_note_and_a_file_as_evidence(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    commitment = CommitmentFactory()
    staff_client.post(
        reverse("networks:commitment-note", args=[commitment.pk]), {"text": "Avviato il tavolo."}
    )
    staff_client.post(
        reverse("networks:commitment-evidence", args=[commitment.pk]),
        {"description": "Verbale", "file": SimpleUploadedFile("verbale.pdf", PDF)},
    )
    assert commitment.notes.get().text == "Avviato il tavolo."
    evidence = commitment.evidence.get()
    assert (
        evidence.file.name.startswith("networks/evidence/") and "verbale" not in evidence.file.name
    )
    download = staff_client.get(reverse("networks:evidence-file", args=[evidence.pk]))
    assert download.status_code == HTTPStatus.OK
    assert "attachment" in download["Content-Disposition"]


def test_it_refuses_a_disguised_file_and_an_empty_evidence(staff_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    commitment = CommitmentFactory()
    url = reverse("networks:commitment-evidence", args=[commitment.pk])
    response = staff_client.post(
        url,
        {"description": "Finto", "file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00binary")},
        follow=True,
    )
    assert "non corrisponde" in response.content.decode()
    response = staff_client.post(url, {"description": "Niente"}, follow=True)
    assert "Indica un link o carica un file" in response.content.decode()
    assert not commitment.evidence.exists()


def test_overdue_means_open_and_past_its_due_date(db):
    yesterday = timezone.localdate() - timedelta(days=1)
    late = CommitmentFactory(due_date=yesterday)
    CommitmentFactory(due_date=yesterday, completed=True)
    CommitmentFactory(due_date=yesterday, status=Commitment.Status.CANCELLED)
    CommitmentFactory(due_date=timezone.localdate())
    assert late.is_overdue
    assert list(Commitment.objects.overdue()) == [late]


def test_the_list_flags_overdue_items_and_filters_them(staff_client):
    late = CommitmentFactory(overdue=True, title="In ritardo")
    CommitmentFactory(title="Nei tempi")
    page = staff_client.get(reverse("networks:commitment-list")).content.decode()
    assert "In ritardo" in page and "scaduto" in page
    filtered = staff_client.get(reverse("networks:commitment-list") + "?overdue=1")
    assert list(filtered.context["page_obj"].object_list) == [late]
    odd = staff_client.get(reverse("networks:commitment-list") + "?status=zzz&page=abc")
    assert odd.status_code == HTTPStatus.OK


def test_staff_reschedule_and_reassign_a_commitment(staff_client, staff):
    commitment = CommitmentFactory(overdue=True, title="Guida di benvenuto")
    colleague = UserFactory(staff=True, full_name="Marco Bianchi")
    detail = staff_client.get(commitment.get_absolute_url()).content.decode()
    url = reverse("networks:commitment-edit", args=[commitment.pk])
    assert url in detail
    form = staff_client.get(url)
    assert form.status_code == HTTPStatus.OK
    assert "Guida di benvenuto" in form.content.decode()
    response = staff_client.post(
        url,
        {
            "network": commitment.network_id,
            "title": "Guida di benvenuto in arabo",
            "area": area("lingua").pk,
            "owner": colleague.pk,
            "due_date": "2031-06-30",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response.url == commitment.get_absolute_url()
    commitment.refresh_from_db()
    assert commitment.title == "Guida di benvenuto in arabo"
    assert commitment.owner == colleague and str(commitment.due_date) == "2031-06-30"
    assert not commitment.is_overdue
    assert commitment.status == Commitment.Status.PLANNED
    log = ActivityLog.objects.for_object(commitment).get(action="updated")
    assert log.actor == staff and "due_date" in log.note and "owner" in log.note
    page = staff_client.get(commitment.get_absolute_url()).content.decode()
    assert "30 giugno 2031" in page.lower() and "Marco Bianchi" in page


def test_editing_refuses_bad_input_with_a_message(staff_client):
    commitment = CommitmentFactory()
    url = reverse("networks:commitment-edit", args=[commitment.pk])
    response = staff_client.post(
        url,
        {
            "network": commitment.network_id,
            "title": "",
            "area": "zzz",
            "owner": commitment.owner_id,
            "due_date": "31/02/2030",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert {"title", "area", "due_date"} <= set(response.context["form"].errors)
    assert commitment.title in response.content.decode()
    before = commitment.due_date
    commitment.refresh_from_db()
    assert commitment.due_date == before
    assert staff_client.get(reverse("networks:commitment-edit", args=[99999])).status_code == 404


def test_an_owner_who_left_the_staff_stays_until_someone_is_chosen(staff_client):
    commitment = CommitmentFactory()
    commitment.owner.is_staff = False
    commitment.owner.save()
    response = staff_client.get(reverse("networks:commitment-edit", args=[commitment.pk]))
    owner_field = response.context["form"].fields["owner"]
    assert commitment.owner in owner_field.queryset
    assert UserFactory() not in owner_field.queryset


def test_a_leader_cannot_edit_a_commitment(leader_client):
    commitment = CommitmentFactory(title="Non toccare")
    url = reverse("networks:commitment-edit", args=[commitment.pk])
    assert leader_client.get(url).status_code == HTTPStatus.FORBIDDEN
    response = leader_client.post(url, {"title": "Toccato"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    commitment.refresh_from_db()
    assert commitment.title == "Non toccare"
    with pytest.raises(PermissionDenied):
        services.commitment_update(
            commitment=commitment, actor=UserFactory(), data={"title": "Toccato"}
        )
