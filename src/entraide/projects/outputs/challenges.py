"""A challenge-type project's output: a draft disconnection challenge at a place the pair
chooses (the catalogue's place by default), with the pair's dates and goal, prefilled from the
project; the place's team is told, adds its pledges and teams, and publishes it
(challenges.services.building)."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from entraide.challenges.models import Challenge
from entraide.challenges.services import building
from entraide.places.services import is_organiser
from entraide.projects.models import OutputKind
from entraide.projects.notifications import outputs as notifications
from entraide.projects.outputs import Described
from entraide.projects.services.starting import (
    accepted_users,
    clean_title,
    description_for,
    names_of,
    proposed_by,
    published_place,
)

KIND = OutputKind.CHALLENGE
APP = "entraide.challenges"

TITLE_MAX = Challenge._meta.get_field("title").max_length
DESCRIPTION_MAX = Challenge._meta.get_field("description").max_length
DAYS = 10  # the seed's challenge: ten days
GOAL = 100  # pledge-days, all participants together: the place's team adjusts it


def options(project) -> dict:
    return {"days": DAYS, "goal": GOAL}


def start(pair, *, by, place, title, starts_on, ends_on, goal=GOAL, **_c):
    project = pair.project
    place = published_place(place)
    users = accepted_users(pair)
    challenge = building.create_challenge(
        place,
        by=by,
        fields={
            "title": clean_title(title, TITLE_MAX),
            "description": description_for(project, proposed_by(project, users), DESCRIPTION_MAX),
            "starts_on": starts_on,
            "ends_on": ends_on,
            "goal": goal,
        },
    )
    notifications.proposed_to_place(
        place,
        kind=KIND.label,
        title=challenge.title,
        link=challenge.manage_url(),
        project=project,
        names=names_of(users),
        by=by,
    )
    return challenge.pk


def next_url(object_id, user) -> str | None:
    challenge = Challenge.objects.select_related("place").filter(pk=object_id).first()
    if challenge is None or not is_organiser(user, challenge.place):
        return None
    return challenge.manage_url()


def describe(ids) -> dict[int, Described]:
    today = timezone.localdate()
    challenges = (
        Challenge.objects.filter(pk__in=list(ids))
        .select_related("place")
        .annotate(people=Count("participants", filter=Q(participants__confirmed_at__isnull=False)))
    )
    described = {}
    for challenge in challenges:
        achieved = challenge.is_published
        if not achieved:
            state = _("Draft")
        elif challenge.ends_on < today:
            state = _("Over")
        elif challenge.starts_on <= today:
            state = _("Under way")
        else:
            state = _("Published")
        described[challenge.pk] = Described(
            title=challenge.title,
            url=challenge.get_absolute_url() if achieved else challenge.manage_url(),
            state=state,
            achieved=achieved,
            detail=ngettext("%(n)s participant", "%(n)s participants", challenge.people)
            % {"n": challenge.people}
            if achieved
            else "",
            when=challenge.published_at,
            place=challenge.place,
        )
    return described
