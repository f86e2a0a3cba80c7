"""Mails about a poll: replies reach the place; organisers hear when it closes."""

import pytest
from django.core import mail

from entraide.polls import services
from entraide.polls.templatetags.polls import slot_when
from entraide.polls.tests.conftest import all_answers
from tests.factories import UserFactory
from tests.text import squeeze

pytestmark = pytest.mark.django_db


@pytest.fixture
def camille(place):
    """A second organiser of the place, who reads English."""
    user = UserFactory(email="camille@example.org", language="en")
    place.memberships.create(user=user)
    return user


def test_the_answer_mail_has_the_place_contact_as_reply_to(poll, place):
    place.contact_email = "sondages@laverriere.example.org"
    place.save()
    services.answer(
        poll, name="Léa", email="lea@example.org", choices=all_answers(poll, "oui", "non", "oui")
    )
    (message,) = mail.outbox
    assert message.reply_to == ["sondages@laverriere.example.org"]


def test_without_a_contact_address_the_answer_mail_has_no_reply_to(poll):
    services.answer(
        poll, name="Léa", email="lea@example.org", choices=all_answers(poll, "oui", "non", "oui")
    )
    (message,) = mail.outbox
    assert message.reply_to == []
    assert message.message()["Reply-To"] is None


def test_closing_a_poll_by_hand_tells_each_other_organiser_its_best_slots_once(poll, bob, camille):
    services.answer(poll, name="A", choices=all_answers(poll, "oui", "non", "si-besoin"))
    services.answer(poll, name="B", choices=all_answers(poll, "oui", "non", "non"))
    services.close(poll)  # closed by the site (no organiser named): every organiser is told
    assert [m.to for m in mail.outbox] == [["bob@example.org"], ["camille@example.org"]]
    french, english = mail.outbox
    assert french.subject == "[Entraide] Sondage clos : Dispos pour le deuxième atelier"
    assert english.subject == "[Entraide] Poll closed: Dispos pour le deuxième atelier"
    body = squeeze(french.body)
    assert "2 personnes ont répondu" in body
    first_slot = poll.slots.order_by("starts_at").first()
    assert f"- {slot_when(first_slot, poll)} (oui : 2, si besoin : 0)" in french.body
    assert f"/sondages/gerer/{poll.slug}/" in body
    assert "Vous recevez ce courriel parce que vous animez La Verrière." in body
    services.close(poll)  # closing again: nothing new
    assert len(mail.outbox) == 2


def test_the_organiser_who_closes_the_poll_is_not_told_what_she_did(client_for, poll, bob, camille):
    response = client_for(bob).post(f"/sondages/gerer/{poll.slug}/clore/")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["camille@example.org"]]


def test_fixing_a_slot_tells_the_other_organisers_and_the_answers_reply_to_the_place(
    poll, place, bob, camille, undated_workshop
):
    place.contact_email = "sondages@laverriere.example.org"
    place.save()
    services.answer(
        poll, name="Léa", email="lea@example.org", choices=all_answers(poll, "oui", "non", "oui")
    )
    mail.outbox.clear()
    slot = poll.slots.order_by("starts_at").first()
    services.fix_slot(poll, slot.pk, by=camille)
    assert [m.to for m in mail.outbox] == [["lea@example.org"], ["bob@example.org"]]
    to_lea, to_bob = mail.outbox
    assert to_lea.reply_to == ["sondages@laverriere.example.org"]
    assert to_bob.reply_to == []
    assert to_bob.subject == (
        "[Entraide] Date fixée pour le sondage « Dispos pour le deuxième atelier »"
    )
    body = squeeze(to_bob.body)
    assert "L’atelier « Atelier 2 » prend cette date" in body
    assert undated_workshop.get_absolute_url() in body
    assert "1 personne a répondu" in body


def test_a_closed_poll_that_gets_its_date_tells_the_organisers_twice_once_each(poll, camille):
    services.close(poll, by=camille)
    services.fix_slot(poll, poll.slots.order_by("starts_at").first().pk, by=camille)
    assert [m.subject for m in mail.outbox] == [
        "[Entraide] Sondage clos : Dispos pour le deuxième atelier",
        "[Entraide] Date fixée pour le sondage « Dispos pour le deuxième atelier »",
    ]
