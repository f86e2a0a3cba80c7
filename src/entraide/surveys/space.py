"""The surveys' part of the organiser space ("Mon espace"), registered by hooks.py."""

from collections import defaultdict

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from entraide.core.registry import Action, Item, SpaceSection
from entraide.surveys.models import Survey


def state(survey, now) -> str:
    if not survey.is_published:
        return pgettext("survey", "Draft")
    if survey.is_closed(now):
        return pgettext("survey", "Closed")
    if not survey.has_opened(now):
        return pgettext("survey", "Not open yet")
    return pgettext("survey", "Open")


def _detail(survey, now):
    count = ngettext("%(count)s answer", "%(count)s answers", survey.answer_count) % {
        "count": survey.answer_count
    }
    return f"{state(survey, now)} · {count}"


def organiser_space(places):
    """Per place: its surveys with their state and answer count, in one query."""
    now = timezone.now()
    surveys = (
        Survey.objects.filter(place__in=places)
        .annotate(answer_count=Count("responses"))
        .order_by("-created_at", "pk")
    )
    by_place = defaultdict(list)
    for survey in surveys:
        by_place[survey.place_id].append(survey)
    return {
        place.pk: SpaceSection(
            title=gettext_lazy("Surveys"),
            items=[
                Item(s.title, reverse("surveys:manage", args=[s.slug]), detail=_detail(s, now))
                for s in by_place[place.pk][:10]
            ],
            actions=[
                Action(_("New survey"), reverse("surveys:create", args=[place.slug])),
                Action(_("All surveys"), reverse("surveys:manage_place", args=[place.slug])),
            ],
            empty=_("No survey."),
        )
        for place in places
    }
