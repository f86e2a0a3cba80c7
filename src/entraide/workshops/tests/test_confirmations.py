"""What cannot be taken back asks first: a page says what will happen (GET, which changes
nothing), and its button does it (POST)."""

import pytest
from django.core import mail

from entraide.workshops import services
from entraide.workshops.models import Registration, Series, Workshop
from entraide.workshops.tests.conftest import private_link
from tests.factories import UserFactory
from tests.text import squeeze

pytestmark = pytest.mark.django_db


def state():
    """Everything a confirmation page must leave as it is."""
    return (
        list(Registration.objects.order_by("pk").values_list("pk", "status", "cancelled_at")),
        list(
            Workshop.objects.order_by("pk").values_list(
                "pk", "status", "confirmed_count", "waiting_count"
            )
        ),
        list(Series.objects.order_by("pk").values_list("pk", "status")),
    )


def fill(workshop, *names):
    """Register a signed-in person per name, in order (the workshop has 2 seats)."""
    people = [UserFactory(display_name=name, email=f"{name.lower()}@example.org") for name in names]
    for person in people:
        services.register(workshop, by=person)
    mail.outbox.clear()
    return people


def text(response):
    return squeeze(response.text)


# A participant cancels her own registration.


def test_my_registrations_link_to_a_page_that_says_my_seat_goes_to_the_first_waiting(
    client_for, alice, workshop
):
    services.register(workshop, by=alice)
    fill(workshop, "Bruno", "Cyril")
    mine = Registration.objects.get(user=alice)
    url = f"/ateliers/mes-inscriptions/{mine.pk}/annuler/"
    client = client_for(alice)
    page = client.get("/ateliers/mes-inscriptions/")
    assert f'<a class="button secondary" href="{url}">' in page.text
    assert f'action="{url}"' not in page.text
    before = state()

    response = client.get(url)

    assert response.status_code == 200
    assert "Annuler mon inscription à « Le numérique est politique » ?" in text(response)
    assert (
        "Votre place revient aussitôt à la première personne de la liste d’attente, prévenue "
        "par courriel : vous ne pourrez pas la reprendre." in text(response)
    )
    assert "Vous recevez un courriel qui confirme l’annulation." in text(response)
    assert f'<form method="post" action="{url}"' in response.text
    assert state() == before
    assert mail.outbox == []

    response = client.post(url)

    assert response["Location"] == "/ateliers/mes-inscriptions/"
    statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {"Alice": "annulee", "Bruno": "confirmee", "Cyril": "confirmee"}
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "cyril@example.org"]


def test_a_free_seat_can_be_taken_back_for_a_while_says_the_page(client_for, alice, workshop):
    services.register(workshop, by=alice)
    mine = Registration.objects.get(user=alice)
    response = client_for(alice).get(f"/ateliers/mes-inscriptions/{mine.pk}/annuler/")
    assert (
        "Votre place redevient libre pour quelqu’un d’autre. Pendant 30 minutes, vous pourrez "
        "la reprendre si personne ne l’a prise." in text(response)
    )


def test_leaving_the_waiting_list_says_which_position_i_lose(client_for, alice, workshop):
    fill(workshop, "Bruno", "Cyril")
    services.register(workshop, by=alice)
    mine = Registration.objects.get(user=alice)
    response = client_for(alice).get(f"/ateliers/mes-inscriptions/{mine.pk}/annuler/")
    assert (
        "Vous quittez la liste d’attente, où vous êtes en 1ʳᵉ position. Pendant 30 minutes, "
        "vous pourrez reprendre cette position." in text(response)
    )


def test_someone_else_s_registration_has_no_confirmation_page(client_for, alice, bob, workshop):
    services.register(workshop, by=alice)
    mine = Registration.objects.get(user=alice)
    assert client_for(bob).get(f"/ateliers/mes-inscriptions/{mine.pk}/annuler/").status_code == 404


