"""Registering through the pages, with and without an account, and the private link."""

import pytest
from django.core import mail
from django.core.exceptions import NON_FIELD_ERRORS

from entraide.workshops.errors import WorkshopErrorCode
from entraide.workshops.models import Registration
from entraide.workshops.tests.conftest import private_link
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def register(client, workshop, **data):
    return client.post(f"/ateliers/{workshop.slug}/inscription/", data)


def test_a_visitor_registers_confirms_by_mail_and_sees_the_video_link(client, workshop):
    page = client.get(workshop.get_absolute_url())
    assert "2 places restantes" in page.text
    assert "salle-secrete" not in page.text

    response = register(client, workshop, name="Dominique", email="dominique@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/ateliers/verifiez-vos-mails/"
    assert "Consultez votre messagerie" in client.get(response["Location"]).text

    link = private_link(mail.outbox[0])
    page = client.get(link)
    assert "Confirmer mon inscription" in page.text
    assert "salle-secrete" not in page.text
    assert client.post(link).status_code == 302
    page = client.get(link)
    assert "Confirmée" in page.text
    assert "https://visio.example.org/salle-secrete" in page.text
    calendar = client.get(f"{link}{Registration.objects.get().pk}.ics")
    assert calendar["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"salle-secrete" in calendar.content


def test_the_public_form_never_reveals_who_is_registered(client, workshop):
    first = register(client, workshop, name="Dominique", email="dominique@example.org")
    again = register(client, workshop, name="Quelqu'un", email="dominique@example.org")
    unknown = register(client, workshop, name="Sacha", email="sacha@example.org")
    assert first["Location"] == again["Location"] == unknown["Location"]
    assert [m.to for m in mail.outbox] == [
        ["dominique@example.org"],
        ["dominique@example.org"],
        ["sacha@example.org"],
    ]
    assert Registration.objects.count() == 2


def test_cancelling_by_the_private_link_promotes_the_first_in_line(client, workshop):
    register(client, workshop, name="Dominique", email="dominique@example.org")
    link = private_link(mail.outbox[0])
    client.post(link)
    first, second, third = UserFactory.create_batch(3)
    for person in (first, second, third):
        client.force_login(person)
        client.post(f"/ateliers/{workshop.slug}/inscription/")
    client.logout()
    assert dict(Registration.objects.values_list("email", "status"))[second.email] == "en-attente"
    mail.outbox.clear()

    registration = Registration.objects.get(email="dominique@example.org")
    response = client.post(f"{link}annuler/{registration.pk}/")
    assert response.status_code == 302
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["dominique@example.org"] == "annulee"
    assert statuses[second.email] == "confirmee"
    assert statuses[third.email] == "en-attente"
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["dominique@example.org"], f"[Entraide] Inscription annulée : {workshop.title}"),
        ([second.email], f"[Entraide] Une place pour vous : {workshop.title}"),
    ]
    assert mail.outbox[1].attachments[0][0] == f"{workshop.slug}.ics"


