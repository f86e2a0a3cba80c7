"""The organisers' daily summary: what happened at their places since the last one, once a day,
only when something did, in their language; they can switch it off."""

from datetime import datetime, timedelta
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from entraide.places import digest
from entraide.places.models import PlaceStatus
from entraide.polls import services as polls
from entraide.workshops import services as workshops
from entraide.workshops.models import Registration, Workshop
from tests.factories import PlaceFactory, UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def paris(day, hour, minute=0):
    """A moment in March 2031, site time."""
    return datetime(2031, 3, day, hour, minute, tzinfo=ZoneInfo("Europe/Paris"))


class Clock:
    def __init__(self, moment):
        self.now = moment

    def to(self, moment):
        self.now = moment


@pytest.fixture
def clock(monkeypatch):
    """Time travel: every timezone.now() answers the clock's time."""
    clock = Clock(paris(10, 9))
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


@pytest.fixture
def bob_got_today_s(bob, clock):
    bob.digest_sent_at = paris(10, 7, 30)
    bob.save()
    return bob


def run():
    out = StringIO()
    call_command("send_organiser_digest", stdout=out)
    return out.getvalue()


def test_the_summary_tells_the_day_s_registrations_cancellations_and_answers_once(
    clock, place, bob_got_today_s, alice, charlie, mailoutbox
):
    workshop = WorkshopFactory(
        place=place, title="Fresque du numérique", capacity=2, starts_at=paris(20, 18)
    )
    poll = polls.create_poll(
        place,
        by=bob_got_today_s,
        fields={"title": "Dispos d’avril"},
        slots=[(paris(25, 11), paris(25, 12))],
    )
    clock.to(paris(10, 14))
    workshops.register(workshop, by=alice)
    workshops.register(workshop, by=charlie)
    workshops.withdraw(Registration.objects.get(user=charlie).pk)
    (slot,) = poll.slots.all()
    polls.answer(poll, name="Léa", choices={slot.pk: "oui"})
    polls.answer(poll, name="Sam", choices={slot.pk: "non"})
    mailoutbox.clear()

    clock.to(paris(11, 7, 5))
    assert run() == "1 daily summary(ies) queued\n"
    (message,) = mailoutbox
    assert message.to == ["bob@example.org"]
    assert message.subject == "[Entraide] Votre résumé du jour : La Verrière"
    assert message.body == (
        "Bonjour,\n\n"
        "Ce qui s’est passé dans les lieux que vous animez depuis lundi 10 mars, 07:30 :\n\n"
        "La Verrière\n"
        "- « Fresque du numérique » (jeu 20 mars 2031, 18:00) : 2 nouvelles inscriptions, "
        "1 annulation, 1 place libre sur 2\n"
        "- Sondage « Dispos d’avril » : 2 nouvelles réponses (2 en tout)\n"
        f"http://127.0.0.1:8000/lieux/gerer/{place.slug}/\n\n"
        "Ce résumé arrive au plus une fois par jour, seulement quand il s’est passé quelque "
        "chose. Pour ne plus le recevoir :\n"
        "http://127.0.0.1:8000/compte/resume-quotidien/\n"
    )
    assert message.reply_to == []

    clock.to(paris(11, 19))  # run again the same day: nothing more
    assert run() == "0 daily summary(ies) queued\n"
    clock.to(paris(12, 7, 10))  # the next day, nothing happened: no mail
    assert run() == "0 daily summary(ies) queued\n"
    assert len(mailoutbox) == 1
    bob_got_today_s.refresh_from_db()
    assert bob_got_today_s.digest_sent_at == paris(12, 7, 10)


def test_before_seven_the_day_s_summary_waits(clock, place, bob_got_today_s, alice, mailoutbox):
    workshop = WorkshopFactory(place=place, starts_at=paris(20, 18))
    clock.to(paris(10, 22))
    workshops.register(workshop, by=alice)
    mailoutbox.clear()
    clock.to(paris(11, 6, 59))
    assert run() == "0 daily summary(ies) queued\n"
    clock.to(paris(11, 7))
    assert run() == "1 daily summary(ies) queued\n"
    assert [m.to for m in mailoutbox] == [["bob@example.org"]]


