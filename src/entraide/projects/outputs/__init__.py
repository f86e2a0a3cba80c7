"""What a project leads to, read and started through the capability that holds it.

Each kind of output but "other" has an adapter module here (outputs/stories.py,
outputs/workshops.py, outputs/surveys.py, outputs/challenges.py), the only modules of this app
that call another capability, through its services (and reading its models). An adapter is
loaded only when its capability is installed: without the stories app, a story-type project
offers nothing to start and shows no story, and nothing breaks.

An adapter module defines:
- `KIND` (an OutputKind) and `APP` ("entraide.stories");
- `describe(ids) -> dict[int, Described]`: the objects with these ids, in one or two queries
  whatever their number (a missing id is left out: deleted since);
- `start(pair, *, by, **choices) -> int`: makes the output for the pair, prefilled from the
  project, and returns its id; raises DomainError (a ProjectErrorCode or the capability's own
  code) to refuse. Called inside the transaction that records the Output row.
"""

from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from typing import Any

from django.apps import apps

from entraide.projects.models import OutputKind

ADAPTERS = {
    OutputKind.STORY: ("entraide.stories", "entraide.projects.outputs.stories"),
    OutputKind.WORKSHOP: ("entraide.workshops", "entraide.projects.outputs.workshops"),
    OutputKind.SURVEY: ("entraide.surveys", "entraide.projects.outputs.surveys"),
    OutputKind.CHALLENGE: ("entraide.challenges", "entraide.projects.outputs.challenges"),
}


@dataclass(frozen=True)
class Described:
    """An output as the project's pages show it."""

    title: str
    url: str  # its public page when public, else the page its makers or organisers use
    state: str  # translated: "Brouillon", "Publié", "Passé"…
    # a "réalisation": a published story, a past workshop, a survey with published results, a
    # published challenge
    achieved: bool = False
    detail: str = ""  # translated: "12 participants", "8 réponses"…
    when: datetime | None = None
    place: Any = None  # the Place it happens at, if any


def adapter(kind):
    """The adapter module of `kind`, or None when its capability is not installed (or the kind
    is "other")."""
    app, module = ADAPTERS.get(kind, (None, None))
    if app is None or not apps.is_installed(app):
        return None
    try:
        return import_module(module)
    except ModuleNotFoundError:  # an adapter not written yet
        return None


def available_kinds() -> list[str]:
    """The kinds a pair can start on this site."""
    return [kind for kind in ADAPTERS if adapter(kind) is not None]


def describe(pairs_of_kind_and_id) -> dict[tuple[str, int], Described]:
    """{(kind, id): Described} for the given (kind, id) pairs, one adapter call per kind."""
    ids_by_kind: dict[str, set[int]] = {}
    for kind, object_id in pairs_of_kind_and_id:
        ids_by_kind.setdefault(kind, set()).add(object_id)
    described = {}
    for kind, ids in ids_by_kind.items():
        module = adapter(kind)
        if module is None:
            continue
        for object_id, item in module.describe(ids).items():
            described[(kind, object_id)] = item
    return described
