"""Answering a survey without an account: one page per section, the answers carried from page
to page in the form itself, one anonymous response at the end."""

import pytest
from django.utils import timezone

from entraide.surveys.models import Answer, Response
from entraide.surveys.tests.answering_helpers import GOOD, field_of, form_data

pytestmark = pytest.mark.django_db


def url(survey):
    return f"/enquetes/{survey.slug}/"


def test_the_first_page_shows_the_survey_its_audience_and_section_1_of_2(client, open_survey):
    response = client.get(url(open_survey))

    text = response.content.decode()
    assert response.status_code == 200
    assert "Nos écrans et nous" in text
    assert "Pour\u00a0: étudiants, public" in text
    assert "Section 1 sur 2" in text
    assert "Vous êtes…" in text
    assert "Dépendance ressentie" not in text
    assert response.cookies == {}


def test_next_checks_the_page_and_shows_the_second_section(client, open_survey):
    data = form_data(open_survey, GOOD, page="1", aller="suivant")

    response = client.post(url(open_survey), data)

    text = response.content.decode()
    assert response.status_code == 200
    assert "Section 2 sur 2" in text
    assert "Dépendance ressentie" in text
    assert f'name="{field_of(open_survey, "Vous êtes…")}"' in text  # carried, hidden


def test_next_with_a_required_answer_missing_stays_on_the_page_with_the_error(client, open_survey):
    answers = {k: v for k, v in GOOD.items() if k != "Vous êtes…"}
    data = form_data(open_survey, answers, page="1", aller="suivant")
    response = client.post(url(open_survey), data)

    text = response.content.decode()
    assert response.status_code == 400
    assert "Section 1 sur 2" in text
    assert "7 questions, en 2 sections" in text
    assert "Cette question demande une réponse." in text


def test_going_back_keeps_the_answers_of_both_pages(client, open_survey):
    data = form_data(open_survey, GOOD, page="2", aller="precedent")

    response = client.post(url(open_survey), data)

    text = response.content.decode()
    assert response.status_code == 200
    assert "Section 1 sur 2" in text
    hours = field_of(open_survey, "Heures d'écran par jour")
    assert f'name="{hours}" value="6"' in text
    word = field_of(open_survey, "Un mot pour le dire")
    assert f'<input type="hidden" name="{word}" value="Trop">' in text


def test_sending_records_one_response_of_the_day_and_its_answers(client, open_survey):
    response = client.post(url(open_survey), form_data(open_survey, GOOD))

    assert response.status_code == 302
    assert response["Location"] == f"/enquetes/{open_survey.slug}/merci/"
    stored = Response.objects.get()
    assert stored.day == timezone.localdate()
    assert sorted(
        (a.question.text, a.choice.label if a.choice else str(a.number or a.text))
        for a in Answer.objects.select_related("question", "choice")
    ) == sorted(
        [
            ("Vous êtes…", "Étudiant·e"),
            ("Heures d'écran par jour", "6.00"),
            ("Quelles applications ?", "Vidéo"),
            ("Quelles applications ?", "Messagerie"),
            ("Dépendance ressentie", "4.00"),
            ("Souhaitez-vous réduire ?", "Oui"),
            ("Un mot pour le dire", "Trop"),
            ("Une heure de plus, vous feriez quoi ?", "Dormir."),
        ]
    )


def test_the_answer_address_takes_the_form_too(client, open_survey):
    response = client.post(f"/enquetes/{open_survey.slug}/repondre/", form_data(open_survey, GOOD))

    assert (response.status_code, Response.objects.count()) == (302, 1)


def test_after_answering_the_browser_is_told_it_has_answered_and_may_answer_again(
    client, open_survey
):
    sent = client.post(url(open_survey), form_data(open_survey, GOOD))
    cookie = sent.cookies[f"enquete-{open_survey.pk}"]

    assert (cookie.value, cookie["path"], cookie["samesite"], cookie["httponly"]) == (
        "1", f"/enquetes/{open_survey.slug}/", "Lax", True,
    )  # fmt: skip
    assert cookie["max-age"] == 365 * 24 * 3600
    again = client.get(url(open_survey))
    assert "Vous avez déjà répondu à cette enquête, merci." in again.content.decode()
    assert "Vous êtes…" not in again.content.decode()
    anyway = client.get(url(open_survey) + "?encore=1")
    assert "Vous êtes…" in anyway.content.decode()


def test_the_thanks_page_thanks(client, open_survey):
    response = client.get(f"/enquetes/{open_survey.slug}/merci/")

    assert response.status_code == 200
    assert "Merci pour vos réponses" in response.content.decode()


def test_a_draft_does_not_exist_for_visitors_and_is_a_preview_for_its_team(client, survey, bob):
    assert client.get(url(survey)).status_code == 404
    client.force_login(bob)
    response = client.get(url(survey))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Aperçu" in text
    assert "Envoyer mes réponses" not in text
    last = client.post(url(survey), form_data(survey, GOOD, page="1", aller="suivant"))
    assert "Envoyer mes réponses" not in last.content.decode()
    client.post(url(survey), form_data(survey, GOOD))
    assert Response.objects.count() == 0


def test_the_pages_stay_light(client, open_survey):
    from entraide.polls.tests.test_results_page import elements

    first = client.get(url(open_survey)).content.decode()
    second = client.post(url(open_survey), form_data(open_survey, GOOD, page="1", aller="suivant"))

    assert elements(first) <= 390
    assert elements(second.content.decode()) <= 390


def test_too_many_answers_from_one_network_get_a_clear_page_and_nothing_saved(
    client, open_survey, settings
):
    settings.ENTRAIDE_POSTS_PER_NETWORK = 1
    client.post(url(open_survey), form_data(open_survey, GOOD))

    response = client.post(url(open_survey) + "?encore=1", form_data(open_survey, GOOD))

    assert response.status_code == 429
    assert "Trop de demandes depuis votre réseau" in response.content.decode()
    assert Response.objects.count() == 1


def test_a_kept_page_is_never_shown_once_the_survey_is_closed(client, open_survey, settings):
    settings.ENTRAIDE_PAGE_CACHE_SECONDS = 300
    assert "Vous êtes…" in client.get(url(open_survey)).content.decode()

    open_survey.closed_at = timezone.now()
    open_survey.save()

    assert "Cette enquête est close" in client.get(url(open_survey)).content.decode()


def test_the_page_speaks_english_to_those_who_chose_it(client, open_survey):
    client.cookies["django_language"] = "en"

    text = client.get(url(open_survey)).content.decode()

    assert "For: étudiants, public" in text
    assert "Section 1 of 2" in text
    assert "(required)" in text
    assert ">Next</button>" in text
