"""Bounds on the public forms that mail a private link to an address someone typed: per
address, so that nobody floods one mailbox from many networks (each form also bounds its
requests per network address)."""

from django_ratelimit.core import is_ratelimited

RATE_PER_EMAIL = "5/h"


def too_many_mails_to(request, email: str, *, group: str) -> bool:
    """Count one more mail to `email` for the form `group`; True once over the bound."""
    address = email.strip().lower()
    return is_ratelimited(
        request,
        group=group,
        key=lambda _group, _request: address,
        rate=RATE_PER_EMAIL,
        increment=True,
    )
