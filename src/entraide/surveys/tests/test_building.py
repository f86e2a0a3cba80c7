import pytest

from entraide.core.errors import DomainError
from entraide.surveys import services
from entraide.surveys.errors import SurveyErrorCode
from entraide.surveys.models import Kind

pytestmark = pytest.mark.django_db


def test_a_new_survey_is_a_draft_with_one_section(place, bob):
    survey = services.create_survey(place, by=bob, fields={"title": "Nos écrans et nous"})

    assert (survey.slug, survey.is_published, survey.sections.count()) == (
        "nos-ecrans-et-nous", False, 1,
    )  # fmt: skip
    assert survey.is_open() is False


def test_questions_keep_their_order_within_sections(survey):
    assert [(q.section.title, q.text) for q in survey.questions.select_related("section")] == [
        ("Vos usages", "Vous êtes…"),
        ("Vos usages", "Heures d'écran par jour"),
        ("Vos usages", "Quelles applications ?"),
        ("Votre ressenti", "Dépendance ressentie"),
        ("Votre ressenti", "Souhaitez-vous réduire ?"),
        ("Votre ressenti", "Un mot pour le dire"),
        ("Votre ressenti", "Une heure de plus, vous feriez quoi ?"),
    ]


def test_a_yes_no_question_gets_its_two_choices_and_text_results_stay_private(survey):
    yes_no = survey.questions.get(kind=Kind.YES_NO)
    text = survey.questions.get(kind=Kind.LONG_TEXT)

    assert [c.label for c in yes_no.choices.all()] == ["Oui", "Non"]
    assert (yes_no.results_public, text.results_public) == (True, False)


@pytest.mark.parametrize(
    ("kind", "choices", "options", "code"),
    [
        (Kind.SINGLE, ["Une seule"], {}, SurveyErrorCode.NO_CHOICES),
        (Kind.SINGLE, ["Oui", "oui "], {}, SurveyErrorCode.DUPLICATE_CHOICES),
        (Kind.MULTIPLE, ["A", "B"], {"max_choices": 3}, SurveyErrorCode.BAD_MAX_CHOICES),
        (Kind.SCALE, [], {"scale_min": 1, "scale_max": 11}, SurveyErrorCode.BAD_SCALE),
        (Kind.NUMBER, [], {"number_min": 5, "number_max": 1}, SurveyErrorCode.BAD_BOUNDS),
    ],
)
def test_a_question_with_inconsistent_options_is_refused(survey, kind, choices, options, code):
    section = survey.sections.first()
    with pytest.raises(DomainError) as refused:
        services.add_question(section, kind=kind, text="?", choices=choices, **options)

    assert refused.value.code == code
    assert survey.questions.count() == 7


def test_a_survey_without_questions_cannot_be_published(place, bob):
    survey = services.create_survey(place, by=bob, fields={"title": "Vide"})
    with pytest.raises(DomainError) as refused:
        services.publish(survey)

    assert refused.value.code == SurveyErrorCode.NO_QUESTION
    survey.refresh_from_db()
    assert survey.is_published is False


def test_a_published_survey_is_open_until_closed(open_survey):
    assert open_survey.is_open() is True
