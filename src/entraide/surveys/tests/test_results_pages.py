"""The results page a few questions at a time: each page holds the DOM budget (390 elements,
as EcoIndex counts them), says which questions it shows and links the others, keeping the
split; the printable report keeps every question."""

import re

import pytest

from bench._setup import dom_size
from entraide.surveys import services
from entraide.surveys.models import Kind, ResultsWhen
from entraide.surveys.services.results import results
from entraide.surveys.tests.conftest import record
from entraide.surveys.views.results import PAGE_BUDGET, question_weight
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db

KINDS = [
    (Kind.SINGLE, {"choices": ["A", "B", "C", "D"]}),
    (Kind.MULTIPLE, {"choices": ["A", "B", "C", "D", "E"]}),
    (Kind.SCALE, {"scale_min": 1, "scale_max": 5}),
    (Kind.NUMBER, {}),
    (Kind.YES_NO, {}),
]


def survey_of(questions, *, responses=12, place=None):
    """A published survey of `questions` questions of the five counted kinds in turn (as the
    bench's), named "Question 1"…, with `responses` responses that answer them all."""
    organiser = UserFactory()
    place = place or PlaceFactory(organisers=[organiser])
    survey = services.create_survey(place, by=organiser, fields={"title": "Bilan annuel"})
    section = survey.sections.get()
    for n in range(questions):
        kind, options = KINDS[n % len(KINDS)]
        services.add_question(section, kind=kind, text=f"Question {n + 1}", **options)
    services.publish(survey)
    survey.results_when = ResultsWhen.WHILE_OPEN
    survey.save()
    picks = {
        Kind.SINGLE: lambda i: "ABCD"[i % 2],
        Kind.MULTIPLE: lambda i: ["A", "B"],
        Kind.SCALE: lambda i: 1 + i % 2,
        Kind.NUMBER: lambda i: i,
        Kind.YES_NO: lambda i: "Oui" if i % 2 else "Non",
    }
    for i in range(responses):
        record(
            survey,
            {f"Question {n + 1}": picks[KINDS[n % len(KINDS)][0]](i) for n in range(questions)},
        )
    return survey


def headings(html):
    return re.findall(r'<h2 id="q\d+">([^<]*)</h2>', html)


def url_of(survey, query=""):
    return f"/enquetes/{survey.slug}/resultats/{query}"


def test_the_second_page_shows_questions_11_to_20_and_not_the_first_ten(client):
    survey = survey_of(20)

    first = client.get(url_of(survey)).content.decode()
    second = client.get(url_of(survey, "?page=2")).content.decode()

    assert headings(first) == [f"Question {n}" for n in range(1, 11)]
    assert headings(second) == [f"Question {n}" for n in range(11, 21)]
    assert "Questions 1 à 10 sur 20" in first
    assert "Questions 11 à 20 sur 20" in second
    assert '<a href="?page=2" aria-current="page">2</a>' in second
    assert 'href="?page=1" rel="prev"' in second
    assert 'rel="next"' not in second
    # The summary is on every page: the respondents and what is hidden.
    assert "12 réponses." in second
    assert "Les nombres inférieurs à 5 sont masqués" in second


def test_a_survey_that_fits_on_a_page_has_no_page_navigation(client):
    survey = survey_of(5)

    html = client.get(url_of(survey)).content.decode()

    assert len(headings(html)) == 5
    assert "Pages des résultats" not in html
    assert "sur 5" not in html


def test_the_split_is_kept_in_the_links_to_the_other_pages(client):
    survey = survey_of(20)
    split = survey.questions.get(text="Question 1")

    html = client.get(url_of(survey, f"?selon={split.pk}")).content.decode()
    links = re.findall(r'href="(\?[^"]*page=[^"]*)"', html)
    last = client.get(url_of(survey, f"?selon={split.pk}&page={len(set(links))}"))

    assert links
    assert all(f"selon={split.pk}&amp;page=" in link for link in links)
    # Split, the tables are bigger: fewer questions a page, the last page ends the survey.
    assert len(headings(html)) < 10
    assert headings(last.content.decode())[-1] == "Question 20"
    assert "selected>Question 1</option>" in last.content.decode()


@pytest.mark.parametrize("page", ["99", "0", "-1", "deux", "", "1.5", "²"])
def test_a_page_that_does_not_exist_is_not_found(client, page):
    survey = survey_of(20, responses=6)

    assert client.get(url_of(survey, f"?page={page}")).status_code == 404


def test_every_page_holds_the_dom_budget_split_or_not(client):
    survey = survey_of(40)
    split = survey.questions.get(text="Question 5")  # yes / no
    sizes = []
    for query in ["", f"selon={split.pk}&"]:
        number = 1
        while (response := client.get(url_of(survey, f"?{query}page={number}"))).status_code == 200:
            sizes.append(dom_size(response.content.decode()))
            number += 1

    assert len(sizes) > 4
    assert max(sizes) <= PAGE_BUDGET, sizes


def test_the_weight_of_each_question_is_the_elements_it_renders(client, bob):
    """The pages are cut by each question's estimated weight: it must be what the page
    renders, whatever the kind, with or without split, with quotes."""
    survey = survey_of(5, responses=7)
    services.add_question(
        survey.sections.get(), kind=Kind.SHORT_TEXT, text="Un mot", required=False
    )
    record(survey, {"Un mot": "Première ligne\nseconde ligne"})
    survey.questions.get(text="Un mot").answers.update(quoted=True)
    split = survey.questions.get(text="Question 1")

    for query, breakdown in [("", None), (f"?selon={split.pk}", split.pk)]:
        html = client.get(url_of(survey, query)).content.decode()
        rendered = {
            title: dom_size(section)
            for section in re.findall(r'<section class="survey-result".*?</section>', html, re.S)
            for title in headings(section)
        }
        expected = {
            r.question.text: question_weight(r)
            for r in results(survey, breakdown=breakdown).questions
        }
        assert rendered == expected


def test_the_report_keeps_every_question_on_one_document(client):
    survey = survey_of(20, responses=6)

    html = client.get(f"/enquetes/{survey.slug}/rapport/").content.decode()

    assert headings(html) == [f"Question {n}" for n in range(1, 21)]
    assert "Pages des résultats" not in html


def test_the_pages_are_even_rather_than_a_last_one_of_a_single_question(client):
    survey = survey_of(21, responses=6)

    pages = [client.get(url_of(survey, f"?page={n}")).content.decode() for n in (1, 2, 3)]

    assert [len(headings(html)) for html in pages] == [7, 7, 7]
    assert "Questions 15 à 21 sur 21" in pages[2]


def test_a_question_too_big_to_share_a_page_has_one_of_its_own(client, place, bob):
    survey = services.create_survey(place, by=bob, fields={"title": "Communes"})
    labels = [f"Commune {n}" for n in range(50)]  # the most a question takes
    for text in ("Où habitez-vous ?", "Où travaillez-vous ?"):
        services.add_question(survey.sections.get(), kind=Kind.SINGLE, text=text, choices=labels)
    services.publish(survey)
    survey.results_when = ResultsWhen.WHILE_OPEN
    survey.save()
    for i in range(6):
        record(survey, {"Où habitez-vous ?": labels[i], "Où travaillez-vous ?": labels[i]})

    html = client.get(url_of(survey, "?page=2")).content.decode()

    assert headings(html) == ["Où travaillez-vous ?"]
    assert "Question 2 sur 2" in html
