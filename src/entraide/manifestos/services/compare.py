"""Two published versions compared section by section, matched by `key` (the live section each
was frozen from): added, deleted, changed (a word diff of title and text), moved, and runs of
unchanged sections folded; with, for each change, the accepted amendments behind it and their
votes. Two queries whatever the size (the frozen sections of both versions, the amendments
with their vote counts), and fast on long texts: sentences are matched first, words only
inside the sentences that differ."""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db.models import Count, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from entraide.manifestos.models import Amendment, AmendmentStatus, VersionSection, VoteChoice

# A sentence (or clause) and the space after it; a word, or a mark, and the space after it.
SENTENCE = re.compile(r"[^.!?;:\n]*(?:[.!?;:]+|\n+|$)\s*")
WORD = re.compile(r"\w+(?:[’'\-]\w+)*\s*|[^\w\s]\s*|\s+", re.UNICODE)


def _runs(old, new):
    return SequenceMatcher(None, old, new, autojunk=False).get_opcodes()


def _part(tag, label, words):
    """<ins> or <del> opened by a word a screen reader announces; its brackets, [+ +] or
    [− −], are drawn by the style sheet (`.diff .mark`), silent for screen readers: two
    elements a mark, where a long comparison has hundreds of them."""
    return (
        f'<{tag} class="mark"><span class="visually-hidden">{escape(label)} </span>'
        f"{escape(''.join(words))}</{tag}>"
    )


def _keys(units):
    return [unit.rstrip() or unit for unit in units]


def _marked(gone, came, labels, parts):
    """Words removed then added; the space both end with stays outside the marks."""
    space = ""
    if gone and came:
        tail_old = gone[-1][len(gone[-1].rstrip()) :]
        if tail_old and came[-1].endswith(tail_old) and came[-1].strip():
            space = tail_old
            gone = [*gone[:-1], gone[-1].rstrip()]
            came = [*came[:-1], came[-1][: -len(tail_old)]]
    elif came and came[-1].strip():
        space = came[-1][len(came[-1].rstrip()) :]
        came = [*came[:-1], came[-1].rstrip()]
    elif gone and gone[-1].strip():
        space = gone[-1][len(gone[-1].rstrip()) :]
        gone = [*gone[:-1], gone[-1].rstrip()]
    if gone:
        parts.append(_part("del", labels[1], gone))
    if came:
        parts.append(_part("ins", labels[0], came))
    parts.append(escape(space))


def _words(before, after, labels, parts):
    """Words (each with the space after it) matched by the word alone, so that "mot." and
    "mot suivant" share "mot"; what is equal is shown as the later text has it."""
    old, new = WORD.findall(before), WORD.findall(after)
    old_keys, new_keys = _keys(old), _keys(new)
    # What both start and end with is kept aside: the matcher sees only the middle.
    shortest = min(len(old), len(new))
    start = 0
    while start < shortest and old_keys[start] == new_keys[start]:
        start += 1
    end = 0
    while end < shortest - start and old_keys[-1 - end] == new_keys[-1 - end]:
        end += 1
    parts.append(escape("".join(new[:start])))
    tail = "".join(new[len(new) - end :])
    old, new = old[start : len(old) - end], new[start : len(new) - end]
    old_keys, new_keys = (
        old_keys[start : len(old_keys) - end],
        new_keys[start : len(new_keys) - end],
    )
    # One word for another (the most common edit) needs no matcher.
    if len(old) > 1 and len(new) > 1:
        runs = _runs(old_keys, new_keys)
    else:
        runs = [("replace", 0, len(old), 0, len(new))]
    for tag, i1, i2, j1, j2 in runs:
        if tag == "equal":
            parts.append(escape("".join(new[j1:j2])))
        else:
            _marked(old[i1:i2], new[j1:j2], labels, parts)
    parts.append(escape(tail))


def text_diff(before: str, after: str) -> SafeString:
    """diff.diff_html's marks (<ins>/<del>, announced and bracketed), computed sentence by
    sentence: fast on long texts of which most sentences did not change."""
    labels = (_("added:"), _("removed:"))
    old = [s for s in SENTENCE.findall(before or "") if s]
    new = [s for s in SENTENCE.findall(after or "") if s]
    parts = []
    for tag, i1, i2, j1, j2 in _runs(old, new):
        if tag == "equal":
            parts.append(escape("".join(old[i1:i2])))
        elif tag == "replace" and i2 - i1 == j2 - j1:
            for one, other in zip(old[i1:i2], new[j1:j2], strict=True):
                _words(one, other, labels, parts)
        else:
            _words("".join(old[i1:i2]), "".join(new[j1:j2]), labels, parts)
    # Every piece of text went through escape() (here or in _part); the tags are ours.
    return mark_safe("".join(parts))  # noqa: S308


