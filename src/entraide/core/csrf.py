"""Cross-site request protection that leaves a visitor's public pages without a cookie.

Django's CSRF protection puts a token in every form and a cookie in every browser that sees
one. A public page that shows a form (register for a workshop, answer a poll, switch the
language) would then set a cookie for every visitor, so no proxy and no page cache could keep
it. What the token protects is what a session can do: so these forms carry it, and their views
check it, only for a signed-in person. A visitor without an account has no session to abuse;
her browser's `Origin` header must still name this site, which refuses forms posted from
another one.
"""

from functools import wraps

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import get_callable
from django.views.decorators.csrf import csrf_exempt

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def _same_origin(request) -> bool:
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:  # not sent by older browsers nor by scripts, which carry no session
        return True
    here = f"{'https' if request.is_secure() else 'http'}://{request.get_host()}"
    return origin == here or origin in settings.CSRF_TRUSTED_ORIGINS


def csrf_protect_signed_in(view):
    """Check the CSRF token of a signed-in person; for a visitor, check the origin only."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            if request.user.is_authenticated:
                refusal = CsrfViewMiddleware(view).process_view(request, view, args, kwargs)
                if refusal is not None:
                    return refusal
            elif not _same_origin(request):
                failure = get_callable(settings.CSRF_FAILURE_VIEW)
                return failure(request, reason="Origin checking failed: another site.")
        return view(request, *args, **kwargs)

    return csrf_exempt(checked)
