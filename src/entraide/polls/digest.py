"""What polls add to the organisers' daily summary (entraide.places.digest): the answers each
poll of the place received since the last summary. Registered by hooks.py."""

from django.db.models import Count, Q
from django.utils.translation import ngettext

from entraide.polls.models import Poll


def digest_lines(place, since, until) -> list[str]:
    """One line per poll of `place` answered in [since, until), in one query."""
    polls = (
        Poll.objects.filter(place=place)
        .annotate(
            new=Count(
                "participants",
                filter=Q(participants__created_at__gte=since, participants__created_at__lt=until),
            ),
            total=Count("participants"),
        )
        .filter(new__gt=0)
        .order_by("pk")
    )
    return [
        ngettext(
            "Poll “%(title)s”: %(count)s new answer (%(total)s in all)",
            "Poll “%(title)s”: %(count)s new answers (%(total)s in all)",
            poll.new,
        )
        % {"title": poll.title, "count": poll.new, "total": poll.total}
        for poll in polls
    ]