ADDED, DELETED, CHANGED, UNCHANGED = "added", "deleted", "changed", "unchanged"


@dataclass
class Change:
    key: int
    status: str
    before: VersionSection | None
    after: VersionSection | None
    moved: bool = False
    title_diff: str = ""
    body_diff: str = ""
    amendments: list = field(default_factory=list)

    @property
    def section(self):
        return self.after or self.before

    folded = False


@dataclass
class Fold:
    """A run of sections that did not change (nor move)."""

    changes: list

    folded = True


@dataclass
class Comparison:
    before: object
    after: object
    items: list  # Change and Fold, in the order of the later text
    counts: dict

    @property
    def changed(self):
        return any(not item.folded for item in self.items)


def _numbered(sections):
    for number, section in enumerate(sections, 1):
        section.number = number
    return {s.key: s for s in sections}


def _moved(before_keys, after_keys):
    """Keys of the sections both versions have whose order changed: those outside the
    longest common order."""
    kept = set()
    for block in SequenceMatcher(
        None, before_keys, after_keys, autojunk=False
    ).get_matching_blocks():
        kept.update(before_keys[block.a : block.a + block.size])
    return set(before_keys) - kept


def _changes(old, new):
    common_old = [key for key in old if key in new]
    common_new = [key for key in new if key in old]
    moved = _moved(common_old, common_new)
    changes = {}
    for key, after in new.items():
        before = old.get(key)
        if before is None:
            changes[key] = Change(key, ADDED, None, after)
            continue
        status = CHANGED
        if before.title == after.title and before.body == after.body:
            status = UNCHANGED
        change = Change(key, status, before, after, moved=key in moved)
        if status == CHANGED:
            change.title_diff = text_diff(before.title, after.title)
            change.body_diff = text_diff(before.body, after.body)
        changes[key] = change
    # Each deleted section goes after the one it followed (or at the start).
    order, placed, previous = list(new), {}, None
    for key, before in old.items():
        if key in new:
            previous = key
            continue
        changes[key] = Change(key, DELETED, before, None)
        placed.setdefault(previous, []).append(key)
    ordered = list(placed.get(None, []))
    for key in order:
        ordered.append(key)
        ordered.extend(placed.get(key, []))
    return [changes[key] for key in ordered]


def _fold(changes):
    items, run = [], []
    for change in changes:
        if change.status == UNCHANGED and not change.moved:
            run.append(change)
            continue
        if run:
            items.append(Fold(run))
            run = []
        items.append(change)
    if run:
        items.append(Fold(run))
    return items


def _amendments(manifesto, keys, low, high):
    """The accepted amendments that changed the sections `keys`, first published in a version
    after `low` and up to `high`, with their vote counts by choice."""
    counts = {
        choice: Count("votes", filter=Q(votes__choice=choice)) for choice in VoteChoice.values
    }
    amendments = (
        Amendment.objects.filter(
            manifesto=manifesto,
            status=AmendmentStatus.ACCEPTED,
            applied_key__in=keys,
            version__number__gt=low,
            version__number__lte=high,
        )
        .annotate(**{f"votes_{choice}": count for choice, count in counts.items()})
        .order_by("decided_at", "pk")
    )
    by_key = {}
    for amendment in amendments:
        amendment.manifesto = manifesto
        amendment.tally = [
            (label, getattr(amendment, f"votes_{choice}")) for choice, label in VoteChoice.choices
        ]
        amendment.voted = any(count for _label, count in amendment.tally)
        by_key.setdefault(amendment.applied_key, []).append(amendment)
    return by_key


def compare(manifesto, before, after) -> Comparison:
    """How the text went from version `before` to version `after` (any two of `manifesto`)."""
    rows = VersionSection.objects.filter(version__in=[before.pk, after.pk]).order_by("position")
    old_rows, new_rows = [], []
    for row in rows:
        (old_rows if row.version_id == before.pk else new_rows).append(row)
    if before.pk == after.pk:
        old_rows = list(new_rows)
    changes = _changes(_numbered(old_rows), _numbered(new_rows))
    touched = [c.key for c in changes if c.status != UNCHANGED or c.moved]
    low, high = sorted((before.number, after.number))
    by_key = _amendments(manifesto, touched, low, high) if touched and low != high else {}
    counts = {ADDED: 0, DELETED: 0, CHANGED: 0, UNCHANGED: 0, "moved": 0}
    for change in changes:
        change.amendments = by_key.get(change.key, [])
        counts[change.status] += 1
        counts["moved"] += change.moved
    return Comparison(before, after, _fold(changes), counts)
