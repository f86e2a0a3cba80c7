import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entraide.surveys.models import ResultsWhen
from entraide.surveys.tests.conftest import record

pytestmark = pytest.mark.django_db


def published_results(survey):
    survey.results_when = ResultsWhen.WHILE_OPEN
    survey.save()
    for i in range(6):
        record(survey, {"Vous êtes…": "Public", "Dépendance ressentie": 1 + i % 5})


def page_texts(pdf_document):
    """The words laid out on each page of a WeasyPrint document."""

    def walk(box):
        if hasattr(box, "text"):
            yield box.text
        for child in getattr(box, "children", []):
            yield from walk(child)

    return [" ".join(walk(page._page_box)) for page in pdf_document.pages]


def test_the_report_is_a_printable_page_with_the_day_it_was_made(client, open_survey):
    published_results(open_survey)

    html = client.get(f"/enquetes/{open_survey.slug}/rapport/").content.decode()

    assert "Rapport réalisé le" in html
    assert "La Verrière · étudiants, public" in html
    assert ("<svg" in html, "<details" in html) == (True, False)  # printed, not folded


def test_the_report_as_pdf_is_made_on_the_server(client, open_survey):
    published_results(open_survey)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/enquetes/{open_survey.slug}/rapport.pdf")

    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response.content.startswith(b"%PDF-")
    assert len(queries) == 6  # the survey, its results (the kept PDFs are in the cache)


def test_the_pdf_is_made_once_while_nothing_changes(client, open_survey):
    published_results(open_survey)
    url = f"/enquetes/{open_survey.slug}/rapport.pdf"
    first = client.get(url).content

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url).content
    kept = len(queries)  # now: the next request empties the log of queries
    record(open_survey, {"Vous êtes…": "Public"})
    changed = client.get(url).content

    assert (again == first, kept, changed == first) == (True, 1, False)  # the survey


def test_the_pdf_lays_out_the_questions_and_their_figures(client, open_survey):
    from weasyprint import HTML

    from entraide.surveys.pdf import StaticOnly

    published_results(open_survey)
    html = client.get(f"/enquetes/{open_survey.slug}/rapport/").content.decode()

    document = HTML(string=html, base_url="http://testserver/", url_fetcher=StaticOnly()).render()
    text = " ".join(page_texts(document))

    assert "Résultats : Nos écrans et nous" in text.replace("\u00a0", " ")
    assert "Dépendance ressentie" in text
    assert "6 personnes ont répondu" in text


def test_the_pdf_never_fetches_an_address_outside_our_static_files():
    from entraide.surveys.pdf import StaticOnly

    fetcher = StaticOnly()
    with pytest.raises(ValueError, match="does not fetch"):
        fetcher.fetch("http://example.org/tracker.css")
    with pytest.raises(ValueError, match="does not fetch"):
        fetcher.fetch("http://testserver/static/../settings.py")

    assert b"surveys: results" in fetcher.fetch("http://testserver/static/core/entraide.css").read()


def test_the_report_is_not_found_while_results_are_not_public(client, open_survey):
    assert client.get(f"/enquetes/{open_survey.slug}/rapport.pdf").status_code == 404
