"""The results of a survey, read from the tallies that answering keeps (services/tallies.py):
a constant number of queries over a few rows per question, whatever the number of responses,
with small counts protected (services/protection.py).

A count is a `Figure`: its `value` is None whenever it is hidden, so that no template, chart or
export can show a hidden number by mistake."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from entraide.surveys.models import (
    CHOICE_KINDS,
    MIN_THRESHOLD,
    TEXT_KINDS,
    VALUE_KINDS,
    Answer,
    Kind,
    Question,
    Survey,
    Tally,
)
from entraide.surveys.services.protection import EQ, GE, LE, Line, Table, protect
from entraide.surveys.services.tallies import BREAKDOWN_KINDS, EVERYONE, RESPONDENTS, cell_key

TOTAL = "n"  # the key of a line's total (how many people answered)
OTHER = "autre"


@dataclass(frozen=True)
class Figure:
    value: int | None  # None: hidden
    small: bool = False  # shown as "fewer than N"
    masked: bool = False  # hidden so that a small count next to it cannot be worked out

    @property
    def hidden(self):
        return self.value is None


ROW = 44  # height of a bar and its label in the charts (SVG user units: pixels)


def figure_text(figure: Figure, threshold: int) -> str:
    """How a count reads on the page and in the CSV."""
    if figure.small:
        return _("fewer than %(n)s") % {"n": threshold}
    if figure.masked:
        return _("hidden")
    return str(figure.value)


@dataclass
class Cell:
    label: str
    count: Figure
    percent: int | None = None  # of the question's respondents; None when hidden
    bar: float = 0.0  # width of its bar, 0 to 100; 0 when hidden
    other: bool = False
    row: int = 0  # its place in the chart

    @property
    def text_y(self):
        return self.row * ROW + 17

    @property
    def bar_y(self):
        return self.row * ROW + 24


@dataclass
class Group:
    label: str
    respondents: Figure
    cells: list[Cell]


@dataclass
class QuestionResults:
    question: Question
    respondents: Figure
    enough: bool  # at least `threshold` people answered: anything else is shown
    cells: list[Cell] = field(default_factory=list)
    mean: Decimal | None = None
    median: Decimal | None = None
    quotes: list[str] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    values_withheld: bool = False  # mean and median not published: they would tell small counts

    @property
    def multiple(self):
        return self.question.kind == Kind.MULTIPLE

    @property
    def chart(self):
        return bool(self.cells) and self.enough

    @property
    def chart_height(self):
        return len(self.cells) * ROW


@dataclass
class SurveyResults:
    survey: Survey
    threshold: int
    respondents: Figure
    questions: list[QuestionResults]
    breakdown: Question | None = None
    breakdown_choices: list = field(default_factory=list)


def threshold_of(survey) -> int:
    return max(survey.threshold, MIN_THRESHOLD)


def breakdown_questions(survey_results: SurveyResults):
    """The questions the results may be split by: published single choices and yes/no."""
    return [r.question for r in survey_results.questions if r.question.kind in BREAKDOWN_KINDS]


def results(survey: Survey, *, public=True, breakdown=None) -> SurveyResults:
    """`public`: only the questions whose results are published, and text questions only
    through their chosen quotes; else every question (organisers). `breakdown`: the id of a
    single-choice or yes/no question whose answers split the counts into groups."""
    threshold = threshold_of(survey)
    questions = list(survey.questions.prefetch_related("choices"))
    by_id = {q.pk: q for q in questions}
    group_question = by_id.get(breakdown) if breakdown is not None else None
    if group_question is not None and (
        group_question.kind not in BREAKDOWN_KINDS or (public and not group_question.results_public)
    ):
        group_question = None  # groups of an unpublished question would publish its counts
    shown = [q for q in questions if not public or q.results_public or q.kind in TEXT_KINDS]
    counted = [q.pk for q in shown if q.kind not in TEXT_KINDS]
    groups = [c.pk for c in group_question.choices.all()] if group_question else []

    cells = {}  # (question, choice or None, number or None) -> count
    respondents, sums = {}, {}
    group_cells, group_totals = {}, {}
    # The tallies, kept as answers arrive: a few rows per question and group.
    for question_id, group, cell, n in Tally.objects.filter(
        question__in=counted, group__in=[EVERYONE, *groups]
    ).values_list("question", "group", "cell", "count"):
        if cell == RESPONDENTS:
            if group == EVERYONE:
                respondents[question_id] = n
            else:
                group_totals[(group, question_id)] = n
            continue
        what, key = cell_key(cell)
        key = (key, None) if what == "choice" else (None, key)  # "other": (None, None)
        if group == EVERYONE:
            cells[(question_id, *key)] = n
        else:
            group_cells[(group, question_id, *key)] = n
    for (question_id, _choice, number), n in cells.items():
        if number is not None:
            total, count = sums.get(question_id, (0, 0))
            sums[question_id] = (total + number * n, count + n)
    means = {q: total / count for q, (total, count) in sums.items()}
    quotes = {}
    texts = [q.pk for q in shown if q.kind in TEXT_KINDS or q.allow_other]
    if texts:
        for question_id, text in (
            Answer.objects.filter(question__in=texts, quoted=True)
            .exclude(text="")
            .order_by("question", "pk")
            .values_list("question", "text")
        ):
            quotes.setdefault(question_id, []).append(text)

    total = survey.responses.count()
    out = []
    for question in shown:
        if question.kind in TEXT_KINDS:
            if quotes.get(question.pk) or not public:
                out.append(
                    QuestionResults(
                        question, Figure(None), enough=False, quotes=quotes.get(question.pk, [])
                    )
                )
            continue
        out.append(
            _question_results(
                question,
                threshold,
                respondents.get(question.pk, 0),
                cells,
                means.get(question.pk),
                group_question if group_question and group_question.pk != question.pk else None,
                group_cells,
                group_totals,
            )
        )
        out[-1].quotes = quotes.get(question.pk, [])
    return SurveyResults(
        survey=survey,
        threshold=threshold,
        respondents=Figure(total) if total >= threshold else Figure(None, small=True),
        questions=out,
        breakdown=group_question,
        breakdown_choices=list(group_question.choices.all()) if group_question else [],
    )


def _keys(question, cells):
    """The cells of a question, in order: (key, label, is_other)."""
    if question.kind in CHOICE_KINDS:
        keys = [(choice.pk, choice.label, False) for choice in question.choices.all()]
        if question.allow_other or cells.get((question.pk, None, None)):
            keys.append((OTHER, _("Other"), True))
        return keys
    if question.kind == Kind.SCALE:
        ends = {question.scale_min: question.label_min, question.scale_max: question.label_max}
        return [
            (Decimal(v), f"{v} ({ends[v]})" if ends.get(v) else str(v), False)
            for v in range(question.scale_min, question.scale_max + 1)
        ]
    return []  # numbers: mean and median only, their values are too scattered to chart


def _count_of(cells, prefix, key):
    if key == OTHER:
        return cells.get((*prefix, None, None), 0)
    if isinstance(key, Decimal):
        return cells.get((*prefix, None, key), 0)
    return cells.get((*prefix, key, None), 0)


def _median(distribution):
    """The median of (value, count) pairs sorted by value."""
    n = sum(count for _value, count in distribution)
    middle, seen, low = (n - 1) // 2, 0, None
    for value, count in distribution:
        if low is None and seen + count > middle:
            low = value
        if seen + count > n // 2:
            return (low + value) / 2
        seen += count
    return None


def _question_results(
    question, threshold, n, cells, mean, group_question, group_cells, group_totals
):
    keys = _keys(question, cells)
    relation = GE if question.kind == Kind.MULTIPLE else EQ
    counts = {TOTAL: n}
    for key, _label, _other in keys:
        counts[key] = _count_of(cells, (question.pk,), key)
    groups = list(group_question.choices.all()) if group_question else []
    for group in groups:
        counts[(group.pk, TOTAL)] = group_totals.get((group.pk, question.pk), 0)
        for key, _label, _other in keys:
            counts[(group.pk, key)] = _count_of(group_cells, (group.pk, question.pk), key)
    if n < threshold:
        return QuestionResults(question, Figure(None, small=True), enough=False)

    table = Table(counts=counts, threshold=threshold, ceiling=n)
    if keys:
        table.lines.append(Line([(key, 1) for key, *_ in keys] + [(TOTAL, -1)], 0, relation))
    for group in groups:
        table.lines.append(
            Line(
                [((group.pk, key), 1) for key, *_ in keys] + [((group.pk, TOTAL), -1)], 0, relation
            )
        )
    if groups:
        # Everyone who answered is in a group, or some are not (they skipped the group
        # question): the columns add up to the question's counts, or stay below them.
        everyone = sum(counts[(g.pk, TOTAL)] for g in groups) == n
        for key in [*(k for k, *_ in keys), TOTAL]:
            column = [((g.pk, key), 1) for g in groups] + [(key, -1)]
            table.lines.append(Line(column, 0, EQ if everyone else LE))
    protect(table)
    table.small.discard(TOTAL)  # n >= threshold

    def count(key):
        if key in table.small:
            return Figure(None, small=True)
        if key in table.masked:
            return Figure(None, masked=True)
        return Figure(counts[key])

    respondents = count(TOTAL)
    shown_values = [counts[k] for k, *_ in keys if not table.hidden(k)]
    scale = max(shown_values or [1]) or 1
    result = QuestionResults(question, respondents, enough=True)
    for row, (key, label, other) in enumerate(keys):
        c = count(key)
        cell = Cell(label, c, other=other, row=row)
        if not c.hidden:
            if not respondents.hidden:
                cell.percent = round(100 * c.value / n)
                cell.bar = 100 * c.value / n
            else:
                cell.bar = 100 * c.value / scale
        result.cells.append(cell)
    for group in groups:
        result.groups.append(
            Group(
                group.label,
                count((group.pk, TOTAL)),
                [Cell(label, count((group.pk, key)), other=o) for key, label, o in keys],
            )
        )
    # A scale's mean and median beside hidden counts could give them away (4 answers of mean
    # 1.5 and median 1.5 are two 1s and two 2s): they are published only when every count of
    # the scale is shown.
    result.values_withheld = question.kind == Kind.SCALE and any(
        cell.count.hidden for cell in result.cells
    )
    if question.kind in VALUE_KINDS and mean is not None and not result.values_withheld:
        distribution = sorted(
            (number, c)
            for (q, _choice, number), c in cells.items()
            if q == question.pk and number is not None
        )
        result.mean = Decimal(mean).quantize(Decimal("0.1"))
        result.median = Decimal(_median(distribution)).quantize(Decimal("0.1"))
    return result
