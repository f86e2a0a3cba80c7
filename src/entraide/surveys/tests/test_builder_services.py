"""Building a survey after its first draft: reorder, duplicate, edit (only the wording once
answers came), delete, dates, close and reopen."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from entraide.core.errors import DomainError
from entraide.surveys import services
from entraide.surveys.errors import SurveyErrorCode
from entraide.surveys.models import Answer, Kind, Survey
from entraide.surveys.services import building
from entraide.surveys.tests.conftest import build_screens_survey, record
from tests.threads import at_once, skip_on_sqlite

pytestmark = pytest.mark.django_db


def layout(survey):
    """[(section title, [(position, question text)])] in order."""
    return [
        (s.title, [(q.position, q.text) for q in s.questions.order_by("position", "pk")])
        for s in survey.sections.all()
    ]


def question(survey, text):
    return survey.questions.get(text=text)


def test_moving_a_question_down_swaps_it_with_the_next_and_keeps_positions_dense(survey):
    services.move_question(question(survey, "Vous êtes…"), 1)

    assert layout(survey)[0] == (
        "Vos usages",
        [(0, "Heures d'écran par jour"), (1, "Vous êtes…"), (2, "Quelles applications ?")],
    )


def test_the_last_question_of_a_section_moves_down_to_the_start_of_the_next(survey):
    services.move_question(question(survey, "Quelles applications ?"), 1)

    assert [
        (title, [text for _position, text in questions]) for title, questions in layout(survey)
    ] == [
        ("Vos usages", ["Vous êtes…", "Heures d'écran par jour"]),
        (
            "Votre ressenti",
            [
                "Quelles applications ?",
                "Dépendance ressentie",
                "Souhaitez-vous réduire ?",
                "Un mot pour le dire",
                "Une heure de plus, vous feriez quoi ?",
            ],
        ),
    ]
    assert [p for p, _text in layout(survey)[1][1]] == [0, 1, 2, 3, 4]


def test_the_first_question_of_a_section_moves_up_to_the_end_of_the_previous(survey):
    services.move_question(question(survey, "Dépendance ressentie"), -1)

    assert layout(survey)[0][1] == [
        (0, "Vous êtes…"),
        (1, "Heures d'écran par jour"),
        (2, "Quelles applications ?"),
        (3, "Dépendance ressentie"),
    ]


def test_the_first_question_of_the_survey_cannot_move_up(survey):
    before = layout(survey)

    services.move_question(question(survey, "Vous êtes…"), -1)

    assert layout(survey) == before


def test_moving_a_section_up_puts_it_first(survey):
    services.move_section(survey.sections.get(title="Votre ressenti"), -1)

    assert [(s.position, s.title) for s in survey.sections.all()] == [
        (0, "Votre ressenti"),
        (1, "Vos usages"),
    ]


def test_a_duplicated_question_comes_right_after_it_with_its_choices_and_no_answers(survey):
    original = question(survey, "Vous êtes…")
    record(survey, {"Vous êtes…": "Public"})

    copy = services.duplicate_question(original)

    assert layout(survey)[0][1] == [
        (0, "Vous êtes…"),
        (1, "Vous êtes…"),
        (2, "Heures d'écran par jour"),
        (3, "Quelles applications ?"),
    ]
    assert [c.label for c in copy.choices.all()] == ["Étudiant·e", "Personnel", "Public"]
    assert (copy.required, copy.answers.count(), original.answers.count()) == (True, 0, 1)


def test_a_duplicated_survey_is_a_draft_copy_without_answers_nor_dates(survey, bob):
    services.update_settings(
        survey, by=bob, fields={"closes_at": timezone.now() + timedelta(days=3)}
    )
    services.publish(survey)
    record(survey, {"Vous êtes…": "Public"})
    survey.invitations.create(email="a@example.org", link_key="k", token_digest="d")

    copy = services.duplicate_survey(survey, by=bob)

    assert (copy.title, copy.is_published, copy.closes_at, copy.audience) == (
        "Nos écrans et nous (copie)", False, None, "étudiants, public",
    )  # fmt: skip
    assert layout(copy) == layout(survey)
    assert [c.label for c in copy.questions.get(kind=Kind.MULTIPLE).choices.all()] == [
        "Réseaux sociaux", "Vidéo", "Messagerie", "Jeux",
    ]  # fmt: skip
    assert (copy.responses.count(), copy.invitations.count(), Survey.objects.count()) == (0, 0, 2)


def fields_of(q, **changes):
    fields = {
        "kind": q.kind,
        "text": q.text,
        "help_text": q.help_text,
        "required": q.required,
        "choices": [c.label for c in q.choices.all()],
        "allow_other": q.allow_other,
        "max_choices": q.max_choices,
        "scale_min": q.scale_min,
        "scale_max": q.scale_max,
        "label_min": q.label_min,
        "label_max": q.label_max,
        "number_min": q.number_min,
        "number_max": q.number_max,
    }
    return fields | changes


def test_once_answered_the_wording_and_choice_labels_can_change_and_answers_follow(survey):
    single = question(survey, "Vous êtes…")
    record(survey, {"Vous êtes…": "Personnel"})

    services.edit_question(
        single,
        **fields_of(
            single, text="Vous êtes :", help_text="Une seule réponse",
            choices=["Étudiant·e", "Membre du personnel", "Public"],
        ),
    )  # fmt: skip

    single.refresh_from_db()
    answer = Answer.objects.get(question=single)
    assert (single.text, single.help_text, answer.choice.label) == (
        "Vous êtes :", "Une seule réponse", "Membre du personnel",
    )  # fmt: skip


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": Kind.MULTIPLE},
        {"required": False},
        {"allow_other": True},
        {"choices": ["Étudiant·e", "Personnel", "Public", "Autre"]},
        {"choices": ["Étudiant·e", "Personnel"]},
    ],
    ids=["kind", "required", "allow other", "a choice added", "a choice removed"],
)
def test_once_answered_anything_but_the_wording_is_refused(survey, changes):
    single = question(survey, "Vous êtes…")
    record(survey, {"Vous êtes…": "Personnel"})

    with pytest.raises(DomainError) as refused:
        services.edit_question(single, **fields_of(single, text="Changé", **changes))

    assert refused.value.code == SurveyErrorCode.HAS_ANSWERS
    single.refresh_from_db()
    assert (single.text, single.kind, single.choices.count()) == ("Vous êtes…", Kind.SINGLE, 3)


def test_once_answered_a_number_keeps_its_bounds(survey):
    number = question(survey, "Heures d'écran par jour")
    record(survey, {"Heures d'écran par jour": 3})

    with pytest.raises(DomainError) as refused:
        services.edit_question(number, **fields_of(number, number_max=12))

    assert (refused.value.code, refused.value.field) == (SurveyErrorCode.HAS_ANSWERS, "number_max")


def test_without_answers_a_question_may_change_kind_and_loses_options_of_the_old_one(survey):
    multiple = question(survey, "Quelles applications ?")

    services.edit_question(
        multiple, **fields_of(multiple, kind=Kind.SCALE, scale_min=0, scale_max=10, choices=[])
    )

    multiple.refresh_from_db()
    assert (
        multiple.kind, multiple.scale_max, multiple.max_choices, multiple.allow_other,
        multiple.choices.count(),
    ) == (Kind.SCALE, 10, None, False, 0)  # fmt: skip


def test_a_question_with_answers_cannot_be_deleted_one_without_can(survey):
    answered = question(survey, "Vous êtes…")
    record(survey, {"Vous êtes…": "Public"})

    with pytest.raises(DomainError) as refused:
        services.delete_question(answered)
    services.delete_question(question(survey, "Heures d'écran par jour"))

    assert refused.value.code == SurveyErrorCode.HAS_ANSWERS
    assert layout(survey)[0][1] == [(0, "Vous êtes…"), (1, "Quelles applications ?")]


def test_the_last_section_cannot_be_deleted_nor_one_with_answers(survey):
    first, second = survey.sections.all()
    record(survey, {"Un mot pour le dire": "Trop"})

    with pytest.raises(DomainError) as answered:
        services.delete_section(second)
    services.delete_question(question(survey, "Heures d'écran par jour"))
    services.delete_section(first)
    with pytest.raises(DomainError) as last:
        services.delete_section(second)

    assert (answered.value.code, last.value.code) == (
        SurveyErrorCode.HAS_ANSWERS, SurveyErrorCode.LAST_SECTION,
    )  # fmt: skip
    assert [(s.position, s.title) for s in survey.sections.all()] == [(0, "Votre ressenti")]


@pytest.mark.parametrize(
    ("opens", "closes", "code"),
    [
        (2, 1, SurveyErrorCode.DATES_IN_ORDER),
        (None, -1, SurveyErrorCode.CLOSING_IN_PAST),
    ],
)
def test_a_survey_closes_after_it_opens_and_not_in_the_past(place, bob, opens, closes, code):
    now = timezone.now()
    day = lambda n: None if n is None else now + timedelta(days=n)  # noqa: E731

    with pytest.raises(DomainError) as refused:
        services.create_survey(
            place,
            by=bob,
            fields={"title": "Dates", "opens_at": day(opens), "closes_at": day(closes)},
        )

    assert (refused.value.code, refused.value.field) == (code, "closes_at")
    assert Survey.objects.count() == 0


def test_a_survey_closed_early_reopens_and_keeps_its_future_closing_date(open_survey, bob):
    closes_at = timezone.now() + timedelta(days=5)
    services.update_settings(open_survey, by=bob, fields={"closes_at": closes_at})

    services.close(open_survey, by=bob)
    closed = open_survey.is_open()
    services.reopen(open_survey, by=bob)

    assert (closed, open_survey.is_open(), open_survey.closes_at) == (False, True, closes_at)


def test_reopening_after_the_closing_date_asks_for_a_new_one_or_none(open_survey, bob):
    Survey.objects.filter(pk=open_survey.pk).update(closes_at=timezone.now() - timedelta(hours=1))
    open_survey.refresh_from_db()

    with pytest.raises(DomainError) as refused:
        services.reopen(open_survey, by=bob)
    services.reopen(open_survey, by=bob, closes_at=None)

    assert refused.value.code == SurveyErrorCode.CLOSING_IN_PAST
    assert (open_survey.is_open(), open_survey.closes_at) == (True, None)


@pytest.mark.django_db(transaction=True)
def test_clicks_at_the_same_time_keep_positions_unique(monkeypatch, place, bob):
    skip_on_sqlite(pytest)
    survey = build_screens_survey(place, bob)
    first = question(survey, "Vous êtes…")
    renumber = building._renumber

    def slowly(items):  # each click reads the order, then takes its time to write it
        time.sleep(0.2)
        renumber(items)

    monkeypatch.setattr(building, "_renumber", slowly)
    results = at_once(
        lambda: services.duplicate_question(first),
        lambda: services.duplicate_question(first),
        lambda: services.move_question(question(survey, "Heures d'écran par jour"), -1),
    )

    assert [type(r).__name__ for r in results] == ["Question", "Question", "NoneType"]
    assert [p for p, _text in layout(survey)[0][1]] == [0, 1, 2, 3, 4]