def test_a_tampered_or_someone_elses_link_gives_nothing_away(client, workshop, alice):
    register(client, workshop, name="Dominique", email="dominique@example.org")
    link = private_link(mail.outbox[0])
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    for path in (tampered, "/ateliers/inscription/x/", "/ateliers/inscription/" + "a" * 500 + "/"):
        response = client.get(path)
        assert response.status_code == 404
        assert "Lien non valide" in response.text
    registration = Registration.objects.get()
    response = client.post(f"{tampered}annuler/{registration.pk}/")
    assert response.status_code == 404
    assert client.get(f"{tampered}{registration.pk}.ics").status_code == 404
    # Alice, signed in, cannot cancel it either
    client.force_login(alice)
    assert client.post(f"/ateliers/mes-inscriptions/{registration.pk}/annuler/").status_code == 404
    assert Registration.objects.get().status == "a-confirmer"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "", "email": "x@example.org"}, "name", "obligatoire"),
        ({"name": "X", "email": "pas-une-adresse"}, "email", "adresse de courriel valide"),
        ({"name": "x" * 5000, "email": "x@example.org"}, "name", "au plus 100 caractères"),
        ({"name": "X", "email": "x@example.org", "needs": "n" * 600}, "needs", "au plus 500"),
    ],
)
def test_bad_registration_input_gets_a_400_beside_the_field(client, workshop, data, field, message):
    response = register(client, workshop, **data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_script_in_a_name_is_shown_as_text_to_the_organisers(client, client_for, workshop, bob):
    name = '<script>alert("x")</script>'
    register(client, workshop, name=name, email="x@example.org")
    client.post(private_link(mail.outbox[0]))
    page = client_for(bob).get(f"/ateliers/gerer/{workshop.slug}/participants/").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_signed_in_one_click_then_the_page_shows_the_seat_and_video_link(
    client_for, alice, workshop
):
    client = client_for(alice)
    response = client.post(f"/ateliers/{workshop.slug}/inscription/", {"needs": "Sous-titres"})
    assert response.status_code == 302
    page = client.get(workshop.get_absolute_url()).text
    assert "votre place est confirmée" in page
    assert "https://visio.example.org/salle-secrete" in page
    assert Registration.objects.get().needs == "Sous-titres"
    mine = client.get("/ateliers/mes-inscriptions/").text
    assert workshop.title in mine
    assert "Annuler mon inscription" in mine


def test_a_verified_account_gets_its_seat_over_a_strangers_unconfirmed_request(
    client, client_for, alice, workshop
):
    register(client, workshop, name="Un inconnu", email="ALICE@example.org")
    stranger_link = private_link(mail.outbox[0])
    page = client_for(alice).get(workshop.get_absolute_url()).text
    assert '<button type="submit">M’inscrire</button>' in page
    assert "attend la confirmation" not in page
    response = client_for(alice).post(f"/ateliers/{workshop.slug}/inscription/", follow=True)
    notices = [str(m) for m in response.context["messages"]]
    assert notices == [
        f"Votre place est confirmée pour « {workshop.title} ». "
        "Un courriel de confirmation est en route."
    ]
    rows = list(Registration.objects.values_list("name", "email", "user", "status"))
    assert rows == [("Alice", "alice@example.org", alice.pk, "confirmee")]
    workshop.refresh_from_db()
    assert workshop.confirmed_count == 1
    client.logout()
    assert client.get(stranger_link).status_code == 404
    assert client.post(stranger_link).status_code == 404


def test_registering_for_a_cancelled_workshop_is_refused_with_a_message(client, workshop):
    workshop.status = "annule"
    workshop.save()
    response = register(client, workshop, name="X", email="x@example.org")
    assert response.status_code == 400
    refused = WorkshopErrorCode.WORKSHOP_CANCELLED
    assert response.context["form"].has_error(NON_FIELD_ERRORS, refused)
    assert response.context["closed_reason"].message in response.text
    assert Registration.objects.count() == 0


def test_a_draft_workshop_is_hidden_from_visitors(client, client_for, workshop, bob):
    workshop.status = "brouillon"
    workshop.save()
    assert client.get(workshop.get_absolute_url()).status_code == 404
    assert register(client, workshop, name="X", email="x@example.org").status_code == 404
    assert client_for(bob).get(workshop.get_absolute_url()).status_code == 200


def test_registration_requests_are_rate_limited_per_address(client, workshop):
    for _n in range(5):
        assert register(client, workshop, name="X", email="cible@example.org").status_code == 302
    response = register(client, workshop, name="X", email="Cible@example.org")
    assert response.status_code == 429
    assert response.context["form"].errors == {
        "email": [
            "Trop de courriels ont été envoyés à cette adresse au cours de la dernière heure : "
            "réessayez dans une heure, ou indiquez une autre adresse."
        ]
    }
    assert len(mail.outbox) == 5
    other = register(client, workshop, name="Y", email="autre@example.org")
    assert other.status_code == 302


def test_later_mails_speak_the_language_the_person_registered_in(client, workshop):
    from datetime import timedelta

    from django.utils import timezone

    from entraide.workshops import services
    from entraide.workshops.models import Workshop

    client.cookies["django_language"] = "en"
    register(client, workshop, name="Sam", email="sam@example.org")
    assert mail.outbox[0].subject == "[Entraide] Confirm your registration"
    client.post(private_link(mail.outbox[0]))
    soon = timezone.now() + timedelta(hours=3)
    Workshop.objects.filter(pk=workshop.pk).update(
        starts_at=soon, ends_at=soon + timedelta(hours=1)
    )
    services.send_reminders()  # as cron runs it: no request, French by default
    assert mail.outbox[-1].subject == f"[Entraide] Tomorrow: {workshop.title}"
