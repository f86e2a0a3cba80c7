"""SQL queries of the directory page with 10 places and with 5 000 places (must be equal), and
their render times (ms, median of 20), the page cache off (every request renders).

.venv/bin/python bench/directory_queries.py
"""

import atexit
import os
import shutil
import statistics
import time

from _setup import prepare

os.environ["ENTRAIDE_PAGE_CACHE_SECONDS"] = "0"  # else the second visit counts a kept page
data_dir = prepare()
atexit.register(shutil.rmtree, data_dir, ignore_errors=True)

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from entraide.places.models import Place, PlaceKind, Region  # noqa: E402

PAGES = ["/lieux/", "/lieux/?region=occitanie", "/lieux/?region=occitanie&kind=tiers-lieu&page=3"]


def add_places(start, stop):
    regions = [Region.OCCITANIE, Region.BRETAGNE, Region.AUVERGNE_RHONE_ALPES]
    Place.objects.bulk_create(
        Place(
            name=f"Lieu {n:05}",
            slug=f"lieu-{n}",
            kind=PlaceKind.THIRD_PLACE,
            region=regions[n % len(regions)],
            city="Ville",
            summary="Un lieu.",
        )
        for n in range(start, stop)
    )


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return len(captured)


def milliseconds(client, url, runs=20):
    client.get(url)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
client = Client(HTTP_HOST="127.0.0.1")
add_places(0, 10)
small = {url: queries(client, url) for url in PAGES}
small_ms = {url: milliseconds(client, url) for url in PAGES}
add_places(10, 5000)
large = {url: queries(client, url) for url in PAGES}
large_ms = {url: milliseconds(client, url) for url in PAGES}
print(f"{'page':55} {'10 places':>10} {'ms':>6} {'5000 places':>12} {'ms':>6}")
for url in PAGES:
    print(f"{url:55} {small[url]:>10} {small_ms[url]:6.1f} {large[url]:>12} {large_ms[url]:6.1f}")
print("equal" if small == large else "NOT EQUAL")
raise SystemExit(0 if small == large else 1)
