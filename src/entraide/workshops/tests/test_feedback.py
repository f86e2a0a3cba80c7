"""What a person is told after registering without an account and after confirming: the
address the mail went to (so that a typo shows), and whether she has a seat or a place in line."""

import pytest
from django.core import mail

from entraide.workshops.tests.conftest import private_link

pytestmark = pytest.mark.django_db


def register(client, workshop, email):
    return client.post(
        f"/ateliers/{workshop.slug}/inscription/", {"name": "Dominique", "email": email}
    )


def test_the_mailbox_page_shows_the_address_typed_and_how_to_correct_it(client, workshop):
    response = register(client, workshop, "dominique@exemple.ogr")
    page = client.get(response["Location"]).text
    assert "Nous avons envoyé un message à <strong>dominique@exemple.ogr</strong>." in page
    assert f'<a href="/ateliers/{workshop.slug}/#inscription">' in page
    assert "dominique@exemple.ogr" not in client.get(response["Location"]).text  # shown once


def test_confirming_says_the_seat_is_confirmed_or_the_place_in_line(client, workshop):
    for email in ("a@example.org", "b@example.org", "c@example.org"):  # two seats
        register(client, workshop, email)
    links = [private_link(message) for message in mail.outbox]

    said = []
    for link in links:
        said.append([str(m) for m in client.post(link, follow=True).context["messages"]])

    title = workshop.title
    assert said == [
        [f"Votre place est confirmée pour « {title} ». Un courriel de confirmation est en route."],
        [f"Votre place est confirmée pour « {title} ». Un courriel de confirmation est en route."],
        [f"« {title} » est complet : vous êtes sur la liste d’attente, en 1ʳᵉ position."],
    ]
