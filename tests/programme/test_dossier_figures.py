"""Country dossiers: every figure equals a count made independently, at a bounded query cost."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from associations.models import Association
from business_table.models import Action, Opportunity
from forum.models import Delegation, ForumEdition, Signature
from funding.models import Proposal
from tests.programme.factories import seed_country
from training.models import Certificate, Enrolment
from twinning.models import TwinningFile

pytestmark = pytest.mark.django_db

DETAIL = reverse("programme:country-detail", kwargs={"code": "sn"})


def _in_country(association: Association, code: str) -> bool:
    return association.status == "approved" and any(
        community.country.code == code for community in association.communities.all()
    )


def _count(rows, keep) -> int:
    return len([row for row in rows if keep(row)])


def _expected(code: str) -> dict:
    """The public figures, counted row by row in Python rather than by the selectors' SQL."""
    enrolments = [
        e
        for e in Enrolment.objects.all()
        if e.association
        and _in_country(e.association, code)
        and e.status in Enrolment.ACTIVE_STATUSES
    ]
    public_manifestos = {"consultation", "final", "open_for_signature", "closed"}
    open_actions = [
        a
        for a in Action.objects.all()
        if a.opportunity
        and a.opportunity.country.code == code
        and a.status in ("open", "in_progress")
    ]
    opportunities = [o for o in Opportunity.objects.all() if o.country.code == code]

    def in_project_country(p: Proposal) -> bool:
        cities = [city.country.code for city in p.cities.all()]
        return code in [c.code for c in p.countries] or code in cities

    return {
        "associations": _count(Association.objects.all(), lambda a: _in_country(a, code)),
        "enrolments": len(enrolments),
        "certificates": _count(
            Certificate.objects.all(), lambda c: c.enrolment in enrolments and not c.revoked_at
        ),
        "delegations": _count(
            Delegation.objects.all(),
            lambda d: (
                d.status == "confirmed"
                and d.edition.status != ForumEdition.Status.DRAFT
                and d.city.country.code == code
            ),
        ),
        "signatures": _count(
            Signature.objects.all(),
            lambda s: (
                s.status == "confirmed"
                and s.manifesto.status in public_manifestos
                and s.manifesto.current_version_id
                and s.country.code == code
            ),
        ),
        "twinnings": _count(
            TwinningFile.objects.all(),
            lambda f: (
                f.is_public
                and f.status in ("active", "renewal_due", "renewed", "expired")
                and f.partner_city.country.code == code
            ),
        ),
        "projects": _count(
            Proposal.objects.all(), lambda p: p.status == "awarded" and in_project_country(p)
        ),
        "opportunities_open": _count(
            opportunities, lambda o: o.status in ("identified", "assessing", "active")
        ),
        "opportunities_concluded": _count(opportunities, lambda o: o.status == "concluded"),
        "actions_open": len(open_actions),
        "actions_overdue": _count(open_actions, lambda a: a.due_on < timezone.localdate()),
    }


def test_it_shows_figures_equal_to_independent_counts(client):
    seed_country(n=2)
    expected = _expected("SN")
    dossier = client.get(DETAIL).context["dossier"]
    found = {
        "associations": len(dossier.associations),
        "enrolments": dossier.enrolments,
        "certificates": dossier.certificates,
        "delegations": len(dossier.delegations),
        "signatures": dossier.signature_total,
        "twinnings": len(dossier.twinnings),
        "projects": len(dossier.projects),
        "opportunities_open": dossier.opportunities_open,
        "opportunities_concluded": dossier.opportunities_concluded,
        "actions_open": dossier.actions_open,
        "actions_overdue": dossier.actions_overdue,
    }
    assert found == expected
    # The seed has something of every kind, so no figure passes by being zero on both sides.
    assert all(value > 0 for key, value in expected.items() if key != "opportunities_concluded")
    assert expected["associations"] == 2 and expected["enrolments"] == 6


def test_it_counts_the_residents_of_every_community_with_year_and_source(client):
    seed_country(n=1)
    page = client.get(DETAIL).content.decode()
    assert "952 (2010, fonte: ISTAT)" in page


def test_it_gives_each_country_of_origin_a_row_with_the_same_figures(client):
    seed_country(n=2)
    expected = _expected("SN")
    response = client.get(reverse("programme:country-list"))
    assert response.status_code == HTTPStatus.OK
    rows = {row.country.code: row for row in response.context["rows"]}
    assert set(rows) == {"SN", "MA"}
    senegal = rows["SN"]
    assert senegal.associations == expected["associations"]
    assert senegal.twinnings == expected["twinnings"]
    assert senegal.projects == expected["projects"]
    assert senegal.signatures == expected["signatures"]
    assert senegal.residents == 952
    assert DETAIL in response.content.decode()


def test_it_counts_the_staff_amounts_of_every_stage(staff_client):
    seed_country(n=2)
    staff = (
        staff_client.get(reverse("programme:country-staff", kwargs={"code": "sn"}))
        .context["dossier"]
        .staff
    )
    proposals = [p for p in Proposal.objects.all() if "SN" in [c.code for c in p.countries]]
    assert {p.pk for p in staff.proposals} == {p.pk for p in proposals}
    assert staff.proposal_totals["requested"] == sum(
        p.requested_amount for p in proposals if p.status != "withdrawn"
    )
    assert staff.proposal_totals["awarded"] == sum(
        p.awarded_amount for p in proposals if p.status == "awarded"
    )
    assert len(staff.overdue_actions) == _expected("SN")["actions_overdue"]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(context)


@pytest.mark.parametrize(
    "name", ["programme:country-list", "programme:country-detail", "programme:country-staff"]
)
def test_it_runs_the_same_number_of_queries_for_ten_times_the_data(client, staff, name):
    url = reverse(name, kwargs={} if name.endswith("list") else {"code": "sn"})
    if name.endswith("staff"):
        client.force_login(staff)
    seed_country(n=1)
    client.get(url)  # warm up the per-process caches (content types, translations)
    small = _queries(client, url)
    seed_country(n=10, tag="dieci")
    large = _queries(client, url)
    assert Association.objects.public().filter(communities__country="SN").count() == 11
    assert large == small
