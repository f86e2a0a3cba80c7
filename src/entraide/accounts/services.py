import logging

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from entraide.core import registry

log = logging.getLogger(__name__)
User = get_user_model()


def update_profile(user, *, display_name: str, language: str) -> None:
    user.display_name = display_name.strip()
    user.language = language
    user.save(update_fields=["display_name", "language"])


def give_display_name(user, name: str) -> None:
    """Save `name` as the account's display name if it has none yet (asked once, when the
    person first registers or answers a poll, so that organisers see a name)."""
    name = name.strip()
    if user.display_name or not name:
        return
    User.objects.filter(pk=user.pk, display_name="").update(display_name=name)
    user.refresh_from_db(fields=["display_name"])


def set_receives_digest(user, *, receives: bool) -> None:
    """Switch the organisers' daily summary on or off. Switched back on, it starts from now,
    not from the last one sent before."""
    rows = User.objects.filter(pk=user.pk)
    if receives:
        rows.filter(receives_digest=False).update(
            receives_digest=True, digest_sent_at=timezone.now()
        )
    else:
        rows.update(receives_digest=False)
    user.refresh_from_db(fields=["receives_digest", "digest_sent_at"])


def has_verified_email(user, email: str) -> bool:
    """Whether `user` proved, through allauth's confirmation, that `email` is theirs."""
    return (
        bool(email)
        and EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    )


def verified_email(user) -> str:
    """The account's own address if it is verified, else "" (then no record made without an
    account under that address can be taken as the person's)."""
    return user.email.lower() if has_verified_email(user, user.email) else ""


def collect_personal_data(user) -> dict:
    """Everything the site holds about `user`, section by section (JSON-serialisable)."""
    return {section.key: section.collect(user) for section in registry.personal_data_sections()}


def what_deletion_erases(user) -> list[tuple[str, int]]:
    """(title, number of records) of each personal data section holding something."""
    data = collect_personal_data(user)
    return [
        (section.title, len(data[section.key]))
        for section in registry.personal_data_sections()
        if data[section.key]
    ]


def what_deletion_does(user) -> list[str]:
    """What each capability says deleting the account does to what it holds."""
    return [
        sentence
        for section in registry.personal_data_sections()
        if section.describe_erasure is not None
        for sentence in section.describe_erasure(user)
    ]


def delete_account(user) -> None:
    """Erase the person's data. What they co-wrote stays, attributed to "former member"
    (foreign keys to the user are SET_NULL); personal records go with the account."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        for section in registry.personal_data_sections():
            if section.erase is not None:
                section.erase(locked)
        locked.delete()
    log.info("account %s deleted", user.pk)