def test_a_first_summary_tells_the_last_day(clock, place, bob, alice, mailoutbox):
    workshop = WorkshopFactory(place=place, title="Ancien", starts_at=paris(20, 18))
    clock.to(paris(9, 12))
    workshops.register(workshop, by=alice)  # more than a day before the first summary
    recent = WorkshopFactory(place=place, title="Récent", starts_at=paris(21, 18))
    clock.to(paris(10, 12))
    workshops.register(recent, by=alice)
    mailoutbox.clear()
    clock.to(paris(10, 18))
    run()
    (message,) = mailoutbox
    assert "« Récent »" in message.body
    assert "« Ancien »" not in message.body


def test_each_organiser_reads_it_in_their_language_for_each_place_they_run(
    clock, place, bob_got_today_s, alice, mailoutbox
):
    camille = UserFactory(email="camille@example.org", language="en", digest_sent_at=None)
    place.memberships.create(user=camille)
    other = PlaceFactory(name="Atelier Soleil", organisers=[camille])
    WorkshopFactory(place=place, title="Fresque", starts_at=paris(20, 18))
    WorkshopFactory(place=other, title="Réparer", starts_at=paris(21, 18))
    clock.to(paris(10, 12))
    for workshop in Workshop.objects.all():
        workshops.register(workshop, by=alice)
    mailoutbox.clear()
    clock.to(paris(11, 8))
    run()
    assert sorted(m.to[0] for m in mailoutbox) == ["bob@example.org", "camille@example.org"]
    english = next(m for m in mailoutbox if m.to == ["camille@example.org"])
    assert english.subject == "[Entraide] The daily summary of your places"
    body = english.body
    assert body.index("Atelier Soleil\n") < body.index("La Verrière\n")
    assert (
        "- “Réparer” (Fri 21 March 2031, 18:00): 1 new registration, 14 seats free of 15"
    ) in body
    bob_mail = next(m for m in mailoutbox if m.to == ["bob@example.org"])
    assert "Réparer" not in bob_mail.body  # not a place bob runs


def test_nobody_who_switched_it_off_or_left_receives_it(
    clock, place, bob_got_today_s, alice, mailoutbox
):
    bob_got_today_s.receives_digest = False
    bob_got_today_s.save()
    gone = UserFactory(is_active=False)
    place.memberships.create(user=gone)
    proposer = UserFactory()
    PlaceFactory(status=PlaceStatus.PROPOSED, proposed_by=proposer, organisers=[proposer])
    workshop = WorkshopFactory(place=place, starts_at=paris(20, 18))
    clock.to(paris(10, 12))
    workshops.register(workshop, by=alice)
    mailoutbox.clear()
    clock.to(paris(11, 8))
    assert run() == "0 daily summary(ies) queued\n"
    assert mailoutbox == []


def test_a_waiting_list_while_seats_are_free_is_pointed_out(
    clock, place, bob_got_today_s, mailoutbox
):
    workshop = WorkshopFactory(place=place, title="Fresque", capacity=3, starts_at=paris(20, 18))
    Workshop.objects.filter(pk=workshop.pk).update(confirmed_count=1, waiting_count=2)
    clock.to(paris(11, 8))
    run()
    (message,) = mailoutbox
    assert (
        "- « Fresque » (jeu 20 mars 2031, 18:00) : 2 places libres sur 3, 2 en attente. "
        "Des places sont libres alors que des personnes attendent : "
        "vérifiez la liste des participant·es."
    ) in message.body


