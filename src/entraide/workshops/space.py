"""The workshops' part of the organiser space ("Mon espace"), registered by hooks.py."""

from collections import defaultdict

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entraide.core.registry import Action, Item, SpaceSection
from entraide.workshops.models import Status, Workshop
from entraide.workshops.templatetags.workshops import short_when

SHOWN = 5  # workshops listed per place; the place's workshop page has them all


def _figures(workshop):
    figures = _("%(confirmed)s/%(capacity)s registered") % {
        "confirmed": workshop.confirmed_count,
        "capacity": workshop.capacity,
    }
    if workshop.waiting_count:
        figures += " · " + _("%(count)s waiting") % {"count": workshop.waiting_count}
    if workshop.status == Status.DRAFT:
        figures += " · " + _("draft, not published")
    return f"{short_when(workshop)} · {figures}"


def _item(workshop):
    return Item(
        title=workshop.title,
        url=reverse("workshops:participants", args=[workshop.slug]),
        when=workshop.starts_at,
        detail=_figures(workshop),
    )


def organiser_space(places):
    """Per place: the next workshops with their seats and waiting lists, and what needs the
    organiser: free seats while people wait (someone cancelled and the line did not move)."""
    to_come = Q(starts_at__gt=timezone.now()) | Q(starts_at__isnull=True)
    workshops = (
        Workshop.objects.filter(to_come, place__in=places)
        .exclude(status=Status.CANCELLED)
        .order_by(F("starts_at").asc(nulls_last=True), "pk")  # undated ones after the others
    )
    by_place = defaultdict(list)
    for workshop in workshops:
        by_place[workshop.place_id].append(workshop)
    sections = {}
    for place in places:
        own = by_place[place.pk]
        attention = [
            Item(
                title=workshop.title,
                url=reverse("workshops:participants", args=[workshop.slug]),
                when=workshop.starts_at,
                detail=_("Free seats: %(seats)s · waiting: %(waiting)s")
                % {"seats": workshop.seats_left, "waiting": workshop.waiting_count},
            )
            for workshop in own
            if workshop.waiting_count and not workshop.is_full
        ]
        more = len(own) - SHOWN
        sections[place.pk] = SpaceSection(
            title=gettext_lazy("Workshops"),
            items=[_item(workshop) for workshop in own[:SHOWN]],
            attention=attention,
            actions=[
                Action(_("New workshop"), reverse("workshops:create", args=[place.slug])),
                Action(_("New series"), reverse("workshops:create_series", args=[place.slug])),
                Action(
                    _("All workshops (%(count)s more)") % {"count": more}
                    if more > 0
                    else _("All workshops"),
                    reverse("workshops:manage_place", args=[place.slug]),
                ),
            ],
            empty=_("No workshop to come."),
        )
    return sections
