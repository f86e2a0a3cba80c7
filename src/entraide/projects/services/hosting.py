"""A place hosting a workshop-type project ("Accueillir cet atelier dans mon lieu"): a draft
workshop, or a draft series of workshops, at the place, prefilled from the project with its
date to be fixed, and when asked an availability poll to fix it; the places hosting a project,
and what a regional hub sees of its region.

The workshops and the poll belong to their apps, reached only through their services (and read
through their models), each guarded by `apps.is_installed`: without the workshops app nothing
can be hosted; without the polls app no poll is offered."""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.places.models import Place, PlaceStatus
from entraide.places.services import is_organiser
from entraide.projects.errors import ProjectErrorCode
from entraide.projects.models import TITLE_MAX, Hosting, OutputKind, Project

log = logging.getLogger(__name__)

WORKSHOPS = "entraide.workshops"
POLLS = "entraide.polls"

# The shape of what is made, within what the workshops app accepts.
MINUTES_RANGE = (5, 24 * 60)
CAPACITY_RANGE = (1, 10_000)
SESSIONS_RANGE = (1, 20)
SUMMARY_MAX = 240  # a workshop's summary
AUDIENCE_MAX = 300  # a workshop's "who it is for"
THEME = "numerique-responsable"  # workshops' Theme.RESPONSIBLE_DIGITAL, changed on its page
MODE = "sur-place"  # workshops' Mode.IN_PERSON: it happens at the place


def can_host() -> bool:
    """Whether this site can host a project at all (the workshops app is there)."""
    return apps.is_installed(WORKSHOPS)


def can_open_poll() -> bool:
    return can_host() and apps.is_installed(POLLS)


def session_title(title: str, number: int, count: int) -> str:
    """The title of the workshop `number` of a series of `count`: "Atelier 2 : <title>"."""
    if count == 1:
        return title[:TITLE_MAX]
    prefix = _("Workshop %(number)s: ") % {"number": number}
    return (prefix + title)[:TITLE_MAX]


def _check_range(value, bounds, field, label):
    low, high = bounds
    if not isinstance(value, int) or not low <= value <= high:
        raise DomainError(
            _("%(what)s must be between %(low)s and %(high)s.")
            % {"what": label, "low": low, "high": high},
            code=ProjectErrorCode.OUT_OF_RANGE,
            field=field,
        )


def _check_title(title):
    if not title.strip():
        raise DomainError(_("Give it a title."), code=ProjectErrorCode.EMPTY, field="title")
    if len(title) > TITLE_MAX:
        raise DomainError(
            _("At most %(max)s characters.") % {"max": TITLE_MAX},
            code=ProjectErrorCode.TOO_LONG,
            field="title",
        )


def host(
    project: Project,
    place: Place,
    *,
    by,
    open_poll=False,
    slots=(),
    title=None,
    minutes=None,
    capacity=None,
    sessions=None,
    time_zone="Europe/Paris",
) -> Hosting:
    """`place` hosts `project`: in one transaction, a draft workshop at the place (a draft
    series of `sessions` workshops when more than one) with no date, prefilled from the project
    (its title, description, length and capacity unless given), and when `open_poll` an
    availability poll with `slots` (a list of (start, end)) to fix the (first) workshop's date.
    Refused for a project that does not lead to a workshop (WRONG_KIND), by someone not in the
    place's team (NOT_PLACE_TEAM), and a second time at the same place (ALREADY_HOSTED, the
    existing Hosting in `error.hosting`). Closed enrolment does not matter: it is about pairs.
    A refusal anywhere (the poll's slots in the past…) leaves nothing made."""
    if project.output_kind != OutputKind.WORKSHOP:
        raise DomainError(
            _("Only a project that leads to a workshop can be hosted at a place."),
            code=ProjectErrorCode.WRONG_KIND,
        )
    if not can_host():
        raise DomainError(
            _("Workshops are not available on this site."),
            code=ProjectErrorCode.CAPABILITY_ABSENT,
        )
    if open_poll and not can_open_poll():
        raise DomainError(
            _("Availability polls are not available on this site."),
            code=ProjectErrorCode.CAPABILITY_ABSENT,
            field="open_poll",
        )
    if not is_organiser(by, place):
        raise DomainError(
            _("Only the team of this place can host a workshop there."),
            code=ProjectErrorCode.NOT_PLACE_TEAM,
            field="place",
        )
    title = project.title if title is None else title
    minutes = project.workshop_minutes if minutes is None else minutes
    capacity = project.workshop_capacity if capacity is None else capacity
    sessions = project.workshop_sessions if sessions is None else sessions
    _check_title(title)
    _check_range(minutes, MINUTES_RANGE, "minutes", _("The length"))
    _check_range(capacity, CAPACITY_RANGE, "capacity", _("The number of seats"))
    _check_range(sessions, SESSIONS_RANGE, "sessions", _("The number of workshops"))

    from entraide.workshops import services as workshop_services

    with transaction.atomic():
        # The project's row lock: two of the team clicking at once make one hosting.
        Project.objects.select_for_update().filter(pk=project.pk).first()
        existing = Hosting.objects.filter(project=project, place=place).first()
        if existing is not None:
            error = DomainError(
                _("%(place)s already hosts this project.") % {"place": place.name},
                code=ProjectErrorCode.ALREADY_HOSTED,
                field="place",
            )
            error.hosting = existing
            raise error
        audience = ", ".join(project.audiences.order_by("name").values_list("name", flat=True))
        common = {
            "summary": project.summary[:SUMMARY_MAX],
            "description": project.description,
            "audience": audience[:AUDIENCE_MAX],
            "theme": THEME,
            "mode": MODE,
            "address": place.postal_address[:300],
            "time_zone": time_zone,
            "planned_minutes": minutes,
            "capacity": capacity,
        }
        series = None
        if sessions > 1:
            series = workshop_services.create_series(
                place,
                by=by,
                fields={
                    "title": title,
                    "summary": common["summary"],
                    "description": project.description,
                    "audience": common["audience"],
                    "theme": THEME,
                    "whole_series_preferred": True,
                },
            )
        workshops = [
            workshop_services.create_workshop(
                place,
                by=by,
                fields={
                    **common,
                    "title": session_title(title, number, sessions),
                    "series": series,
                    "position": number,
                },
            )
            for number in range(1, sessions + 1)
        ]
        poll = None
        if open_poll:
            from entraide.polls import services as poll_services

            poll = poll_services.create_poll(
                place,
                by=by,
                fields={
                    "title": title,
                    "description": project.summary,
                    "workshop": workshops[0],
                    "time_zone": time_zone,
                },
                slots=list(slots),
            )
        hosting = Hosting.objects.create(
            project=project,
            place=place,
            workshop_id=workshops[0].pk,
            series_id=series.pk if series else None,
            poll_id=poll.pk if poll else None,
            created_by=by,
        )
    # What was made, for the page that follows (not stored: the ids are).
    hosting.made_workshop, hosting.made_series, hosting.made_poll = workshops[0], series, poll
    log.info(
        "project %s hosted at place %s by user %s (workshop %s, series %s, poll %s)",
        project.pk,
        place.pk,
        by.pk,
        hosting.workshop_id,
        hosting.series_id,
        hosting.poll_id,
    )
    return hosting


