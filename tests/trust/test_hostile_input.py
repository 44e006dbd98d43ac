"""Random and hostile input to every form a visitor, a leader, a reviewer or staff can reach.

The forms are found by reading the pages (``tests/trust/forms.py``), so a field added to a form
is attacked without editing this file. Hypothesis starts from the values the page offers and
replaces or drops some of them: very long strings, NUL bytes, right-to-left and combining
unicode, SQL and HTML payloads, lists where one value is expected, huge and negative numbers,
impossible dates. Whatever it sends, the answer is never a 500 (the test client re-raises the
view's exception) and an answer that refuses the input leaves every table as it was.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum.models import ForumEdition
from tests.funding.factories import ProposalFactory
from tests.trust.forms import page_forms
from tests.trust.world import build_world

pytestmark = pytest.mark.django_db

EXAMPLES = 25

# Written on every staff page view by design (who looked at personal data), not by the form.
COUNTED_ELSEWHERE = {"privacy.accesslog"}

HOSTILE_TEXT = st.sampled_from(
    [
        "",
        " ",
        "x" * 100_000,
        "nul\x00byte",
        "\x00",
        "' OR '1'='1' --",
        "1; DROP TABLE associations_association; --",
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "{{ 7*7 }}{% debug %}",
        "../../etc/passwd",
        "\u202egnp.exe",
        "مرحبا بالعالم",
        "e\u0301\u0301\u0301\u0301",
        "😀" * 300,
        "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
        "9" * 400,
        "-1",
        "0",
        "1e309",
        "NaN",
        "-99999999999999999999",
        "0000-00-00",
        "2024-02-30",
        "9999-12-31",
        "0001-01-01T00:00",
        "99999-01-01",
        "not-an-email@",
        "javascript:alert(1)",
        "on",
        "true",
        "999999",
    ]
)
HOSTILE_VALUE = st.one_of(
    HOSTILE_TEXT,
    st.text(max_size=60),
    st.lists(HOSTILE_TEXT, min_size=2, max_size=3),
)

# (page to read the forms from, the visitor, the route of the page's object in the world)
POST_PAGES = [
    ("account_signup", "anonymous"),
    ("account_login", "anonymous"),
    ("account_reset_password", "anonymous"),
    ("forum:manifesto-detail", "anonymous"),
    ("forum:edition-detail", "anonymous"),
    ("forum:delegation-create", "leader_a"),
    ("training:course-detail", "leader_a"),
    ("funding:proposal-create", "leader_a"),
    ("funding:proposal-edit", "leader_a"),
    ("funding:proposal-detail", "leader_a"),
    ("associations:edit", "leader_a"),
    ("associations:register", "leader_b"),
    ("associations:members", "leader_a"),
    ("funding:review-detail", "reviewer"),
    ("funding:proposal-detail", "staff"),
    ("forum:city-sign", "staff"),
    ("training:session-attendance", "staff"),
    ("business_table:meeting-create", "staff"),
    ("business_table:opportunity-create", "staff"),
    ("business_table:opportunity-detail", "staff"),
    ("networks:event-create", "staff"),
    ("networks:commitment-create", "staff"),
    ("networks:commitment-detail", "staff"),
    ("networks:commitment-edit", "staff"),
    ("networks:assessment-create", "staff"),
    ("networks:membership-edit", "staff"),
]
GET_PAGES = [
    ("programme:search", "anonymous"),
    ("associations:list", "anonymous"),
    ("training:course-list", "anonymous"),
    ("forum:signatory-list", "anonymous"),
    ("business_table:opportunity-list", "staff"),
    ("networks:commitment-list", "staff"),
    ("funding:board", "staff"),
]


def _counts() -> dict[str, int]:
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_config.name
        in {
            "associations",
            "training",
            "forum",
            "twinning",
            "funding",
            "networks",
            "business_table",
            "programme",
            "privacy",
            "mondinsieme",
        }
        and model._meta.label_lower not in COUNTED_ELSEWHERE
        and model._meta.managed
        and not model._meta.proxy
    }


def _page(client, world, route: str, role: str):
    if world.users[role] is not None:
        client.force_login(world.users[role])
    url = reverse(route, kwargs=world.kwargs.get(route))
    response = client.get(url)
    assert response.status_code == 200, f"{route} as {role}: {response.status_code}"
    return url, response.content.decode()


@pytest.fixture
def world(staff, association):
    world = build_world(staff)
    # An idea is the stage in which the leaders may still edit their proposal.
    idea = ProposalFactory(association=world.users["leader_a"].memberships.first().association)
    world.kwargs["funding:proposal-edit"] = {"pk": idea.pk}
    ForumEdition.objects.filter(slug=world.kwargs["forum:edition-detail"]["slug"]).update(
        registration_open=True
    )
    return world


def _mutations(names: list[str]):
    """Some fields replaced by hostile values, some dropped, the rest left as the page had them."""
    return st.dictionaries(st.sampled_from(names), st.one_of(st.none(), HOSTILE_VALUE), min_size=1)


@pytest.mark.parametrize(("route", "role"), POST_PAGES)
def test_hostile_posts_never_fail_and_never_half_save(client, world, route, role):
    url, html = _page(client, world, route, role)
    forms = page_forms(html, url)
    assert forms, f"{route} offers no form to {role}"

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def attack(data):
        form = data.draw(st.sampled_from(forms))
        mutations = data.draw(_mutations(form.names)) if form.names else {}
        payload = dict(form.values)
        for name, value in mutations.items():
            if value is None:
                payload.pop(name, None)
            else:
                payload[name] = value
        cache.clear()  # rate limits would otherwise answer 429 after a few examples
        with transaction.atomic():
            before = _counts()
            response = client.post(form.action, payload)
            after = _counts()
            transaction.set_rollback(True)
        assert response.status_code < 500
        if response.status_code == 200 or response.status_code >= 400:
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            assert not changed, f"{form.action} refused the input but saved {changed}"

    attack()


@pytest.mark.parametrize(("route", "role"), GET_PAGES)
def test_hostile_filters_and_searches_never_fail(client, world, route, role):
    url, html = _page(client, world, route, role)
    forms = page_forms(html, url, method="get")
    assert forms, f"{route} offers no filter form"

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def attack(data):
        form = data.draw(st.sampled_from(forms))
        names = [*form.names, "page", "sort", "q"]
        query = data.draw(
            st.dictionaries(st.sampled_from(names), HOSTILE_VALUE, min_size=1, max_size=4)
        )
        response = client.get(form.action, query)
        assert response.status_code < 500

    attack()
