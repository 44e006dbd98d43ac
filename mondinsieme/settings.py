"""Settings for the Portale Diaspore & Cooperazione.

Everything comes from the environment (``DJANGO_``-prefixed where Django-specific), with safe
defaults: DEBUG is off unless asked for, SQLite only when no ``DATABASE_URL`` is given, Celery
runs tasks eagerly only when no ``REDIS_URL`` is given. See the README for the full list.
"""

import secrets
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Commands that sign nothing (makemigrations, check, compilemessages) must run on a fresh
# checkout, so a missing key falls back to a throwaway one. Serving is different: wsgi.py and the
# deploy check (mondinsieme/checks.py) refuse to run without DJANGO_SECRET_KEY unless DEBUG.
SECRET_KEY_FROM_ENVIRONMENT = bool(env("DJANGO_SECRET_KEY", default=""))
SECRET_KEY = env("DJANGO_SECRET_KEY", default="") or (
    "django-insecure-dev-only-never-use-in-production"
    if DEBUG
    else "django-insecure-" + secrets.token_urlsafe(40)
)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# The host city is configuration, not code: another Città del Dialogo city can run the portal.
PORTAL = {
    # Absolute links in e-mails and PDFs point here.
    "BASE_URL": env("PORTAL_BASE_URL", default="http://127.0.0.1:8000"),
    "HOST_CITY_SLUG": env("PORTAL_HOST_CITY_SLUG", default="reggio-emilia"),
    "HOST_CITY_NAME": env("PORTAL_HOST_CITY_NAME", default="Reggio Emilia"),
    "OWNER_NAME": env("PORTAL_OWNER_NAME", default="Comune di Reggio Emilia"),
    "OWNER_URL": env("PORTAL_OWNER_URL", default="https://www.comune.re.it"),
    "PARTNER_NAME": env("PORTAL_PARTNER_NAME", default="Fondazione Mondinsieme"),
    "PARTNER_URL": env("PORTAL_PARTNER_URL", default="https://www.mondinsieme.org"),
    "PARTNER_ADDRESS": env(
        "PORTAL_PARTNER_ADDRESS", default="via Marzabotto 3, 42121 Reggio Emilia"
    ),
    "CONTACT_EMAIL": env("PORTAL_CONTACT_EMAIL", default="diaspore@example.org"),
}

INSTALLED_APPS = [
    "mondinsieme.admin_site.PortalAdminConfig",  # django.contrib.admin with our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_countries",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
    "mondinsieme",
    "associations",
    "training",
    "forum",
    "twinning",
    "funding",
    "networks",
    "business_table",
    "programme",
    "privacy",
]

MIDDLEWARE = [
    "mondinsieme.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "mondinsieme.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "mondinsieme.middleware.StaffMFARequiredMiddleware",
    "privacy.middleware.AccessLogMiddleware",
]

ROOT_URLCONF = "mondinsieme.urls"
WSGI_APPLICATION = "mondinsieme.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "mondinsieme.context_processors.portal",
            ],
        },
    },
]

# Fields render through templates/components/field.html (Bootstrap Italia markup).
FORM_RENDERER = "mondinsieme.renderers.PortalFormRenderer"

# --- Data ----------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
# A persistent connection broken by a database restart is replaced on the next request instead of
# failing it (scripts/faults/postgres_restart.py).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# psycopg's connection pool per process instead of persistent connections (DJANGO_DB_POOL=1,
# PostgreSQL only; default off: slower than CONN_MAX_AGE with gunicorn here, see
# docs/performance.md). Django requires CONN_MAX_AGE = 0 with a pool.
if env.bool("DJANGO_DB_POOL", default=False) and "postgresql" in DATABASES["default"]["ENGINE"]:
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DJANGO_DB_POOL_MIN", default=2),
        "max_size": env.int("DJANGO_DB_POOL_MAX", default=8),
        "timeout": 10,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "mondinsieme.User"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Misses instead of errors while Redis is down (mondinsieme/cache_backends.py).
            "BACKEND": "mondinsieme.cache_backends.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("DJANGO_CACHE_PREFIX", default="mondinsieme"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Public pages for anonymous visitors (mondinsieme/cache.py): an upper bound on staleness for
# changes no signal reports; 0 turns the page cache off.
PORTAL_PAGE_CACHE_SECONDS = env.int("PORTAL_PAGE_CACHE_SECONDS", default=600)

