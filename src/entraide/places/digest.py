"""The organisers' daily summary: per place they run, what happened since the last one.

Places know nothing of workshops or polls: each capability registers, in its AppConfig.ready(),
a source `source(place, since, until) -> list[str]` with register_digest_source(). A source
returns one line per thing that happened at `place` in [since, until) (or that needs the
organisers now), already written in the active language, in a constant number of queries.
The summary is mailed only when some source has something to say.

Once a day: the summary of a "day" leaves at the first run after DIGEST_HOUR (site time).
Each person's summary is claimed by a conditional UPDATE of `digest_sent_at` before its mail is
queued, in the same transaction: the command may run every hour, twice at the same time or
from several machines, nobody receives two summaries for the same day.
"""

import logging
from collections.abc import Callable
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from entraide.places import notifications
from entraide.places.models import Place

log = logging.getLogger(__name__)

# The summary of the day leaves from this hour on, site time.
DIGEST_HOUR = 7
# A first summary tells the last day; after a long pause (the option switched back on, the
# command not run), at most this much.
FIRST_WINDOW = timedelta(days=1)
LONGEST_WINDOW = timedelta(days=7)

DigestSource = Callable[[Place, datetime, datetime], list[str]]
_sources: list[DigestSource] = []


def register_digest_source(source: DigestSource) -> None:
    """`source(place, since, until)` returns the lines a capability adds to the summary."""
    if source not in _sources:
        _sources.append(source)


def digest_sources() -> list[DigestSource]:
    return list(_sources)


def current_slot(now: datetime) -> datetime:
    """The latest DIGEST_HOUR (site time) at or before `now`: one summary per slot."""
    local = timezone.localtime(now)
    slot = timezone.make_aware(datetime.combine(local.date(), time(DIGEST_HOUR)))
    if slot > now:
        slot = timezone.make_aware(
            datetime.combine(local.date() - timedelta(days=1), time(DIGEST_HOUR))
        )
    return slot


def lines_for(place, since, until) -> list[str]:
    return [line for source in _sources for line in source(place, since, until)]


def _due(slot):
    return Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lt=slot)


def send_organiser_digests(now=None) -> int:
    """Mail each organiser who wants it the summary of their places since their last one.
    Returns the number of summaries mailed."""
    now = now or timezone.now()
    slot = current_slot(now)
    users = get_user_model().objects
    due = (
        users.filter(_due(slot), is_active=True, receives_digest=True)
        .filter(memberships__place__in=Place.objects.published())
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in list(due):
        try:
            sent += _send_one(pk, now=now, slot=slot)
        except Exception:  # one person's summary must not keep the others from theirs
            log.exception("daily summary of user %s failed", pk)
    log.info("daily summaries sent: %s", sent)
    return sent


def _send_one(pk, *, now, slot) -> int:
    users = get_user_model().objects
    with transaction.atomic():
        user = users.filter(pk=pk).first()
        if user is None:
            return 0
        since = max(user.digest_sent_at or now - FIRST_WINDOW, now - LONGEST_WINDOW)
        # Claimed only if nobody claimed it since we read it (compare and set).
        unchanged = (
            Q(digest_sent_at__isnull=True)
            if user.digest_sent_at is None
            else Q(digest_sent_at=user.digest_sent_at)
        )
        claimed = users.filter(
            unchanged, _due(slot), pk=pk, is_active=True, receives_digest=True
        ).update(digest_sent_at=now)
        if not claimed:  # another run took it, or the person changed their mind meanwhile
            return 0
        places = Place.objects.published().filter(memberships__user=user).order_by("name")
        with translation.override(user.language or settings.LANGUAGE_CODE):
            sections = []
            for place in places:
                lines = lines_for(place, since, now)
                if lines:
                    manage = settings.ENTRAIDE_SITE_URL + reverse(
                        "places:manage", args=[place.slug]
                    )
                    sections.append((place, manage, lines))
        if not sections:
            return 0  # nothing happened: no mail, and the next summary starts from now
        notifications.digest(user, sections, since=since)
    return 1
