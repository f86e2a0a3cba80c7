from django.conf import settings
from django.shortcuts import get_object_or_404, render

from entraide.core import accessibility as accessibility_facts
from entraide.core import registry
from entraide.core.models import LegalPage
from entraide.core.page_cache import public_page


@public_page
def home(request):
    context = {"upcoming": registry.upcoming(limit=5), "features": registry.features()}
    return render(request, "core/home.html", context)


@public_page
def accessibility(request):
    return render(
        request,
        "core/accessibility.html",
        {
            "standard": accessibility_facts.STANDARD,
            "pages": accessibility_facts.tested_pages(),
            "journeys": accessibility_facts.keyboard_journeys(),
            "exceptions": accessibility_facts.EXCEPTIONS,
            "date": accessibility_facts.STATEMENT_DATE,
            "contact": settings.ENTRAIDE_ACCESSIBILITY_CONTACT,
        },
    )


@public_page
def legal_page(request, kind):
    page = get_object_or_404(LegalPage, kind=kind)
    return render(request, "core/legal_page.html", {"page": page})


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form refused by the CSRF check (an old page, a blocked cookie)."""
    return render(request, "core/csrf_failure.html", status=403)
