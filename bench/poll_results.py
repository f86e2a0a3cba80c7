"""A poll with 300 participants and 40 slots: SQL queries of its results page (equal to those
with 3 participants), p50 render time, transferred size, DOM count and EcoIndex (budget for
this page: 60 KB); then 200 answers at once to one poll through gunicorn (2 workers × 4
threads), each from its own loopback address: all recorded, none lost, no error.

    .venv/bin/python bench/poll_results.py [--databases sqlite postgresql]
"""

import argparse
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]
from tests.concurrency.harness import App, postgres_available  # noqa: E402

PAGEAUDIT = ROOT.parent / "shared" / "tools" / "pageaudit"
parser = argparse.ArgumentParser()
parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
parser.add_argument("--answers", type=int, default=200)
args = parser.parse_args()

QUERIES = """
import json, statistics, sys, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST="127.0.0.1")
url = json.loads(sys.stdin.read())["url"]
client.get(url)
with CaptureQueriesContext(connection) as captured:
    response = client.get(url)
    queries = len(captured)
times = []
for _ in range(30):
    started = time.perf_counter()
    client.get(url)
    times.append(time.perf_counter() - started)
print(json.dumps({"status": response.status_code, "queries": queries,
                  "bytes": len(response.content), "p50": statistics.median(times) * 1000}))
"""


def page_figures(participants):
    with App("sqlite") as app:
        seeded = app.seed_poll(slots=40, participants=participants)
        url = f"/sondages/{seeded['slug']}/"
        figures = app.python(QUERIES, f'{{"url": "{url}"}}')
        audit = None
        if PAGEAUDIT.exists():
            app.start()
            out = subprocess.run(
                [sys.executable, str(PAGEAUDIT), app.base + url],
                capture_output=True, text=True, check=False,
            ).stdout  # fmt: skip
            audit = out.strip().splitlines()[-1] if out.strip() else None
        return figures, audit


small, _ = page_figures(3)
large, audit = page_figures(300)
print("results page of a poll with 40 slots (SQLite, in-process render)")
print(f"{'participants':>12} {'queries':>8} {'HTML bytes':>11} {'p50 ms':>8}")
for count, figures in ((3, small), (300, large)):
    print(f"{count:>12} {figures['queries']:>8} {figures['bytes']:>11} {figures['p50']:8.1f}")
print("queries equal" if small["queries"] == large["queries"] else "queries NOT EQUAL")
print(f"pageaudit, 300 participants × 40 slots: {audit or 'pageaudit not found'}")

failed = small["queries"] != large["queries"] or large["bytes"] > 60_000
for vendor in args.databases:
    if vendor == "postgresql" and not postgres_available():
        print("postgresql: no server, skipped")
        failed = True
        continue
    with App(vendor) as app:
        seeded = app.seed_poll(slots=10, participants=0)
        app.start()
        requests = [
            (
                f"/sondages/{seeded['slug']}/repondre/",
                None,
                {"name": f"Personne {n}", **{f"slot_{s}": "oui" for s in seeded["slots"]}},
                f"127.0.{1 + n // 250}.{1 + n % 250}",
            )
            for n in range(args.answers)
        ]
        started = time.perf_counter()
        results = app.post_all(requests)
        wall = time.perf_counter() - started
        state = app.poll_state(seeded["slug"])
        latencies = sorted(seconds for _status, seconds in results)
        errors = sum(1 for status, _s in results if status != 302)
        ok = state["participants"] == args.answers and state["choices"] == args.answers * 10
        print(
            f"{vendor}: {args.answers} answers at once: recorded {state['participants']}, "
            f"choices {state['choices']}, errors {errors}, "
            f"statuses {dict(Counter(s for s, _ in results))}, "
            f"wall {wall:.2f} s, {len(results) / wall:.0f} req/s, "
            f"p50 {statistics.median(latencies) * 1000:.0f} ms, "
            f"p99 {latencies[int(len(latencies) * 0.99) - 1] * 1000:.0f} ms — "
            f"{'all recorded' if ok and not errors else 'LOST OR FAILED'}"
        )
        failed = failed or not ok or errors
raise SystemExit(1 if failed else 0)
