"""Surveys shared by the tests: one with a question of each kind, in two sections."""

import pytest

from entraide.surveys import services
from entraide.surveys.models import Answer, Kind, Response
from entraide.surveys.services.tallies import recount


def build_screens_survey(place, by, **fields):
    """'Nos écrans et nous': two sections, a question of each kind."""
    survey = services.create_survey(
        place,
        by=by,
        fields={"title": "Nos écrans et nous", "audience": "étudiants, public", **fields},
    )
    first = survey.sections.get()
    first.title = "Vos usages"
    first.save()
    services.add_question(
        first, kind=Kind.SINGLE, text="Vous êtes…", required=True,
        choices=["Étudiant·e", "Personnel", "Public"],
    )  # fmt: skip
    services.add_question(
        first, kind=Kind.NUMBER, text="Heures d'écran par jour", required=True,
        number_min=0, number_max=24,
    )  # fmt: skip
    services.add_question(
        first, kind=Kind.MULTIPLE, text="Quelles applications ?", max_choices=2,
        allow_other=True, choices=["Réseaux sociaux", "Vidéo", "Messagerie", "Jeux"],
    )  # fmt: skip
    second = services.add_section(survey, title="Votre ressenti")
    services.add_question(
        second, kind=Kind.SCALE, text="Dépendance ressentie", required=True,
        scale_min=1, scale_max=5, label_min="Aucune", label_max="Très forte",
    )  # fmt: skip
    services.add_question(second, kind=Kind.YES_NO, text="Souhaitez-vous réduire ?")
    services.add_question(second, kind=Kind.SHORT_TEXT, text="Un mot pour le dire")
    services.add_question(second, kind=Kind.LONG_TEXT, text="Une heure de plus, vous feriez quoi ?")
    return survey


@pytest.fixture
def survey(place, bob):
    return build_screens_survey(place, bob)


@pytest.fixture
def open_survey(survey):
    return services.publish(survey)


def record(survey, answers: dict):
    """Store one response straight in the tables (test set-up for results), then count the
    tallies again: `answers` maps a question's text to a choice label, a list of labels, a
    number or a text."""
    response = Response.objects.create(survey=survey)
    for question in survey.questions.prefetch_related("choices"):
        if question.text not in answers:
            continue
        value = answers[question.text]
        labels = {choice.label: choice for choice in question.choices.all()}
        if question.has_choices:
            for label in value if isinstance(value, list) else [value]:
                if label in labels:
                    Answer.objects.create(
                        response=response, question=question, choice=labels[label]
                    )
                else:
                    Answer.objects.create(response=response, question=question, text=label)
        elif question.has_values:
            Answer.objects.create(response=response, question=question, number=value)
        else:
            Answer.objects.create(response=response, question=question, text=value)
    recount(survey)
    return response