# --- Accounts ------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "associations:mine"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Diaspore] "
ACCOUNT_ADAPTER = "mondinsieme.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "mondinsieme.forms.SignupForm"}
# allauth keeps its counters in the cache: Redis in production, so limits hold across workers.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/180s/key",
}
# Adding, removing or making primary an e-mail address, and every MFA page, first ask for the
# password again when the last authentication is older than ACCOUNT_REAUTHENTICATION_TIMEOUT
# (allauth: 5 minutes); changing the password asks for the current one in its own form.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# The user's list of active sessions (/account/sessions/), with the last time each was seen: kept
# by mondinsieme.middleware.SessionTimeoutMiddleware at most once a minute, instead of allauth's
# UserSessionsMiddleware, which writes to the database on every request.
USERSESSIONS_TRACK_ACTIVITY = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="Portale Diaspore")
PORTAL_STAFF_MFA_REQUIRED = env.bool("PORTAL_STAFF_MFA_REQUIRED", default=True)

# Twinning: the 7 working days of silent assent skip national holidays; a province code (e.g.
# "RE" for San Prospero) also skips the local patron saint's day.
TWINNING_HOLIDAY_SUBDIVISION = env("TWINNING_HOLIDAY_SUBDIVISION", default="")

# Funding: a proposal sitting in one stage longer than this is flagged on the staff board.
FUNDING_STUCK_AFTER_DAYS = env.int("FUNDING_STUCK_AFTER_DAYS", default=30)

# --- i18n ----------------------------------------------------------------------------------
LANGUAGE_CODE = "it"
LANGUAGES = [("it", _("Italiano")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True
COUNTRIES_FIRST = ["IT"]

# --- Static and media ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880
PORTAL_LOGO_MAX_BYTES = 1_048_576

# --- E-mail --------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env(
    "DJANGO_DEFAULT_FROM_EMAIL", default="Portale Diaspore <noreply@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery --------------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
# No broker configured: run tasks in-process so a laptop needs no Redis (the README's `make run`).
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="mondinsieme")
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A broker that is down must not hang the request that publishes a task: refused at once, hung
# within ~5 s; the e-mail stays in the outbox (OutgoingEmail) and the sweeper publishes it later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    # A task taken by a worker that died (SIGKILL) goes back to the queue after this long.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
}
# The outbox sweeper: e-mails still pending after this many minutes are published again.
EMAIL_OUTBOX_RETRY_AFTER = env.int("EMAIL_OUTBOX_RETRY_AFTER", default=10)
EMAIL_MAX_ATTEMPTS = 6
CELERY_BEAT_SCHEDULE = {
    "mondinsieme-email-sweep": {"task": "mondinsieme.email_sweep", "schedule": 300.0},
}
# The nightly retention job (privacy.RetentionRule rows say what it deletes or anonymises).
CELERY_BEAT_SCHEDULE["privacy-retention-apply"] = {
    "task": "privacy.tasks.retention_apply",
    "schedule": 24 * 60 * 60.0,
}

# --- Security ------------------------------------------------------------------------------
# Behind a TLS-terminating proxy in production; plain HTTP only for local development.
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies in front of the portal append to X-Forwarded-For (rate limits trust
# only their hops; 0 = use the socket address).
PORTAL_TRUSTED_PROXIES = env.int("PORTAL_TRUSTED_PROXIES", default=0)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Enforced on the server by mondinsieme.middleware.SessionTimeoutMiddleware (seconds).
SESSION_IDLE_TIMEOUT = env.int("DJANGO_SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT = env.int("DJANGO_SESSION_ABSOLUTE_TIMEOUT", default=12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
FORMS_URLFIELD_ASSUME_HTTPS = True

# Staff access to personal data is logged (privacy.middleware.AccessLogMiddleware): the admin
# pages of these models, and these named pages, whoever opens or exports them.
PRIVACY_ACCESS_LOG_ADMIN_MODELS = [
    "mondinsieme.user",
    "associations.membership",
    "associations.invitation",
    "training.enrolment",
    "training.attendance",
    "training.certificate",
    "forum.signature",
    "forum.delegation",
    "forum.registration",
    "funding.proposal",
    "business_table.tradeassociationcontact",
    "privacy.consent",
    "privacy.dataexport",
]
PRIVACY_ACCESS_LOG_URL_NAMES = [
    "associations:members",
    "training:session-attendance",
    "training:association-training",
    "training:certificates-zip",
    "forum:edition-badges",
    "funding:board",
    "privacy:register",
]
# A "download my data" link works this long (days); the nightly job deletes the archive after.
PRIVACY_EXPORT_VALID_DAYS = env.int("PRIVACY_EXPORT_VALID_DAYS", default=7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}
