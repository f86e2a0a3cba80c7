"""A person's private calendar address (their confirmed workshops, video links included):
"<user id>-<secret>", the secret being keyed_token(key) from a stored random key, so that the
person can revoke the address by making a new one."""

import logging
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from entraide.core.tokens import keyed_token
from entraide.workshops.models import PersonalCalendar

log = logging.getLogger(__name__)

PURPOSE = "entraide.workshops.personal-feed"
SECRET_LENGTH = 40


def _token(user, key: str | None) -> str:
    if key is None:  # the first address, never changed: derived from the account
        secret = keyed_token(PURPOSE, f"{user.pk}:{user.date_joined}")
    else:
        secret = keyed_token(f"{PURPOSE}.key", key)
    return f"{user.pk}-{secret[:SECRET_LENGTH]}"


def _key_of(user) -> str | None:
    return PersonalCalendar.objects.filter(user=user).values_list("key", flat=True).first()


def personal_calendar_token(user) -> str:
    return _token(user, _key_of(user))


def owner_of_personal_calendar(token: str):
    """The active account whose current calendar address ends with `token`, or None."""
    pk, _sep, _secret = token.partition("-")
    if not (pk.isdigit() and len(pk) <= 18):  # a bigint, or no one
        return None
    user = get_user_model().objects.filter(pk=int(pk), is_active=True).first()
    if user is None or not constant_time_compare(token, personal_calendar_token(user)):
        return None
    return user


def change_personal_calendar_address(user) -> str:
    """Make a new address; the previous one stops working at once. Returns the new token."""
    key = secrets.token_urlsafe(24)
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        PersonalCalendar.objects.update_or_create(
            user=user, defaults={"key": key, "changed_at": timezone.now()}
        )
    log.info("user %s changed their personal calendar address", user.pk)
    return _token(user, key)
