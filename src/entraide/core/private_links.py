"""Addresses that carry a private token: a registration's link, an invitation, the edit link of
a poll answer, a personal calendar, allauth's email confirmation and password reset keys.

Whoever holds such an address acts as its owner, so the token is masked wherever addresses are
written down (gunicorn's access log, see entraide.core.gunicorn_logging) and these pages ask
the browser to send no Referer. The address may appear as a path, inside a full URL (a Referer)
or percent-encoded in a query string (`?next=%2Flieux%2Finvitation%2F…`). Each app registers
the addresses of its private links (registry.register_private_paths, in its hooks.py): those of
a capability removed from INSTALLED_APPS do not exist."""

import functools
import logging
import re

from entraide.core import registry

MASK = "…"

_SEP = r"(?:/|%2[fF])"
# A token runs until the next path, query or fragment separator (plain or percent-encoded), a
# quote or a space; a personal calendar's ".ics" is kept.
_MASKED_PART = r"(?:(?!%2[fF]|%3[fF]|\.ics\b)[^/?#&\s\"'])+"


@functools.cache
def _compile(paths):
    """The private paths, by their segments before the token, as each app registered them
    (registry.register_private_paths: URL patterns with a `token` or `key`)."""
    if not paths:  # before the apps are ready: nothing is private yet, nothing is masked
        return re.compile(r"(?!)")
    return re.compile(
        "(?P<prefix>(?:"
        + "|".join(_SEP + _SEP.join(segments) for segments in paths)
        + ")"
        + _SEP
        + ")"
        + _MASKED_PART
    )


def _private():
    return _compile(tuple(registry.private_paths()))


def mask(text: str) -> str:
    """`text` with the token of every private address in it replaced by "…"."""
    return _private().sub(lambda match: match["prefix"] + MASK, text)


def has_private_token(text: str) -> bool:
    return _private().search(text) is not None


class MaskingFilter(logging.Filter):
    """A logging filter for handlers: Django logs refused requests with their path ("Not Found:
    /lieux/invitation/<token>/", "Bad Request: …"), and a form error on a private page comes
    with a valid token."""

    def filter(self, record):
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