def test_the_private_link_cancels_through_its_confirmation_page(client, workshop):
    client.post(
        f"/ateliers/{workshop.slug}/inscription/",
        {"name": "Dominique", "email": "dominique@example.org"},
    )
    link = private_link(mail.outbox[0])
    client.post(link)
    registration = Registration.objects.get()
    url = f"{link}annuler/{registration.pk}/"
    assert f'href="{url}"' in client.get(link).text
    mail.outbox.clear()
    before = state()

    response = client.get(url)

    assert response.status_code == 200
    assert response["Referrer-Policy"] == "strict-origin"
    assert "Votre place redevient libre pour quelqu’un d’autre." in text(response)
    assert state() == before
    assert mail.outbox == []
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    assert client.get(f"{tampered}annuler/{registration.pk}/").status_code == 404

    response = client.post(url)

    assert response["Location"] == link
    assert Registration.objects.get().status == "annulee"
    assert [m.to for m in mail.outbox] == [["dominique@example.org"]]


def test_a_cancelled_registration_s_page_sends_back_to_the_list(client_for, alice, workshop):
    services.register(workshop, by=alice)
    mine = Registration.objects.get(user=alice)
    services.withdraw(mine.pk)
    response = client_for(alice).get(f"/ateliers/mes-inscriptions/{mine.pk}/annuler/")
    assert response["Location"] == "/ateliers/mes-inscriptions/"


# An organiser withdraws a participant.


def test_withdrawing_a_participant_names_her_and_who_gets_the_seat(client_for, bob, workshop):
    fill(workshop, "Alix", "Bruno", "Cyril")
    alix = Registration.objects.get(name="Alix")
    url = f"/ateliers/gerer/{workshop.slug}/participants/{alix.pk}/annuler/"
    client = client_for(bob)
    page = client.get(f"/ateliers/gerer/{workshop.slug}/participants/")
    assert f'href="{url}"' in page.text
    assert f'action="{url}"' not in page.text
    before = state()

    response = client.get(url)

    assert response.status_code == 200
    assert "Annuler l’inscription de Alix ?" in text(response)
    assert (
        "Alix (alix@example.org) est prévenu·e par courriel que vous avez annulé son "
        "inscription." in text(response)
    )
    assert (
        "La place revient à Cyril, première personne de la liste d’attente, prévenue par "
        "courriel." in text(response)
    )
    assert "C’est définitif : impossible de revenir en arrière." in text(response)
    assert state() == before
    assert mail.outbox == []

    response = client.post(url)

    assert response["Location"] == f"/ateliers/gerer/{workshop.slug}/participants/"
    statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {"Alix": "annulee", "Bruno": "confirmee", "Cyril": "confirmee"}
    assert sorted(m.to[0] for m in mail.outbox) == ["alix@example.org", "cyril@example.org"]


def test_another_place_s_organiser_cannot_see_the_withdrawal_page(client_for, charlie, workshop):
    (alix,) = fill(workshop, "Alix")
    registration = Registration.objects.get(user=alix)
    url = f"/ateliers/gerer/{workshop.slug}/participants/{registration.pk}/annuler/"
    assert client_for(charlie).get(url).status_code == 403


# An organiser cancels a workshop, or a whole series.


