"""A survey-type project's output: a draft survey at a place the pair chooses (the catalogue's
place by default), its title and introduction prefilled from the project; the place's team is
told, and they write its questions with the pair and publish it (surveys.services)."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entraide.places.services import is_organiser
from entraide.projects.models import OutputKind
from entraide.projects.notifications import outputs as notifications
from entraide.projects.outputs import Described
from entraide.projects.services.starting import (
    accepted_users,
    audience_of,
    clean_title,
    description_for,
    names_of,
    proposed_by,
    published_place,
)
from entraide.surveys.models import Survey
from entraide.surveys.services import building, managing

KIND = OutputKind.SURVEY
APP = "entraide.surveys"

TITLE_MAX = Survey._meta.get_field("title").max_length
DESCRIPTION_MAX = Survey._meta.get_field("description").max_length
AUDIENCE_MAX = Survey._meta.get_field("audience").max_length


def options(project) -> dict:
    return {}


def start(pair, *, by, place, title, **_c):
    project = pair.project
    place = published_place(place)
    users = accepted_users(pair)
    survey = building.create_survey(
        place,
        by=by,
        fields={
            "title": clean_title(title, TITLE_MAX),
            "description": description_for(project, proposed_by(project, users), DESCRIPTION_MAX),
            "audience": audience_of(project, AUDIENCE_MAX),
        },
    )
    notifications.proposed_to_place(
        place,
        kind=KIND.label,
        title=survey.title,
        link=reverse("surveys:manage", args=[survey.slug]),
        project=project,
        names=names_of(users),
        by=by,
    )
    return survey.pk


def next_url(object_id, user) -> str | None:
    survey = Survey.objects.select_related("place").filter(pk=object_id).first()
    if survey is None or not is_organiser(user, survey.place):
        return None
    return reverse("surveys:manage", args=[survey.slug])


STATES = {
    "draft": lambda: _("Draft"),
    "scheduled": lambda: _("Scheduled"),
    "open": lambda: _("Open to answers"),
    "closed": lambda: _("Closed"),
}


def describe(ids) -> dict[int, Described]:
    now = timezone.now()
    surveys = (
        Survey.objects.filter(pk__in=list(ids))
        .select_related("place")
        .annotate(answers_count=Count("responses"))
    )
    described = {}
    for survey in surveys:
        achieved = survey.results_are_public(now)
        n = survey.answers_count
        described[survey.pk] = Described(
            title=survey.title,
            url=reverse("surveys:results", args=[survey.slug])
            if achieved
            else reverse("surveys:manage", args=[survey.slug]),
            state=_("Results published") if achieved else STATES[managing.status(survey, now)](),
            achieved=achieved,
            detail=ngettext("%(n)s answer", "%(n)s answers", n) % {"n": n}
            if survey.is_published
            else "",
            when=survey.published_at,
            place=survey.place,
        )
    return described
