"""The counts behind the results (models.Tally), kept as answers arrive: `count_response` adds
one response's cells in the transaction that records it, with increments done by the database
(INSERT … ON CONFLICT DO UPDATE), so that concurrent answers never lose a count. The results
then read a few hundred tally rows, whatever the number of responses.

`recount` counts every tally again from the answers (the rows are the truth): for answers
stored without `submit` (demo data, test and benchmark set-ups) and to check the tallies."""

from collections import Counter
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, F

from entraide.surveys.models import CHOICE_KINDS, VALUE_KINDS, Answer, Kind, Question, Tally

RESPONDENTS = "n"
OTHER_CELL = "autre"
COUNTED_KINDS = CHOICE_KINDS | VALUE_KINDS
BREAKDOWN_KINDS = {Kind.SINGLE, Kind.YES_NO}  # their choices split the others into groups
EVERYONE = 0
ROWS_PER_STATEMENT = 200


def cell_of(choice_id, number) -> str:
    """The cell of one answer row: its choice, its number, or else its "other" text."""
    if choice_id is not None:
        return f"c{choice_id}"
    if number is not None:
        return f"v{Decimal(number):.2f}"
    return OTHER_CELL


def cell_key(cell: str):
    """What a cell stands for: ("choice", id), ("value", Decimal), ("other", None)."""
    if cell.startswith("c"):
        return "choice", int(cell[1:])
    if cell.startswith("v"):
        return "value", Decimal(cell[1:])
    return "other", None


def _response_counts(cells_by_question: dict) -> Counter:
    """The tallies one response adds: `cells_by_question` maps each counted question it
    answered to the cells of its answer rows."""
    counts = Counter()
    groups = [
        int(cell[1:])
        for question, cells in cells_by_question.items()
        if question.kind in BREAKDOWN_KINDS
        for cell in cells
        if cell.startswith("c")
    ]
    for question, cells in cells_by_question.items():
        counts[(question.pk, EVERYONE, RESPONDENTS)] += 1
        for cell in cells:
            counts[(question.pk, EVERYONE, cell)] += 1
        for group in groups:
            if group in {int(c[1:]) for c in cells if c.startswith("c")}:
                continue  # a question is not split by its own answers
            counts[(question.pk, group, RESPONDENTS)] += 1
            if question.kind != Kind.NUMBER:  # groups show a number question's count only
                for cell in cells:
                    counts[(question.pk, group, cell)] += 1
    return counts


def count_response(rows) -> None:
    """Add one response to the tallies: `rows` are its (question, Given) answer rows. Call it
    inside the transaction that records them."""
    cells_by_question = {}
    for question, given in rows:
        if question.kind in COUNTED_KINDS:
            cells = cells_by_question.setdefault(question, set())
            cells.add(cell_of(given.choice_id, given.number))
    _add(_response_counts(cells_by_question))


def _add(counts: Counter) -> None:
    """Add `counts` ((question id, group, cell) → n) to the tallies, creating missing ones.
    The rows go in one order, so that two answers at once lock them in the same order (no
    deadlock on PostgreSQL)."""
    items = sorted(counts.items())
    quote = connection.ops.quote_name
    table = quote(Tally._meta.db_table)
    group, count = quote("group"), quote("count")
    with connection.cursor() as cursor:
        for start in range(0, len(items), ROWS_PER_STATEMENT):
            chunk = items[start : start + ROWS_PER_STATEMENT]
            values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} (question_id, {group}, cell, {count}) VALUES {values} "  # noqa: S608 (names from the model, values as parameters)
                f"ON CONFLICT (question_id, {group}, cell) "
                f"DO UPDATE SET {count} = {table}.{count} + excluded.{count}",
                [value for (q, g, c), n in chunk for value in (q, g, c, n)],
            )


def counted_from_answers(survey, *, answer=Answer, question=Question) -> Counter:
    """Every tally of `survey`, counted from its answer rows by the database. (`answer` and
    `question`: the models, which a migration gives as they were then.)"""
    counted = question.objects.filter(survey=survey, kind__in=COUNTED_KINDS)
    splitting = question.objects.filter(survey=survey, kind__in=BREAKDOWN_KINDS)
    answers = answer.objects.filter(question__in=counted).order_by()
    counts = Counter()
    for question_id, choice_id, number, n in answers.values_list(
        "question", "choice", "number"
    ).annotate(n=Count("*")):
        counts[(question_id, EVERYONE, cell_of(choice_id, number))] += n
    for question_id, n in answers.values_list("question").annotate(
        n=Count("response", distinct=True)
    ):
        counts[(question_id, EVERYONE, RESPONDENTS)] = n
    grouped = answers.filter(
        response__answers__question__in=splitting, response__answers__choice__isnull=False
    ).annotate(group=F("response__answers__choice"), by=F("response__answers__question"))
    for group, by, question_id, kind, choice_id, number, n in grouped.values_list(
        "group", "by", "question", "question__kind", "choice", "number"
    ).annotate(n=Count("*")):
        if by != question_id and kind != Kind.NUMBER:  # as in _response_counts
            counts[(question_id, group, cell_of(choice_id, number))] += n
    for group, by, question_id, n in grouped.values_list("group", "by", "question").annotate(
        n=Count("response", distinct=True)
    ):
        if by != question_id:
            counts[(question_id, group, RESPONDENTS)] = n
    return counts


def kept(survey) -> Counter:
    """The tallies of `survey` as they stand."""
    return Counter(
        {
            (q, g, c): n
            for q, g, c, n in Tally.objects.filter(
                question__survey=survey, count__gt=0
            ).values_list("question", "group", "cell", "count")
        }
    )


def recount(survey, *, models=None) -> None:
    """Count `survey`'s tallies again from its answers. (`models`: the Answer, Question and
    Tally models, which a migration gives as they were then.)"""
    answer, question, tally = models or (Answer, Question, Tally)
    with transaction.atomic():
        tally.objects.filter(question__survey=survey).delete()
        tally.objects.bulk_create(
            (
                tally(question_id=q, group=g, cell=c, count=n)
                for (q, g, c), n in counted_from_answers(
                    survey, answer=answer, question=question
                ).items()
            ),
            batch_size=500,
        )