def slots_of(starts: list[datetime], minutes: int) -> list[tuple[datetime, datetime]]:
    """The poll's slots: each start, lasting the workshop's length."""
    return [(start, start + timedelta(minutes=minutes)) for start in starts]


def hosting_places(project: Project) -> list[Place]:
    """The published places hosting `project`, by name: one query."""
    return list(
        Place.objects.filter(project_hostings__project=project, status=PlaceStatus.PUBLISHED)
        .order_by("name", "pk")
        .distinct()
    )


@dataclass
class Session:
    """A workshop made by a hosting, as the hub's page shows it."""

    title: str
    status: str  # the workshops app's Status value: "brouillon", "publie", "annule"
    status_label: str
    starts_at: datetime | None
    url: str | None  # its public page once published


@dataclass
class Hosted:
    """A project hosted at a place of a region: the place, the project, and its workshops."""

    hosting: Hosting
    place: Place
    project: Project
    sessions: list[Session] = field(default_factory=list)


def hosted_in_region(hub_place: Place) -> list[Hosted]:
    """What the places of `hub_place`'s region host, by place then project, with the state and
    date of each workshop made: two queries (one without the workshops app)."""
    hostings = list(
        Hosting.objects.filter(place__region=hub_place.region)
        .select_related("place", "project__catalogue")
        .order_by("place__name", "place_id", "project__title", "pk")
    )
    rows = [Hosted(hosting=h, place=h.place, project=h.project) for h in hostings]
    if not rows or not can_host():
        return rows
    from entraide.workshops.models import Status, Workshop

    workshop_ids = {h.workshop_id for h in hostings if h.workshop_id and not h.series_id}
    series_ids = {h.series_id for h in hostings if h.series_id}
    found = Workshop.objects.filter(Q(pk__in=workshop_ids) | Q(series_id__in=series_ids)).order_by(
        "series_id", "position", "pk"
    )
    by_workshop, by_series = {}, {}
    labels = dict(Status.choices)
    for workshop in found.only(
        "pk", "series_id", "position", "title", "slug", "status", "starts_at"
    ):
        session = Session(
            title=workshop.title,
            status=workshop.status,
            status_label=str(labels.get(workshop.status, workshop.status)),
            starts_at=workshop.starts_at,
            url=workshop.get_absolute_url() if workshop.status == Status.PUBLISHED else None,
        )
        by_workshop[workshop.pk] = session
        if workshop.series_id:
            by_series.setdefault(workshop.series_id, []).append(session)
    for row in rows:
        if row.hosting.series_id:
            row.sessions = by_series.get(row.hosting.series_id, [])
        elif row.hosting.workshop_id in by_workshop:
            row.sessions = [by_workshop[row.hosting.workshop_id]]
    return rows
