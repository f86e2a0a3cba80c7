"""Many people answer one poll at the same moment, each from their own network address: every
answer is recorded whole, none lost, no error."""

from collections import Counter

import pytest

from tests.concurrency.harness import App
from tests.concurrency.test_registrations import vendor  # noqa: F401 - the database fixture

pytestmark = pytest.mark.concurrency


def test_concurrent_answers_are_all_recorded(vendor):  # noqa: F811
    with App(vendor) as app:
        seeded = app.seed_poll(slots=5, participants=0)
        app.start()
        requests = [
            (
                f"/sondages/{seeded['slug']}/repondre/",
                None,
                {"name": f"Personne {n}", **{f"slot_{s}": "oui" for s in seeded["slots"]}},
                f"127.0.1.{n + 1}",
            )
            for n in range(40)
        ]
        results = app.post_all(requests)
        assert Counter(status for status, _seconds in results) == {302: 40}
        state = app.poll_state(seeded["slug"])
        assert state["participants"] == 40
        assert state["names"] == sorted(f"Personne {n}" for n in range(40))
        assert state["choices"] == 40 * 5
