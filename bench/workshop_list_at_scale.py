"""Server time of /ateliers/ with 10 000 workshops and 100 000 registrations: the first page,
filtered pages (a region, a place, a format) and a deep page, on SQLite and PostgreSQL, the page
cache off (every request renders).

    .venv/bin/python bench/workshop_list_at_scale.py [--postgresql URL] [--repeat 30]
        [--profile URL]

--postgresql URL names a database FOR THE BENCH ALONE: it is dropped and made again at the
start and dropped at the end (e.g. postgres://postgres@127.0.0.1:5432/entraide_bench). Without
it only SQLite runs. Each page is asked `--repeat` times after a warm-up; the figures are the
median wall time and CPU time of the request inside Django (the test client: no network).
--profile URL prints where the time of that page goes (cProfile), on SQLite, with 10
workshops and with 10 000.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

PAGES = [
    "/ateliers/",
    "/ateliers/?region=occitanie",
    "/ateliers/?lieu=lieu-7",
    "/ateliers/?format=en-ligne&theme=donnees",
    "/ateliers/?page=250",
    "/ateliers/?region=bretagne&page=40",
    "/ateliers/?quand=passes&page=20",
]
WORKSHOPS, REGISTRATIONS_EACH, PLACES = 10_000, 10, 60

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
parser.add_argument("--postgresql", metavar="URL")
parser.add_argument("--repeat", type=int, default=30)
parser.add_argument("--profile", metavar="URL")
parser.add_argument("--vendor", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
args = parser.parse_args()


if args.vendor is None:  # the parent: one child process per database
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _setup import run_per_database

    run_per_database(args.postgresql)


# --- A child: one database ------------------------------------------------------------------

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["ENTRAIDE_PAGE_CACHE_SECONDS"] = "0"
from _setup import prepare  # noqa: E402

data_dir = prepare(database_url=args.postgresql if args.vendor == "postgresql" else None)

import shutil  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from entraide.places.models import Place, PlaceKind, Region  # noqa: E402
from entraide.workshops.models import Registration, Series, Workshop  # noqa: E402


def add_places():
    regions = [Region.OCCITANIE, Region.BRETAGNE, Region.ILE_DE_FRANCE, Region.NORMANDIE]
    Place.objects.bulk_create(
        Place(
            name=f"Lieu {n:03}",
            slug=f"lieu-{n}",
            kind=PlaceKind.THIRD_PLACE,
            region=regions[n % len(regions)],
            city="Ville",
            summary="Un lieu.",
        )
        for n in range(PLACES)
    )
    return list(Place.objects.order_by("pk").values_list("pk", flat=True))


def add_workshops(place_ids, start, stop, *, registrations_each):
    """Workshops over the last month and the next year, one in 20 undated, a few in series;
    bulk_create returns no ids on SQLite here (core.page_cache): they are read back by slug."""
    series, _ = Series.objects.get_or_create(
        slug="cycle-0",
        defaults={"place_id": place_ids[0], "title": "Cycle", "theme": "autre", "status": "publie"},
    )
    now = timezone.now()
    themes = ["numerique-responsable", "sante-ecrans", "deconnexion", "recits", "donnees", "autre"]
    modes = ["sur-place", "en-ligne", "hybride"]

    def workshop(n):
        day = timedelta(days=(n * 37) % 400 - 30, hours=n % 7, minutes=n % 60)
        undated = n % 20 == 0
        return Workshop(
            place_id=place_ids[n % len(place_ids)],
            series=series if n < 3 else None,
            position=n % 5 + 1,
            title=f"Atelier {n}",
            slug=f"atelier-{n}",
            summary="Un atelier pour apprendre ensemble.",
            theme=themes[n % len(themes)],
            mode=modes[n % len(modes)],
            starts_at=None if undated else now + day,
            ends_at=None if undated else now + day + timedelta(hours=1, minutes=30),
            time_zone="Indian/Reunion" if n % 50 == 0 else "Europe/Paris",
            capacity=15,
            confirmed_count=min(registrations_each, 15),
            waiting_count=max(registrations_each - 15, 0),
            status="annule" if n % 97 == 0 else "publie",
        )

    Workshop.objects.bulk_create((workshop(n) for n in range(start, stop)), batch_size=2000)
    slugs = [f"atelier-{n}" for n in range(start, stop)]
    ids = Workshop.objects.filter(slug__in=slugs).values_list("pk", flat=True)
    Registration.objects.bulk_create(
        (
            Registration(
                workshop_id=workshop_id,
                name=f"P{i}",
                email=f"p{i}-{workshop_id}@example.org",
                status="confirmee",
            )
            for workshop_id in ids.iterator()
            for i in range(registrations_each)
        ),
        batch_size=5000,
    )


def ask(client, url):
    with CaptureQueriesContext(connection) as captured:
        cpu, wall = time.process_time(), time.perf_counter()
        response = client.get(url)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return wall * 1000, cpu * 1000, len(captured)


def measure(client, url):
    for _ in range(3):
        ask(client, url)
    runs = [ask(client, url) for _ in range(args.repeat)]
    return (
        statistics.median(r[0] for r in runs),
        statistics.median(r[1] for r in runs),
        runs[-1][2],
    )


def profile(client, url, label):
    import cProfile
    import pstats

    for _ in range(3):
        ask(client, url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        ask(client, url)
    profiler.disable()
    print(f"\n--- where {url} spends its time, {label} (20 requests, cumulative) ---")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


try:
    call_command("createcachetable", verbosity=0)  # as in production (docs/operations.md)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(HTTP_HOST="127.0.0.1")
    place_ids = add_places()
    if args.profile:
        add_workshops(place_ids, 0, 10, registrations_each=REGISTRATIONS_EACH)
        profile(client, args.profile, "10 workshops")
    started = time.perf_counter()
    add_workshops(
        place_ids, 10 if args.profile else 0, WORKSHOPS, registrations_each=REGISTRATIONS_EACH
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"\n== {connection.vendor}: {Workshop.objects.count():,} workshops, "
        f"{Registration.objects.count():,} registrations (seeded in "
        f"{time.perf_counter() - started:.0f} s), load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} =="
    )
    if args.profile:
        profile(client, args.profile, "10 000 workshops")
        raise SystemExit(0)
    print(f"{'page':42} {'wall ms':>8} {'CPU ms':>8} {'queries':>8}")
    for url in PAGES:
        wall, cpu, queries = measure(client, url)
        print(f"{url:42} {wall:8.1f} {cpu:8.1f} {queries:>8}")
finally:
    connection.close()
    shutil.rmtree(data_dir, ignore_errors=True)
