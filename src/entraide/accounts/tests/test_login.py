import re

import pytest
from django.core import mail

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/compte/connexion/"


def test_signing_in_with_a_password_and_out_again(client, alice):
    response = client.post(LOGIN, {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "Alice" in client.get("/compte/").text or alice.email in client.get("/compte/").text
    client.post("/compte/deconnexion/")
    assert client.get("/compte/").status_code == 302


def test_a_wrong_password_is_refused_with_a_message(client, alice):
    response = client.post(LOGIN, {"login": alice.email, "password": "faux"})
    assert response.status_code == 400
    assert "incorrect" in response.text


def test_repeated_failed_logins_are_stopped(client, alice):
    for _ in range(5):
        client.post(LOGIN, {"login": alice.email, "password": "faux"})
    response = client.post(LOGIN, {"login": alice.email, "password": PASSWORD})
    assert response.status_code in (400, 429)
    assert client.get("/compte/").status_code == 302  # still not signed in


def test_signing_in_with_a_code_sent_by_email(client, alice):
    response = client.post("/compte/connexion/code/", {"email": alice.email})
    assert response.status_code == 302
    code = re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", mail.outbox[0].body, re.MULTILINE).group(1)
    confirm = client.post(response["Location"], {"code": code})
    assert confirm.status_code == 302
    assert client.get("/compte/").status_code == 200


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(client, alice):
    known = client.post("/compte/mot-de-passe/reinitialiser/", {"email": alice.email})
    unknown = client.post("/compte/mot-de-passe/reinitialiser/", {"email": "x@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    assert mail.outbox[0].to == [alice.email]
    form = client.get(link, follow=True)
    new_password = "un-autre-mot-de-passe-solide"
    done = client.post(
        form.request["PATH_INFO"], {"password1": new_password, "password2": new_password}
    )
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(new_password)
