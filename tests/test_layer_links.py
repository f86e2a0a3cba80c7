"""Links run one way too: no template or module of an app names an address of a capability
above it in the layers (tests/test_layers.py). core, accounts and places never name one of
workshops or polls, and workshops never names one of polls: what a capability offers on the
pages of a lower one comes through the registry (entraide.core.registry), so that removing it
from INSTALLED_APPS leaves no broken link (tests/test_capabilities_removable.py walks the site
without it).

An address is named by its URL name (`{% url 'polls:create' … %}`, `reverse("polls:list")`,
`url_name="polls:list"`) or written out by its prefix (`/sondages/`, `("sondages", …)`). Tests
are left out: integration tests of a lower app may drive a higher one.
"""

import re

from django.urls import URLResolver, get_resolver

from tests.test_layers import FEATURES, FOUNDATION, SRC

LAYERS = FOUNDATION + FEATURES
TEXT_FILES = ("*.py", "*.html", "*.txt")


def _prefixes():
    """{app label: the first segment of its addresses}, read from the root URLconf."""
    prefixes = {}
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.app_name in FEATURES:
            prefixes[entry.app_name] = str(entry.pattern).strip("/")
    return prefixes


def _files(app):
    for pattern in TEXT_FILES:
        for path in sorted((SRC / app).rglob(pattern)):
            parts = path.relative_to(SRC).parts
            if "tests" not in parts and "migrations" not in parts:
                yield path


def _namings(feature, prefix):
    """Patterns that name an address of `feature`: its URL names, and its prefix written out as
    a path (`/sondages/`) or as a quoted segment (`"sondages"`)."""
    return [
        re.compile(rf"""["']{feature}:\w+["']"""),
        re.compile(rf"""/{prefix}/"""),
        # a quoted segment, unless it is the stored value of a choice (`STORIES = "recits",
        # _("Stories of the transition")`, a workshop's theme), which no address is made of
        re.compile(rf"""["']{prefix}["'](?!, _\()"""),
    ]


def _violations():
    prefixes = _prefixes()
    for app in LAYERS:
        above = [feature for feature in FEATURES if LAYERS.index(feature) > LAYERS.index(app)]
        for path in _files(app):
            text = path.read_text(encoding="utf-8")
            for feature in above:
                for pattern in _namings(feature, prefixes[feature]):
                    for match in pattern.finditer(text):
                        line = text.count("\n", 0, match.start()) + 1
                        yield f"{path.relative_to(SRC)}:{line} names {feature}: {match.group()}"


def test_every_capability_has_an_address_prefix():
    assert sorted(_prefixes()) == sorted(FEATURES)


def test_no_app_names_an_address_of_a_capability_above_its_own():
    violations = list(_violations())
    assert violations == [], "\n".join(violations)
