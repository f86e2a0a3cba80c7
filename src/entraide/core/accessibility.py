"""The facts of the accessibility statement (RGAA), kept true by the tests: the pages named here
are the ones the browser walk audits with axe-core at every change (tests/browser/test_walk.py
fails if one is not reached or has a violation), and the keyboard-only journeys are the browser
tests of tests/browser/test_keyboard.py."""

import datetime

from django.utils.translation import gettext_lazy as _

from entraide.core import registry
from entraide.core.registry import TestedPage

STATEMENT_DATE = datetime.date(2026, 11, 26)
STANDARD = "RGAA 4.1.2"

# The site's own pages the walk audits; each app registers its own, and those of a capability
# go with it (entraide.core.registry.register_accessibility).
CORE_PAGES = [
    TestedPage(_("Home page"), "/", 0),
    TestedPage(_("Privacy"), "/confidentialite/", 90),
    TestedPage(_("Accessibility statement"), "/accessibilite/", 91),
]


def tested_pages():
    """(what the page is, its address in the demo data): audited by the walk, as a visitor, a
    participant and an organiser."""
    pages = sorted(CORE_PAGES + registry.tested_pages(), key=lambda page: page.order)
    return [(page.label, page.path) for page in pages]


def keyboard_journeys():
    return registry.keyboard_journeys()


# What is known not to be accessible, and why.
EXCEPTIONS = [
    _(
        "The administration interface (/admin/), used by the site's administrators only, is "
        "Django's own and is not part of the tests."
    ),
    _(
        "Texts written by the site's users (descriptions of places and workshops) are as "
        "accessible as their authors make them: headings and links in Markdown are kept, raw "
        "HTML is removed."
    ),
]
