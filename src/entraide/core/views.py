from django.shortcuts import get_object_or_404, render

from entraide.core import registry
from entraide.core.models import LegalPage


def home(request):
    context = {"upcoming": registry.upcoming(limit=5), "features": registry.features()}
    return render(request, "core/home.html", context)


def legal_page(request, kind):
    page = get_object_or_404(LegalPage, kind=kind)
    return render(request, "core/legal_page.html", {"page": page})


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form refused by the CSRF check (an old page, a blocked cookie)."""
    return render(request, "core/csrf_failure.html", status=403)
