"""A web worker is killed in the middle of a burst of registrations, then of cancellations:
every change that committed is announced exactly as promised, and no seat is given twice."""

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.faults.conftest import FaultyApp, dumps, mails_by_person, promised
from tests.mailserver import smtp_server

pytestmark = pytest.mark.faults


def burst_with_a_kill(app, requests, *, kill_after=0.05):
    killed = []

    def killer():
        time.sleep(kill_after)
        killed.append(app.kill_a_web_worker())

    thread = threading.Thread(target=killer)
    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        thread.start()
        results = list(pool.map(lambda r: app.post_or_none(*r), requests))
    thread.join()
    return results, killed


def test_killing_a_web_worker_mid_burst_loses_no_mail_and_no_seat(vendor):
    with smtp_server() as (port, recorder), FaultyApp(vendor, smtp_port=port) as app:
        sessions = app.seed_workshop(capacity=15, people=60)["sessions"]
        app.start()
        register = "/ateliers/atelier/inscription/"

        results, killed = burst_with_a_kill(app, [(register, s, {}) for s in sessions[:50]])
        assert killed  # a worker died under the burst…
        assert set(results) <= {302, None}  # …some requests got no answer, none got a 500
        unanswered = [s for s, status in zip(sessions, results, strict=False) if status is None]
        for session in unanswered:  # as a person would, they try again
            app.wait_for(lambda: len(app.web_workers()) == 2)  # gunicorn replaced the worker
            assert app.post_or_none(register, session) == 302

        rows = app.state()["registrations"]
        confirmed = [r for r in rows if r["status"] == "confirmee"]
        by_email = {f"p{n}@example.org": s for n, s in enumerate(sessions)}
        cancels = [
            (f"/ateliers/mes-inscriptions/{r['pk']}/annuler/", by_email[r["user__email"]], {})
            for r in confirmed[:10]
        ]
        results, killed = burst_with_a_kill(app, cancels)
        unanswered_cancels = results.count(None)
        for request, status in zip(cancels, results, strict=True):
            if status is None:
                app.wait_for(lambda: len(app.web_workers()) == 2)
                assert app.post_or_none(*request) in {302, 404}  # 404: it had gone through

        state = app.state()
        rows = state["registrations"]
        counts = Counter(r["status"] for r in rows)
        assert counts == {"confirmee": 15, "en-attente": 25, "annulee": 10}, dumps(rows)
        assert (state["confirmed_count"], state["waiting_count"]) == (15, 25)

        app.drain_mail()

        received = mails_by_person(recorder)
        expected = {r["user__email"]: promised(r) for r in rows}
        assert received == expected  # each change announced once, in order, none missing
        queues = app.queues()
        assert queues["outbox"] == {"sent": len(recorder.messages)}
        assert (queues["unsent_payloads"], queues["sent_payloads"]) == (0, 0)
        assert set(queues["tasks"]) == {"SUCCESSFUL"}  # no task stuck
        print(
            f"\n[faults:{vendor}] a web worker killed in each burst: "
            f"{len(unanswered)} of 50 registrations and {unanswered_cancels} of 10 "
            f"cancellations unanswered and retried; {len(recorder.messages)} mails, as promised"
        )
