"""Addresses that carry a private token: a registration's link, an invitation, the edit link of
a poll answer, a personal calendar, allauth's email confirmation and password reset keys.

Whoever holds such an address acts as its owner, so the token is masked wherever addresses are
written down (gunicorn's access log, see entraide.core.gunicorn_logging) and these pages ask
the browser to send no Referer. The address may appear as a path, inside a full URL (a Referer)
or percent-encoded in a query string (`?next=%2Flieux%2Finvitation%2F…`)."""

import logging
import re

MASK = "…"

_SEP = r"(?:/|%2[fF])"
_SLUG = r"[-\w]+"
# Private paths, by their segments before the token (URL patterns with a `token` or `key`).
_PREFIXES = [
    ("ateliers", "inscription"),
    ("ateliers", "calendrier", "personnel"),
    ("sondages", _SLUG, "reponse"),
    ("sondages", _SLUG, "inscription"),
    ("lieux", "invitation"),
    ("compte", "confirmer-adresse"),
    ("compte", "mot-de-passe", "reinitialiser", "cle"),
]
# A token runs until the next path, query or fragment separator (plain or percent-encoded), a
# quote or a space; a personal calendar's ".ics" is kept.
_MASKED_PART = r"(?:(?!%2[fF]|%3[fF]|\.ics\b)[^/?#&\s\"'])+"
_PRIVATE = re.compile(
    "(?P<prefix>(?:"
    + "|".join(_SEP + _SEP.join(segments) for segments in _PREFIXES)
    + ")"
    + _SEP
    + ")"
    + _MASKED_PART
)


def mask(text: str) -> str:
    """`text` with the token of every private address in it replaced by "…"."""
    return _PRIVATE.sub(lambda match: match["prefix"] + MASK, text)


def has_private_token(text: str) -> bool:
    return _PRIVATE.search(text) is not None


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
