"""The polls' part of the organiser space ("Mon espace"), registered by hooks.py."""

from collections import defaultdict

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from entraide.core.registry import Action, Item, SpaceSection
from entraide.polls.models import Poll


def _answers(poll):
    return ngettext("%(count)s answer", "%(count)s answers", poll.answer_count) % {
        "count": poll.answer_count
    }


def organiser_space(places):
    """Per place: the polls whose date is not fixed yet, with their answer counts; a poll
    that is closed, or past its closing date, without a chosen slot needs the organiser."""
    now = timezone.now()
    polls = (
        Poll.objects.filter(place__in=places, chosen_slot__isnull=True)
        .annotate(answer_count=Count("participants"))
        .order_by("-created_at")
    )
    by_place = defaultdict(list)
    for poll in polls:
        by_place[poll.place_id].append(poll)
    sections = {}
    for place in places:
        open_polls, to_fix = [], []
        for poll in by_place[place.pk]:
            manage = reverse("polls:manage", args=[poll.slug])
            if poll.is_closed(now):
                to_fix.append(
                    Item(
                        poll.title,
                        manage,
                        detail=_("Closed: choose the date") + " · " + _answers(poll),
                    )
                )
            else:
                open_polls.append(
                    Item(poll.title, manage, when=poll.closes_at, detail=_answers(poll))
                )
        sections[place.pk] = SpaceSection(
            title=gettext_lazy("Availability polls"),
            items=open_polls,
            attention=to_fix,
            actions=[
                Action(_("New poll"), reverse("polls:create", args=[place.slug])),
                Action(_("All polls"), reverse("polls:manage_place", args=[place.slug])),
            ],
            empty=_("No open poll."),
        )
    return sections