def test_cancelling_a_workshop_counts_who_is_told_and_takes_the_message_there(
    client_for, bob, workshop
):
    fill(workshop, "Alix", "Bruno", "Cyril")
    url = f"/ateliers/gerer/{workshop.slug}/annuler/"
    client = client_for(bob)
    manage = client.get(f"/ateliers/gerer/{workshop.slug}/")
    assert f'href="{url}"' in manage.text
    assert f'action="{url}"' not in manage.text
    before = state()

    response = client.get(url)

    assert response.status_code == 200
    page = text(response)
    assert "Annuler l’atelier « Le numérique est politique » ?" in page
    assert "2 personnes ont une place confirmée." in page
    assert "1 personne est sur la liste d’attente." in page
    assert (
        "Chacune de ces personnes reçoit un courriel annonçant l’annulation, avec votre "
        "message si vous en écrivez un." in page
    )
    assert "C’est définitif : impossible de revenir en arrière." in page
    assert 'name="message"' in response.text
    assert state() == before
    assert mail.outbox == []

    response = client.post(url, {"message": "La salle est inondée."})

    assert response["Location"] == f"/ateliers/gerer/{workshop.slug}/"
    workshop.refresh_from_db()
    assert workshop.status == "annule"
    assert sorted(m.to[0] for m in mail.outbox) == [
        "alix@example.org",
        "bruno@example.org",
        "cyril@example.org",
    ]
    assert all("La salle est inondée." in m.body for m in mail.outbox)


def test_the_message_is_optional(client_for, bob, workshop):
    fill(workshop, "Alix")
    response = client_for(bob).post(f"/ateliers/gerer/{workshop.slug}/annuler/")
    assert response.status_code == 302
    assert Workshop.objects.get().status == "annule"
    assert [m.to for m in mail.outbox] == [["alix@example.org"]]


def test_a_too_long_cancellation_message_is_refused_beside_the_field(client_for, bob, workshop):
    fill(workshop, "Alix")
    before = state()
    response = client_for(bob).post(
        f"/ateliers/gerer/{workshop.slug}/annuler/", {"message": "x" * 3000}
    )
    assert response.status_code == 400
    assert "au plus 2000 caractères" in response.context["form"].errors["message"][0]
    assert state() == before
    assert mail.outbox == []


def test_cancelling_a_series_counts_its_sessions_and_people(client_for, bob, series):
    first, second, _third = series.workshops.order_by("position")
    fill(first, "Alix", "Bruno", "Cyril")
    services.register(second, by=Registration.objects.get(name="Alix").user)
    mail.outbox.clear()
    url = f"/ateliers/gerer/cycle/{series.slug}/annuler/"
    client = client_for(bob)
    manage = client.get(f"/ateliers/gerer/cycle/{series.slug}/")
    assert f'href="{url}"' in manage.text
    before = state()

    response = client.get(url)

    assert response.status_code == 200
    page = text(response)
    assert "Annuler le cycle « Vers un manifeste » ?" in page
    assert "3 séances sont annulées : Atelier 1, Atelier 2, Atelier 3." in page
    assert "3 inscriptions confirmées en tout." in page
    assert "1 inscription sur une liste d’attente." in page
    assert (
        "Chaque personne reçoit un courriel par séance, avec votre message si vous en écrivez "
        "un." in page
    )
    assert state() == before
    assert mail.outbox == []

    response = client.post(url, {"message": "Fin du financement."})

    assert response["Location"] == f"/ateliers/gerer/cycle/{series.slug}/"
    assert set(Workshop.objects.values_list("status", flat=True)) == {"annule"}
    assert Series.objects.get().status == "annule"
    assert len(mail.outbox) == 4
    assert all("Fin du financement." in m.body for m in mail.outbox)


def test_publishing_a_series_never_cancels_it_each_has_its_own_address(client_for, bob, series):
    client = client_for(bob)
    publication = f"/ateliers/gerer/cycle/{series.slug}/publication/"
    manage = client.get(f"/ateliers/gerer/cycle/{series.slug}/").text
    assert f'action="{publication}"' in manage
    assert f'href="/ateliers/gerer/cycle/{series.slug}/annuler/"' in manage
    before = state()

    # A form of the old page, whose button cancelled through the publication address
    response = client.post(publication, {"action": "cancel"})

    assert response.status_code == 400
    assert state() == before
    assert client.get(publication).status_code == 405
    client.post(publication, {"publish": "0"})
    assert Series.objects.get().status == "brouillon"
    assert set(Workshop.objects.values_list("status", flat=True)) == {"publie"}
