"""Every route answers with the security headers, and personal pages are never stored by caches.

The walk is generated from the URLconf, so a view added tomorrow is checked without touching this
file. Patterns with arguments get real objects for the main detail pages and a value that matches
nothing for the others: their 404/403/302 must carry the headers too. A 500 fails the walk (the
test client re-raises the view's exception).
"""

from __future__ import annotations

import re
import subprocess
import sys
from http import HTTPStatus

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse

from tests.business_table.factories import MeetingFactory, OpportunityFactory
from tests.forum.factories import ForumEditionFactory, ManifestoFactory
from tests.funding.factories import CallFactory, ProposalFactory
from tests.networks.factories import GoodPracticeFactory, NetworkEventFactory
from tests.training.factories import CourseFactory, EnrolmentFactory
from tests.trust.routes import all_routes
from tests.twinning.factories import TwinningFileFactory

# A value every converter and regex in the URLconf accepts, and no object has.
NO_SUCH_OBJECT = "999999"
ALLOWED_STATUSES = {
    HTTPStatus.OK,
    HTTPStatus.MOVED_PERMANENTLY,
    HTTPStatus.FOUND,
    HTTPStatus.SEE_OTHER,
    HTTPStatus.FORBIDDEN,
    HTTPStatus.NOT_FOUND,
    HTTPStatus.METHOD_NOT_ALLOWED,
    HTTPStatus.GONE,  # a cancelled Forum registration link
}


@pytest.fixture
def real_objects(leader, association):
    """Arguments for the main detail pages, pointing at objects the leader may see."""
    course = CourseFactory()
    EnrolmentFactory(course=course, association=association, participant=leader)
    manifesto = ManifestoFactory(open=True)
    edition = ForumEditionFactory()
    call = CallFactory()
    proposal = ProposalFactory(call=call, association=association)
    return {
        "associations:detail": {"slug": association.slug},
        "associations:members": {"slug": association.slug},
        "associations:edit": {"slug": association.slug},
        "associations:profile-pdf": {"slug": association.slug},
        "training:course-detail": {"slug": course.slug},
        "training:association-training": {"slug": association.slug},
        "forum:manifesto-detail": {"slug": manifesto.slug},
        "forum:signatory-list": {"slug": manifesto.slug},
        "forum:edition-detail": {"slug": edition.slug},
        "twinning:detail": {"slug": TwinningFileFactory(active=True).slug},
        "funding:call-detail": {"slug": call.slug},
        "funding:proposal-detail": {"pk": proposal.pk},
        "networks:event-detail": {"pk": NetworkEventFactory().pk},
        "networks:practice-detail": {"slug": GoodPracticeFactory().slug},
        "business_table:meeting-detail": {"pk": MeetingFactory(published=True).pk},
        "business_table:opportunity-detail": {"pk": OpportunityFactory().pk},
    }


def urls_to_visit(real_objects):
    urls = []
    for name, params in all_routes():
        kwargs = real_objects.get(name) or dict.fromkeys(params, NO_SUCH_OBJECT)
        try:
            urls.append(reverse(name, kwargs=kwargs or None))
        except NoReverseMatch:
            # The admin's app_list takes only the labels of registered apps.
            urls.append(reverse(name, kwargs={"app_label": "associations"}))
    return urls


def header_problems(url, response, *, personal: bool) -> list[str]:
    problems = []
    if response.status_code not in ALLOWED_STATUSES:
        problems.append(f"status {response.status_code}")
    expected = {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }
    for header, value in expected.items():
        if response.headers.get(header) != value:
            problems.append(f"{header}={response.headers.get(header)!r}")
    if "camera=()" not in response.headers.get("Permissions-Policy", ""):
        problems.append("no Permissions-Policy")
    if "frame-ancestors 'none'" not in response.headers.get("Content-Security-Policy", ""):
        problems.append("no CSP frame-ancestors")
    cache_control = response.headers.get("Cache-Control", "")
    if personal and not ("no-store" in cache_control and "private" in cache_control):
        problems.append(f"Cache-Control={cache_control!r}")
    return [f"{url}: {problem}" for problem in problems]


