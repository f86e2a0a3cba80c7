"""A whole-page cache for visitors without a cookie, never stale.

Most requests to a public page come from people who have done nothing on the site yet: no
session, no cookie. For them the page is the same, so it is rendered once and kept. It stays
true because of two rules:

- **every write** to the database (a registration, an answer, an edit, a cancellation), made by
  any process, changes the *version* of the site's content, stored in the shared cache; pages
  are kept under the version they were rendered from, so the next visitor after a commit gets
  a fresh page. Writes are seen at the database connection (`execute_wrapper`), so no service
  can forget to say it wrote; tables that no page shows (sessions, the cache, the mail outbox,
  the task queue) are left out;
- **time**: a page is kept at most `ENTRAIDE_PAGE_CACHE_SECONDS`, and never past the next
  moment a page changes by time alone (a workshop starts, registration opens or closes, a poll
  closes), which each capability gives through `registry.register_time_transitions`.

A kept page carries an ETag and `Cache-Control: public, no-cache`: a browser (or a shared cache
that revalidates) may store it but asks again each time, and gets a 304 without a body while the
page is unchanged, answered from the kept page without rendering or a query.

A view opts in with `@public_page`. A visitor with any cookie but the language choice (a
session, a CSRF token), or a response that sets one, is served and rendered as usual: a
signed-in person never receives a page rendered for someone else.
"""

import hashlib
import logging
import re
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.db import DatabaseError, connections, transaction
from django.db.backends.signals import connection_created
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

from entraide.core import registry

logger = logging.getLogger(__name__)
VERSION_KEY = "entraide:pages:version"
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)', re.I)
# Tables that no page shows: writing to them does not change what a visitor reads.
UNSHOWN_TABLES = {
    "django_session",
    "core_outgoingmail",
    "django_tasks_database_dbtaskresult",
    "django_admin_log",
    "core_ratecount",  # the rate limits' counts
}
UNSHOWN_PREFIXES = ("django_tasks",)


def _unshown(table: str) -> bool:
    cache_table = settings.CACHES["default"].get("LOCATION", "")
    return table in UNSHOWN_TABLES or table == cache_table or table.startswith(UNSHOWN_PREFIXES)


# --- The version ----------------------------------------------------------------------------


def current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def content_changed():
    """A new version: every page kept so far is left behind."""
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except DatabaseError as error:
        # The database cache's table does not exist yet (the first `migrate`): no page can
        # have been kept either.
        logger.debug("The page cache could not be told of a change: %s", error)
    except Exception:  # Redis is down: kept pages are unreachable too until it is back
        logger.warning("The page cache could not be told of a change.", exc_info=True)


def _cache_in_database() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")


