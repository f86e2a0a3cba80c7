"""Closing a poll and fixing its date cannot be taken back: a page says what will happen and
who will be told (GET, which changes nothing), and its button does it (POST)."""

import html

import pytest
from django.core import mail

from entraide.core.errors import DomainError
from entraide.places.models import Membership
from entraide.polls import services
from entraide.polls.errors import PollErrorCode
from entraide.polls.models import Participant, Poll
from entraide.polls.templatetags.polls import slot_label
from entraide.polls.tests.conftest import all_answers
from entraide.workshops import services as workshop_services
from entraide.workshops.models import Registration, Workshop
from tests.factories import SeriesFactory, UserFactory, WorkshopFactory
from tests.text import squeeze

pytestmark = pytest.mark.django_db


def state():
    return (
        list(Poll.objects.order_by("pk").values_list("pk", "closed_at", "chosen_slot")),
        list(Workshop.objects.order_by("pk").values_list("pk", "status", "starts_at")),
        list(Participant.objects.order_by("pk").values_list("pk", "name")),
    )


def text(response):
    return squeeze(html.unescape(response.text))


def test_closing_a_poll_says_nobody_can_answer_after(client_for, bob, poll):
    services.answer(poll, name="Amina", choices=all_answers(poll, "oui", "non", "oui"))
    url = f"/sondages/gerer/{poll.slug}/clore/"
    client = client_for(bob)
    manage = client.get(f"/sondages/gerer/{poll.slug}/")
    assert f'href="{url}"' in manage.text
    assert f'action="{url}"' not in manage.text
    mail.outbox.clear()
    before = state()

    response = client.get(url)

    assert response.status_code == 200
    page = text(response)
    assert "Clore le sondage « Dispos pour le deuxième atelier » ?" in page
    assert "Plus personne ne peut répondre ni modifier sa réponse." in page
    assert "1 réponse reste visible, telle quelle." in page
    assert "C’est définitif : impossible de revenir en arrière." in page
    assert state() == before

    response = client.post(url)

    assert response["Location"] == f"/sondages/gerer/{poll.slug}/"
    poll.refresh_from_db()
    assert poll.is_closed()


def test_closing_and_fixing_name_the_other_organisers_who_are_told(client_for, bob, charlie, poll):
    Membership.objects.create(place=poll.place, user=charlie)
    client = client_for(bob)
    closing = text(client.get(f"/sondages/gerer/{poll.slug}/clore/"))
    assert (
        "1 autre personne qui anime La Verrière est prévenue par courriel, avec les "
        "meilleurs créneaux : Charlie." in closing
    )
    fixing = text(
        client.get(f"/sondages/gerer/{poll.slug}/fixer/", {"slot": poll.slots.first().pk})
    )
    assert "1 autre personne qui anime La Verrière est aussi prévenue par courriel : Charlie." in (
        fixing
    )


def test_a_closed_poll_s_page_sends_back_to_the_poll(client_for, bob, poll):
    services.close(poll)
    response = client_for(bob).get(f"/sondages/gerer/{poll.slug}/clore/")
    assert response["Location"] == f"/sondages/gerer/{poll.slug}/"


def test_someone_else_cannot_see_the_closing_page(client_for, alice, poll):
    assert client_for(alice).get(f"/sondages/gerer/{poll.slug}/clore/").status_code == 403