def test_two_runs_at_once_send_one_summary(clock, place, bob_got_today_s, alice, mailoutbox):
    workshop = WorkshopFactory(place=place, starts_at=paris(20, 18))
    clock.to(paris(10, 12))
    workshops.register(workshop, by=alice)
    mailoutbox.clear()
    clock.to(paris(11, 8))
    slot = digest.current_slot(clock.now)
    # Both runs listed bob as due; the first claims him, the second's claim matches no row.
    assert digest._send_one(bob_got_today_s.pk, now=clock.now, slot=slot) == 1
    assert digest._send_one(bob_got_today_s.pk, now=clock.now, slot=slot) == 0
    assert len(mailoutbox) == 1


def test_one_broken_summary_does_not_keep_the_others_from_theirs(
    clock, place, bob_got_today_s, alice, charlie, mailoutbox, monkeypatch
):
    other = PlaceFactory(name="Atelier Soleil", organisers=[charlie])
    charlie.digest_sent_at = paris(10, 7, 30)
    charlie.save()
    clock.to(paris(10, 12))
    for target in (place, other):
        workshops.register(WorkshopFactory(place=target, starts_at=paris(20, 18)), by=alice)
    mailoutbox.clear()

    def broken(place, since, until):
        if place.name == "La Verrière":
            raise RuntimeError("a broken source")
        return []

    monkeypatch.setattr(digest, "_sources", [broken, *digest.digest_sources()])
    clock.to(paris(11, 8))
    assert run() == "1 daily summary(ies) queued\n"
    assert [m.to for m in mailoutbox] == [["charlie@example.org"]]
    bob_got_today_s.refresh_from_db()
    assert bob_got_today_s.digest_sent_at == paris(10, 7, 30)  # rolled back: tried again later


def test_capabilities_bring_their_lines_through_the_places_list_of_sources():
    import ast

    from entraide.polls.digest import digest_lines as poll_lines
    from entraide.workshops.digest import digest_lines as workshop_lines

    assert digest.digest_sources() == [workshop_lines, poll_lines]
    tree = ast.parse(Path(digest.__file__).read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert not {m for m in imported if m.startswith(("entraide.workshops", "entraide.polls"))}


def test_the_clock_runs_the_summary_every_hour():
    assert settings.ENTRAIDE_PERIODIC["send_organiser_digest"] == 3600


def test_the_summary_can_be_switched_off_and_on_from_the_account(client_for, bob, clock):
    client = client_for(bob)
    page = client.get("/compte/resume-quotidien/")
    assert page.status_code == 200
    assert (
        '<input type="checkbox" name="receives_digest" id="id_receives_digest" checked>'
        in page.text
    )
    assert '<label for="id_receives_digest">Recevoir le résumé quotidien</label>' in page.text
    response = client.post("/compte/resume-quotidien/", {})
    assert response.status_code == 302
    assert response.url == "/compte/resume-quotidien/"
    assert "Votre choix est enregistré." in client.get(response.url).text
    bob.refresh_from_db()
    assert bob.receives_digest is False
    clock.to(paris(12, 9))
    client.post("/compte/resume-quotidien/", {"receives_digest": "on"})
    bob.refresh_from_db()
    assert (bob.receives_digest, bob.digest_sent_at) == (True, paris(12, 9))


def test_the_summary_page_needs_an_account(client):
    response = client.get("/compte/resume-quotidien/")
    assert response.status_code == 302
    assert response.url == "/compte/connexion/?next=/compte/resume-quotidien/"


def test_the_window_of_a_summary_after_a_long_pause_is_a_week(clock, place, bob, monkeypatch):
    bob.digest_sent_at = paris(10, 7, 30) - timedelta(days=60)
    bob.save()
    seen = []
    original = digest.lines_for

    def spy(place, since, until):
        seen.append((since, until))
        return original(place, since, until)

    monkeypatch.setattr(digest, "lines_for", spy)
    clock.to(paris(11, 8))
    digest.send_organiser_digests()
    assert seen == [(paris(4, 8), paris(11, 8))]
