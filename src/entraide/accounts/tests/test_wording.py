"""The account pages, allauth's included, say "courriel" for a message and "adresse
électronique" for an address: never "e-mail", "email" or "mail" in French text."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

ENGLISH_WORD = re.compile(r"(?i)\be-?mails?\b")


def french_text(html):
    """What a reader sees or hears: the text, the placeholders and the titles, without the
    addresses themselves and the links."""
    html = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    shown = re.findall(r'(?:placeholder|title|aria-label)="([^"]*)"', html)
    text = " ".join([re.sub(r"<[^>]+>", " ", html), *shown])
    return re.sub(r"[\w.+-]+@[\w.-]+", " ", text)


@pytest.mark.parametrize(
    "path",
    [
        "/compte/connexion/",
        "/compte/inscription/",
        "/compte/mot-de-passe/reinitialiser/",
        "/compte/mot-de-passe/reinitialiser/termine/",
        "/compte/confirmer-adresse/",
        "/compte/connexion/code/",
    ],
)
def test_the_sign_in_sign_up_and_reset_pages_never_say_e_mail(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert ENGLISH_WORD.findall(french_text(response.text)) == []


def test_the_address_page_of_an_account_never_says_e_mail(client_for, alice):
    page = client_for(alice).get("/compte/adresses/").text
    assert ENGLISH_WORD.findall(french_text(page)) == []
    assert "Adresses électroniques" in page


def test_the_sign_in_field_names_the_address_the_same_way_as_its_placeholder(client):
    page = client.get("/compte/connexion/").text
    assert 'placeholder="Adresse électronique"' in page


def test_the_password_reset_mail_says_courriel(client, alice):
    client.post("/compte/mot-de-passe/reinitialiser/", {"email": alice.email})
    assert len(mail.outbox) == 1
    assert ENGLISH_WORD.findall(french_text(mail.outbox[0].body)) == []
    assert "Vous recevez ce courriel" in mail.outbox[0].body
