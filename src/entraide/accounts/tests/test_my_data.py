import json

import pytest
from django.core import mail

from entraide.accounts.models import User, member_name
from entraide.places.models import Invitation, Membership
from entraide.polls import services as polls
from entraide.workshops import services as workshops
from tests.factories import PASSWORD, WorkshopFactory
from tests.text import squeeze

pytestmark = pytest.mark.django_db


def test_my_data_shows_everything_held_about_me(client_for, bob, place):
    response = client_for(bob).get("/compte/mes-donnees/")
    assert response.status_code == 200
    for expected in (bob.email, "Bob", place.name, "Lieux que j’anime"):
        assert expected in response.text


def test_my_data_downloads_as_json(client_for, bob, place):
    response = client_for(bob).get("/compte/mes-donnees/export.json")
    assert response["Content-Disposition"] == 'attachment; filename="entraide-mes-donnees.json"'
    data = json.loads(response.content)["data"]
    assert data["profile"][0]["email"] == bob.email
    assert data["memberships"] == [
        {
            "place": place.name,
            "role": "Animateur·rice",
            "since": Membership.objects.get().created_at.isoformat(),
        }
    ]


def test_deleting_my_account_asks_for_my_password_again(client_for, bob):
    response = client_for(bob).get("/compte/supprimer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/reauthentification/")


def test_deleting_my_account_erases_my_personal_data(client_for, bob, alice, place):
    client = client_for(bob)
    client.post(f"/lieux/gerer/{place.slug}/inviter/", {"email": "new@example.org"})
    assert Invitation.objects.filter(invited_by=bob).count() == 1
    wrong = client.post("/compte/reauthentification/", {"password": "pas le bon"})
    assert wrong.status_code == 400
    reauth = client.post(
        "/compte/reauthentification/?next=/compte/supprimer/", {"password": PASSWORD}
    )
    assert reauth["Location"] == "/compte/supprimer/"

    refused = client.post("/compte/supprimer/", {})
    assert refused.status_code == 400
    assert User.objects.filter(pk=bob.pk).exists()

    response = client.post("/compte/supprimer/", {"confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(email=bob.email).exists()
    assert not Membership.objects.filter(place=place).exists()
    assert not Invitation.objects.exists()
    assert client.get("/compte/").status_code == 302  # signed out
    assert User.objects.filter(pk=alice.pk).exists()


def test_the_deletion_page_says_what_goes_and_what_happens_and_changes_nothing(
    client_for, alice, bob, place
):
    workshop = WorkshopFactory(place=place)
    workshops.register(workshop, by=alice)
    poll = polls.create_poll(
        place, by=bob, fields={"title": "Dispos", "workshop": None},
        slots=[(workshop.starts_at, workshop.ends_at)],
    )  # fmt: skip
    polls.answer(poll, name="Alice", choices={poll.slots.get().pk: "oui"}, by=alice)
    mail.outbox.clear()
    client = client_for(alice)
    client.post("/compte/reauthentification/?next=/compte/supprimer/", {"password": PASSWORD})

    response = client.get("/compte/supprimer/")

    assert response.status_code == 200
    page = squeeze(response.text)
    for expected in (
        "Tout ce que le site garde sur vous est effacé :",
        "Profil (1)",
        "Adresses électroniques (1)",
        "Mes inscriptions aux ateliers (1)",
        "Mes réponses aux sondages (1)",
        "Votre inscription à un atelier à venir est annulée : vous recevez un courriel, et la "
        "place revient à la première personne en attente, prévenue par courriel.",
        "Votre réponse à un sondage de disponibilité est supprimée.",
        "C’est définitif : impossible de revenir en arrière.",
    ):
        assert expected in page
    assert User.objects.filter(pk=alice.pk).exists()
    assert mail.outbox == []


def test_a_deleted_author_is_shown_as_former_member():
    assert member_name(None) == "Ancien·ne membre"


def test_profile_edits_display_name_and_language(client_for, alice):
    client = client_for(alice)
    response = client.post("/compte/", {"display_name": "Alice D.", "language": "en"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.display_name, alice.language) == ("Alice D.", "en")
    bad = client.post("/compte/", {"display_name": "x" * 500, "language": "xx"})
    assert bad.status_code == 400
    assert set(bad.context["form"].errors) == {"display_name", "language"}
