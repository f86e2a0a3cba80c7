"""The mail side of things failing: a process killed between a change and its mail, the mail
worker killed while sending, a mail server that refuses connections, one that never answers.
In the end every committed change is announced and no mail or task is left stuck."""

import signal
import time

import pytest

from tests.faults.conftest import (
    CANCELLED,
    CONFIRMED,
    PROMOTED,
    WAITING,
    FaultyApp,
    mails_by_person,
)
from tests.mailserver import Recorder, free_port, silent_server, smtp_server

pytestmark = pytest.mark.faults
REGISTER = "/ateliers/atelier/inscription/"

CANCEL_THEN_DIE = """
import os
from entraide.workshops.models import Registration
from entraide.workshops.services import cancel

class KilledBeforeTheEnqueue:
    def enqueue(self, *args):
        os._exit(9)  # the process dies once the change has committed, before the task is queued

import entraide.core.mail
entraide.core.mail.deliver_outgoing_mail = KilledBeforeTheEnqueue()
registration = Registration.objects.get(user__email="p0@example.org")
cancel(registration.pk, user=registration.user)
"""


def test_a_process_killed_between_the_change_and_the_mail_still_announces_it(vendor):
    with smtp_server() as (port, recorder), FaultyApp(vendor, smtp_port=port) as app:
        sessions = app.seed_workshop(capacity=1, people=2)["sessions"]
        app.start()
        assert [app.post_or_none(REGISTER, s) for s in sessions] == [302, 302]
        app.drain_mail()

        with pytest.raises(RuntimeError):  # exit status 9, right after the commit
            app.manage("shell", "-c", CANCEL_THEN_DIE)
        rows = {r["user__email"]: r["status"] for r in app.state()["registrations"]}
        assert rows == {"p0@example.org": "annulee", "p1@example.org": "confirmee"}
        assert app.queues()["tasks"] == {"SUCCESSFUL": 2}  # no task was queued for the two mails

        app.manage("deliver_mail")  # what the clock runs every minute

        assert mails_by_person(recorder) == {
            "p0@example.org": [CONFIRMED, CANCELLED],
            "p1@example.org": [WAITING, PROMOTED],
        }
        assert app.queues()["outbox"] == {"sent": 4}


class SlowFirstDelivery(Recorder):
    """Takes 10 s to accept the first message, long enough to kill the worker under it."""

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        import asyncio

        if not self.messages and not getattr(self, "slowed", False):
            self.slowed = True
            await asyncio.sleep(10)
        return await super().handle_DATA(server, session, envelope)


def test_the_mail_worker_killed_while_sending_is_replaced_and_the_mail_still_leaves(vendor):
    recorder = SlowFirstDelivery()
    with smtp_server(handler=recorder) as (port, _), FaultyApp(vendor, smtp_port=port) as app:
        sessions = app.seed_workshop(capacity=15, people=3)["sessions"]
        app.start()
        for session in sessions:
            assert app.post_or_none(REGISTER, session) == 302

        worker = app.mail_worker()
        app.wait_for(lambda: app.queues()["outbox"].get("sending") == 1)
        worker.send_signal(signal.SIGKILL)  # killed in the middle of an SMTP conversation
        worker.wait()
        assert app.queues()["outbox"] == {"sending": 1, "queued": 2}

        time.sleep(3)  # ENTRAIDE_MAIL_LEASE_SECONDS: the dead worker's claim runs out
        replacement = app.mail_worker()  # what `entraide serve` or systemd does
        try:
            app.manage("deliver_mail")  # the clock's sweep takes the mail back
            app.wait_for(lambda: app.queues()["outbox"] == {"sent": 3})
        finally:
            replacement.terminate()
            replacement.wait()

        received = mails_by_person(recorder)
        assert sorted(received) == [f"p{n}@example.org" for n in range(3)]
        assert all(subjects == [CONFIRMED] for subjects in received.values())  # once each
        queues = app.queues()
        assert (queues["unsent_payloads"], queues["sent_payloads"]) == (0, 0)
        # Only the killed worker's own task row stays "running"; its mail left all the same,
        # and `prune_queues` deletes such rows once they are older than a day.
        assert queues["tasks"].get("RUNNING", 0) <= 1
        assert queues["due_tasks"] == 0


def test_mail_to_a_closed_port_waits_and_leaves_when_the_server_is_back(vendor):
    port = free_port()
    with FaultyApp(vendor, smtp_port=port) as app:
        sessions = app.seed_workshop(capacity=15, people=5)["sessions"]
        app.start()
        for session in sessions:
            assert app.post_or_none(REGISTER, session) == 302

        app.drain_mail()  # nothing listens: every attempt fails quickly
        queues = app.queues()
        assert queues["outbox"] == {"queued": 5}  # kept for later, none lost, none failed

        with smtp_server(port=port) as (_port, recorder):
            app.python(
                "import json; from entraide.core.models import OutgoingMail; "
                "from django.utils import timezone; "
                "print(json.dumps(OutgoingMail.objects.update(next_attempt_at=timezone.now())))"
            )  # a minute later, the first retry is due
            app.manage("deliver_mail")

        assert len(recorder.messages) == 5
        assert app.queues()["outbox"] == {"sent": 5}


def test_a_silent_mail_server_does_not_hold_the_worker(vendor):
    with silent_server() as silent_port, FaultyApp(vendor, smtp_port=silent_port) as app:
        sessions = app.seed_workshop(capacity=15, people=5)["sessions"]
        app.start()
        for session in sessions:
            assert app.post_or_none(REGISTER, session) == 302

        started = time.monotonic()
        app.manage("db_worker", "--batch", "--no-startup-delay", "--no-reload")
        worker_seconds = time.monotonic() - started
        queues = app.queues()

    # EMAIL_TIMEOUT is 2 s: one timeout, then the other mails wait for the sweep
    assert worker_seconds < 8, worker_seconds
    assert queues["outbox"] == {"queued": 5}
    assert queues["due_tasks"] == 0  # only the first mail's retry, deferred by a minute
    print(f"\n[faults:{vendor}] silent server: the worker was free after {worker_seconds:.1f} s")
