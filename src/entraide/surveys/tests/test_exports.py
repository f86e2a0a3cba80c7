import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entraide.surveys.models import ResultsWhen
from entraide.surveys.tests.conftest import record

pytestmark = pytest.mark.django_db


def rows(content: bytes):
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))


def public(survey):
    survey.results_when = ResultsWhen.WHILE_OPEN
    survey.save()


def test_the_public_csv_holds_what_the_results_page_shows(client, open_survey):
    public(open_survey)
    open_survey.questions.filter(text="Heures d'écran par jour").update(results_public=False)
    for label, n in {"Étudiant·e": 10, "Personnel": 2, "Public": 6}.items():
        for _ in range(n):
            record(open_survey, {"Vous êtes…": label, "Heures d'écran par jour": 3})

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/enquetes/{open_survey.slug}/resultats.csv")
    table = rows(response.content)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert table[:5] == [
        ["Question", "Réponse", "Effectif", "Pourcentage des répondant·es"],
        ["Vous êtes…", "(personnes ayant répondu)", "18", ""],
        ["Vous êtes…", "Étudiant·e", "10", "56"],
        ["Vous êtes…", "Personnel", "moins de 5", ""],
        ["Vous êtes…", "Public", "masqué", ""],
    ]
    assert not any(row[0] == "Heures d'écran par jour" for row in table)
    assert len(queries) == 6


def test_the_public_csv_is_not_found_while_results_are_not_public(client, open_survey):
    assert client.get(f"/enquetes/{open_survey.slug}/resultats.csv").status_code == 404


def test_the_full_export_has_a_row_per_response_and_a_column_per_question(client, open_survey, bob):
    record(
        open_survey,
        {
            "Vous êtes…": "Public",
            "Heures d'écran par jour": 2.5,
            "Quelles applications ?": ["Jeux", "Vidéo", "Podcasts"],
            "Un mot pour le dire": '=HYPERLINK("http://x")',
        },
    )
    record(open_survey, {"Vous êtes…": "Personnel", "Quelles applications ?": ["+1+1"]})
    record(open_survey, {})  # sent without an answer
    client.force_login(bob)

    response = client.get(f"/enquetes/gerer/{open_survey.slug}/reponses.csv")
    table = rows(b"".join(response.streaming_content))
    day = open_survey.responses.first().day.isoformat()

    assert table == [
        ["Jour", "Vous êtes…", "Heures d'écran par jour", "Quelles applications ?",
         "Dépendance ressentie", "Souhaitez-vous réduire ?", "Un mot pour le dire",
         "Une heure de plus, vous feriez quoi ?"],
        [day, "Public", "2,5", "Vidéo | Jeux | Podcasts", "", "", "'=HYPERLINK(\"http://x\")", ""],
        [day, "Personnel", "", "'+1+1", "", "", "", ""],
        [day, "", "", "", "", "", "", ""],
    ]  # fmt: skip


def test_the_full_export_is_for_the_organisers_only(client, open_survey, alice):
    url = f"/enquetes/gerer/{open_survey.slug}/reponses.csv"
    visitor = client.get(url)
    client.force_login(alice)

    assert (visitor.status_code, client.get(url).status_code) == (302, 403)
