from django.conf import settings
from django.urls import reverse

from entraide.core import registry


def site(request):
    return {"site_name": settings.ENTRAIDE_SITE_NAME, "menu": _menu(request)}


def _menu(request):
    """The main menu, from what the capabilities registered: [(label, url, is_current)]."""
    links = []
    for entry in registry.menu():
        if entry.visible is not None and not entry.visible(request):
            continue
        url = reverse(entry.url_name)
        links.append((entry.label, url, request.path.startswith(url)))
    return links
