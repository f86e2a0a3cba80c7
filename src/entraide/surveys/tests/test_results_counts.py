import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entraide.surveys.models import Kind
from entraide.surveys.services.results import results
from entraide.surveys.tests.conftest import record

pytestmark = pytest.mark.django_db

WHO = "Vous êtes…"


def answer_many(survey, counts: dict, question=WHO, **others):
    for label, n in counts.items():
        for _ in range(n):
            record(survey, {question: label, **others})


def of(survey_results, text):
    return next(q for q in survey_results.questions if q.question.text == text)


def shown(question_results):
    def figure(count):
        if count.small:
            return "moins de"
        return "masqué" if count.masked else count.value

    return {cell.label: figure(cell.count) for cell in question_results.cells}


def possible_values(question_results, threshold):
    """What someone could work out of each hidden cell from the figures shown: every way of
    filling the hidden cells that adds up to the total shown."""
    total = question_results.respondents.value
    hidden = [c for c in question_results.cells if c.count.hidden]
    rest = total - sum(c.count.value for c in question_results.cells if not c.count.hidden)
    ranges = [range(threshold) if c.count.small else range(threshold, total + 1) for c in hidden]
    fillings = [v for v in itertools.product(*ranges) if sum(v) == rest]
    return {c.label: sorted({v[i] for v in fillings}) for i, c in enumerate(hidden)}


def test_a_small_count_is_shown_as_fewer_than_the_threshold_and_its_neighbour_is_masked(
    open_survey,
):
    answer_many(open_survey, {"Étudiant·e": 10, "Personnel": 2, "Public": 6})

    question = of(results(open_survey), WHO)

    assert shown(question) == {"Étudiant·e": 10, "Personnel": "moins de", "Public": "masqué"}
    assert (question.respondents.value, [c.percent for c in question.cells]) == (
        18, [56, None, None],
    )  # fmt: skip


def test_no_hidden_count_can_be_recovered_by_subtracting_the_shown_ones_from_the_total(
    open_survey,
):
    answer_many(open_survey, {"Étudiant·e": 10, "Personnel": 2, "Public": 6})

    question = of(results(open_survey), WHO)
    values = possible_values(question, 5)

    assert (values["Personnel"], values["Public"]) == ([0, 1, 2, 3], [5, 6, 7, 8])


def test_a_cell_of_one_next_to_a_total_just_above_is_not_given_away(open_survey):
    """1 + 5 = 6: with the 5 masked, the subtraction leaves 1 = x + y with y ≥ 5: impossible
    but for x = 1. So more is hidden."""
    answer_many(open_survey, {"Étudiant·e": 1, "Personnel": 5, "Public": 9})

    question = of(results(open_survey), WHO)

    assert all(len(v) > 1 for v in possible_values(question, 5).values())
    assert shown(question)["Étudiant·e"] == "moins de"


def test_zero_is_shown_as_fewer_than_the_threshold_too(open_survey):
    answer_many(open_survey, {"Étudiant·e": 10, "Public": 7})

    question = of(results(open_survey), WHO)

    assert shown(question)["Personnel"] == "moins de"
    assert possible_values(question, 5)["Personnel"] == [0, 1, 2]


def test_a_question_answered_by_fewer_than_the_threshold_shows_nothing_but_that(open_survey):
    answer_many(open_survey, {"Étudiant·e": 2, "Public": 1})

    question = of(results(open_survey), WHO)

    assert (question.enough, question.respondents.small, question.cells) == (False, True, [])


def test_multiple_choice_percentages_are_of_the_people_who_answered(open_survey):
    open_survey.threshold = 3
    open_survey.save()
    apps = "Quelles applications ?"
    for choices in [["Vidéo", "Jeux"], ["Vidéo", "Messagerie"], ["Vidéo"], ["Jeux", "Vidéo"]]:
        record(open_survey, {apps: choices})
    record(open_survey, {apps: ["Jeux", "Réseaux sociaux"]})

    question = of(results(open_survey), apps)

    assert question.respondents.value == 5
    assert [(c.label, c.percent) for c in question.cells if not c.count.hidden] == [
        ("Vidéo", 80),
        ("Jeux", 60),
    ]


