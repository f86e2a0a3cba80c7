"""A NUL byte, which no form or address of ours takes and PostgreSQL refuses to store or compare,
gets our 400 page wherever it comes: the query string, a cookie, the fields of a form."""

import pytest

pytestmark = pytest.mark.django_db
BAD_REQUEST = "<h1>Requête incorrecte</h1>"


@pytest.mark.parametrize(
    "url",
    [
        "/ateliers/?q=%00",
        "/ateliers/?region=%00&theme=numerique-responsable",
        "/ateliers/?%00=1",
        "/lieux/?region=%00",
        "/lieux/?kind=tiers%00lieu",
        "/sondages/?page=%00",
        "/?next=%00",
    ],
)
def test_a_nul_byte_in_the_query_string_gets_the_bad_request_page(client, place, url):
    response = client.get(url)
    assert response.status_code == 400
    assert BAD_REQUEST in response.text
    assert '<html lang="fr">' in response.text


@pytest.mark.parametrize("url", ["/", "/ateliers/", "/lieux/", "/sondages/", "/compte/"])
@pytest.mark.parametrize(
    "cookie",
    [
        "sessionid=abcdefgh\x00ijklmnop",
        'sessionid="abcdefgh\\000ijklmnop"',  # the same byte, escaped as a quoted cookie allows
        "csrftoken=abc\x00def",
    ],
)
def test_a_nul_byte_in_a_cookie_gets_the_bad_request_page(client, url, cookie):
    response = client.get(url, HTTP_COOKIE=cookie)
    assert response.status_code == 400
    assert BAD_REQUEST in response.text


def test_the_bad_request_page_speaks_the_language_chosen(client):
    response = client.get("/ateliers/?q=%00", HTTP_COOKIE="django_language=en")
    assert response.status_code == 400
    assert "<h1>Bad request</h1>" in response.text
    assert '<html lang="en">' in response.text


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/compte/connexion/", {"login": "alice\x00@example.org", "password": "x"}),
        ("/compte/inscription/", {"email": "a@example.org", "password1": "a\x00b"}),
        ("/ateliers/?region=occitanie", {"name": "Dominique\x00"}),
    ],
)
def test_a_nul_byte_in_a_form_gets_the_bad_request_page(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 400
    assert BAD_REQUEST in response.text


def test_ordinary_requests_pass(client, place):
    assert client.get("/ateliers/?region=occitanie&q=numérique").status_code == 200
    assert client.get("/lieux/", HTTP_COOKIE="sessionid=abcdefghijklmnop").status_code == 200
