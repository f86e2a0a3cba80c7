"""Private links: the raw token goes to the person, only its SHA-256 digest is stored."""

import hashlib
import secrets


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """Return (raw token for the link, digest to store)."""
    raw = secrets.token_urlsafe(32)
    return raw, token_digest(raw)


def keyed_token(purpose: str, key: str) -> str:
    """A token derived from a stored random `key` and the SECRET_KEY (like Django's password
    reset tokens): it can be mailed again later, yet the database alone does not reveal it."""
    from django.utils.crypto import salted_hmac

    return salted_hmac(purpose, key, algorithm="sha256").hexdigest()


def new_keyed_link(purpose: str) -> tuple[str, str]:
    """Return (key to store, digest to look up) for a private link whose token is
    keyed_token(purpose, key): the token can be mailed again from the key later."""
    key = secrets.token_urlsafe(16)
    return key, token_digest(keyed_token(purpose, key))
