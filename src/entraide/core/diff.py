"""A word-level diff of two texts (a manifesto's amendments, a story's versions), readable
without colour: what was added is in `<ins>`, what was removed in `<del>`, each opened by a
visually-hidden word a screen reader announces ("ajouté :", "supprimé :") and framed by
visible brackets, so that neither colour nor underline/strike-through alone carries the
meaning (WCAG 1.4.1). Markdown is diffed as the source text people wrote, not as rendered
HTML. Every token is escaped: user text is never marked safe as it is. The styles are in
core/static/core/entraide.css (`.diff`)."""

import re
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Words (letters, digits, apostrophes and hyphens inside), runs of whitespace, or any other
# single character (punctuation, Markdown marks).
TOKEN = re.compile(r"\w+(?:[’'\-]\w+)*|\s+|[^\w\s]", re.UNICODE)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text or "")


def _part(tag, label, marks, words):
    opening, closing = marks
    return (
        f'<{tag}><span class="visually-hidden">{escape(label)} </span>'
        f'<span aria-hidden="true" class="diff-mark">{opening}</span>{escape("".join(words))}'
        f'<span aria-hidden="true" class="diff-mark">{closing}</span></{tag}>'
    )


def opcodes(before: str, after: str):
    """(tag, old tokens, new tokens) for each run: 'equal', 'delete', 'insert' or 'replace'."""
    old, new = tokens(before), tokens(after)
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        yield tag, old[i1:i2], new[j1:j2]


def diff_html(before: str, after: str) -> SafeString:
    """HTML of the change from `before` to `after`, whitespace kept (show it in a
    `white-space: pre-wrap` block)."""
    added, removed = _("added:"), _("removed:")
    parts = []
    for tag, old, new in opcodes(before, after):
        if tag == "equal":
            parts.append(escape("".join(old)))
            continue
        if old:
            parts.append(_part("del", removed, ("[−", "−]"), old))
        if new:
            parts.append(_part("ins", added, ("[+", "+]"), new))
    # Every piece of text above went through escape(); the tags are ours.
    return mark_safe("".join(parts))  # noqa: S308


def changed(before: str, after: str) -> bool:
    return any(tag != "equal" for tag, _old, _new in opcodes(before, after))
