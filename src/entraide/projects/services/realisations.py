"""What earlier pairs produced from a project and is achieved ("Réalisations": a published
story, a past workshop with its attendance, a survey with published results, a published
challenge), and the places hosting the project.

Read from the project's Output rows and its Hosting rows' workshops, described through the
capabilities that hold them (entraide.projects.outputs.describe): a few queries per kind of
output, whatever the number of outputs. A capability that is not installed describes nothing:
its outputs are simply not listed."""

from dataclasses import dataclass
from datetime import datetime

from entraide.places.models import PlaceStatus
from entraide.projects import outputs
from entraide.projects.models import Hosting, Output, OutputKind

REALISATIONS_MAX = 100


@dataclass(frozen=True)
class Record:
    """What a project's page shows of its history: its achievements, newest first, and the
    places hosting it (published places only)."""

    realisations: list
    places: list


def _hostings(project) -> list[Hosting]:
    return list(
        Hosting.objects.filter(project=project)
        .select_related("place")
        .only(
            "project_id",
            "workshop_id",
            "created_at",
            "place__name",
            "place__slug",
            "place__city",
            "place__status",
        )
        .order_by("created_at", "pk")
    )


def _places(hostings) -> list:
    return [h.place for h in hostings if h.place.status == PlaceStatus.PUBLISHED]


def _achieved(project, hostings, limit) -> list[outputs.Described]:
    started: dict[tuple[str, int], datetime] = {}
    rows = Output.objects.filter(project=project).order_by()
    for kind, object_id, at in rows.values_list("kind", "object_id", "started_at"):
        started[(kind, object_id)] = at
    for hosting in hostings:
        if hosting.workshop_id is not None:
            key = (OutputKind.WORKSHOP.value, hosting.workshop_id)
            started.setdefault(key, hosting.created_at)
    if not started or limit <= 0:
        return []
    described = outputs.describe(started)
    found = [
        (item.when or started[key], key, item) for key, item in described.items() if item.achieved
    ]
    # newest first; the same moment: the latest id first, so that the order never changes
    found.sort(key=lambda entry: (entry[0], entry[1][1]), reverse=True)
    return [item for _when, _key, item in found[:limit]]


def record(project, limit=REALISATIONS_MAX) -> Record:
    """The project's achievements (at most `limit`) and the published places hosting it."""
    hostings = _hostings(project)
    return Record(realisations=_achieved(project, hostings, limit), places=_places(hostings))


def realisations(project, limit=REALISATIONS_MAX) -> list[outputs.Described]:
    """What the project's pairs and the places hosting it produced and achieved, newest
    first, at most `limit`."""
    return record(project, limit).realisations


def hosting_places(project) -> list:
    """The published places hosting the project, in the order they took it up."""
    return _places(_hostings(project))
