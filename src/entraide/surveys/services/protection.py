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

This is interval reasoning, as statistical offices do it before publishing tables (not a
global optimisation, which would need a solver): no hidden cell can be worked out by
subtraction, whether from one line or from several read together.
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


def _narrow(table: Table, bounds: dict, line: Line) -> bool:
    """Narrow the bounds of the hidden cells of `line` from what the rest of it allows;
    whether any changed."""
    changed = False
    for key, sign in line.cells:
        if not table.hidden(key):
            continue
        others_low = others_high = 0
        for other, other_sign in line.cells:
            if other == key:
                continue
            low, high = bounds[other]
            others_low += low if other_sign > 0 else -high
            others_high += high if other_sign > 0 else -low
        # sign * x <relation> total - others
        value_low, value_high = -(10**9), 10**9
        if line.relation in (EQ, GE):
            value_low = line.total - others_high
        if line.relation in (EQ, LE):
            value_high = line.total - others_low
        if sign < 0:
            value_low, value_high = -value_high, -value_low
        low, high = bounds[key]
        narrowed = (max(low, value_low), min(high, value_high))
        if narrowed != (low, high):
            bounds[key] = narrowed
            changed = True
    return changed


def pinned_cells(table: Table) -> list:
    """The hidden cells that the shown ones and the lines pin down to one value, found by
    narrowing every hidden cell's range through every line until nothing changes (what a
    reader can do with a pencil, several lines at once)."""
    bounds = {key: table.bounds(key) for key in table.counts}
    for _round in range(100):
        narrowed = [_narrow(table, bounds, line) for line in table.lines]  # every line, each round
        if not any(narrowed):
            break
    return [key for key in table.counts if table.hidden(key) and bounds[key][0] >= bounds[key][1]]


def _cost(table, line, key):
    """What hiding `key` costs the reader: its count; a cell before a total (sign -1)."""
    return (table.counts[key], dict(line.cells)[key] < 0, str(key))


def protect(table: Table) -> Table:
    """Mark the table's small cells, then hide more until no line gives one away."""
    table.small = {key for key, count in table.counts.items() if count < table.threshold}
    while pinned := pinned_cells(table):
        candidates = []
        for stuck in pinned:  # the first pinned cell that something can still cover
            for line in table.lines:
                cells = dict(line.cells)
                if stuck not in cells:
                    continue
                crowd = sum(table.hidden(key) for key in cells)  # a line where it is alone first
                candidates += [
                    ((crowd, _cost(table, line, key)), key)
                    for key in cells
                    if not table.hidden(key)
                ]
            if candidates:
                break
        if not candidates:  # all hidden: what they pin down is all the table can tell
            break
        table.masked.add(min(candidates, key=lambda candidate: candidate[0])[1])
    return table
