import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from entraide.surveys.models import ResultsWhen
from entraide.surveys.tests.conftest import record

pytestmark = pytest.mark.django_db


def publish_results(survey, when=ResultsWhen.WHILE_OPEN):
    survey.results_when = when
    survey.save()
    return f"/enquetes/{survey.slug}/resultats/"


def answer(survey, counts, **others):
    for label, n in counts.items():
        for _ in range(n):
            record(survey, {"Vous êtes…": label, **others})


def chart_texts(html, question_id):
    chart = re.search(
        rf'<svg class="chart"[^>]*aria-labelledby="c{question_id}".*?</svg>', html, re.S
    )
    return re.findall(r"<text[^>]*>([^<]*)</text>", chart.group(0))


def test_results_not_yet_public_are_not_found(client, open_survey):
    url = publish_results(open_survey, ResultsWhen.NOT_YET)

    assert client.get(url).status_code == 404


def test_results_after_closing_appear_once_the_survey_is_closed(client, open_survey):
    url = publish_results(open_survey, ResultsWhen.AFTER_CLOSING)
    before = client.get(url).status_code
    open_survey.closed_at = timezone.now()
    open_survey.save()

    assert (before, client.get(url).status_code) == (404, 200)


def test_the_organisers_preview_results_not_yet_public_with_a_banner(client, open_survey, bob):
    url = publish_results(open_survey, ResultsWhen.NOT_YET)
    client.force_login(bob)

    response = client.get(url)

    assert response.status_code == 200
    assert (
        "Aperçu\u00a0: seule l’équipe d’animation voit ces résultats" in response.content.decode()
    )


def test_a_small_count_reads_fewer_than_the_threshold_and_has_no_bar(client, open_survey):
    url = publish_results(open_survey)
    answer(open_survey, {"Étudiant·e": 10, "Personnel": 2, "Public": 6})
    who = open_survey.questions.get(text="Vous êtes…")

    html = client.get(url).content.decode()

    assert chart_texts(html, who.pk) == [
        "Étudiant·e — 10 (56\u00a0%)",
        "Personnel — moins de 5",
        "Public — masqué",
    ]
    chart = re.search(rf'aria-labelledby="c{who.pk}".*?</svg>', html, re.S).group(0)
    assert re.findall(r'<rect [^>]*width="([^"]*)"', chart) == [
        "100%",
        "55.56%",
    ]  # the track, the bar
    assert "18 personnes ont répondu" in html
    assert "18 réponses." in html


def test_the_page_has_no_inline_style_nor_script_for_the_strict_csp(client, open_survey):
    url = publish_results(open_survey)
    answer(open_survey, {"Étudiant·e": 6, "Public": 6}, **{"Dépendance ressentie": 3})

    html = client.get(url).content.decode()

    assert (html.count("<svg"), "style=" in html, "<script" in html) == (2, False, False)


def test_an_unpublished_question_is_not_on_the_page(client, open_survey):
    url = publish_results(open_survey)
    open_survey.questions.filter(text="Vous êtes…").update(results_public=False)
    answer(open_survey, {"Étudiant·e": 6})

    html = client.get(url).content.decode()

    assert ("Vous êtes…" in html, "Souhaitez-vous réduire ?" in html) == (False, True)


def test_text_answers_show_only_the_quotes_chosen(client, open_survey):
    url = publish_results(open_survey)
    record(open_survey, {"Un mot pour le dire": "Épuisant"})
    chosen = record(open_survey, {"Un mot pour le dire": "Libérateur"})
    chosen.answers.update(quoted=True)

    html = client.get(url).content.decode()

    assert ("Libérateur" in html, "Épuisant" in html) == (True, False)


def test_scales_show_their_mean_and_median(client, open_survey):
    url = publish_results(open_survey)
    for value in [1] * 5 + [2] * 8 + [3] * 5 + [4] * 5 + [5] * 5:
        record(open_survey, {"Dépendance ressentie": value})

    html = client.get(url).content.decode()

    assert "Moyenne\u00a0: 2,9 · médiane\u00a0: 3,0" in html


def test_a_scale_with_small_counts_says_why_its_mean_is_not_published(client, open_survey):
    url = publish_results(open_survey)
    for value in [1, 2, 2, 3, 5]:
        record(open_survey, {"Dépendance ressentie": value})

    html = client.get(url).content.decode()

    assert ("Moyenne\u00a0:" in html, "Moyenne et médiane non publiées" in html) == (False, True)


def test_results_split_by_a_question_show_a_table_per_group(client, open_survey):
    url = publish_results(open_survey)
    answer(open_survey, {"Étudiant·e": 7}, **{"Souhaitez-vous réduire ?": "Oui"})
    answer(open_survey, {"Public": 6}, **{"Souhaitez-vous réduire ?": "Non"})
    answer(open_survey, {"Personnel": 3}, **{"Souhaitez-vous réduire ?": "Oui"})
    who = open_survey.questions.get(text="Vous êtes…")
    reduce = open_survey.questions.get(text="Souhaitez-vous réduire ?")

    html = client.get(url, {"selon": who.pk}).content.decode()

    table = re.search(
        rf'<table class="breakdown">\s*<caption id="g{reduce.pk}".*?</table>', html, re.S
    )
    rows = [
        re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row)
        for row in re.findall(r"<tr>(.*?)</tr>", table.group(0), re.S)
    ]
    assert rows == [
        ["Groupe", "Ont répondu", "Oui", "Non"],
        ["Étudiant·e", "masqué", "masqué", "moins de 5"],
        ["Personnel", "moins de 5", "moins de 5", "moins de 5"],
        ["Public", "6", "moins de 5", "masqué"],
    ]


def test_a_split_by_an_unknown_or_unpublished_question_shows_the_plain_results(client, open_survey):
    url = publish_results(open_survey)
    answer(open_survey, {"Étudiant·e": 7})
    who = open_survey.questions.get(text="Vous êtes…")
    who.results_public = False
    who.save()

    statuses = [client.get(url, {"selon": value}) for value in ("abc", who.pk)]

    assert [r.status_code for r in statuses] == [200, 200]
    assert ['class="breakdown"' in r.content.decode() for r in statuses] == [False, False]


def test_visitors_share_one_rendering_of_the_results_until_an_answer_comes(
    client, open_survey, settings
):
    settings.ENTRAIDE_PAGE_CACHE_SECONDS = 300
    url = publish_results(open_survey)
    answer(open_survey, {"Public": 6})
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    kept = len(queries)  # now: the next request empties the log of queries
    record(open_survey, {"Vous êtes…": "Public"})
    after = client.get(url).content.decode()

    assert (again.status_code, kept, "7 réponses." in after) == (200, 0, True)