def test_mean_and_median_are_those_of_the_answers(open_survey):
    open_survey.threshold = 3
    open_survey.save()
    for value in [1] * 3 + [2] * 5 + [3] * 3 + [4] * 3 + [5] * 3:
        record(open_survey, {"Dépendance ressentie": value})
    for value in [1, 2, 3, 4]:
        record(open_survey, {"Heures d'écran par jour": value})

    survey_results = results(open_survey)
    scale, hours = (
        of(survey_results, "Dépendance ressentie"),
        of(survey_results, "Heures d'écran par jour"),
    )

    assert (scale.mean, scale.median, hours.mean, hours.median) == (
        Decimal("2.9"), Decimal("3.0"), Decimal("2.5"), Decimal("2.5"),
    )  # fmt: skip
    assert [c.label for c in scale.cells] == ["1 (Aucune)", "2", "3", "4", "5 (Très forte)"]


def test_mean_and_median_are_hidden_below_the_threshold(open_survey):
    for value in [1, 2, 4, 5]:
        record(open_survey, {"Dépendance ressentie": value})

    scale = of(results(open_survey), "Dépendance ressentie")

    assert (scale.mean, scale.median, scale.respondents.small) == (None, None, True)


def test_a_scale_with_hidden_counts_withholds_its_mean_and_median(open_survey):
    """Two 1s and two 2s: each count is below 3, but a mean and a median of 1.5 would say it."""
    open_survey.threshold = 3
    open_survey.save()
    for value in [1, 1, 2, 2]:
        record(open_survey, {"Dépendance ressentie": value})

    scale = of(results(open_survey), "Dépendance ressentie")

    assert (scale.respondents.value, scale.mean, scale.median, scale.values_withheld) == (
        4, None, None, True,
    )  # fmt: skip


def test_an_unpublished_question_is_left_out_and_text_only_shows_its_quotes(open_survey):
    open_survey.questions.filter(kind=Kind.NUMBER).update(results_public=False)
    record(open_survey, {"Un mot pour le dire": "Fatigue"})
    quoted = record(open_survey, {"Un mot pour le dire": "Liberté"})
    quoted.answers.update(quoted=True)

    survey_results = results(open_survey)

    assert [q.question.text for q in survey_results.questions] == [
        "Vous êtes…", "Quelles applications ?", "Dépendance ressentie",
        "Souhaitez-vous réduire ?", "Un mot pour le dire",
    ]  # fmt: skip
    assert of(survey_results, "Un mot pour le dire").quotes == ["Liberté"]


def test_a_breakdown_counts_each_group_and_protects_its_small_cells(open_survey):
    """Personnel's 3 would come back by subtraction from the columns (20 − 8 − 9 = 3): a
    group total and a cell of each other group are masked too."""
    reduce = "Souhaitez-vous réduire ?"
    answer_many(open_survey, {"Étudiant·e": 8}, **{reduce: "Oui"})
    answer_many(open_survey, {"Étudiant·e": 6}, **{reduce: "Non"})
    answer_many(open_survey, {"Public": 9}, **{reduce: "Oui"})
    answer_many(open_survey, {"Public": 2}, **{reduce: "Non"})
    answer_many(open_survey, {"Personnel": 3}, **{reduce: "Oui"})
    who = open_survey.questions.get(text=WHO)

    question = of(results(open_survey, breakdown=who.pk), reduce)

    rows = {
        g.label: [g.respondents.value] + [c.count.value for c in g.cells] for g in question.groups
    }
    assert rows == {
        "Étudiant·e": [14, None, None],
        "Personnel": [None, None, None],
        "Public": [None, 9, None],
    }
    assert shown(question) == {"Oui": 20, "Non": 8}


