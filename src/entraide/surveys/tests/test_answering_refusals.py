"""Every answer the survey cannot take is refused beside its question, with status 400, every
entered value kept, and nothing saved."""

import pytest
from django.utils import timezone

from entraide.surveys.errors import SurveyErrorCode as Code
from entraide.surveys.models import Response
from entraide.surveys.tests.answering_helpers import GOOD, field_of, form_data

pytestmark = pytest.mark.django_db

CASES = [
    ("Vous êtes…", "", Code.REQUIRED, "Cette question demande une réponse."),
    ("Vous êtes…", "999999", Code.UNKNOWN_CHOICE, "Choisissez parmi les réponses proposées."),
    (
        "Quelles applications ?",
        ["Vidéo", "Jeux", "Messagerie"],
        Code.TOO_MANY_CHOSEN,
        "Choisissez au plus 2 réponses.",
    ),
    (
        "Quelles applications ?",
        ["Vidéo", "autre:"],
        Code.OTHER_EMPTY,
        "Vous avez choisi «\u00a0Autre\u00a0»\u00a0: précisez dans la case en dessous.",
    ),
    ("Heures d'écran par jour", "25", Code.OUT_OF_RANGE, "Écrivez un nombre de 0 à 24."),
    ("Heures d'écran par jour", "-1", Code.OUT_OF_RANGE, "Écrivez un nombre de 0 à 24."),
    ("Heures d'écran par jour", "beaucoup", Code.NOT_A_NUMBER, "Écrivez un nombre"),
    ("Dépendance ressentie", "6", Code.OUT_OF_RANGE, "Choisissez une valeur de 1 à 5."),
    (
        "Un mot pour le dire",
        "x" * 301,
        Code.TOO_LONG,
        "Au plus 300 caractères, s’il vous plaît (cette réponse en compte 301).",
    ),
    (
        "Une heure de plus, vous feriez quoi ?",
        "x" * 100_000,
        Code.TOO_LONG,
        "Au plus 5000 caractères, s’il vous plaît (cette réponse en compte 100000).",
    ),
]


@pytest.mark.parametrize(("question", "value", "code", "message"), CASES, ids=lambda c: str(c)[:20])
def test_a_bad_answer_is_refused_beside_its_question_and_nothing_is_saved(
    client, open_survey, question, value, code, message
):
    data = form_data(open_survey, {**GOOD, question: value})

    response = client.post(f"/enquetes/{open_survey.slug}/", data)

    assert response.status_code == 400
    form = response.context["form"]
    field = field_of(open_survey, question)
    assert [e.code for e in form.errors.as_data()[field]] == [code]
    beside = f'<ul class="errorlist" id="id_{field}_error"><li>{message}'
    assert beside in response.content.decode()
    assert Response.objects.count() == 0


def test_a_refused_page_keeps_every_value_entered(client, open_survey):
    data = form_data(open_survey, {**GOOD, "Heures d'écran par jour": "25"})

    text = client.post(f"/enquetes/{open_survey.slug}/", data).content.decode()

    assert "Section 1 sur 2" in text  # the page of the refused answer
    hours = field_of(open_survey, "Heures d'écran par jour")
    word = field_of(open_survey, "Un mot pour le dire")
    assert f'name="{hours}" value="25"' in text
    assert f'<input type="hidden" name="{word}" value="Trop">' in text


def test_script_typed_in_an_answer_is_shown_as_text(client, open_survey):
    script = "<script>alert(1)</script>"
    data = form_data(open_survey, {**GOOD, "Un mot pour le dire": script}, aller="precedent")

    text = client.post(f"/enquetes/{open_survey.slug}/", data).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert script not in text


def test_other_with_its_text_is_kept_as_a_text_answer(client, open_survey):
    data = form_data(open_survey, {**GOOD, "Quelles applications ?": ["Vidéo", "autre:Radio"]})

    assert client.post(f"/enquetes/{open_survey.slug}/", data).status_code == 302
    answers = Response.objects.get().answers.filter(question__text="Quelles applications ?")
    assert sorted((a.choice.label if a.choice else a.text) for a in answers) == ["Radio", "Vidéo"]


def test_a_closed_survey_refuses_answers_and_says_it_is_closed(client, open_survey):
    open_survey.closed_at = timezone.now()
    open_survey.save()

    response = client.post(f"/enquetes/{open_survey.slug}/", form_data(open_survey, GOOD))

    assert response.status_code == 400
    assert "Cette enquête est close" in response.content.decode()
    assert Response.objects.count() == 0
    assert (
        "Cette enquête est close" in client.get(f"/enquetes/{open_survey.slug}/").content.decode()
    )


def test_a_survey_not_open_yet_says_when_it_opens(client, open_survey):
    open_survey.opens_at = timezone.now() + timezone.timedelta(days=2)
    open_survey.save()

    response = client.get(f"/enquetes/{open_survey.slug}/")

    assert "Cette enquête ouvre le" in response.content.decode()
    assert "Vous êtes…" not in response.content.decode()


def test_a_survey_by_invitation_only_asks_for_the_personal_link(client, open_survey):
    open_survey.invitation_only = True
    open_survey.save()

    response = client.post(f"/enquetes/{open_survey.slug}/", form_data(open_survey, GOOD))

    assert response.status_code == 400
    assert "par le lien personnel d’une invitation" in response.content.decode()
    assert Response.objects.count() == 0