def test_fixing_a_date_shows_the_slot_the_workshop_and_exactly_who_is_told(client_for, bob, place):
    series = SeriesFactory(place=place, title="Vers un manifeste")
    first = WorkshopFactory(place=place, series=series, position=1)
    second = WorkshopFactory(place=place, series=series, position=2, title="Atelier 2",
                             starts_at=None, ends_at=None, status="brouillon")  # fmt: skip
    registered = UserFactory(email="inscrite@example.org", display_name="Inès")
    workshop_services.register(first, by=registered)
    poll = services.create_poll(
        place, by=bob, fields={"title": "Dispos", "workshop": second},
        slots=[(first.starts_at, first.ends_at), (first.ends_at, first.ends_at + first.duration)],
    )  # fmt: skip
    services.answer(poll, name="Amina", email="amina@example.org",
                    choices=all_answers(poll, "oui", "non"))  # fmt: skip
    services.answer(poll, name="Bastien", choices=all_answers(poll, "oui", "oui"))
    services.answer(poll, name="Inès B.", email="INSCRITE@example.org",
                    choices=all_answers(poll, "oui", "non"))  # fmt: skip
    slot = poll.slots.first()
    client = client_for(bob)
    manage = client.get(f"/sondages/gerer/{poll.slug}/")
    assert f'<form method="get" action="/sondages/gerer/{poll.slug}/fixer/"' in manage.text
    mail.outbox.clear()
    before = state()

    response = client.get(f"/sondages/gerer/{poll.slug}/fixer/", {"slot": slot.pk})

    assert response.status_code == 200
    page = text(response)
    assert "Fixer la date de « Dispos » ?" in page
    assert f"Créneau choisi : {slot_label(slot, poll.time_zone)}." in page
    assert "L’atelier « Atelier 2 » prend cette date et est publié." in page
    assert "2 personnes sont prévenues par courriel :" in page
    assert response.context["told"] == [
        ("Amina", "amina@example.org"),
        ("Inès B.", "inscrite@example.org"),
    ]
    assert "Amina (amina@example.org)" in page
    assert "Bastien" not in page
    assert "C’est définitif : impossible de revenir en arrière." in page
    assert f'<input type="hidden" name="slot" value="{slot.pk}">' in response.text
    assert state() == before
    assert mail.outbox == []

    response = client.post(f"/sondages/gerer/{poll.slug}/fixer/", {"slot": slot.pk})

    assert response["Location"] == f"/sondages/gerer/{poll.slug}/"
    second.refresh_from_db()
    assert (second.starts_at, second.status) == (slot.starts_at, "publie")
    assert sorted(m.to[0] for m in mail.outbox) == ["amina@example.org", "inscrite@example.org"]


def test_registrants_of_the_series_are_named_among_those_told(client_for, bob, place):
    series = SeriesFactory(place=place)
    first = WorkshopFactory(place=place, series=series, position=1)
    second = WorkshopFactory(place=place, series=series, position=2, starts_at=None,
                             ends_at=None)  # fmt: skip
    workshop_services.register(first, by=UserFactory(email="ines@example.org", display_name="Inès"))
    poll = services.create_poll(
        place, by=bob, fields={"title": "Dispos", "workshop": second},
        slots=[(first.starts_at, first.ends_at)],
    )  # fmt: skip
    response = client_for(bob).get(
        f"/sondages/gerer/{poll.slug}/fixer/", {"slot": poll.slots.get().pk}
    )
    assert "1 personne est prévenue par courriel :" in text(response)
    assert response.context["told"] == [("Inès", "ines@example.org")]
    assert Registration.objects.get().status == "confirmee"


def test_fixing_without_a_slot_asks_for_one_on_the_poll_page(client_for, bob, poll):
    before = state()
    response = client_for(bob).get(f"/sondages/gerer/{poll.slug}/fixer/")
    assert response.status_code == 400
    assert response.context["fix_form"].errors["slot"] == ["Ce champ est obligatoire."]
    assert state() == before


def test_a_fixed_poll_cannot_be_fixed_again(client_for, bob, poll):
    first, second, _third = poll.slots.all()
    services.fix_slot(poll, first.pk, by=bob)
    mail.outbox.clear()
    client = client_for(bob)
    url = f"/sondages/gerer/{poll.slug}/fixer/"
    for send in (client.get, client.post):
        response = send(url, {"slot": second.pk})
        assert response["Location"] == f"/sondages/gerer/{poll.slug}/"
        page = client.get(response["Location"])
        assert [str(m) for m in page.context["messages"]] == ["La date est déjà fixée."]
        assert [m.extra_tags for m in page.context["messages"]] == [PollErrorCode.DATE_FIXED]
    assert Poll.objects.get().chosen_slot == first
    assert mail.outbox == []
    with pytest.raises(DomainError) as refused:
        services.fix_slot(poll, second.pk, by=bob)
    assert refused.value.code == PollErrorCode.DATE_FIXED
