"""A pair starts its project's output from the pair's page: a story in the project's collection,
a workshop (or a series) proposed to a place, a survey, a challenge, each through its adapter
(entraide.projects.outputs) and recorded as an Output row, in one transaction. The other member
is told by mail.

The small helpers below are shared by the adapters: who the pair's members are, a published
place, a title, texts cut to a field's length."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.places.models import Place
from entraide.projects import outputs
from entraide.projects.errors import ProjectErrorCode as Code
from entraide.projects.models import PAIR_SIZE, Member, Output, OutputKind, Pair
from entraide.projects.notifications import outputs as notifications


def start_output(pair, *, by, kind, **choices) -> Output:
    """`by`, an accepted member of the formed `pair`, starts the project's output of `kind`
    with `choices` (the start form's fields). Refusals: NOT_A_MEMBER, PAIR_INCOMPLETE,
    WRONG_KIND, CAPABILITY_ABSENT, and the adapter's own (NO_COLLECTION, PLACE_UNAVAILABLE,
    EMPTY, TOO_LONG, or the capability's code)."""
    with transaction.atomic():
        # One start at a time per pair: a double click waits for the first, then is refused.
        pair = (
            Pair.objects.select_for_update(of=("self",))
            .select_related("project__catalogue__place")
            .get(pk=pair.pk)
        )
        users = accepted_users(pair)
        if by is None or not by.is_authenticated or by.pk not in {user.pk for user in users}:
            raise DomainError(
                _("Only the members of this pair may start its project's output."),
                code=Code.NOT_A_MEMBER,
            )
        if not pair.is_formed or len(users) < PAIR_SIZE:
            raise DomainError(
                _("Your pair is not complete yet: wait until your partner has accepted."),
                code=Code.PAIR_INCOMPLETE,
            )
        project = pair.project
        if kind != project.output_kind:
            raise DomainError(
                _("This project leads to %(kind)s, not to this.")
                % {"kind": OutputKind(project.output_kind).label.lower()},
                code=Code.WRONG_KIND,
            )
        module = outputs.adapter(kind)
        if module is None:
            raise DomainError(
                _("This site cannot start this kind of output."), code=Code.CAPABILITY_ABSENT
            )
        pair.project = project
        _refuse_double_start(pair, kind, module, choices.get("title"))
        object_id = module.start(pair, by=by, **choices)
        output = Output.objects.create(
            project=project, pair=pair, kind=kind, object_id=object_id, started_by=by
        )
        described = module.describe({object_id}).get(object_id)
        for partner in users:
            if partner.pk != by.pk:
                notifications.output_started(output, partner=partner, by=by, described=described)
    return output


DOUBLE_START_WINDOW = timedelta(minutes=10)


def _refuse_double_start(pair, kind, module, title) -> None:
    """The same form sent twice (a double click, both members at once): an output of this kind
    with this title, started by the pair moments ago, is refused rather than made twice."""
    wanted = " ".join(str(title or "").split()).casefold()
    recent = Output.objects.filter(
        pair=pair, kind=kind, started_at__gte=timezone.now() - DOUBLE_START_WINDOW
    ).values_list("object_id", flat=True)
    ids = set(recent)
    if not wanted or not ids:
        return
    for described in module.describe(ids).values():
        if described is not None and " ".join(described.title.split()).casefold() == wanted:
            raise DomainError(
                _("Your pair has just started “%(title)s”: it is listed on your pair’s page.")
                % {"title": described.title},
                code=Code.ALREADY_STARTED,
            )


def outputs_of(pair) -> list[tuple[Output, outputs.Described | None]]:
    """What the pair started, newest first, each with how its capability describes it (None:
    its capability is gone, or the object was deleted since)."""
    rows = list(Output.objects.filter(pair=pair).order_by("-started_at", "-pk"))
    described = outputs.describe((row.kind, row.object_id) for row in rows)
    return [(row, described.get((row.kind, row.object_id))) for row in rows]


# The adapters' helpers


def accepted_users(pair) -> list:
    """The accounts of the pair's accepted members, in the order they joined (one query)."""
    members = (
        Member.objects.filter(pair=pair, accepted_at__isnull=False, user__isnull=False)
        .select_related("user")
        .order_by("accepted_at", "pk")
    )
    return [member.user for member in members]


def names_of(users) -> str:
    """ "Alice et Charlie": the members' public names."""
    names = [str(user.public_name) for user in users]
    if len(names) < 2:
        return "".join(names)
    return _("%(first)s and %(second)s") % {"first": ", ".join(names[:-1]), "second": names[-1]}


def published_place(place) -> Place:
    """The place chosen for the output, if it is published (a proposal waiting for approval
    is not a place to hold anything yet)."""
    if not isinstance(place, Place):
        place = Place.objects.filter(pk=place).first() if place else None
    if place is None or not place.is_published:
        raise DomainError(
            _("Choose a place of the directory."), code=Code.PLACE_UNAVAILABLE, field="place"
        )
    return place


def clean_title(title, limit) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise DomainError(_("Give it a title."), code=Code.EMPTY, field="title")
    if len(title) > limit:
        raise DomainError(
            _("At most %(max)s characters (there are %(count)s).")
            % {"max": limit, "count": len(title)},
            code=Code.TOO_LONG,
            field="title",
        )
    return title


def fit(text, limit) -> str:
    """`text` cut to `limit` characters, on a word if it must be cut."""
    text = (text or "").strip()
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip() + "…"


def description_for(project, line, limit) -> str:
    """The project's description (Markdown), then `line` (who proposes the output, named):
    what a workshop, survey or challenge started by the pair says of itself, within `limit`
    characters."""
    body = fit(project.description or project.summary, max(limit - len(line) - 2, 0))
    return (f"{body}\n\n{line}" if body else line)[:limit]


def proposed_by(project, users) -> str:
    return _("Proposed by %(names)s, a pair of the project “%(project)s”.") % {
        "names": names_of(users),
        "project": project.title,
    }


def audience_of(project, limit) -> str:
    return fit(", ".join(audience.name for audience in project.audiences.all()), limit)
