"""The tallies the results read are kept as answers arrive: after any mix of answers they are
what counting the answer rows gives, group by group."""

import random

import pytest

from entraide.surveys.models import Tally
from entraide.surveys.services import answering
from entraide.surveys.services.answering import OTHER, field_name, other_field_name
from entraide.surveys.services.results import results
from entraide.surveys.services.tallies import counted_from_answers, kept, recount

pytestmark = pytest.mark.django_db


def some_answers(survey, rng):
    """One person's answers, with skipped questions, "other" texts and varied numbers."""
    data = {}
    for question in survey.questions.prefetch_related("choices"):
        choices = [str(c.pk) for c in question.choices.all()]
        name = field_name(question)
        if question.kind == "choix-multiples":
            picked = rng.sample([*choices, OTHER], rng.randint(0, 2))
            data[name] = picked
            if OTHER in picked:
                data[other_field_name(question)] = rng.choice(["Radio", "Lecture"])
        elif question.kind in ("choix-unique", "oui-non"):
            if question.required or rng.random() < 0.8:
                data[name] = rng.choice(choices)
        elif question.kind == "nombre":
            data[name] = str(rng.choice([0, 1.5, 3, 3, 8, 24]))
        elif question.kind == "echelle":
            data[name] = str(rng.randint(1, 5))
        elif rng.random() < 0.5:
            data[name] = "Un avis"
    return data


def test_answers_keep_the_tallies_that_counting_the_rows_gives(open_survey):
    rng = random.Random(14)  # noqa: S311 (test answers)
    for _ in range(60):
        answering.submit(open_survey, some_answers(open_survey, rng))

    assert kept(open_survey) == counted_from_answers(open_survey)
    # every group of both splitting questions ("Vous êtes…" and the yes/no) is there
    assert Tally.objects.filter(group__gt=0).values("group").distinct().count() == 5


def test_results_from_the_kept_tallies_are_those_of_a_fresh_count(open_survey):
    rng = random.Random(7)  # noqa: S311 (test answers)
    for _ in range(40):
        answering.submit(open_survey, some_answers(open_survey, rng))
    who = open_survey.questions.get(text="Vous êtes…")

    def figures():
        outcome = results(open_survey, breakdown=who.pk)
        return [
            (
                r.respondents,
                r.mean,
                r.median,
                [(c.label, c.count) for c in r.cells],
                [(g.label, g.respondents, [c.count for c in g.cells]) for g in r.groups],
            )
            for r in outcome.questions
        ]

    as_kept = figures()
    Tally.objects.all().delete()
    recount(open_survey)

    assert figures() == as_kept
    assert any(r[4] for r in as_kept)  # the breakdown was there to compare


def test_a_refused_response_adds_nothing_to_the_tallies(open_survey):
    data = some_answers(open_survey, random.Random(1))  # noqa: S311
    answering.submit(open_survey, data)
    before = kept(open_survey)
    scale = open_survey.questions.get(kind="echelle")

    with pytest.raises(answering.DomainError):
        answering.submit(open_survey, {**data, field_name(scale): "11"})

    assert kept(open_survey) == before