def _on_write(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    match = WRITE.match(sql)
    if match and not _unshown(match.group(1).lower()):
        connection = context["connection"]
        if not connection.in_atomic_block:
            content_changed()
            return result
        if not _cache_in_database():
            # Now, for this connection's own later reads (and for tests, which never commit);
            # never in the database cache, whose row the transaction would keep locked.
            content_changed()
        if not any(func is content_changed for _ids, func, _robust in connection.run_on_commit):
            # Once committed: a page rendered meanwhile read the old rows.
            transaction.on_commit(content_changed, using=connection.alias, robust=True)
    return result


def _watch(sender, connection, **kwargs):
    if _on_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(_on_write)
    if connection.vendor == "sqlite":
        # On SQLite an INSERT … RETURNING outside a transaction is unfinished until its row is
        # read; a new version written to the database cache in between (in its own
        # transaction) would fail to commit and roll the insert back with it: the row would
        # be lost. Django then reads the new row's id after the insert instead.
        connection.features.can_return_columns_from_insert = False


def watch_writes():
    """Called once at start-up (CoreConfig.ready): every connection reports its writes."""
    connection_created.connect(_watch, dispatch_uid="entraide.page_cache")
    for connection in connections.all(initialized_only=True):
        _watch(None, connection)


# --- Keeping pages --------------------------------------------------------------------------


def _next_transition(version, now):
    """The next change by time alone, computed once per version of the content (any write
    makes a new version, so a new poll closing sooner is taken into account)."""
    key = f"entraide:pages:transition:{version}"
    moment = caches["pages"].get(key)
    if moment is None or moment <= now.timestamp():  # unknown, or passed: the one after
        moments = [m for provider in registry.time_transitions() if (m := provider(now))]
        moment = min(moments).timestamp() if moments else float("inf")
        caches["pages"].set(key, moment, timeout=settings.ENTRAIDE_PAGE_CACHE_SECONDS)
    return moment


class Kept:
    """Values read from the content, each computed once per version of it (a count, the ids of
    a deep page): `kept(name, compute)`, where `compute()` gives the value and the moment (a
    timestamp, or None for never) it may change by time alone; until a write or that moment,
    the value is read from the `pages` cache. Unlike whole pages they do not depend on
    ENTRAIDE_PAGE_CACHE_SECONDS: a value is true until then, for everyone, signed in or not.
    One per request: the version is read once, before the first value, or given by
    public_page, which read it before the view (`request.content_version`)."""

    def __init__(self, request=None):
        self.version = getattr(request, "content_version", None)

    def __call__(self, name, compute):
        now = timezone.now().timestamp()
        try:
            self.version = self.version or current_version()
            key = f"entraide:kept:{self.version}:{name}"
            found = caches["pages"].get(key)
        except Exception:
            logger.warning("The page cache cannot be read.", exc_info=True)
            return compute()[0]
        if found is not None and found[1] > now:
            return found[0]
        value, until = compute()
        until = float("inf") if until is None else until
        if until > now:
            try:
                timeout = int(min(until - now, 3600)) + 1
                caches["pages"].set(key, (value, until), timeout=timeout)
            except Exception:
                logger.warning("The page cache cannot be written.", exc_info=True)
        return value


def _expires_at(version, now) -> float:
    """The moment a page rendered now may no longer be shown: the cap, or earlier the next
    change by time alone."""
    cap = now.timestamp() + settings.ENTRAIDE_PAGE_CACHE_SECONDS
    return min(cap, _next_transition(version, now))


def _may_be_shared(request) -> bool:
    if request.method not in ("GET", "HEAD") or settings.ENTRAIDE_PAGE_CACHE_SECONDS <= 0:
        return False
    return set(request.COOKIES) <= {settings.LANGUAGE_COOKIE_NAME} and (
        "HTTP_AUTHORIZATION" not in request.META
    )


def _keepable(request, response) -> bool:
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not (messages is not None and getattr(messages, "added_new", False))
        and "private" not in response.get("Cache-Control", "")
    )


def _key(request, version) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"entraide:page:{version}:{request.LANGUAGE_CODE}:{path}"


def _make_revalidable(response):
    """A browser or a shared cache may store the page, but must ask again before showing it
    (`no-cache`); the ETag lets it ask cheaply: a kept page that has not changed is confirmed
    with a 304 and no body."""
    response["ETag"] = f'"{hashlib.blake2b(response.content, digest_size=16).hexdigest()}"'
    patch_cache_control(response, public=True, no_cache=True)


def _from_kept(request, kept):
    headers = dict(kept["headers"])
    if request.META.get("HTTP_IF_NONE_MATCH") and not _none_match(request, headers["ETag"]):
        response = HttpResponseNotModified()
        for header in ("ETag", "Cache-Control", "Vary", "Content-Language"):
            if header in headers:
                response.headers[header] = headers[header]
        return response
    response = HttpResponse(kept["content"], status=200)
    for header, value in kept["headers"]:
        response.headers[header] = value
    return response


def _none_match(request, etag) -> bool:
    """True when the ETags the client holds do not include this page's."""
    held = parse_etags(request.META["HTTP_IF_NONE_MATCH"])
    return not ("*" in held or etag in held or f"W/{etag}" in held)


def public_page(view):
    """Keep this view's page for visitors without a cookie (see the module's docstring)."""

    @wraps(view)
    def cached(request, *args, **kwargs):
        if not _may_be_shared(request):
            return view(request, *args, **kwargs)
        now = timezone.now()
        pages = caches["pages"]
        try:
            version = request.content_version = current_version()
            key = _key(request, version)
            kept = pages.get(key)
        except Exception:  # the cache is down: render the page as if it did not exist
            logger.warning("The page cache cannot be read.", exc_info=True)
            return view(request, *args, **kwargs)
        if kept is not None and kept["until"] > now.timestamp():
            return _from_kept(request, kept)
        expires = _expires_at(version, now)  # before rendering: never later than what it shows
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if _keepable(request, response) and expires > now.timestamp():
            _make_revalidable(response)
            headers = list(response.items())
            kept = {"until": expires, "content": response.content, "headers": headers}
            try:
                pages.set(key, kept, timeout=max(1, int(expires - now.timestamp())))
            except Exception:
                logger.warning("The page cache cannot be written.", exc_info=True)
            return _from_kept(request, kept)
        return response

    return cached
