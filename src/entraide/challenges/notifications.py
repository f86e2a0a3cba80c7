"""The mails of challenges: the link that confirms a participation, the welcome of someone
signed in, the neutral answer to joining again, the buddy's notice, the daily reminder, the
organisers' message to everyone taking part, and the summary at the end. Each is queued
through Django's mail API in the caller's transaction and leaves after commit
(entraide.core.mail), in the participant's language; replies reach the place's contact."""

from django.conf import settings
from django.utils import translation

from entraide.core.mail import send_templated_mail
from entraide.places.notifications import reply_to

T = "challenges/email/"


def _send(template, participant, challenge=None, **context):
    challenge = challenge or participant.challenge
    with translation.override(participant.language or settings.LANGUAGE_CODE):
        send_templated_mail(
            T + template,
            {
                "participant": participant,
                "challenge": challenge,
                "place": challenge.place,
                "link": settings.ENTRAIDE_SITE_URL + participant.private_url(),
                **context,
            },
            to=[participant.email],
            reply_to=reply_to(challenge.place),
        )


def confirm_address(participant):
    """Without an account: follow the link to confirm the address and start."""
    _send("confirm", participant)


def welcome(participant):
    """Signed in with a verified address: taking part already; here is the private link."""
    _send("welcome", participant)


def already_joined(participant):
    """Someone joined again with an address taking part: the link to the participation."""
    _send("already", participant)


def buddy_chosen(buddy, *, by):
    _send("buddy", buddy, buddy_name=by.display_name)


def reminder(participant, challenge, day):
    _send(
        "reminder",
        participant,
        challenge,
        day=day,
        stop_link=settings.ENTRAIDE_SITE_URL + participant.stop_reminders_url(),
    )


def message(participant, challenge, *, subject, body):
    _send("message", participant, challenge, subject=subject, body=body)


def summary(participant, challenge, *, kept_days, checked_days, together, coming):
    """`together`: the group's progress; `coming`: registry Items of what the place offers
    next."""
    _send(
        "summary",
        participant,
        challenge,
        kept_days=kept_days,
        checked_days=checked_days,
        together=together,
        together_days=_days_text(together.total.pledge_days),
        coming=coming,
        site_url=settings.ENTRAIDE_SITE_URL,
        testimonies_link=settings.ENTRAIDE_SITE_URL + challenge.testimonies_url(),
    )


def _days_text(days: float) -> str:
    """3.0 → "3", 2.5 → "2,5" (in the language of the mail)."""
    from django.utils.formats import number_format

    return number_format(days, decimal_pos=0 if days == int(days) else 1, force_grouping=True)
