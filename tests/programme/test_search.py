from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme.selectors import SEARCH_GROUP_LIMIT, search
from tests.factories import AssociationFactory, MembershipFactory, UserFactory
from tests.programme.factories import seed_world

pytestmark = pytest.mark.django_db

KINDS = ("associations", "courses", "calls", "twinnings", "manifestos")


def _titles(groups) -> set[str]:
    return {hit.title for group in groups for hit in group.hits}


def _private_titles(world) -> set[str]:
    titles = set()
    for rows in world["private"].values():
        titles |= {str(row) if not hasattr(row, "title") else row.title for row in rows}
    titles |= {row.name for row in world["private"]["associations"]}
    return titles


def _get(client, q: str):
    return client.get(reverse("programme:search"), {"q": q})


def test_results_are_grouped_by_kind_with_links(client):
    world = seed_world(n=1)
    response = _get(client, "Baobab")
    assert response.status_code == HTTPStatus.OK
    groups = {group.kind: group for group in response.context["groups"]}
    assert list(groups) == list(KINDS)
    for kind in KINDS:
        assert len(groups[kind].hits) == 1, kind
    page = response.content.decode()
    assert world["public"]["associations"][0].get_absolute_url() in page
    assert world["public"]["courses"][0].get_absolute_url() in page
    assert reverse("funding:call-detail", args=[world["public"]["calls"][0].slug]) in page
    assert world["public"]["twinnings"][0].get_absolute_url() in page
    assert world["public"]["manifestos"][0].get_absolute_url() in page


def test_anonymous_users_see_only_public_rows(client):
    world = seed_world(n=1)
    groups = _get(client, "Baobab").context["groups"]
    titles = _titles(groups)
    assert not titles & {
        "Baobab in attesa",
        "Baobab corso bozza",
        "Baobab bando bozza",
        "Baobab manifesto bozza",
    }
    twinning_urls = {hit.url for group in groups for hit in group.hits if group.kind == "twinnings"}
    for hidden in world["private"]["twinnings"]:
        assert hidden.get_absolute_url() not in twinning_urls
    assert sum(len(group.hits) for group in groups) == 5


def test_a_leader_also_sees_their_own_pending_association_but_no_one_elses(client):
    seed_world(n=1)
    own = AssociationFactory(pending=True, name="Baobab mia in attesa")
    leader = MembershipFactory(association=own, leader=True).user
    client.force_login(leader)
    titles = _titles(_get(client, "Baobab").context["groups"])
    assert "Baobab mia in attesa" in titles
    assert "Baobab in attesa" not in titles
    assert "Baobab corso bozza" not in titles
    assert "Baobab bando bozza" not in titles
    assert "Baobab manifesto bozza" not in titles


def test_a_former_member_no_longer_sees_the_pending_association(client):
    from associations.models import Membership

    own = AssociationFactory(pending=True, name="Baobab lasciata")
    member = MembershipFactory(association=own, status=Membership.Status.ENDED).user
    client.force_login(member)
    assert "Baobab lasciata" not in _titles(_get(client, "Baobab").context["groups"])


def test_staff_see_everything_and_reach_private_rows_through_the_admin(staff_client):
    world = seed_world(n=1)
    groups = {group.kind: group for group in _get(staff_client, "Baobab").context["groups"]}
    assert len(groups["associations"].hits) == 2
    assert len(groups["courses"].hits) == 2
    assert len(groups["calls"].hits) == 2
    assert len(groups["twinnings"].hits) == 3
    assert len(groups["manifestos"].hits) == 2
    draft_call = world["private"]["calls"][0]
    urls = {hit.url for hit in groups["calls"].hits}
    assert reverse("admin:funding_call_change", args=[draft_call.pk]) in urls
    notes = {hit.note for hit in groups["calls"].hits}
    assert draft_call.get_status_display() in notes


def test_each_group_is_limited(client):
    seed_world(n=SEARCH_GROUP_LIMIT + 2)
    groups = {group.kind: group for group in _get(client, "Baobab").context["groups"]}
    for kind in KINDS:
        assert len(groups[kind].hits) == SEARCH_GROUP_LIMIT
        assert groups[kind].has_more


def test_the_search_runs_a_constant_number_of_queries(client):
    seed_world(n=1, word="Baobab")
    with CaptureQueriesContext(connection) as small:
        _get(client, "Baobab")
    seed_world(n=12, word="Baobab bis")
    with CaptureQueriesContext(connection) as large:
        _get(client, "Baobab")
    assert len(large) == len(small)


def test_it_finds_words_in_the_manifesto_articles(client):
    from tests.forum.factories import ManifestoFactory

    manifesto = ManifestoFactory(open=True, title="Un testo")
    version = manifesto.current_version
    # A fresh published version whose article mentions an accented word.
    from forum.models import Version

    new = Version.objects.create(
        manifesto=manifesto,
        number=2,
        title=manifesto.title,
        articles=[{"title": "Solidarietà", "body": "Le città si aiutano."}],
    )
    manifesto.current_version = new
    manifesto.save(update_fields=["current_version"])
    assert version.pk != new.pk
    titles = _titles(search(q="solidarietà", user=UserFactory()))
    assert "Un testo" in titles


@pytest.mark.parametrize("q", ["", "   "])
def test_an_empty_query_shows_the_form_only(client, q):
    response = _get(client, q)
    assert response.status_code == HTTPStatus.OK
    assert response.context["groups"] == []
    assert response.context["error"] == ""


def test_a_too_long_query_is_refused_politely(client):
    response = _get(client, "a" * 101)
    assert response.status_code == HTTPStatus.OK
    assert response.context["groups"] == []
    assert "troppo lungo" in response.context["error"]


@pytest.mark.parametrize(
    "q", ["%", "_", "\\", "'\"", "a & b | !c", "<script>", "((", "-", "Baobab -pubblica", "🙂"]
)
def test_odd_input_never_breaks_the_search(client, q):
    seed_world(n=1)
    response = _get(client, q)
    assert response.status_code == HTTPStatus.OK
    assert "<script>" not in response.content.decode().split("<main", 1)[-1].replace(
        "&lt;script&gt;", ""
    )


def test_the_search_page_speaks_english(client):
    seed_world(n=1)
    response = client.get("/en" + reverse("programme:search"), {"q": "Baobab"})
    if response.status_code == HTTPStatus.NOT_FOUND:
        pytest.skip("no /en/ prefix in this configuration")
    assert response.status_code == HTTPStatus.OK


def _require_postgresql():
    import os

    if connection.vendor != "postgresql":
        reason = "full-text search runs on PostgreSQL only; set DATABASE_URL=postgres://..."
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def test_postgresql_full_text_search_stems_italian_words(client):
    _require_postgresql()
    AssociationFactory(name="Associazione dei coltivatori", description="Orti condivisi.")
    # "coltivatore" and "coltivatori" share a stem: icontains misses it, full-text search not.
    titles = _titles(search(q="coltivatore", user=UserFactory()))
    assert "Associazione dei coltivatori" in titles


def test_postgresql_full_text_search_uses_english_on_english_pages(client):
    _require_postgresql()
    from tests.training.factories import CourseFactory

    CourseFactory(title="Fundraising basics", summary="Writing grant applications.")
    response = client.get("/en" + reverse("programme:search"), {"q": "application"})
    assert "Fundraising basics" in _titles(response.context["groups"])
