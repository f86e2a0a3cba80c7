"""The manifestos' part of the organiser space ("Mon espace"), registered by hooks.py."""

from collections import defaultdict

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from entraide.core.registry import Action, Item, SpaceSection
from entraide.manifestos.models import Manifesto, Phase


def _detail(manifesto):
    parts = [manifesto.get_phase_display()]
    if manifesto.phase == Phase.IDEAS:
        parts.append(
            ngettext("%(count)s idea", "%(count)s ideas", manifesto.idea_count)
            % {"count": manifesto.idea_count}
        )
    return " · ".join(parts)


def organiser_space(places):
    """Per place: its manifestos with their phase, in one query."""
    manifestos = (
        Manifesto.objects.filter(place__in=places)
        .annotate(idea_count=Count("questions__ideas", filter=Q(questions__ideas__hidden=False)))
        .order_by("-created_at", "pk")
    )
    by_place = defaultdict(list)
    for manifesto in manifestos:
        by_place[manifesto.place_id].append(manifesto)
    return {
        place.pk: SpaceSection(
            title=gettext_lazy("Manifestos"),
            items=[
                Item(m.title, reverse("manifestos:manage", args=[m.slug]), detail=_detail(m))
                for m in by_place[place.pk]
            ],
            actions=[
                Action(_("New manifesto"), reverse("manifestos:create", args=[place.slug])),
                Action(_("All manifestos"), reverse("manifestos:manage_place", args=[place.slug])),
            ],
            empty=_("No manifesto."),
        )
        for place in places
    }
