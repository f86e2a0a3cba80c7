"""Each mail of a poll speaks its reader's language: the one a person answered in, the one a
series' registrant registered in, each organiser's own; replies to the people's mails reach the
place. Each mail is written with the change it announces, and vanishes if the change fails."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation

from entraide.core.models import OutgoingMail
from entraide.polls import services
from entraide.polls.models import Participant
from entraide.polls.tests.conftest import all_answers, slot_times
from entraide.workshops import services as workshop_services
from tests.factories import SeriesFactory, UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db
CONTACT = "sondages@laverriere.example.org"
TITLE = "Dispos pour le deuxième atelier"


def answer_data(poll, name, email, *values):
    data = {"name": name, "email": email}
    for slot, value in zip(poll.slots.all(), values, strict=True):
        data[f"slot_{slot.pk}"] = value
    return data


def answer_in(language, poll, name, email, by=None):
    """Answer as from a page in `language`."""
    with translation.override(language):
        return services.answer(
            poll, name=name, email=email, choices=all_answers(poll, "oui", "non", "oui"), by=by
        )


@pytest.fixture
def contact(place):
    place.contact_email = CONTACT
    place.save()
    return CONTACT


def test_an_answer_given_on_the_english_page_is_kept_in_english_and_so_is_its_mail(
    client, poll, contact
):
    client.cookies["django_language"] = "en"
    response = client.post(
        f"/sondages/{poll.slug}/repondre/",
        answer_data(poll, "Sam", "sam@example.org", "oui", "non", "oui"),
    )
    assert response.status_code == 302
    assert Participant.objects.get().language == "en"
    (message,) = mail.outbox
    assert message.subject == f"[Entraide] Your availability: {TITLE}"
    assert message.body.startswith("Hello,")
    assert message.reply_to == [CONTACT]


def test_an_account_s_answer_speaks_the_account_s_language_whatever_the_page(poll, contact):
    robin = UserFactory(email="robin@example.org", language="en")
    participant = answer_in("fr", poll, "Robin", "robin@example.org", by=robin)
    assert participant.language == "en"
    assert mail.outbox[0].subject == f"[Entraide] Your availability: {TITLE}"


def test_an_answer_on_the_french_page_gets_its_link_in_french(poll, contact):
    answer_in("fr", poll, "Léa", "lea@example.org")
    (message,) = mail.outbox
    assert message.subject == f"[Entraide] Vos disponibilités\u00a0: {TITLE}"
    assert message.reply_to == [CONTACT]


def test_the_fixed_date_reaches_each_person_in_their_language_and_each_organiser_in_theirs(
    place, bob, contact
):
    series = SeriesFactory(place=place)
    first = WorkshopFactory(place=place, series=series, position=1, title="Atelier 1")
    second = WorkshopFactory(place=place, series=series, position=2, title="Atelier 2",
                             starts_at=None, ends_at=None, status="brouillon")  # fmt: skip
    workshop_services.register(first, by=UserFactory(email="kim@example.org", language="en"))
    camille = UserFactory(email="camille@example.org", language="en")
    place.memberships.create(user=camille)
    poll = services.create_poll(
        place, by=bob, fields={"title": TITLE, "workshop": second}, slots=slot_times(3)
    )
    answer_in("en", poll, "Sam", "sam@example.org")
    answer_in("fr", poll, "Léa", "lea@example.org")
    mail.outbox.clear()

    services.fix_slot(poll, poll.slots.order_by("starts_at").first().pk, by=bob)

    got = {message.to[0]: message for message in mail.outbox}
    assert sorted(got) == [
        "camille@example.org",  # the other organiser (bob fixed it)
        "kim@example.org",  # registered for the series, in English
        "lea@example.org",  # answered in French
        "sam@example.org",  # answered in English
    ]
    assert got["sam@example.org"].subject == "[Entraide] Date fixed: Atelier 2"
    assert "You are not registered for this workshop yet" in got["sam@example.org"].body
    assert got["kim@example.org"].subject == "[Entraide] Date fixed: Atelier 2"
    assert "Registration is open here:" in got["kim@example.org"].body
    assert got["lea@example.org"].subject == "[Entraide] Date fixée\u00a0: Atelier 2"
    assert got["camille@example.org"].subject == f"[Entraide] Date fixed for the poll “{TITLE}”"
    for person in ("sam@example.org", "kim@example.org", "lea@example.org"):
        assert got[person].reply_to == [CONTACT]
    assert got["camille@example.org"].reply_to == []  # among the place's people


@pytest.fixture
def outbox(settings):
    """Mail goes to the outbox, as in production, instead of Django's test list."""
    settings.EMAIL_BACKEND = "entraide.core.mail.QueuedEmailBackend"
    return OutgoingMail.objects


def fails_after(change):
    """Run `change` in a transaction that then fails; returns the mails it had queued."""
    queued = []

    def change_then_fail():
        with transaction.atomic():
            change()
            queued.append([mail.payload["to"] for mail in OutgoingMail.objects.order_by("pk")])
            raise RuntimeError("the request failed after the change")

    with pytest.raises(RuntimeError):
        change_then_fail()
    return queued[0]


def test_an_answer_rolled_back_leaves_no_mail_in_the_outbox(outbox, poll):
    queued = fails_after(lambda: answer_in("fr", poll, "Léa", "lea@example.org"))
    assert queued == [["lea@example.org"]]  # written with the answer…
    assert (Participant.objects.count(), outbox.count()) == (0, 0)  # …and gone with it


def test_a_fixed_date_rolled_back_leaves_no_mail_in_the_outbox(outbox, poll, bob):
    camille = UserFactory(email="camille@example.org")
    poll.place.memberships.create(user=camille)
    answer_in("fr", poll, "Léa", "lea@example.org")
    outbox.all().delete()
    slot = poll.slots.order_by("starts_at").first()
    queued = fails_after(lambda: services.fix_slot(poll, slot.pk, by=bob))
    assert queued == [["lea@example.org"], ["camille@example.org"]]
    assert outbox.count() == 0
    poll.refresh_from_db()
    assert poll.chosen_slot_id is None


def test_answers_given_before_the_language_was_kept_take_their_account_s(poll):
    from importlib import import_module

    from django.apps import apps

    robin = UserFactory(email="robin@example.org", language="en")
    with_account = answer_in("fr", poll, "Robin", "robin@example.org", by=robin)
    without = answer_in("en", poll, "Sam", "sam@example.org")
    Participant.objects.update(language="fr")  # as the migration's new field left them

    migration = import_module("entraide.polls.migrations.0002_participant_language")
    migration.answers_with_an_account_speak_its_language(apps, None)

    with_account.refresh_from_db()
    without.refresh_from_db()
    assert (with_account.language, without.language) == ("en", "fr")
