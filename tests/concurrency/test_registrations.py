"""Real concurrent HTTP requests to gunicorn (2 worker processes × 4 threads) on the database
of this test run: a file SQLite database, or a fresh PostgreSQL database."""

from collections import Counter

import pytest
from django.conf import settings

from tests.concurrency.harness import App

pytestmark = pytest.mark.concurrency


@pytest.fixture(scope="module")
def vendor():
    engine = settings.DATABASES["default"]["ENGINE"]
    return "postgresql" if "postgresql" in engine else "sqlite"


def line_order(rows):
    waiting = [r for r in rows if r["status"] == "en-attente"]
    return [r["user__email"] for r in sorted(waiting, key=lambda r: (r["waiting_since"], r["pk"]))]


def test_concurrent_registrations_and_cancellations_keep_the_capacity_and_the_line(vendor):
    with App(vendor) as app:
        seeded = app.seed_workshop(capacity=15, people=60)
        sessions = seeded["sessions"]  # sessions[n] is p{n}@example.org
        app.start()

        results = app.post_all([("/ateliers/atelier/inscription/", s, {}) for s in sessions[:50]])

        assert Counter(status for status, _seconds in results) == {302: 50}  # none lost, no 500
        state = app.state()
        rows = state["registrations"]
        assert Counter(r["status"] for r in rows) == {"confirmee": 15, "en-attente": 35}
        assert (state["confirmed_count"], state["waiting_count"]) == (15, 35)
        first_in_line = line_order(rows)[:10]

        # Ten confirmed people cancel while ten newcomers register, all at once.
        leaving = [r for r in rows if r["status"] == "confirmee"][:10]
        by_email = {f"p{n}@example.org": s for n, s in enumerate(sessions)}
        cancels = [
            (f"/ateliers/mes-inscriptions/{r['pk']}/annuler/", by_email[r["user__email"]], {})
            for r in leaving
        ]
        newcomers = [("/ateliers/atelier/inscription/", s, {}) for s in sessions[50:60]]
        results = app.post_all([x for pair in zip(cancels, newcomers, strict=True) for x in pair])

        assert Counter(status for status, _seconds in results) == {302: 20}
        state = app.state()
        rows = state["registrations"]
        assert Counter(r["status"] for r in rows) == {
            "confirmee": 15,
            "en-attente": 35,
            "annulee": 10,
        }
        assert (state["confirmed_count"], state["waiting_count"]) == (15, 35)
        confirmed = {r["user__email"] for r in rows if r["status"] == "confirmee"}
        assert set(first_in_line) <= confirmed  # the seats went to the first in line
        newcomer_emails = {f"p{n}@example.org" for n in range(50, 60)}
        assert not (newcomer_emails & confirmed)  # nobody jumped the line
