import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mondinsieme.settings")

application = get_wsgi_application()

from django.conf import settings  # noqa: E402

if not settings.DEBUG and not settings.SECRET_KEY_FROM_ENVIRONMENT:
    from django.core.exceptions import ImproperlyConfigured

    # A throwaway key would log everyone out and void every link at each restart.
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY before serving the portal.")
