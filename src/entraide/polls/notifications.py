"""The mails of polls: to the people who answered (each in the language they answered in, with
replies going to the place's contact address) and to the place's organisers (each in their
account's language). Services call them inside their transaction: each mail is written to the
outbox with the change it announces (entraide.core.mail)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from entraide.core.mail import send_templated_mail
from entraide.places.notifications import mail_organisers
from entraide.places.notifications import reply_to as place_reply_to

T = "polls/email/"


def reply_to(poll) -> list[str]:
    """Replies to a poll's mails go to its place's contact address, when it has one."""
    return place_reply_to(poll.place)


def _send(template, poll, *, to, language, **context):
    """One mail about `poll` to one address, in `language` (the site's when unknown)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        send_templated_mail(
            T + template, {"poll": poll, **context}, to=[to], reply_to=reply_to(poll)
        )


def answer_link(participant):
    """To someone who answered with an address: the private link to change or delete it."""
    _send(
        "answered",
        participant.poll,
        to=participant.email,
        language=participant.language,
        participant=participant,
        link=settings.ENTRAIDE_SITE_URL + participant.edit_url(),
    )


def date_fixed(poll, slot, workshop, *, email, language, register_url=None):
    """To someone who answered, or who is registered for the workshop's series, and holds no
    seat at the fixed date: the date, and a link to register (in one click with
    `register_url`)."""
    site = settings.ENTRAIDE_SITE_URL
    _send(
        "fixed",
        poll,
        to=email,
        language=language,
        slot=slot,
        workshop=workshop,
        seats_left=workshop and workshop.seats_left,
        register_url=register_url and site + register_url,
        poll_url=site + poll.get_absolute_url(),
        workshop_url=workshop and site + workshop.get_absolute_url(),
    )


def _context(poll, results):
    site = settings.ENTRAIDE_SITE_URL
    return {
        "poll": poll,
        "results": results,
        "poll_url": site + poll.get_absolute_url(),
        "manage_poll_url": site + reverse("polls:manage", args=[poll.slug]),
    }


def poll_closed(poll, results, *, by=None):
    """To the organisers but the one who closed it, each in their language: the poll is
    closed, here are its best slots."""
    mail_organisers(poll.place, T + "closed", _context(poll, results), but=by)


def date_fixed_for_organisers(poll, slot, workshop, results, *, by=None):
    """To the organisers but the one who chose it: a slot is fixed (the poll closes with it)."""
    context = _context(poll, results)
    context.update(
        slot=slot,
        workshop=workshop,
        workshop_url=workshop and settings.ENTRAIDE_SITE_URL + workshop.get_absolute_url(),
    )
    mail_organisers(poll.place, T + "organisers_fixed", context, but=by)
