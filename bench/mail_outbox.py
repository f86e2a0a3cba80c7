"""The outbox under load: 300 people register at once through gunicorn (each registration
writes its mail in the same transaction), then one mail worker delivers everything to a real
SMTP server on the loopback. Prints the registration burst's figures, the worker's mails per
second, and what is left in the queues (nothing should be).

    .venv/bin/python bench/mail_outbox.py [--people 300] [--databases sqlite postgresql]
"""

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path[:0] = [
    str(Path(__file__).resolve().parents[1]),
    str(Path(__file__).resolve().parents[1] / "src"),
]
from tests.concurrency.harness import postgres_available  # noqa: E402
from tests.faults.conftest import FaultyApp  # noqa: E402
from tests.mailserver import smtp_server  # noqa: E402

parser = argparse.ArgumentParser()
parser.add_argument("--people", type=int, default=300)
parser.add_argument("--databases", nargs="+", default=["sqlite", "postgresql"])
args = parser.parse_args()

print(f"{args.people} registrations at once, then one worker delivers their mails by SMTP")
print("| database | registrations | errors | burst req/s | p99 | mails | worker mails/s | left |")
print("|---|---|---|---|---|---|---|---|")
for vendor in args.databases:
    if vendor == "postgresql" and not postgres_available():
        print(f"| {vendor} | PostgreSQL not reachable |")
        continue
    with smtp_server() as (port, recorder), FaultyApp(vendor, smtp_port=port) as app:
        sessions = app.seed_workshop(capacity=15, people=args.people)["sessions"]
        app.start()
        started = time.perf_counter()
        results = app.post_all([("/ateliers/atelier/inscription/", s, {}) for s in sessions])
        wall = time.perf_counter() - started
        errors = sum(1 for status, _ in results if status != 302)
        p99 = statistics.quantiles([s for _, s in results], n=100)[98]

        started = time.perf_counter()
        worker = subprocess.Popen(
            [sys.executable, "-m", "entraide", "db_worker", "--no-reload", "--interval", "0.1"],
            env=app.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            app.wait_for(lambda: len(recorder.messages) >= args.people, timeout=600)
            delivery = time.perf_counter() - started
        finally:
            worker.terminate()
            worker.wait()
        queues = app.queues()
        left = sum(n for status, n in queues["outbox"].items() if status != "sent")
        print(
            f"| {vendor} | {args.people} | {errors} | {args.people / wall:.0f} | "
            f"{p99 * 1000:.0f} ms | {len(recorder.messages)} | "
            f"{len(recorder.messages) / delivery:.0f} | {left} |"
        )
