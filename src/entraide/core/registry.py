"""The few explicit meeting points between capabilities.

Each capability registers, in its AppConfig.ready():
- personal data sections, shown and exported on "My data" and erased when an account is deleted;
- what a place organises, shown on the place's page;
- what is coming up, shown on the home page;
- what relates to an object of another capability (a poll fixing a workshop's date).
Core never imports a capability: capabilities come to core.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonalDataSection:
    key: str
    title: Any  # a lazy translated string
    collect: Callable[[Any], list[dict]]  # user -> JSON-serialisable rows
    erase: Callable[[Any], None] | None = None  # user -> None, before the account goes


@dataclass(frozen=True)
class Item:
    """Something to show in a list: a workshop, a poll, a survey..."""

    title: str
    url: str
    when: Any = None  # an aware datetime, or None
    detail: str = ""


_personal_data: dict[str, PersonalDataSection] = {}
_place_activities: list[Callable[[Any], list[Item]]] = []
_upcoming: list[Callable[[int], list[Item]]] = []
_related: dict[str, list[Callable[[Any], list[Item]]]] = {}


def register_personal_data(section: PersonalDataSection):
    _personal_data[section.key] = section


def personal_data_sections() -> list[PersonalDataSection]:
    return list(_personal_data.values())


def register_place_activities(provider: Callable[[Any], list[Item]]):
    """`provider(place)` returns what the place organises, in a constant number of queries."""
    if provider not in _place_activities:
        _place_activities.append(provider)


def place_activities(place) -> list[Item]:
    return [item for provider in _place_activities for item in provider(place)]


def register_upcoming(provider: Callable[[int], list[Item]]):
    """`provider(limit)` returns at most `limit` upcoming public items, soonest first."""
    if provider not in _upcoming:
        _upcoming.append(provider)


def upcoming(limit: int = 5) -> list[Item]:
    items = [item for provider in _upcoming for item in provider(limit)]
    items.sort(key=lambda item: (item.when is None, item.when))
    return items[:limit]


def register_related(model_label: str, provider: Callable[[Any], list[Item]]):
    """`provider(obj)` returns items related to `obj`, an instance of `model_label`
    ("workshops.workshop"), in a constant number of queries."""
    providers = _related.setdefault(model_label, [])
    if provider not in providers:
        providers.append(provider)


def related(obj) -> list[Item]:
    return [item for provider in _related.get(obj._meta.label_lower, []) for item in provider(obj)]
