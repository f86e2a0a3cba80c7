"""A workshop-type project's output: a draft workshop, or a draft series of
`project.workshop_sessions` workshops, at a place the pair chooses, with no date yet ("date à
fixer"), prefilled from the project and naming the pair as co-facilitators. The place's team
is told by mail; they give it a date and publish it (workshops.services).

The Output row keeps a workshop's id: a series is kept as its first session, and described
as the series."""

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from entraide.places.services import is_organiser
from entraide.projects.models import OutputKind
from entraide.projects.notifications import outputs as notifications
from entraide.projects.outputs import Described
from entraide.projects.services.starting import (
    accepted_users,
    audience_of,
    clean_title,
    description_for,
    fit,
    names_of,
    published_place,
)
from entraide.workshops import services
from entraide.workshops.models import (
    MAX_CAPACITY,
    Mode,
    RegistrationStatus,
    Status,
    Theme,
    Workshop,
)

KIND = OutputKind.WORKSHOP
APP = "entraide.workshops"

TITLE_MAX = Workshop._meta.get_field("title").max_length
SUMMARY_MAX = Workshop._meta.get_field("summary").max_length
AUDIENCE_MAX = Workshop._meta.get_field("audience").max_length
DESCRIPTION_MAX = Workshop._meta.get_field("description").max_length
SERIES = gettext_lazy("A series of workshops")


def options(project) -> dict:
    return {"themes": Theme.choices, "sessions": project.workshop_sessions}


def _co_facilitated(project, users) -> str:
    return _("Co-facilitated by %(names)s, a pair of the project “%(project)s”.") % {
        "names": names_of(users),
        "project": project.title,
    }


def start(pair, *, by, place, title, theme=Theme.OTHER, **_c):
    project = pair.project
    place = published_place(place)
    title = clean_title(title, TITLE_MAX)
    if theme not in Theme.values:
        theme = Theme.OTHER
    users = accepted_users(pair)
    common = {
        "summary": fit(project.summary, SUMMARY_MAX),
        "audience": audience_of(project, AUDIENCE_MAX),
        "theme": theme,
        "description": description_for(project, _co_facilitated(project, users), DESCRIPTION_MAX),
    }
    workshop = {
        "mode": Mode.IN_PERSON,
        "planned_minutes": min(max(project.workshop_minutes, 5), 24 * 60),
        "capacity": min(project.workshop_capacity, MAX_CAPACITY),
        "status": Status.DRAFT,
        **common,
    }
    total = project.workshop_sessions
    if total <= 1:
        first = services.create_workshop(place, by=by, fields={"title": title, **workshop})
        link, kind = reverse("workshops:manage", args=[first.slug]), KIND.label
    else:
        series = services.create_series(place, by=by, fields={"title": title, **common})
        first = None
        for position in range(1, total + 1):
            prefix = _("Workshop %(n)s: ") % {"n": position}
            session = services.create_workshop(
                place,
                by=by,
                fields={
                    "title": prefix + fit(title, TITLE_MAX - len(prefix)),
                    "series": series,
                    "position": position,
                    **workshop,
                },
            )
            first = first or session
        link, kind = reverse("workshops:manage_series", args=[series.slug]), SERIES
    notifications.proposed_to_place(
        place,
        kind=kind,
        title=title,
        link=link,
        project=project,
        names=names_of(users),
        by=by,
    )
    return first.pk


def next_url(object_id, user) -> str | None:
    """Where `user` goes once the workshop is proposed: its page for the place's team; None
    for the pair (the draft is the team's: the pair's page says so)."""
    workshop = Workshop.objects.select_related("place", "series").filter(pk=object_id).first()
    if workshop is None or not is_organiser(user, workshop.place):
        return None
    if workshop.series_id:
        return reverse("workshops:manage_series", args=[workshop.series.slug])
    return reverse("workshops:manage", args=[workshop.slug])


# Who took part: a confirmed seat not marked absent (as workshops.services.participants).
CAME = Q(registrations__status=RegistrationStatus.CONFIRMED) & (
    Q(registrations__attended__isnull=True) | Q(registrations__attended=True)
)


def _people(n) -> str:
    return ngettext("%(n)s participant", "%(n)s participants", n) % {"n": n}


def _state(status, took_place, undated) -> str:
    if status == Status.CANCELLED:
        return _("Cancelled")
    if took_place:
        return _("Took place")
    if status == Status.DRAFT:
        return _("Draft, date to be set") if undated else _("Draft")
    return _("Published, date to be set") if undated else _("Published")


def describe(ids) -> dict[int, Described]:
    """Two queries at most: the workshops with their attendance, then the series some of them
    open, with their sessions' dates and the people who came to those past."""
    now = timezone.now()
    workshops = list(
        Workshop.objects.filter(pk__in=list(ids))
        .select_related("place", "series")
        .annotate(came=Count("registrations", filter=CAME))
    )
    series_ids = {w.series_id for w in workshops if w.series_id}
    sessions = {}
    if series_ids:
        held = Q(status=Status.PUBLISHED, starts_at__lte=now)
        rows = (
            Workshop.objects.filter(series_id__in=series_ids)
            .values("series_id")
            .annotate(
                first=Min("starts_at"),
                held=Count("pk", filter=held, distinct=True),
                undated=Count("pk", filter=Q(starts_at__isnull=True), distinct=True),
                came=Count(
                    "registrations__email",
                    filter=CAME
                    & Q(status=Status.PUBLISHED, starts_at__lte=now)
                    & ~Q(registrations__email=""),
                    distinct=True,
                ),
            )
            .order_by()
        )
        sessions = {row["series_id"]: row for row in rows}
    described = {}
    for w in workshops:
        series = w.series
        if series is not None:
            row = sessions.get(series.pk, {})
            achieved = series.status == Status.PUBLISHED and bool(row.get("held"))
            described[w.pk] = Described(
                title=series.title,
                url=series.get_absolute_url()
                if achieved
                else reverse("workshops:manage_series", args=[series.slug]),
                state=_state(series.status, achieved, bool(row.get("undated"))),
                achieved=achieved,
                detail=_people(row.get("came", 0)) if achieved else str(SERIES),
                when=row.get("first"),
                place=w.place,
            )
            continue
        achieved = w.status == Status.PUBLISHED and w.is_past
        described[w.pk] = Described(
            title=w.title,
            url=w.get_absolute_url() if achieved else reverse("workshops:manage", args=[w.slug]),
            state=_state(w.status, achieved, w.starts_at is None),
            achieved=achieved,
            detail=_people(w.came) if achieved else "",
            when=w.starts_at,
            place=w.place,
        )
    return described
