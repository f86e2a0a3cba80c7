"""Answering a poll, with or without an account; editing or deleting one's answer through
the private link; comments."""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.core.tokens import new_keyed_link, token_digest
from entraide.polls import notifications
from entraide.polls.errors import PollErrorCode
from entraide.polls.models import LINK_PURPOSE, Answer, Choice, Comment, Participant, Poll

log = logging.getLogger(__name__)


def _check_open(poll):
    if poll.is_closed():
        raise DomainError(
            _("This poll is closed: answers can no longer change."), code=PollErrorCode.POLL_CLOSED
        )


def _clean_choices(poll, choices: dict[int, str]) -> dict[int, str]:
    slot_ids = set(poll.slots.values_list("pk", flat=True))
    allowed = {Answer.YES, Answer.NO} | ({Answer.IF_NEED_BE} if poll.allow_if_need_be else set())
    if set(choices) != slot_ids or any(value not in allowed for value in choices.values()):
        raise DomainError(
            _("Answer every slot with one of the proposed answers."),
            code=PollErrorCode.ANSWER_INCOMPLETE,
        )
    return choices


def _language(by) -> str:
    """The language of the mails to come: the account's, or the page's the person answered on."""
    return getattr(by, "language", "") or get_language() or settings.LANGUAGE_CODE


def answer(poll, *, name, email="", choices, by=None, same_name_ok=False) -> Participant:
    """Record someone's availabilities. The same name twice asks first whether they meant to
    edit their answer (`same_name_ok` says they did not)."""
    name, email = name.strip(), email.strip().lower()
    with transaction.atomic():
        locked = Poll.objects.select_for_update().get(pk=poll.pk)
        _check_open(locked)
        choices = _clean_choices(locked, choices)
        if by is not None:
            mine = locked.participants.filter(user=by).first()
            if mine is not None:
                return _replace(mine, name=name, choices=choices)
        if not same_name_ok and locked.participants.filter(name__iexact=name).exists():
            raise DomainError(
                _(
                    "Someone named “%(name)s” has already answered. If it was you, use the "
                    "edit link you received; otherwise tick the box to answer as another person."
                )
                % {"name": name},
                code=PollErrorCode.SAME_NAME,
                field="name",
            )
        key, digest = new_keyed_link(LINK_PURPOSE)
        try:
            with transaction.atomic():
                participant = Participant.objects.create(
                    poll=locked, name=name, email=email, user=by, link_key=key,
                    token_digest=digest, language=_language(by),
                )  # fmt: skip
        except IntegrityError:  # the same account, answering twice at the same moment
            raise DomainError(
                _("You have already answered this poll."), code=PollErrorCode.ALREADY_ANSWERED
            ) from None
        Choice.objects.bulk_create(
            Choice(participant=participant, slot_id=slot_id, answer=value)
            for slot_id, value in choices.items()
        )
        if email:
            notifications.answer_link(participant)
    log.info("poll %s: participant %s answered", poll.pk, participant.pk)
    return participant


def _replace(participant, *, name, choices):
    participant.name = name or participant.name
    participant.save(update_fields=["name", "updated_at"])
    participant.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(participant=participant, slot_id=slot_id, answer=value)
        for slot_id, value in choices.items()
    )
    return participant


def find_participant(poll, raw_token) -> Participant | None:
    if not raw_token or len(raw_token) > 128:
        return None
    return (
        poll.participants.filter(token_digest=token_digest(raw_token))
        .exclude(token_digest="")
        .first()
    )


def edit_answer(participant, *, name, choices) -> Participant:
    with transaction.atomic():
        poll = Poll.objects.select_for_update().get(pk=participant.poll_id)
        _check_open(poll)
        choices = _clean_choices(poll, choices)
        return _replace(participant, name=name.strip(), choices=choices)


def delete_answer(participant) -> None:
    with transaction.atomic():
        poll = Poll.objects.select_for_update().get(pk=participant.poll_id)
        _check_open(poll)
        participant.delete()


def add_comment(poll, *, name, body, by=None) -> Comment:
    return Comment.objects.create(poll=poll, author_name=name.strip(), body=body.strip(), user=by)
