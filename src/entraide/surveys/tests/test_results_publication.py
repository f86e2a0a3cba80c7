import pytest

from entraide.surveys.models import TEXT_KINDS, Answer, Kind, ResultsWhen
from entraide.surveys.tests.conftest import record

pytestmark = pytest.mark.django_db


def form(survey, **changes):
    data = {
        "results_when": ResultsWhen.AFTER_CLOSING,
        "threshold": "5",
        "published": [q.pk for q in survey.questions.exclude(kind__in=[Kind.SCALE, *TEXT_KINDS])],
    }
    return {**data, **changes}


def test_the_organisers_choose_when_and_which_results_are_published(client, open_survey, bob):
    client.force_login(bob)
    url = f"/enquetes/gerer/{open_survey.slug}/publication/"

    response = client.post(url, form(open_survey, threshold="7"))

    open_survey.refresh_from_db()
    published = dict(open_survey.questions.values_list("text", "results_public"))
    assert (response.status_code, response["Location"]) == (302, url)
    assert (open_survey.results_when, open_survey.threshold) == (ResultsWhen.AFTER_CLOSING, 7)
    assert published == {
        "Vous êtes…": True, "Heures d'écran par jour": True, "Quelles applications ?": True,
        "Dépendance ressentie": False, "Souhaitez-vous réduire ?": True,
        "Un mot pour le dire": False, "Une heure de plus, vous feriez quoi ?": False,
    }  # fmt: skip


def test_a_threshold_below_3_is_refused_with_its_reason_and_nothing_saved(client, open_survey, bob):
    client.force_login(bob)

    response = client.post(
        f"/enquetes/gerer/{open_survey.slug}/publication/", form(open_survey, threshold="2")
    )

    open_survey.refresh_from_db()
    assert response.status_code == 400
    assert (
        "Les nombres inférieurs à 3 sont toujours masqués\u00a0: choisissez 3 ou plus."
        in response.content.decode()
    )
    assert (open_survey.threshold, open_survey.results_when) == (5, ResultsWhen.NOT_YET)


def test_a_huge_threshold_is_refused_too_rather_than_failing(client, open_survey, bob):
    client.force_login(bob)
    url = f"/enquetes/gerer/{open_survey.slug}/publication/"

    response = client.post(url, form(open_survey, threshold="40000"))

    open_survey.refresh_from_db()
    assert (response.status_code, open_survey.threshold) == (400, 5)


def test_someone_who_does_not_run_the_place_cannot_choose_what_is_published(
    client, open_survey, alice
):
    client.force_login(alice)

    response = client.post(f"/enquetes/gerer/{open_survey.slug}/publication/", form(open_survey))

    open_survey.refresh_from_db()
    assert (response.status_code, open_survey.results_when) == (403, ResultsWhen.NOT_YET)


def test_the_organisers_read_the_text_answers_and_quote_those_they_choose(client, open_survey, bob):
    for word in ["Fatigue", "Liberté", "Ennui"]:
        record(open_survey, {"Un mot pour le dire": word})
    question = open_survey.questions.get(text="Un mot pour le dire")
    client.force_login(bob)
    url = f"/enquetes/gerer/{open_survey.slug}/citations/{question.pk}/"
    page = client.get(url).content.decode()
    liberty = Answer.objects.get(text="Liberté")

    response = client.post(url, {"quoted": [liberty.pk]})

    assert ["Fatigue" in page, "Publier cette citation" in page] == [True, True]
    assert response.status_code == 302
    assert list(Answer.objects.filter(quoted=True).values_list("text", flat=True)) == ["Liberté"]


def test_the_other_answers_of_a_choice_question_may_be_quoted_under_its_results(
    client, open_survey, bob
):
    open_survey.results_when = ResultsWhen.WHILE_OPEN
    open_survey.save()
    apps = "Quelles applications ?"
    for _ in range(5):
        record(open_survey, {apps: ["Vidéo", "Podcasts de vulgarisation"]})
    question = open_survey.questions.get(text=apps)
    client.force_login(bob)
    url = f"/enquetes/gerer/{open_survey.slug}/citations/{question.pk}/"
    chosen = Answer.objects.filter(question=question, choice=None).first()

    client.post(url, {"quoted": [chosen.pk]})
    page = client.get(f"/enquetes/{open_survey.slug}/resultats/").content.decode()

    assert page.count("Podcasts de vulgarisation") == 1
    assert "Parmi les autres réponses" in page
