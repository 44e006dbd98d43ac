"""Test settings: the real settings, made fast and local where speed does not change behaviour."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_HTTPS", "0")

from mondinsieme.settings import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Unit tests run Celery tasks in-process; the integration test starts a real worker.
CELERY_TASK_ALWAYS_EAGER = True
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

# With Redis, each pytest-xdist worker gets its own cache database (2, 3, ...): the tests clear
# the cache between them, and a FLUSHDB must not touch another worker's counters nor the Celery
# broker, which stays on the database of REDIS_URL.
if REDIS_URL:  # noqa: F405
    from urllib.parse import urlsplit, urlunsplit

    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or "0"
    _parts = urlsplit(REDIS_URL)  # noqa: F405
    CACHES["default"]["LOCATION"] = urlunsplit(  # noqa: F405
        _parts._replace(path=f"/{2 + int(_worker)}")
    )

# Browser tests compute a TOTP code and type it a moment later: on a loaded machine the 30-second
# window may turn in between. Accept the neighbouring code in tests only (production keeps 0).
MFA_TOTP_TOLERANCE = 1
