"""The few explicit meeting points between capabilities.

Each capability registers, in the register() of its hooks.py, which its AppConfig.ready()
calls:
- its entry in the main menu, and what it offers, presented on the home page;
- its part of the organiser space ("Mon espace"): per place, what is coming, what needs the
  organiser, and buttons to create;
- personal data sections, shown and exported on "My data" and erased when an account is deleted;
- what a place organises, shown on the place's page;
- what is coming up, shown on the home page;
- what relates to an object of another capability (a poll fixing a workshop's date).
Core never imports a capability: capabilities come to core, so that removing one leaves no
broken link and no promise of something that is not there.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PersonalDataSection:
    key: str
    title: Any  # a lazy translated string
    collect: Callable[[Any], list[dict]]  # user -> JSON-serialisable rows
    erase: Callable[[Any], None] | None = None  # user -> None, before the account goes
    # user -> sentences saying what deleting the account does to this data (the deletion page)
    describe_erasure: Callable[[Any], list[str]] | None = None


@dataclass(frozen=True)
class Item:
    """Something to show in a list: a workshop, a poll, a survey..."""

    title: str
    url: str
    when: Any = None  # an aware datetime, or None
    detail: str = ""
    # How `when` reads, in the item's own time zone ("mardi 6 mai 2031, 13:00 (heure de La
    # Réunion)"); empty: the page shows `when` in the site's time zone.
    when_text: str = ""


@dataclass(frozen=True)
class MenuEntry:
    """A link of the main menu: `url_name` is reversed when the menu is drawn."""

    key: str
    label: Any  # a lazy translated string
    url_name: str
    order: int = 50
    visible: Callable[[Any], bool] | None = None  # request -> bool; None: always shown


@dataclass(frozen=True)
class Feature:
    """What a capability offers, presented on the home page."""

    key: str
    title: Any
    text: Any
    url_name: str
    order: int = 50


@dataclass(frozen=True)
class Action:
    """A button of the organiser space: create a workshop, a poll…"""

    label: Any
    url: str


@dataclass(frozen=True)
class SpaceSection:
    """One capability's part of the organiser space, for one place."""

    title: Any
    items: list = field(default_factory=list)  # Item: what is coming or open
    attention: list = field(default_factory=list)  # Item: what needs the organiser now
    actions: list = field(default_factory=list)  # Action
    empty: Any = ""  # shown when there are no items


_menu: dict[str, MenuEntry] = {}
_features: dict[str, Feature] = {}
_space: list[Callable[[list], dict[int, SpaceSection]]] = []
_personal_data: dict[str, PersonalDataSection] = {}
_place_activities: list[Callable[[Any], list[Item]]] = []
_upcoming: list[Callable[[int], list[Item]]] = []
_related: dict[str, list[Callable[[Any], list[Item]]]] = {}


def register_menu(entry: MenuEntry):
    _menu[entry.key] = entry


def menu() -> list[MenuEntry]:
    return sorted(_menu.values(), key=lambda entry: entry.order)


def register_feature(feature: Feature):
    _features[feature.key] = feature


def features() -> list[Feature]:
    return sorted(_features.values(), key=lambda feature: feature.order)


def register_organiser_space(provider: Callable[[list], dict[int, SpaceSection]]):
    """`provider(places)` returns {place.pk: SpaceSection} for the places an organiser runs,
    in a constant number of queries whatever their number."""
    if provider not in _space:
        _space.append(provider)


def organiser_space(places) -> dict[int, list[SpaceSection]]:
    """Every capability's sections, by place, in registration order."""
    sections = {place.pk: [] for place in places}
    for provider in _space:
        for place_pk, section in provider(places).items():
            sections[place_pk].append(section)
    return sections


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


_time_transitions: list[Callable[[Any], Any]] = []


def register_time_transitions(provider: Callable[[Any], Any]):
    """`provider(now)` returns the next moment after `now` when one of the capability's public
    pages changes by time alone (a workshop starts, a poll closes), or None; one query or two.
    The page cache keeps no page past it."""
    if provider not in _time_transitions:
        _time_transitions.append(provider)


def time_transitions() -> list[Callable[[Any], Any]]:
    return list(_time_transitions)
