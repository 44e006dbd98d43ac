from django.conf import settings

from .objectives import objectives


def portal(request):
    """The portal's identity and the six objectives, for the header, navigation and footer."""
    return {"PORTAL": settings.PORTAL, "nav_objectives": objectives()}
