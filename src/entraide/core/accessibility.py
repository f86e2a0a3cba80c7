"""The facts of the accessibility statement (RGAA), kept true by the tests: the pages named here
are the ones the browser walk audits with axe-core at every change (tests/browser/test_walk.py
fails if one is not reached or has a violation), and the keyboard-only journeys are the browser
tests of tests/browser/test_keyboard.py."""

import datetime

from django.utils.translation import gettext_lazy as _

STATEMENT_DATE = datetime.date(2026, 11, 26)
STANDARD = "RGAA 4.1.2"

# (what the page is, its address in the demo data): audited by the walk, as a visitor, a
# participant and an organiser.
TESTED_PAGES = [
    (_("Home page"), "/"),
    (_("Directory of places"), "/lieux/"),
    (_("A place"), "/lieux/hinaura/"),
    (_("Workshops"), "/ateliers/"),
    (_("A workshop"), "/ateliers/manifeste-atelier-1/"),
    (_("A series of workshops"), "/ateliers/cycles/vers-un-manifeste-du-numerique-responsable/"),
    (_("Availability polls"), "/sondages/"),
    (_("An availability poll"), "/sondages/dispos-pour-le-troisieme-atelier/"),
    (_("Sign in"), "/compte/connexion/"),
    (_("Create an account"), "/compte/inscription/"),
    (_("My registrations"), "/ateliers/mes-inscriptions/"),
    (_("My data"), "/compte/mes-donnees/"),
    (_("My space (organisers)"), "/espace/"),
    (
        _("A workshop's participants (organisers)"),
        "/ateliers/gerer/manifeste-atelier-1/participants/",
    ),
    (_("Privacy"), "/confidentialite/"),
    (_("Accessibility statement"), "/accessibilite/"),
]

KEYBOARD_JOURNEYS = [
    _("registering for a workshop without an account"),
    _("answering an availability poll"),
    _("an organiser creating a workshop"),
]

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
