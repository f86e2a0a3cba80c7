"""Survey results at scale: a survey of 20 questions with 10 000 responses beside one with 10.
For the results page (its first and last page of questions), its first page split by a
question, the report and the public CSV: the SQL queries (the same for both: counted by the
database, no query per response), the server time (median of --repeat) and the page's weight
(KB: Brotli; DOM: elements as EcoIndex counts them, SVG content left out; the budget of a page
is 390, the report holds every question on one document), on SQLite and PostgreSQL.

    .venv/bin/python bench/survey_results_at_scale.py [--postgresql URL] [--repeat 20]

--postgresql URL names a database FOR THE BENCH ALONE: it is dropped and made again at the
start and dropped at the end (e.g. postgres://postgres@127.0.0.1:5432/entraide_bench).
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

QUESTIONS, RESPONSES = 20, 10_000

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
parser.add_argument("--postgresql", metavar="URL")
parser.add_argument("--repeat", type=int, default=20)
parser.add_argument("--responses", type=int, default=RESPONSES)
parser.add_argument("--vendor", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
args = parser.parse_args()

if args.vendor is None:  # the parent: one child process per database
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _setup import run_per_database

    run_per_database(args.postgresql)

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["ENTRAIDE_PAGE_CACHE_SECONDS"] = "0"
from _setup import dom_size, prepare  # noqa: E402

data_dir = prepare(database_url=args.postgresql if args.vendor == "postgresql" else None)

import shutil  # noqa: E402

import brotli  # noqa: E402
from _surveys import seed_survey  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def ask(client, url):
    with CaptureQueriesContext(connection) as captured:
        wall = time.perf_counter()
        response = client.get(url)
        wall = time.perf_counter() - wall
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return wall * 1000, len(captured), response.content


def measure(client, url):
    ask(client, url)
    runs = [ask(client, url) for _ in range(args.repeat)]
    body = runs[-1][2]
    return {
        "wall": statistics.median(r[0] for r in runs),
        "queries": runs[-1][1],
        "kb": len(brotli.compress(body)) / 1000,
        "dom": dom_size(body.decode("utf-8", "replace")),
    }


def last_page(client, url):
    """The number of the last page of results at `url` (its links name them)."""
    html = client.get(url).content.decode()
    return max([1, *(int(n) for n in re.findall(r"[?&]page=(\d+)", html))])


def pages(survey, made):
    base = f"/enquetes/{survey.slug}/"
    split = next(q for q, _c in made if q.kind == "choix-unique")
    last = last_page(client, f"{base}resultats/")
    return [
        ("results, page 1", f"{base}resultats/"),
        (f"results, page {last} (last)", f"{base}resultats/?page={last}"),
        ("split, page 1", f"{base}resultats/?selon={split.pk}"),
        ("printable report", f"{base}rapport/"),
        ("aggregates CSV", f"{base}resultats.csv"),
    ]


try:
    call_command("createcachetable", verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(HTTP_HOST="127.0.0.1")
    started = time.perf_counter()
    small = seed_survey("petite", questions=QUESTIONS, responses=10)
    large = seed_survey("grande", questions=QUESTIONS, responses=args.responses)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from entraide.surveys.models import Answer

    answers = Answer.objects.filter(question__survey=large[0]).count()
    print(
        f"\n== {connection.vendor}: {QUESTIONS} questions, {args.responses:,} responses, "
        f"{answers:,} answers (seeded in {time.perf_counter() - started:.0f} s), load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} =="
    )
    print(
        f"{'page':22} {'queries 10/large':>17} {'ms (10)':>8} {'ms (large)':>10} "
        f"{'KB br':>6} {'DOM':>5}"
    )
    for (label, small_url), (_label, large_url) in zip(pages(*small), pages(*large), strict=True):
        few, many = measure(client, small_url), measure(client, large_url)
        print(
            f"{label:22} {few['queries']:>8} / {many['queries']:<6} {few['wall']:8.1f} "
            f"{many['wall']:10.1f} {many['kb']:6.1f} {many['dom']:>5}"
        )
finally:
    connection.close()
    shutil.rmtree(data_dir, ignore_errors=True)
