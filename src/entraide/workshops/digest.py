"""What workshops add to the organisers' daily summary (entraide.places.digest): per workshop
of the place, the registrations and cancellations since the last summary, and a waiting list
while seats are free. Registered by hooks.py."""

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entraide.workshops.models import Status, Workshop
from entraide.workshops.templatetags.workshops import short_when


def digest_lines(place, since, until) -> list[str]:
    """One line per workshop of `place` where something happened in [since, until), in one
    query whatever their number."""
    in_window = {"gte": since, "lt": until}
    # Entering the workshop: in line since then, or confirmed without having waited.
    entered = Q(**{f"registrations__waiting_since__{k}": v for k, v in in_window.items()}) | Q(
        registrations__waiting_since__isnull=True,
        **{f"registrations__confirmed_at__{k}": v for k, v in in_window.items()},
    )
    left = Q(**{f"registrations__cancelled_at__{k}": v for k, v in in_window.items()})
    stuck = Q(
        status=Status.PUBLISHED,
        starts_at__gt=timezone.now(),
        waiting_count__gt=0,
        confirmed_count__lt=F("capacity"),
    )
    workshops = (
        Workshop.objects.filter(place=place)
        .annotate(
            entered=Count("registrations", filter=entered),
            left=Count("registrations", filter=left),
        )
        .filter(Q(entered__gt=0) | Q(left__gt=0) | stuck)
        .order_by(F("starts_at").asc(nulls_last=True), "pk")
    )
    return [_line(workshop) for workshop in workshops]


def _line(workshop) -> str:
    news = []
    if workshop.entered:
        news.append(
            ngettext("%(count)s new registration", "%(count)s new registrations", workshop.entered)
            % {"count": workshop.entered}
        )
    if workshop.left:
        news.append(
            ngettext("%(count)s cancellation", "%(count)s cancellations", workshop.left)
            % {"count": workshop.left}
        )
    seats = ngettext(
        "%(free)s seat free of %(capacity)s", "%(free)s seats free of %(capacity)s",
        workshop.seats_left,
    ) % {"free": workshop.seats_left, "capacity": workshop.capacity}  # fmt: skip
    state = [seats]
    if workshop.waiting_count:
        state.append(
            ngettext("%(count)s waiting", "%(count)s waiting", workshop.waiting_count)
            % {"count": workshop.waiting_count}
        )
    line = _("“%(title)s” (%(when)s): %(news)s") % {
        "title": workshop.title,
        "when": short_when(workshop),
        "news": ", ".join(news + state),
    }
    if workshop.waiting_count and workshop.seats_left:
        line += ". " + _("Seats are free while people wait: check the list of participants.")
    return line
