"""Page text as a reader sees it, for assertions on wording."""

import re

ORDINARY_SPACES = re.compile(r"[ \t\r\n]+")


def squeeze(text):
    """Runs of ordinary white space become one space; non-breaking spaces stay, so that a
    test of French wording also checks the one before « : ; ! ? » and after «."""
    return ORDINARY_SPACES.sub(" ", text).strip()
