"""Small-count protection: no published count lets anyone tell how few people gave an answer.

The rule, applied to every table the results show (a question's counts, and the same counts
split by group):

1. A count below the threshold — 0 included — is shown as "fewer than N" (primary
   suppression). Zero is hidden too: a 0 shown beside a hidden cell tells that the hidden
   cell is not 0, which narrows it; and "fewer than 5" is true of 0.
2. The totals stay visible (how many people answered a question, how many in each group).
   Whatever is visible, the hidden cells of a line (a question, a group, a choice across
   groups) are bound by it: for a single choice, the cells add up to the total. For each line
   and each hidden cell we work out the values it can still take, knowing the shown cells, the
   total, that a "fewer than N" cell is between 0 and N-1 and that a "hidden" cell is at least
   N. When one hidden cell could take a single value, the smallest shown cell of the line is
   hidden as well (complementary suppression; a cell rather than a total when they are equal),
   and we start again. A lone hidden cell is
   therefore never left alone in a line.
3. A total is a cell of its line (with the sign -1), so when nothing smaller is left to
   hide, the total is hidden too.

This is the usual line-by-line heuristic of statistical offices (not a global optimisation):
each line alone never gives a hidden cell away by subtraction.
"""

from dataclasses import dataclass, field

EQ, GE, LE = "=", ">=", "<="  # sum of the line's cells = / >= / <= its total


@dataclass
class Line:
    """`cells` (keys, each with a sign: +1, or -1 for a total that is itself a cell) add up to
    `total` (`relation`: =, >= for multiple choice, <= for a column whose groups leave some
    people out)."""

    cells: list[tuple[object, int]]
    total: int = 0
    relation: str = EQ


@dataclass
class Table:
    counts: dict  # key -> real count
    threshold: int
    ceiling: int  # no count exceeds it (the number of respondents)
    lines: list[Line] = field(default_factory=list)
    small: set = field(default_factory=set)  # shown as "fewer than N"
    masked: set = field(default_factory=set)  # hidden to protect a small one

    def hidden(self, key) -> bool:
        return key in self.small or key in self.masked

    def bounds(self, key):
        if key in self.small:
            return 0, self.threshold - 1
        if key in self.masked:
            return self.threshold, self.ceiling
        return self.counts[key], self.counts[key]


def _pinned(table: Table, line: Line, key) -> bool:
    """Whether the hidden `key` can take one value only, knowing the rest of `line`."""
    sign = dict(line.cells)[key]
    others_low = others_high = 0
    for other, other_sign in line.cells:
        if other == key:
            continue
        low, high = table.bounds(other)
        if other_sign < 0:
            low, high = -high, -low
        others_low += low
        others_high += high
    # sign * x (+ others) <relation> total  →  the range of sign * x
    rest_low, rest_high = line.total - others_high, line.total - others_low
    low, high = table.bounds(key)
    value_low, value_high = (low, high) if sign > 0 else (-high, -low)
    if line.relation in (EQ, GE):
        value_low = max(value_low, rest_low)
    if line.relation in (EQ, LE):
        value_high = min(value_high, rest_high)
    return value_low >= value_high


def _cost(table, line, key):
    """What hiding `key` costs the reader: its count; a cell before a total (sign -1)."""
    return (table.counts[key], dict(line.cells)[key] < 0, str(key))


def protect(table: Table) -> Table:
    """Mark the table's small cells, then hide more until no line gives one away."""
    table.small = {key for key, count in table.counts.items() if count < table.threshold}
    changed = True
    while changed:
        changed = False
        for line in table.lines:
            hidden = [key for key, _sign in line.cells if table.hidden(key)]
            if not hidden or not any(_pinned(table, line, key) for key in hidden):
                continue
            shown = [key for key, _sign in line.cells if not table.hidden(key)]
            if shown:  # else the line is all hidden: what it pins down is all it can tell
                table.masked.add(min(shown, key=lambda key: _cost(table, line, key)))
                changed = True
    return table
