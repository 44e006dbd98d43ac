"""Memberships of the Comune and the Fondazione, and the joining steps as a checklist."""

from datetime import date, timedelta
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from networks import services
from networks.models import NetworkMembership
from tests.factories import UserFactory
from tests.networks.factories import dialogo, icc

Org = NetworkMembership.Organisation
Status = NetworkMembership.Status


def test_a_candidature_gets_the_network_joining_steps_in_order(staff):
    membership = services.membership_start(network=icc(), organisation=Org.COMUNE, actor=staff)
    assert membership.status == Status.CANDIDATE
    assert [str(step) for step in membership.steps.all()] == [
        "Questionario dell'indice ICC",
        "Rapporto analitico",
        "Dichiarazione di intenti",
        "Accordo finanziario",
        "Visita degli esperti",
    ]
    other = services.membership_start(network=dialogo(), organisation=Org.FONDAZIONE, actor=staff)
    assert [str(step) for step in other.steps.all()] == [
        "Delibera del Consiglio comunale",
        "Accordo di programma",
    ]


def test_it_refuses_a_second_membership_of_the_same_organisation(staff):
    services.membership_start(network=icc(), organisation=Org.COMUNE, actor=staff)
    with pytest.raises(ValidationError, match="già un'adesione"):
        services.membership_start(network=icc(), organisation=Org.COMUNE, actor=staff)


def test_it_refuses_membership_until_every_step_is_done(staff):
    membership = services.membership_start(network=dialogo(), organisation=Org.COMUNE, actor=staff)
    with pytest.raises(ValidationError, match="Delibera del Consiglio comunale"):
        services.membership_transition(membership=membership, to=Status.MEMBER, actor=staff)
    for step in membership.steps.all():
        services.joining_step_complete(step=step, actor=staff, completed_on=date(2010, 9, 21))
    member = services.membership_transition(membership=membership, to=Status.MEMBER, actor=staff)
    assert member.status == Status.MEMBER
    assert member.since == timezone.localdate()


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (Status.CANDIDATE, Status.SUSPENDED),
        (Status.LEFT, Status.MEMBER),
        (Status.MEMBER, Status.CANDIDATE),
    ],
)
def test_it_refuses_a_transition_not_in_the_map(staff, start, to):
    membership = NetworkMembership.objects.create(
        network=icc(), organisation=Org.COMUNE, status=start
    )
    with pytest.raises(ValidationError, match="Non è possibile"):
        services.membership_transition(membership=membership, to=to, actor=staff)


def test_member_suspended_and_left(staff):
    membership = NetworkMembership.objects.create(
        network=icc(), organisation=Org.COMUNE, status=Status.MEMBER
    )
    services.membership_transition(membership=membership, to=Status.SUSPENDED, actor=staff)
    services.membership_transition(membership=membership, to=Status.LEFT, actor=staff)
    membership.refresh_from_db()
    assert membership.status == Status.LEFT


def test_it_refuses_non_staff(db):
    membership = NetworkMembership.objects.create(network=icc(), organisation=Org.COMUNE)
    with pytest.raises(PermissionDenied):
        services.membership_transition(membership=membership, to=Status.LEFT, actor=UserFactory())
    with pytest.raises(PermissionDenied):
        services.membership_start(network=dialogo(), organisation=Org.COMUNE, actor=UserFactory())


def test_it_refuses_a_step_dated_in_the_future(staff):
    membership = services.membership_start(network=icc(), organisation=Org.COMUNE, actor=staff)
    with pytest.raises(ValidationError):
        services.joining_step_complete(
            step=membership.steps.first(),
            actor=staff,
            completed_on=timezone.localdate() + timedelta(days=1),
        )


def test_staff_tick_a_step_with_its_document_and_change_the_status(
    staff_client, staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    membership = services.membership_start(network=dialogo(), organisation=Org.COMUNE, actor=staff)
    first, second = membership.steps.all()
    response = staff_client.post(
        reverse("networks:step-complete", args=[first.pk]),
        {"completed_on": "2010-09-21", "document": SimpleUploadedFile("d.pdf", b"%PDF-1.4 x")},
    )
    assert response.status_code == HTTPStatus.FOUND
    first.refresh_from_db()
    assert first.completed_on == date(2010, 9, 21) and first.document
    assert staff_client.get(reverse("networks:step-document", args=[first.pk])).status_code == 200
    page = staff_client.post(
        reverse("networks:membership-transition", args=[membership.pk]),
        {"to": "member"},
        follow=True,
    ).content.decode()
    assert "Accordo di programma" in page and "Mancano ancora" in page
    bad = staff_client.post(
        reverse("networks:step-complete", args=[second.pk]), {"completed_on": "ieri"}, follow=True
    )
    assert bad.status_code == HTTPStatus.OK
    second.refresh_from_db()
    assert second.completed_on is None


def test_the_database_refuses_a_negative_fee(db):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkMembership.objects.create(network=icc(), organisation=Org.COMUNE, annual_fee=-1)


def test_staff_open_a_candidature_and_edit_its_details(staff_client, staff):
    response = staff_client.post(
        reverse("networks:membership-start"),
        {"network": dialogo().pk, "organisation": "fondazione"},
    )
    membership = NetworkMembership.objects.get(organisation="fondazione")
    assert response.url == reverse("networks:membership-detail", args=[membership.pk])
    assert membership.steps.count() == 2
    again = staff_client.post(
        reverse("networks:membership-start"),
        {"network": dialogo().pk, "organisation": "fondazione"},
        follow=True,
    )
    assert "Questo ente ha già" in again.content.decode()
    url = reverse("networks:membership-edit", args=[membership.pk])
    assert staff_client.get(url).status_code == HTTPStatus.OK
    response = staff_client.post(
        url,
        {
            "resolution_number": "DCC 123",
            "resolution_date": "2011-03-01",
            "focal_point": staff.pk,
            "annual_fee": "500.00",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    membership.refresh_from_db()
    assert membership.resolution_number == "DCC 123" and membership.focal_point == staff
    bad = staff_client.post(url, {"annual_fee": "-5", "resolution_date": "ieri"})
    assert bad.status_code == HTTPStatus.OK
    assert {"annual_fee", "resolution_date"} <= set(bad.context["form"].errors)


def test_a_leader_cannot_open_or_edit_a_membership(leader_client):
    membership = NetworkMembership.objects.create(network=icc(), organisation=Org.COMUNE)
    assert (
        leader_client.get(reverse("networks:membership-edit", args=[membership.pk])).status_code
        == 403
    )
    response = leader_client.post(
        reverse("networks:membership-start"), {"network": dialogo().pk, "organisation": "comune"}
    )
    assert response.status_code == 403
    assert NetworkMembership.objects.count() == 1
