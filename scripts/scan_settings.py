"""Settings for the scan server (scripts/scan.py): production settings on loopback, no limits.

Rate limits and CSRF checks are off (a dummy cache, allauth's limits disabled, the flag the test
client uses) so that wapiti and sqlmap can try every parameter instead of being answered 429 or
403 after a few requests; the limits and CSRF have their own tests
(tests/mondinsieme/test_ratelimit.py, test_login_rate_limit.py).
"""

from mondinsieme.settings import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
ACCOUNT_RATE_LIMITS = False
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


class DisableCsrfChecks:
    """The scanners mutate every field, the CSRF token included, and would only ever reach the
    403 of a failed CSRF check: for the scan, the forms are reached directly (CSRF itself is
    covered by Django and by tests/trust/test_access_matrix.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._dont_enforce_csrf_checks = True
        return self.get_response(request)


MIDDLEWARE = ["scan_settings.DisableCsrfChecks", *MIDDLEWARE]  # noqa: F405
