"""Network events, their participants, and follow-up actions that become commitments."""

from datetime import date
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from networks import services
from networks.models import Commitment, NetworkEvent
from tests.factories import AssociationFactory, UserFactory
from tests.networks.factories import FollowUpActionFactory, NetworkEventFactory, area, icc


def test_staff_record_an_event_with_who_went(staff_client, staff):
    association = AssociationFactory()
    response = staff_client.post(
        reverse("networks:event-create"),
        {
            "network": icc().pk,
            "kind": "study_visit",
            "title": "Visita di studio a Lisbona",
            "starts_on": "2026-03-10",
            "ends_on": "2026-03-12",
            "place": "Lisbona",
            "report": "Abbiamo visto **tre** servizi.",
            "is_public": "on",
            "staff_participants": [staff.pk],
            "associations": [association.pk],
        },
    )
    event = NetworkEvent.objects.get(title="Visita di studio a Lisbona")
    assert response.status_code == HTTPStatus.FOUND
    assert list(event.staff_participants.all()) == [staff]
    assert list(event.associations.all()) == [association]
    page = staff_client.get(event.get_absolute_url()).content.decode()
    assert "<strong>tre</strong>" in page and association.name in page


def test_it_refuses_an_event_that_ends_before_it_starts(staff_client):
    response = staff_client.post(
        reverse("networks:event-create"),
        {
            "network": icc().pk,
            "kind": "webinar",
            "title": "X",
            "starts_on": "2026-03-10",
            "ends_on": "2026-03-01",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "ends_on" in response.context["form"].errors


def test_a_follow_up_becomes_a_commitment_once(staff):
    followup = FollowUpActionFactory(text="Tradurre la guida in arabo")
    commitment = services.event_followup_to_commitment(
        followup=followup, owner=staff, due_date=date(2030, 1, 1), area=area("lingua"), actor=staff
    )
    assert commitment.title == "Tradurre la guida in arabo"
    assert commitment.network == followup.event.network
    assert followup.event.title in commitment.description
    followup.refresh_from_db()
    assert followup.commitment == commitment
    with pytest.raises(ValidationError, match="già diventata"):
        services.event_followup_to_commitment(
            followup=followup, owner=staff, due_date=date(2030, 1, 1), area=area(), actor=staff
        )
    assert Commitment.objects.count() == 1


def test_it_refuses_a_non_staff_conversion(db):
    followup = FollowUpActionFactory()
    with pytest.raises(PermissionDenied):
        services.event_followup_to_commitment(
            followup=followup,
            owner=UserFactory(),
            due_date=date(2030, 1, 1),
            area=area(),
            actor=UserFactory(),
        )


def test_staff_add_and_convert_a_follow_up_from_the_event_page(staff_client, staff):
    event = NetworkEventFactory()
    staff_client.post(reverse("networks:followup-add", args=[event.pk]), {"text": "Invitare ICEI"})
    followup = event.followups.get()
    response = staff_client.post(
        reverse("networks:followup-convert", args=[followup.pk]),
        {"owner": staff.pk, "due_date": "2030-05-01", "area": area().pk},
    )
    commitment = Commitment.objects.get()
    assert response.url == commitment.get_absolute_url()
    bad = staff_client.post(
        reverse("networks:followup-convert", args=[followup.pk]),
        {"owner": "x", "due_date": "", "area": ""},
        follow=True,
    )
    assert bad.status_code == HTTPStatus.OK
    assert Commitment.objects.count() == 1


def test_an_empty_follow_up_is_refused(staff_client):
    event = NetworkEventFactory()
    response = staff_client.post(
        reverse("networks:followup-add", args=[event.pk]), {"text": "  "}, follow=True
    )
    assert response.status_code == HTTPStatus.OK
    assert not event.followups.exists()


def test_editing_an_event_keeps_who_went_after_they_left(staff_client, staff):
    former = UserFactory(staff=True, full_name="Ex collega")
    association = AssociationFactory(name="Associazione ora sospesa")
    event = NetworkEventFactory(title="Visita a Bergen")
    event.staff_participants.add(former, staff)
    event.associations.add(association)
    former.is_staff = False
    former.save()
    association.status = association.Status.SUSPENDED
    association.save()
    form = staff_client.get(reverse("networks:event-edit", args=[event.pk])).content.decode()
    assert "Ex collega" in form and "Associazione ora sospesa" in form
    response = staff_client.post(
        reverse("networks:event-edit", args=[event.pk]),
        {
            "network": event.network_id,
            "kind": event.kind,
            "title": "Visita di studio a Bergen",
            "starts_on": event.starts_on.isoformat(),
            "is_public": "on",
            "staff_participants": [former.pk, staff.pk],
            "associations": [association.pk],
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    event.refresh_from_db()
    assert event.title == "Visita di studio a Bergen"
    assert set(event.staff_participants.all()) == {former, staff}
    assert list(event.associations.all()) == [association]
    # The public page names the suspended association without linking to a page that is gone.
    page = staff_client.get(event.get_absolute_url()).content.decode()
    assert "Associazione ora sospesa" in page
    assert reverse("associations:detail", args=[association.slug]) not in page
    # A new event offers only current staff and approved associations.
    new = staff_client.get(reverse("networks:event-create")).content.decode()
    assert "Ex collega" not in new and "Associazione ora sospesa" not in new
