"""The mails of polls to the place's organisers, and where replies to a poll's mails go.
(The mails to people who answered are sent by the services.)"""

from django.conf import settings
from django.urls import reverse

from entraide.places.notifications import mail_organisers
from entraide.places.notifications import reply_to as place_reply_to

T = "polls/email/"


def reply_to(poll) -> list[str]:
    """Replies to a poll's mails go to its place's contact address, when it has one."""
    return place_reply_to(poll.place)


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


def date_fixed(poll, slot, workshop, results, *, by=None):
    """To the organisers but the one who chose it: a slot is fixed (the poll closes with it)."""
    context = _context(poll, results)
    context.update(
        slot=slot,
        workshop=workshop,
        workshop_url=workshop and settings.ENTRAIDE_SITE_URL + workshop.get_absolute_url(),
    )
    mail_organisers(poll.place, T + "organisers_fixed", context, but=by)
