"""The admin pages of the networks app open for staff, and admin actions use the workflow."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from mondinsieme.models import ActivityLog
from networks.models import NetworkMembership
from tests.networks.factories import (
    AreaScoreFactory,
    CommitmentFactory,
    GoodPracticeFactory,
    NetworkEventFactory,
    icc,
)


@pytest.mark.parametrize(
    "model",
    [
        "network",
        "networkmembership",
        "policyarea",
        "commitment",
        "networkevent",
        "assessment",
        "goodpractice",
    ],
)
def test_admin_lists_and_forms_open(staff_client, model):
    CommitmentFactory()
    NetworkEventFactory()
    AreaScoreFactory()
    GoodPracticeFactory()
    NetworkMembership.objects.create(network=icc(), organisation="comune")
    assert (
        staff_client.get(reverse(f"admin:networks_{model}_changelist")).status_code == HTTPStatus.OK
    )
    assert staff_client.get(reverse(f"admin:networks_{model}_add")).status_code == HTTPStatus.OK


def test_the_admin_action_goes_through_the_workflow(staff_client):
    membership = NetworkMembership.objects.create(
        network=icc(), organisation="comune", status="member"
    )
    staff_client.post(
        reverse("admin:networks_networkmembership_changelist"),
        {"action": "suspend", "_selected_action": [membership.pk]},
    )
    membership.refresh_from_db()
    assert membership.status == "suspended"
    assert ActivityLog.objects.for_object(membership).filter(to_status="suspended").exists()
    page = staff_client.get(
        reverse("admin:networks_networkmembership_change", args=[membership.pk])
    )
    assert page.status_code == HTTPStatus.OK


def test_the_admin_refuses_links_that_are_not_web_addresses(db):
    from django.core.exceptions import ValidationError

    practice = GoodPracticeFactory.build(links="https://ok.example.org\njavascript:alert(1)")
    with pytest.raises(ValidationError):
        practice.full_clean()


def test_the_admin_shows_an_error_for_a_score_out_of_range(staff_client):
    from networks.models import PolicyArea

    lingua = PolicyArea.objects.get(slug="lingua")
    response = staff_client.post(
        reverse("admin:networks_assessment_add"),
        {
            "year": "2027",
            "notes": "",
            "scores-TOTAL_FORMS": "1",
            "scores-INITIAL_FORMS": "0",
            "scores-MIN_NUM_FORMS": "0",
            "scores-MAX_NUM_FORMS": "1000",
            "scores-0-area": lingua.pk,
            "scores-0-score": "130",
            "scores-0-peer_average": "",
            "scores-0-evidence": "",
        },
    )
    assert response.status_code == HTTPStatus.OK
    from networks.models import Assessment

    assert not Assessment.objects.filter(year=2027).exists()
