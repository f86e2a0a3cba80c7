"""The few explicit meeting points between capabilities.

Each capability registers, in the register() of its hooks.py, which its AppConfig.ready()
calls:
- its entry in the main menu, and what it offers, presented on the home page;
- its part of the organiser space ("Mon espace"): per place, what is coming, what needs the
  organiser, and buttons to create;
- personal data sections, shown and exported on "My data" and erased when an account is deleted;
- what a place organises, shown on the place's page;
- what is coming up, shown on the home page;
- what relates to an object of another capability (a poll fixing a workshop's date), and the
  buttons it adds to that object's organiser page ("Fix the date with a poll");
- its links on the account page ("My registrations"), on a place's public page ("All its
  workshops") and on a place's management page ("Workshops of La Verrière");
- the addresses of its private links, whose token logs and Referer headers never show;
- the pages and keyboard journeys of the accessibility statement.
Core never imports a capability, and no lower layer names the address of a higher one
(tests/test_layer_links.py): capabilities come to core, so that removing one leaves no broken
link and no promise of something that is not there (tests/test_capabilities_removable.py).
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
class Link:
    """A link another app's page shows: on the account page, on a place's pages."""

    label: Any
    url: str


@dataclass(frozen=True)
class AccountLink:
    """A link of the account page ("My account"): `url_name` is reversed when it is drawn."""

    key: str
    label: Any  # a lazy translated string
    url_name: str
    order: int = 50


@dataclass(frozen=True)
class PlaceLinks:
    """A capability's links on a place's pages: `public(place)` on its public page (shown with
    what the place organises), `manage(place)` on its management page. Each returns a list of
    `Link` without a query (the place's slug and `reverse` are enough)."""

    key: str
    public: Callable[[Any], list[Link]] | None = None
    manage: Callable[[Any], list[Link]] | None = None
    order: int = 50


@dataclass(frozen=True)
class TestedPage:
    """A page of the accessibility statement: the browser walk audits it in the demo data."""

    __test__ = False  # not a test class for pytest

    label: Any  # a lazy translated string
    path: str
    order: int = 50


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
_related_actions: dict[str, list[Callable[[Any], list[Action]]]] = {}
_account_links: dict[str, AccountLink] = {}
_place_links: dict[str, PlaceLinks] = {}
_private_paths: list[tuple[str, ...]] = []
_tested_pages: dict[str, TestedPage] = {}
_keyboard_journeys: list[Any] = []


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


def register_related_actions(model_label: str, provider: Callable[[Any], list[Action]]):
    """`provider(obj)` returns buttons for the organiser page of `obj`, an instance of
    `model_label` ("workshops.workshop") that belongs to another capability: "Fix the date with
    a poll". Without a query beyond what that page already loaded."""
    providers = _related_actions.setdefault(model_label, [])
    if provider not in providers:
        providers.append(provider)


def related_actions(obj) -> list[Action]:
    providers = _related_actions.get(obj._meta.label_lower, [])
    return [action for provider in providers for action in provider(obj)]


def register_account_link(link: AccountLink):
    _account_links[link.key] = link


def account_links() -> list[AccountLink]:
    return sorted(_account_links.values(), key=lambda link: link.order)


def register_place_links(links: PlaceLinks):
    _place_links[links.key] = links


def _place_links_of(place, side) -> list[Link]:
    ordered = sorted(_place_links.values(), key=lambda links: links.order)
    return [
        link for links in ordered if getattr(links, side) for link in getattr(links, side)(place)
    ]


def place_links(place) -> list[Link]:
    """The capabilities' links on the public page of `place`."""
    return _place_links_of(place, "public")


def place_management_links(place) -> list[Link]:
    """The capabilities' links on the management page of `place`."""
    return _place_links_of(place, "manage")


def register_private_paths(*paths: tuple[str, ...]):
    r"""Addresses that carry a private token, each as its path segments before the token:
    `("annonces", "lien")` for /annonces/lien/<token>/; a segment may be a regular expression
    (`r"[-\w]+"` for a slug). entraide.core.private_links masks the token in logs and keeps it
    out of Referers."""
    for path in paths:
        if path not in _private_paths:
            _private_paths.append(path)


def private_paths() -> list[tuple[str, ...]]:
    return list(_private_paths)


def register_accessibility(pages=(), journeys=()):
    """What the accessibility statement says is tested: `pages` (TestedPage: each one an address
    in the demo data the browser walk reaches and audits) and keyboard-only `journeys` (lazy
    translated strings, each a browser test of tests/browser/test_keyboard.py)."""
    for page in pages:
        _tested_pages[page.path] = page
    for journey in journeys:
        if journey not in _keyboard_journeys:
            _keyboard_journeys.append(journey)


def tested_pages() -> list[TestedPage]:
    return sorted(_tested_pages.values(), key=lambda page: page.order)


def keyboard_journeys() -> list[Any]:
    return list(_keyboard_journeys)


_time_transitions: list[Callable[[Any], Any]] = []


def register_time_transitions(provider: Callable[[Any], Any]):
    """`provider(now)` returns the next moment after `now` when one of the capability's public
    pages changes by time alone (a workshop starts, a poll closes), or None; one query or two.
    The page cache keeps no page past it."""
    if provider not in _time_transitions:
        _time_transitions.append(provider)


def time_transitions() -> list[Callable[[Any], Any]]:
    return list(_time_transitions)
