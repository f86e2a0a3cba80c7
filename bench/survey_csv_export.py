"""The organisers' full CSV of a survey's responses, streamed: 10 000 then 100 000 responses
of 10 questions. For each: the time to stream the whole file, its size, and how much the
process's resident memory grew while it streamed (sampled as the rows go by) — it must stay
flat: the same for 100 000 responses as for 10 000. On SQLite and PostgreSQL.

    .venv/bin/python bench/survey_csv_export.py [--postgresql URL] [--sizes 10000,100000]

--postgresql URL names a database FOR THE BENCH ALONE: it is dropped and made again at the
start and dropped at the end (e.g. postgres://postgres@127.0.0.1:5432/entraide_bench).
"""

import argparse
import gc
import os
import sys
import time
from pathlib import Path

QUESTIONS = 10

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
parser.add_argument("--postgresql", metavar="URL")
parser.add_argument("--sizes", default="10000,100000")
parser.add_argument("--vendor", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
args = parser.parse_args()

if args.vendor is None:  # the parent: one child process per database
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _setup import run_per_database

    run_per_database(args.postgresql)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import prepare  # noqa: E402

data_dir = prepare(database_url=args.postgresql if args.vendor == "postgresql" else None)

import shutil  # noqa: E402

from _surveys import seed_survey  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 2**20


def stream(client, survey):
    gc.collect()
    before = peak = rss_mb()
    started = time.perf_counter()
    response = client.get(f"/enquetes/gerer/{survey.slug}/reponses.csv")
    size = rows = 0
    for n, chunk in enumerate(response.streaming_content):
        size += len(chunk)
        rows += 1
        if n % 2_000 == 0:
            peak = max(peak, rss_mb())
    seconds = time.perf_counter() - started
    return seconds, size, rows - 2, before, peak  # less the BOM and the header


try:
    from tests.factories import UserFactory

    call_command("createcachetable", verbosity=0)
    call_command("migrate", verbosity=0)
    sizes = [int(s) for s in args.sizes.split(",")]
    surveys = {}
    for size in sizes:
        started = time.perf_counter()
        surveys[size] = seed_survey(f"export-{size}", questions=QUESTIONS, responses=size)[0]
        print(f"seeded {size:,} responses in {time.perf_counter() - started:.0f} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    organiser = UserFactory(is_superuser=True)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(organiser)
    print(
        f"\n== {connection.vendor}: full CSV export, {QUESTIONS} questions, load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} =="
    )
    print(
        f"{'responses':>10} {'rows':>8} {'MB':>7} {'seconds':>8} {'RSS before':>11} "
        f"{'RSS peak':>9} {'growth':>7}"
    )
    for size, survey in surveys.items():
        seconds, body, rows, before, peak = stream(client, survey)
        print(
            f"{size:>10,} {rows:>8,} {body / 2**20:7.1f} {seconds:8.1f} {before:9.1f} MB "
            f"{peak:7.1f} MB {peak - before:5.1f} MB",
            flush=True,
        )
finally:
    connection.close()
    shutil.rmtree(data_dir, ignore_errors=True)
