import contextlib
import logging

from django.conf import settings
from django.db import DatabaseError
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers

from entraide.core.private_links import has_private_token

log = logging.getLogger(__name__)


class LanguageMiddleware:
    """French by default; the language switch (a cookie) chooses another.

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is not followed: the
    interface speaks its users' language unless a person asks for another."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.available:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class InvalidFormStatusMiddleware:
    """A POST answered with the same form and its errors gets a 400, not a 200.

    Our views set their status themselves; this covers allauth's views, which re-render an
    invalid form (a weak password, a wrong code…) as a TemplateResponse with a 200, and show
    an expired or made-up email confirmation link with a 200 too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        context = response.context_data or {}
        if response.status_code != 200:
            return response
        form = context.get("form")
        if request.method == "POST" and form is not None and form.is_bound and form.errors:
            response.status_code = 400
        elif "confirmation" in context and context["confirmation"] is None:
            response.status_code = 404  # allauth's page for an expired or unknown email link
        return response


PRIVATE_PAGE_REFERRER_POLICY = "strict-origin"


class PrivateLinkReferrerMiddleware:
    """A page whose address holds a private token (entraide.core.private_links), even in its
    `next` parameter, sends only the site's origin as Referer, never its path: the token would
    otherwise travel with the next request and land in a log.

    Not "no-referrer": under that policy browsers send `Origin: null` with the page's own
    forms, which the CSRF check must refuse (confirming a registration would fail)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if has_private_token(request.get_full_path()):
            response.headers["Referrer-Policy"] = PRIVATE_PAGE_REFERRER_POLICY
        return response


def _holds_nul(pairs) -> bool:
    return any("\x00" in key or "\x00" in value for key, value in pairs)


class NulByteMiddleware:
    """A NUL byte in the address, the query string, a cookie or a form's fields gets our 400
    page. No address or form of ours takes one, and PostgreSQL refuses them in text: the value
    would end in a DataError, a 500, as soon as it reached a query (a session cookie does).

    It runs before anything reads the session or the user from the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._holds_nul(request):
            return render(request, "400.html", status=400)
        return self.get_response(request)

    def _holds_nul(self, request) -> bool:
        if "\x00" in request.path or _holds_nul(request.COOKIES.items()):
            return True
        pairs = [(key, value) for key, values in request.GET.lists() for value in values]
        if request.method == "POST":
            # A body that cannot be read is left to the view, as CsrfViewMiddleware does.
            with contextlib.suppress(OSError):
                pairs += [(k, v) for k, values in request.POST.lists() for v in values]
        return _holds_nul(pairs)


# PostgreSQL: read_only_sql_transaction (a read-only server or standby), disk_full ("could not
# extend file", "No space left on device").
READ_ONLY_SQLSTATES = {"25006", "53100"}
# SQLite, and PostgreSQL's messages when the driver gives no SQLSTATE.
READ_ONLY_MESSAGES = (
    "attempt to write a readonly database",
    "database or disk is full",
    "read-only transaction",
    "could not extend file",
)
RETRY_AFTER_SECONDS = 300


def database_refuses_writes(error) -> bool:
    """Whether `error` says the database cannot write (its folder read-only, its disk full),
    rather than that something is wrong with the request or the code."""
    if not isinstance(error, DatabaseError):
        return False
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in READ_ONLY_SQLSTATES:
        return True
    message = str(error)
    return any(text in message for text in READ_ONLY_MESSAGES)


class ReadOnlyDatabaseMiddleware:
    """A write refused because the data folder is read-only or full gets a maintenance page
    (503, Retry-After) instead of a server error; pages that only read keep working."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_refuses_writes(exception):
            return None
        log.error("The database refuses writes, the site is read-only: %s", exception)
        response = render(request, "core/read_only.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
