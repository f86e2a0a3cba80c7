"""200 signed-in people register at once for a 15-seat workshop, through gunicorn (2 worker
processes, 4 threads each) on SQLite (file, WAL) and on PostgreSQL; then 50 confirmed people
cancel while 50 newcomers register, all at once. (Without an account, request then confirm by
the mailed link: bench/rush.py.) Prints confirmed / waitlisted / errors, wall time,
requests per second and p99, and checks the invariants.

    .venv/bin/python bench/workshop_registrations.py [--people 200] [--databases sqlite postgresql]
"""

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path[:0] = [
    str(Path(__file__).resolve().parents[1]),
    str(Path(__file__).resolve().parents[1] / "src"),
]
from _setup import burst_figures  # noqa: E402

from tests.concurrency.harness import App, postgres_available  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--people", type=int, default=200)
parser.add_argument("--capacity", type=int, default=15)
parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
args = parser.parse_args()


def burst(app, requests):
    started = time.perf_counter()
    results = app.post_all(requests)
    wall = time.perf_counter() - started
    return burst_figures([(status == 302, seconds) for status, seconds in results], wall)


def line(label, figures, state):
    counts = Counter(r["status"] for r in state["registrations"])
    print(
        f"  {label:34} confirmed {counts['confirmee']:4}  waitlisted {counts['en-attente']:4}  "
        f"cancelled {counts['annulee']:3}  errors {figures['errors']:3}  "
        f"wall {figures['wall']:6.2f} s  {figures['rps']:6.1f} req/s  "
        f"p50 {figures['p50'] * 1000:6.0f} ms  p99 {figures['p99'] * 1000:6.0f} ms"
    )
    return counts


failed = False
for vendor in args.databases:
    if vendor == "postgresql" and not postgres_available():
        print("postgresql: no server, skipped")
        failed = True
        continue
    with App(vendor) as app:
        seeded = app.seed_workshop(capacity=args.capacity, people=args.people + 50)
        sessions = seeded["sessions"]
        app.start()
        print(f"{vendor}: gunicorn 2 workers × 4 threads, {args.people} concurrent clients")
        figures = burst(
            app, [("/ateliers/atelier/inscription/", s, {}) for s in sessions[: args.people]]
        )
        state = app.state()
        counts = line(f"{args.people} registrations at once", figures, state)
        ok = (
            counts["confirmee"] == args.capacity == state["confirmed_count"]
            and counts["en-attente"] == args.people - args.capacity == state["waiting_count"]
            and figures["errors"] == 0
        )
        confirmed = [r for r in state["registrations"] if r["status"] == "confirmee"]
        waiting = sorted(
            (r for r in state["registrations"] if r["status"] == "en-attente"),
            key=lambda r: (r["waiting_since"], r["pk"]),
        )
        # 50 leave: every confirmed person, and the rest from the end of the line.
        leaving = confirmed + waiting[len(waiting) - (50 - len(confirmed)) :]
        by_email = {f"p{n}@example.org": s for n, s in enumerate(sessions)}
        cancels = [
            (f"/ateliers/mes-inscriptions/{r['pk']}/annuler/", by_email[r["user__email"]], {})
            for r in leaving
        ]
        newcomers = [("/ateliers/atelier/inscription/", s, {}) for s in sessions[args.people :]]
        mixed = [x for pair in zip(cancels, newcomers, strict=False) for x in pair]
        mixed += cancels[len(newcomers) :] + newcomers[len(cancels) :]
        figures = burst(app, mixed)
        state = app.state()
        counts = line(f"{len(cancels)} cancel + {len(newcomers)} register", figures, state)
        promoted = {r["user__email"] for r in waiting[: len(confirmed)]}
        now_confirmed = {
            r["user__email"] for r in state["registrations"] if r["status"] == "confirmee"
        }
        ok = ok and (
            counts["confirmee"] == args.capacity == state["confirmed_count"]
            and counts["en-attente"]
            == state["waiting_count"]
            == args.people - len(cancels) + len(newcomers) - args.capacity
            and promoted <= now_confirmed
            and figures["errors"] == 0
        )
        print(
            f"  invariants (capacity, counts, line order, no error): {'hold' if ok else 'BROKEN'}"
        )
        failed = failed or not ok
raise SystemExit(1 if failed else 0)
