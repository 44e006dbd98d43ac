"""System checks of the portal's own configuration."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_secret_key_from_environment(app_configs, **kwargs) -> list[Error]:
    """Production needs a stable secret key from the environment, never the throwaway one."""
    if getattr(settings, "SECRET_KEY_FROM_ENVIRONMENT", True):
        return []
    return [
        Error(
            "DJANGO_SECRET_KEY is not set: sessions, password-reset links and signed tokens "
            "would break at every restart.",
            hint="Set DJANGO_SECRET_KEY to a long random value (e.g. `openssl rand -hex 32`).",
            id="mondinsieme.E001",
        )
    ]
