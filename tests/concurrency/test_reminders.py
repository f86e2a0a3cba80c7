"""The reminder command, called by cron, never sends the same reminder twice, even when two
copies of it run at the same moment (separate processes, same database)."""

import pytest

from tests.concurrency.harness import App
from tests.concurrency.test_registrations import vendor  # noqa: F401 - the database fixture

pytestmark = pytest.mark.concurrency


def test_two_reminder_runs_at_once_send_each_reminder_once(vendor):  # noqa: F811
    with App(vendor) as app:
        seeded = app.seed_workshop(capacity=40, people=40, starts_in_hours=20)
        app.start()
        app.post_all([("/ateliers/atelier/inscription/", s, {}) for s in seeded["sessions"]])
        before = app.queued_mails()
        assert len(before) == 40  # the confirmations

        app.run_at_once(["send_reminders"], ["send_reminders"], ["send_reminders"])
        app.run_at_once(["send_reminders"])  # and a later run finds nothing left to send

        reminders = [s for s in app.queued_mails() if s.startswith("[Entraide] Demain")]
        assert len(reminders) == 40