def test_the_walk_covers_the_whole_urlconf():
    names = {name for name, _params in all_routes()}

    assert {"home", "account_login", "usersessions_list", "admin:index"} <= names
    assert len(names) > 150


def test_every_route_sends_the_headers_to_anonymous_visitors(client, real_objects):
    private = ("/account/", "/en/account/", "/gestione/", "/en/gestione/")
    problems = []
    for url in urls_to_visit(real_objects):
        response = client.get(url)
        personal = url.startswith(private) or bool(response.cookies)
        problems += header_problems(url, response, personal=personal)

    assert not problems, "\n".join(problems)


def test_every_route_sends_the_headers_and_no_store_to_a_leader(client, leader, real_objects):
    client.force_login(leader)
    problems = []
    for url in urls_to_visit(real_objects):
        response = client.get(url)
        problems += header_problems(url, response, personal=True)
        assert response.wsgi_request.user.is_authenticated, f"{url} logged the leader out"

    assert not problems, "\n".join(problems)


def test_the_main_detail_pages_answer_the_leader_with_their_content(client, leader, real_objects):
    client.force_login(leader)

    for name, kwargs in real_objects.items():
        if name.startswith("business_table:"):
            continue  # for staff and trade-association contacts only: 403 is right for a leader
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == HTTPStatus.OK, name


def test_every_admin_page_reached_by_staff_is_not_stored(staff_client):
    response = staff_client.get(reverse("admin:index"))

    assert response.status_code == HTTPStatus.OK
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_response_without_cookies_to_an_anonymous_visitor_stays_cacheable(rf, db):
    # Every HTML page sets the CSRF cookie (the language form) and so is never stored; a public
    # response without cookie, download or personal data keeps the caching its view chose.
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from mondinsieme.middleware import SecurityHeadersMiddleware

    def view(request):
        response = HttpResponse("public")
        response["Cache-Control"] = "public, max-age=600"
        return response

    request = rf.get("/formazione/")
    request.user = AnonymousUser()

    response = SecurityHeadersMiddleware(view)(request)

    assert response["Cache-Control"] == "public, max-age=600"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_login_page_is_not_stored(client, db):
    response = client.get(reverse("account_login"))

    assert "no-store" in response["Cache-Control"]


def test_an_explicit_stricter_cache_header_is_kept(rf, db):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from mondinsieme.middleware import SecurityHeadersMiddleware

    def view(request):
        response = HttpResponse("x")
        response["Cache-Control"] = "private, no-store, max-age=0"
        return response

    request = rf.get("/account/login/")
    request.user = AnonymousUser()

    response = SecurityHeadersMiddleware(view)(request)

    assert response["Cache-Control"] == "private, no-store, max-age=0"


def test_the_csp_forbids_inline_scripts_and_framing(client, db):
    response = client.get(reverse("home"))

    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert "'unsafe-eval'" not in csp


def test_a_template_that_uses_the_csp_nonce_gets_it_in_the_header(rf, db):
    # The portal's pages load only external scripts; an inline one must carry the request's nonce.
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse
    from django.template import Context, Template

    def view(request):
        html = Template('<script nonce="{{ request.csp_nonce }}">1</script>')
        return HttpResponse(html.render(Context({"request": request})))

    response = CSPMiddleware(view)(rf.get("/"))

    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'nonce="{nonce}"' in response.content.decode()


@pytest.mark.parametrize("secure", [True])
def test_hsts_is_sent_over_https_when_configured(client, db, settings, secure):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_SSL_REDIRECT = False

    response = client.get(reverse("home"), secure=secure)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_https_deployments_get_hsts_and_secure_cookies_by_default():
    # The settings module read with DJANGO_HTTPS=1, as in production, in a fresh interpreter.
    code = (
        "import mondinsieme.settings as s;"
        "print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT)"
    )
    env = {"DJANGO_HTTPS": "1", "DJANGO_SECRET_KEY": "x" * 50, "PATH": "/usr/bin:/bin"}
    output = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=settings.BASE_DIR,
        timeout=60,
    ).stdout.split()

    assert output == ["31536000", "True", "True", "True"]
