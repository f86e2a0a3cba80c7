"""A form refused by the CSRF check gets a page of ours that says what to do."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_form_sent_without_its_security_token_gets_a_page_saying_what_to_do(alice):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/compte/connexion/", {"login": alice.email, "password": "x"})
    assert response.status_code == 403
    assert '<html lang="fr">' in response.text
    assert "<h1>Ce formulaire n’a pas pu être envoyé</h1>" in response.text
    assert "rechargez la page" in response.text
    assert "accepte les cookies pour ce site" in response.text
    assert 'href="/"' in response.text  # the site's own page, with its menu
    assert 'href="/ateliers/"' in response.text


def test_the_page_speaks_the_language_chosen():
    client = Client(enforce_csrf_checks=True)
    client.cookies["django_language"] = "en"
    response = client.post("/compte/connexion/", {"login": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "<h1>This form could not be sent</h1>" in response.text
    assert "reload the page" in response.text
    assert "allows cookies for this site" in response.text


def test_a_form_with_its_token_is_still_accepted(alice):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/compte/connexion/")
    token = page.context["csrf_token"]
    response = client.post(
        "/compte/connexion/",
        {"login": alice.email, "password": "un mot de passe solide", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
