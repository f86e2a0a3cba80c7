"""The French interface reads as French typography and the site's vocabulary want it, in every
string of the catalogue: a non-breaking space before : ; ! ? » and after «, the typographic
apostrophe, "courriel" rather than "e-mail", and the people who run a place are said to
"animer" it ("animateur·rice"), as the users themselves say, never "organisateur·rice"."""

import gettext
import re
from pathlib import Path

import pytest

import entraide

MO = Path(entraide.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "django.mo"


def french_strings():
    with MO.open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)._catalog
    return [(str(msgid), text) for msgid, text in catalog.items() if msgid]


def offending(pattern):
    found = []
    for _msgid, text in french_strings():
        if re.search(pattern, re.sub(r"mailto:|%\(\w+\)s", "", text)):
            found.append(text)
    return found


def test_the_catalogue_is_read():
    assert len(french_strings()) > 800


@pytest.mark.parametrize(
    ("rule", "pattern"),
    [
        ("a plain space before : ; ! ? »", r" [:;!?»]"),
        ("a plain space after «", r"« "),
        ("punctuation glued to the word before", r"[^\W\d_][;!?»]|[^\W\d_]:(?!//)"),
        ("a straight apostrophe", r"[^\W\d_]'[^\W\d_]"),
        ("e-mail", r"(?i)\be-?mails?\b"),
        ("organisateur·rice for the people who run a place", r"(?i)organisat(eur|rice)"),
    ],
)
def test_no_french_string_has(rule, pattern):
    assert offending(pattern) == [], rule