def test_results_cost_the_same_queries_with_few_or_many_responses(open_survey):
    who = open_survey.questions.get(text=WHO)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            results(open_survey, breakdown=who.pk)
        return len(captured)

    answer_many(open_survey, {"Étudiant·e": 1})
    few = queries()
    answer_many(open_survey, {"Public": 12}, **{"Dépendance ressentie": 3})

    assert (few, queries()) == (5, 5)  # questions, choices, tallies, quotes, total


def test_on_any_counts_no_hidden_cell_of_a_question_can_be_worked_out():
    """Tried on 300 random sets of counts of a single-choice question of four answers, by
    listing every way to fill the hidden cells that gives the total shown."""
    import random

    from entraide.surveys.services.protection import Line, Table, protect

    rng = random.Random(7)  # noqa: S311 (test data)
    for _ in range(300):
        counts = {c: rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 20]) for c in "abcd"}
        total = sum(counts.values())
        if total < 5:
            continue
        table = Table(counts={**counts, "n": total}, threshold=5, ceiling=total)
        table.lines.append(Line([(c, 1) for c in "abcd"] + [("n", -1)]))
        protect(table)
        hidden = [c for c in "abcd" if table.hidden(c)]
        rest = total - sum(counts[c] for c in "abcd" if not table.hidden(c))
        ranges = [range(5) if c in table.small else range(5, total + 1) for c in hidden]
        fillings = [v for v in itertools.product(*ranges) if sum(v) == rest]
        if "n" in table.masked:
            continue  # the total itself is hidden: nothing to subtract from
        for i in range(len(hidden)):
            assert len({v[i] for v in fillings}) > 1, (counts, hidden)


def test_no_hidden_cell_of_a_breakdown_can_be_worked_out_from_rows_and_columns_together(
    open_survey,
):
    """Personnel: 9 yes, 1 no. Hiding the 1, then a neighbour in its row, is not enough: the
    "no" column (8 + x + 6 = 15) gives it back. Tried by listing every way to fill the hidden
    cells that agrees with every row and column shown."""
    reduce = "Souhaitez-vous réduire ?"
    for who, yes, no in [("Étudiant·e", 14, 8), ("Personnel", 9, 1), ("Public", 8, 6)]:
        answer_many(open_survey, {who: yes}, **{reduce: "Oui"})
        answer_many(open_survey, {who: no}, **{reduce: "Non"})
    who = open_survey.questions.get(text=WHO)

    question = of(results(open_survey, breakdown=who.pk), reduce)

    grid = {("", c.label): c.count for c in question.cells}
    grid.update({("", "n"): question.respondents})
    for group in question.groups:
        grid[(group.label, "n")] = group.respondents
        grid.update({(group.label, c.label): c.count for c in group.cells})

    def possible(key):
        count = grid[key]
        return range(5) if count.small else range(5, 47) if count.masked else [count.value]

    rows = {  # each group's (yes, no, total) that add up
        g: [(y, n, y + n) for y in possible((g, "Oui")) for n in possible((g, "Non"))
            if y + n in possible((g, "n"))]
        for g in ["", "Étudiant·e", "Personnel", "Public"]
    }  # fmt: skip
    fillings = [
        (main, *groups)
        for main in rows[""]
        for groups in itertools.product(*(rows[g] for g in ["Étudiant·e", "Personnel", "Public"]))
        if all(sum(row[i] for row in groups) == main[i] for i in range(3))
    ]
    personnel = {filling[2] for filling in fillings}

    assert (grid[("Personnel", "Non")].small, grid[("Étudiant·e", "Non")].value) == (True, 8)
    assert len({yes for yes, _no, _n in personnel}) > 1
    assert len({no for _yes, no, _n in personnel}) > 1
    assert len({filling[3][1] for filling in fillings}) > 1  # Public's masked "no"
