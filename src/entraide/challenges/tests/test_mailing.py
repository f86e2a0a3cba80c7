"""Reminders at each participant's hour, once a day, with the check-in link and a one-click
stop; the summary once a challenge is over; the organisers' message to everyone taking part."""

import zoneinfo
from datetime import datetime, time, timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from entraide.challenges import services
from entraide.challenges.errors import ChallengeErrorCode
from entraide.challenges.tests.conftest import joined
from entraide.core.errors import DomainError

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def at(challenge, hour, days=0):
    return datetime.combine(challenge.today() + timedelta(days=days), time(hour, 5), PARIS)


def test_a_reminder_leaves_once_a_day_from_the_hour_chosen(challenge):
    lea = joined(challenge, 0, reminder_hour=20)
    joined(challenge, 1)  # no reminder asked
    mail.outbox.clear()

    assert services.send_reminders(at(challenge, 19)) == 0
    assert services.send_reminders(at(challenge, 20)) == 1
    assert services.send_reminders(at(challenge, 21)) == 0
    assert services.send_reminders(at(challenge, 20, days=1)) == 1

    first = mail.outbox[0]
    assert first.to == [lea.email]
    assert settings.ENTRAIDE_SITE_URL + lea.private_url() in first.body
    assert settings.ENTRAIDE_SITE_URL + lea.stop_reminders_url() in first.body


def test_no_reminder_for_a_day_already_checked_in_nor_after_stopping(challenge):
    lea = joined(challenge, 0, reminder_hour=8)
    services.check_in(lea, challenge.today(), {lea.pledges.first(): "tenu"})
    assert services.send_reminders(at(challenge, 9)) == 0

    services.stop_reminders(lea)
    assert services.send_reminders(at(challenge, 9, days=1)) == 0


def test_no_reminder_before_the_first_day_or_after_the_last(place, bob):
    from entraide.challenges.tests.conftest import build_challenge

    future = services.publish(build_challenge(place, bob, started_days_ago=-2))
    joined(future, 0, reminder_hour=8)
    assert services.send_reminders(at(future, 9)) == 0
    assert services.send_reminders(at(future, 9, days=2)) == 1
    assert services.send_reminders(at(future, 9, days=12)) == 0


def test_the_periodic_command_queues_the_reminders(challenge):
    joined(challenge, 0, reminder_hour=0)
    mail.outbox.clear()

    call_command("send_challenge_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert len(mail.outbox) == 1


def test_the_summary_leaves_once_when_the_challenge_is_over(challenge):
    lea = joined(challenge, 0)
    first, second = lea.pledges.all()
    services.check_in(lea, challenge.starts_on, {first: "tenu", second: "a-moitie"})
    services.check_in(lea, challenge.starts_on + timedelta(days=1), {first: "tenu"})
    mail.outbox.clear()
    after_the_end = datetime.combine(challenge.ends_on + timedelta(days=1), time(9), PARIS)

    assert services.send_summaries(at(challenge, 9)) == 0
    assert services.send_summaries(after_the_end) == 1
    assert services.send_summaries(after_the_end) == 0
    [message] = mail.outbox
    assert message.to == [lea.email]
    assert "2 jours" in message.body
    assert "2,5 engagements-jours" in message.body


def test_organisers_write_to_everyone_taking_part(challenge):
    joined(challenge, 0)
    services.leave(joined(challenge, 1))
    mail.outbox.clear()

    assert services.write_to_all(challenge, subject="Atelier jeudi", body="Venez !") == 1
    [message] = mail.outbox
    assert (message.to, message.subject.endswith("Atelier jeudi")) == (
        ["personne0@example.org"],
        True,
    )
    with pytest.raises(DomainError) as refused:
        services.write_to_all(challenge, subject="", body="x")
    assert (refused.value.code, refused.value.field) == (ChallengeErrorCode.EMPTY, "subject")


def test_the_summary_tells_what_the_group_did_and_what_comes_next_at_the_place(challenge):
    from entraide.workshops.models import Mode, Theme, Workshop
    from entraide.workshops.models import Status as WorkshopStatus

    lea, malik = joined(challenge, 0), joined(challenge, 1)
    services.check_in(lea, challenge.starts_on, dict.fromkeys(lea.pledges.all(), "tenu"))
    services.check_in(malik, challenge.starts_on, {malik.pledges.first(): "a-moitie"})
    after_the_end = datetime.combine(challenge.ends_on + timedelta(days=1), time(9), PARIS)
    starts = after_the_end + timedelta(days=6)
    workshop = Workshop.objects.create(
        place=challenge.place, slug="fresque", title="Fresque du numérique",
        theme=Theme.RESPONSIBLE_DIGITAL, mode=Mode.IN_PERSON, address="Grande salle",
        starts_at=starts, ends_at=starts + timedelta(hours=3), capacity=12,
        status=WorkshopStatus.PUBLISHED,
    )  # fmt: skip
    mail.outbox.clear()

    services.send_summaries(after_the_end)

    message = next(m for m in mail.outbox if m.to == [lea.email])
    assert "Ensemble, 2 personnes ont tenu 2,5 engagements-jours" in message.body
    assert f"{challenge.testimonies_url()}" in message.body
    assert "Fresque du numérique" in message.body
    assert workshop.get_absolute_url() in message.body
