"""The access-control matrix: every view, five kinds of visitor, the status each must get.

Generated from the URLconf (``tests/trust/routes.py``): a URL pattern without a row in
``EXPECTED`` fails ``test_every_route_has_a_row_in_the_matrix``, so a new view cannot be
forgotten. Objects belong to association A (``tests/trust/world.py``); the columns are

    anonymous · leader of A · leader of B · reviewer (funding, assigned to A's proposal) · staff

and each row gives the answer to a GET and to an empty POST (a view that guards GET but not
POST shows up here). ``login`` is a redirect to the login page, ``redirect`` any other redirect
(usually back to the page with a message), otherwise the status code. Every request runs in a
rolled-back savepoint, so one visitor's POST cannot change what the next one sees. The admin's
~250 generated pages follow one rule, checked in ``test_the_admin_is_for_staff_only``.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from tests.trust.routes import all_routes
from tests.trust.world import NO_SUCH_OBJECT, build_world

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "leader_a", "leader_b", "reviewer", "staff")

# name: (GET, POST), each "anonymous leader_a leader_b reviewer staff".
EXPECTED = {
    "accessibility": ("200 200 200 200 200", "405 405 405 405 405"),
    "account_change_password": ("login 200 200 200 200", "login 200 200 200 200"),
    "account_confirm_email": ("200 200 200 200 200", "404 404 404 404 404"),
    "account_confirm_login_code": (
        "login redirect redirect redirect redirect",
        "login redirect redirect redirect redirect",
    ),
    "account_email": ("login 200 200 200 200", "login redirect redirect redirect redirect"),
    "account_email_verification_sent": ("200 200 200 200 200", "405 405 405 405 405"),
    "account_inactive": ("200 200 200 200 200", "405 405 405 405 405"),
    "account_login": (
        "200 redirect redirect redirect redirect",
        "200 redirect redirect redirect redirect",
    ),
    "account_logout": ("redirect 200 200 200 200", "redirect redirect redirect redirect redirect"),
    "account_reauthenticate": ("login 200 200 200 200", "login 200 200 200 200"),
    "account_reset_password": ("200 200 200 200 200", "200 200 200 200 200"),
    "account_reset_password_done": ("200 200 200 200 200", "405 405 405 405 405"),
    "account_reset_password_from_key": ("200 200 200 200 200", "200 200 200 200 200"),
    "account_reset_password_from_key_done": ("200 200 200 200 200", "405 405 405 405 405"),
    "account_set_password": (
        "login redirect redirect redirect redirect",
        "login redirect redirect redirect redirect",
    ),
    "account_signup": (
        "200 redirect redirect redirect redirect",
        "200 redirect redirect redirect redirect",
    ),
    "associations:detail": ("200 200 200 200 200", "200 200 200 200 200"),
    "associations:edit": ("login 200 403 403 200", "login 200 403 403 200"),
    "associations:invitation-accept": ("login 200 200 200 200", "login 200 200 200 200"),
    "associations:invite": ("login 405 405 405 405", "login 400 403 403 400"),
    "associations:join": ("login 405 405 405 405", "login redirect redirect redirect redirect"),
    "associations:list": ("200 200 200 200 200", "200 200 200 200 200"),
    "associations:members": ("login 200 403 403 200", "login 200 403 403 200"),
    "associations:membership-decide": ("login 405 405 405 405", "login redirect 404 404 redirect"),
    "associations:membership-end": ("login 405 405 405 405", "login redirect 404 404 redirect"),
    "associations:membership-role": ("login 405 405 405 405", "login redirect 404 404 redirect"),
    "associations:mine": ("login 200 200 200 200", "login 405 405 405 405"),
    "associations:profile-pdf": ("200 200 200 200 200", "200 200 200 200 200"),
    "associations:register": ("login 200 200 200 200", "login 200 200 200 200"),
    "business_table:action-status": ("login 403 403 403 405", "login 403 403 403 redirect"),
    "business_table:country-detail": ("login 403 403 403 200", "login 403 403 403 200"),
    "business_table:country-list": ("login 403 403 403 200", "login 403 403 403 200"),
    "business_table:index": ("200 200 200 200 200", "200 200 200 200 200"),
    "business_table:meeting-action-create": ("login 403 403 403 405", "login 403 403 403 redirect"),
    "business_table:meeting-create": ("login 403 403 403 200", "login 403 403 403 200"),
    "business_table:meeting-detail": ("login 403 403 403 200", "login 403 403 403 200"),
    "business_table:meeting-edit": ("login 403 403 403 200", "login 403 403 403 200"),
    "business_table:meeting-feed": ("404 404 404 404 404", "404 404 404 404 404"),
    "business_table:meeting-ical": ("login 403 403 403 200", "login 403 403 403 200"),
    "business_table:meeting-list": ("login 403 403 403 200", "login 403 403 403 200"),
    "business_table:meeting-pdf": ("login 403 403 403 200", "login 403 403 403 200"),
    "business_table:meeting-status": ("login 403 403 403 405", "login 403 403 403 redirect"),
    "business_table:opportunity-action-create": (
        "login 403 403 403 405",
        "login 403 403 403 redirect",
    ),
    "business_table:opportunity-create": ("login 403 403 403 200", "login 403 403 403 200"),
    "business_table:opportunity-detail": ("login 403 403 403 200", "login 403 403 403 200"),
    "business_table:opportunity-edit": ("login 403 403 403 200", "login 403 403 403 200"),
    "business_table:opportunity-list": ("login 403 403 403 200", "login 403 403 403 200"),
    "business_table:opportunity-status": ("login 403 403 403 405", "login 403 403 403 redirect"),
    "forum:amendment-create": (
        "login redirect redirect 403 403",
        "login redirect redirect 403 403",
    ),
    "forum:amendment-list": ("200 200 200 200 200", "200 200 200 200 200"),
    "forum:association-sign": ("login 405 405 405 405", "login redirect redirect 403 403"),
    "forum:city-sign": ("login login login login 200", "login login login login 200"),
    "forum:delegation-create": ("login 200 200 403 403", "login 200 200 403 403"),
    "forum:delegation-letter": ("login login login login 200", "login login login login 200"),
    "forum:edition-badges": ("login login login login 200", "login login login login 200"),
    "forum:edition-detail": ("200 200 200 200 200", "200 200 200 200 200"),
    "forum:edition-ical": ("200 200 200 200 200", "200 200 200 200 200"),
    "forum:index": ("200 200 200 200 200", "200 200 200 200 200"),
    "forum:manifesto-detail": ("200 200 200 200 200", "200 200 200 200 200"),
    "forum:manifesto-pdf": ("202 202 202 202 202", "202 202 202 202 202"),
    "forum:manifesto-sign": ("405 405 405 405 405", "400 400 400 400 400"),
    "forum:registration-cancel": ("410 410 410 410 410", "410 410 410 410 410"),
    "forum:registration-create": ("405 405 405 405 405", "400 400 400 400 400"),
    "forum:sign-done": ("200 200 200 200 200", "200 200 200 200 200"),
    "forum:signatory-list": ("200 200 200 200 200", "200 200 200 200 200"),
    "forum:signature-confirm": ("410 410 410 410 410", "410 410 410 410 410"),
    "forum:signature-withdraw": ("410 410 410 410 410", "410 410 410 410 410"),
    "forum:version-diff": ("200 200 200 200 200", "200 200 200 200 200"),
    "funding:attachment-download": ("login 200 404 200 200", "login 200 404 200 200"),
    "funding:attachment-upload": ("login 405 405 405 405", "login redirect 404 404 redirect"),
    "funding:board": ("login 403 403 403 200", "login 403 403 403 200"),
    "funding:call-detail": ("200 200 200 200 200", "200 200 200 200 200"),
    "funding:call-feed": ("200 200 200 200 200", "200 200 200 200 200"),
    "funding:call-list": ("200 200 200 200 200", "200 200 200 200 200"),
    "funding:call-ranking": ("login 403 403 403 200", "login 403 403 403 200"),
    "funding:call-report": ("login 403 403 403 200", "login 403 403 403 200"),
    "funding:proposal-create": ("login 200 200 403 403", "login 200 200 403 403"),
    "funding:proposal-detail": ("login 200 404 404 200", "login 200 404 404 200"),
    "funding:proposal-edit": ("login 403 404 404 403", "login 403 404 404 403"),
    "funding:proposal-list": ("login 200 200 200 200", "login 200 200 200 200"),
    "funding:proposal-transition": ("login 405 405 405 405", "login redirect 404 404 redirect"),
    "funding:review-assign": ("login 405 405 405 405", "login 403 404 404 redirect"),
    "funding:review-detail": ("login 404 404 200 404", "login 404 404 200 404"),
    "funding:review-list": ("login 200 200 200 200", "login 200 200 200 200"),
    "healthz": ("200 200 200 200 200", "200 200 200 200 200"),
    "home": ("200 200 200 200 200", "405 405 405 405 405"),
    "mfa_activate_totp": (
        "login redirect redirect redirect redirect",
        "login redirect redirect redirect redirect",
    ),
    "mfa_authenticate": (
        "login redirect redirect redirect redirect",
        "login redirect redirect redirect redirect",
    ),
    "mfa_deactivate_totp": ("login 404 404 404 redirect", "login 404 404 404 redirect"),
    "mfa_download_recovery_codes": ("login 404 404 404 404", "login 404 404 404 404"),
    "mfa_generate_recovery_codes": (
        "login redirect redirect redirect redirect",
        "login redirect redirect redirect redirect",
    ),
    "mfa_index": ("login 200 200 200 200", "login 405 405 405 405"),
    "mfa_reauthenticate": (
        "login redirect redirect redirect 200",
        "login redirect redirect redirect 200",
    ),
    "mfa_view_recovery_codes": ("login 404 404 404 404", "login 405 405 405 405"),
    "networks:assessment-create": ("login 403 403 403 200", "login 403 403 403 200"),
    "networks:commitment-create": ("login 403 403 403 200", "login 403 403 403 200"),
    "networks:commitment-detail": ("login 403 403 403 200", "login 403 403 403 200"),
    "networks:commitment-edit": ("login 403 403 403 200", "login 403 403 403 200"),
    "networks:commitment-evidence": ("login 403 403 403 405", "login 403 403 403 redirect"),
    "networks:commitment-list": ("login 403 403 403 200", "login 403 403 403 200"),
    "networks:commitment-note": ("login 403 403 403 405", "login 403 403 403 redirect"),
    "networks:commitment-transition": ("login 403 403 403 405", "login 403 403 403 redirect"),
    "networks:event-create": ("login 403 403 403 200", "login 403 403 403 200"),
    "networks:event-detail": ("200 200 200 200 200", "200 200 200 200 200"),
    "networks:event-edit": ("login 403 403 403 200", "login 403 403 403 200"),
    "networks:event-list": ("200 200 200 200 200", "200 200 200 200 200"),
    "networks:evidence-file": ("login 403 403 403 200", "login 403 403 403 200"),
    "networks:followup-add": ("login 403 403 403 405", "login 403 403 403 redirect"),
    "networks:followup-convert": ("login 403 403 403 405", "login 403 403 403 redirect"),
    "networks:index": ("200 200 200 200 200", "200 200 200 200 200"),
    "networks:manage": ("login 403 403 403 200", "login 403 403 403 200"),
    "networks:membership-detail": ("login 403 403 403 200", "login 403 403 403 200"),
    "networks:membership-edit": ("login 403 403 403 200", "login 403 403 403 200"),
    "networks:membership-start": ("login 403 403 403 405", "login 403 403 403 redirect"),
    "networks:membership-transition": ("login 403 403 403 405", "login 403 403 403 redirect"),
    "networks:practice-detail": ("200 200 200 200 200", "200 200 200 200 200"),
    "networks:step-complete": ("login 403 403 403 405", "login 403 403 403 redirect"),
    "networks:step-document": ("login 403 403 403 200", "login 403 403 403 200"),
    "networks:trend": ("200 200 200 200 200", "200 200 200 200 200"),
    "privacy": ("200 200 200 200 200", "200 200 200 200 200"),
    "privacy:account-delete": (
        "login 200 200 200 200",
        "login redirect redirect redirect redirect",
    ),
    "privacy:account-deleted": ("200 200 200 200 200", "200 200 200 200 200"),
    "privacy:consent-withdraw": ("login 405 405 405 405", "login 404 404 404 404"),
    "privacy:export-download": ("login 404 404 404 404", "login 404 404 404 404"),
    "privacy:export-request": (
        "login 405 405 405 405",
        "login redirect redirect redirect redirect",
    ),
    "privacy:mine": ("login 200 200 200 200", "login 200 200 200 200"),
    "privacy:purpose": ("404 404 404 404 404", "404 404 404 404 404"),
    "privacy:register": ("login 403 403 403 200", "login 403 403 403 200"),
    "programme:country-detail": ("404 404 404 404 404", "405 405 405 405 405"),
    "programme:country-list": ("200 200 200 200 200", "405 405 405 405 405"),
    "programme:country-staff": ("login 403 403 403 404", "405 405 405 405 405"),
    "programme:dashboard": ("login 403 403 403 200", "login 405 405 405 405"),
    "programme:dashboard-pdf": ("login 403 403 403 200", "login 405 405 405 405"),
    "programme:dashboard-xlsx": ("login 403 403 403 200", "login 405 405 405 405"),
    "programme:dataset": ("200 200 200 200 200", "405 405 405 405 405"),
    "programme:map": ("200 200 200 200 200", "405 405 405 405 405"),
    "programme:open-data": ("200 200 200 200 200", "405 405 405 405 405"),
    "programme:search": ("200 200 200 200 200", "405 405 405 405 405"),
    "set_language": (
        "redirect redirect redirect redirect redirect",
        "redirect redirect redirect redirect redirect",
    ),
    "training:association-training": ("login 200 403 403 200", "login 200 403 403 200"),
    "training:attendance-import": ("login 405 405 405 405", "login 403 403 403 redirect"),
    "training:attendance-toggle": ("login 405 405 405 405", "login 403 403 403 redirect"),
    "training:certificate-pdf": ("login 200 404 404 200", "login 200 404 404 200"),
    "training:certificate-revoke": ("login 405 405 405 405", "login 403 403 403 redirect"),
    "training:certificate-verify": ("200 200 200 200 200", "200 200 200 200 200"),
    "training:certificates-zip": ("login 405 405 405 405", "login 403 403 403 200"),
    "training:certificates-zip-download": ("login 403 403 403 404", "login 403 403 403 404"),
    "training:course-calendar": ("200 200 200 200 200", "200 200 200 200 200"),
    "training:course-close": ("login 405 405 405 405", "login 403 403 403 redirect"),
    "training:course-detail": ("200 200 200 200 200", "200 200 200 200 200"),
    "training:course-list": ("200 200 200 200 200", "200 200 200 200 200"),
    "training:enrol": ("login 405 405 405 405", "login redirect redirect 403 403"),
    "training:enrolment-cancel": ("login 405 405 405 405", "login redirect 404 404 redirect"),
    "training:feedback": ("login 405 405 405 405", "login redirect 404 404 redirect"),
    "training:my-calendar": ("404 404 404 404 404", "404 404 404 404 404"),
    "training:my-training": ("login 200 200 200 200", "login 200 200 200 200"),
    "training:session-attendance": ("login 403 403 403 200", "login 403 403 403 redirect"),
    "twinning:detail": ("200 200 200 200 200", "405 405 405 405 405"),
    "twinning:document": ("404 403 403 403 200", "404 403 403 403 200"),
    "twinning:index": ("200 200 200 200 200", "405 405 405 405 405"),
    "usersessions_list": ("login 200 200 200 200", "login redirect redirect redirect redirect"),
}


def _status(response) -> str:
    if response.status_code in (301, 302, 303):
        location = response.headers["Location"]
        # Staff-only views send everyone else to the admin's login, which is allauth's.
        login = "/account/login/" in location or "/gestione/login/" in location
        return "login" if login else "redirect"
    return str(response.status_code)


def _routes_by_area() -> dict[str, list[tuple[str, list[str]]]]:
    areas = defaultdict(list)
    for name, params in all_routes():
        if not name.startswith("admin:"):
            areas[name.split(":")[0] if ":" in name else name.split("_")[0]].append((name, params))
    return dict(areas)


def _visit(client, world, url: str, method: str) -> list[str]:
    statuses = []
    for role in ROLES:
        client.logout()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        with transaction.atomic():
            response = getattr(client, method)(url)
            transaction.set_rollback(True)
        statuses.append(_status(response))
    return statuses


def test_every_route_has_a_row_in_the_matrix():
    names = {name for name, _params in all_routes() if not name.startswith("admin:")}

    assert sorted(names - EXPECTED.keys()) == [], "add a row to EXPECTED for each new view"
    assert sorted(EXPECTED.keys() - names) == [], "remove the rows of views that are gone"


@pytest.mark.parametrize("area", sorted(_routes_by_area()))
def test_each_visitor_gets_the_expected_status(client, staff, area):
    world = build_world(staff)
    problems = []
    for name, params in _routes_by_area()[area]:
        if name not in EXPECTED:
            continue  # reported by test_every_route_has_a_row_in_the_matrix
        kwargs = world.kwargs.get(name) or dict.fromkeys(params, NO_SUCH_OBJECT)
        url = reverse(name, kwargs=kwargs or None)
        for method, expected in zip(("get", "post"), EXPECTED[name], strict=True):
            got = _visit(client, world, url, method)
            if got != expected.split():
                problems.append(
                    f"{name} {method.upper()} {url}: expected {expected}, got {' '.join(got)}"
                )

    assert not problems, "\n".join(problems)


def _admin_urls_by_app() -> dict[str, list[tuple[str, str]]]:
    by_app = defaultdict(list)
    for name, params in all_routes():
        if not name.startswith("admin:"):
            continue
        try:
            url = reverse(name, kwargs=dict.fromkeys(params, NO_SUCH_OBJECT) or None)
        except NoReverseMatch:  # app_list takes the label of a registered app
            url = reverse(name, kwargs={"app_label": "associations"})
        parts = url.strip("/").split("/")
        by_app[parts[1] if len(parts) > 2 else "site"].append((name, url))
    return dict(by_app)


@pytest.mark.parametrize("app", sorted(_admin_urls_by_app()))
def test_the_admin_is_for_staff_only(client, staff, leader, app):
    problems = []
    for name, url in _admin_urls_by_app()[app]:
        if name in ("admin:login", "admin:logout"):
            continue
        for user in (None, leader):
            client.logout()
            if user is not None:
                client.force_login(user)
            status = _status(client.get(url))
            if status not in ("login", "403"):
                problems.append(f"{name} {url}: {user or 'anonymous'} got {status}")
        client.force_login(staff)
        # Staff may still meet a 403 where the admin forbids adding or deleting (logs, e-mails,
        # signatures); a 500 would raise here.
        client.get(url)

    assert not problems, "\n".join(problems)
