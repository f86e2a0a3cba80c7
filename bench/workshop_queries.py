"""SQL queries of the workshop list and of a workshop page with 70 workshops (enough for a
third page) and with 10 000 workshops holding 100 000 registrations (must be equal), and their
render times (median of 9), the page cache off (every request renders).

    .venv/bin/python bench/workshop_queries.py
"""

import atexit
import os
import shutil
import statistics
import time
from datetime import timedelta

from _setup import prepare

os.environ["ENTRAIDE_PAGE_CACHE_SECONDS"] = "0"  # else the second visit counts a kept page
data_dir = prepare()
atexit.register(shutil.rmtree, data_dir, ignore_errors=True)

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from entraide.places.models import Place  # noqa: E402
from entraide.workshops.models import Registration, Series, Workshop  # noqa: E402

PAGES = [
    "/ateliers/",
    "/ateliers/?format=en-ligne&page=3",
    "/ateliers/?quand=passes",
    "/ateliers/atelier-5/",
    "/ateliers/cycles/cycle-0/",
]


def add_workshops(start, stop, *, registrations_each):
    place = Place.objects.get(slug="la-verriere")
    series, _ = Series.objects.get_or_create(
        slug="cycle-0",
        defaults={"place": place, "title": "Cycle", "theme": "autre", "status": "publie"},
    )
    now = timezone.now()
    Workshop.objects.bulk_create(
        Workshop(
            place=place,
            series=series if n < 3 else None,
            position=n + 1,
            title=f"Atelier {n}",
            slug=f"atelier-{n}",
            theme="numerique-responsable",
            mode="en-ligne" if n % 2 else "hybride",
            starts_at=now + timedelta(days=(n * 37) % 400 - 30, hours=n % 7),
            ends_at=now + timedelta(days=(n * 37) % 400 - 30, hours=n % 7 + 1),
            capacity=15,
            confirmed_count=min(registrations_each, 15),
            waiting_count=max(registrations_each - 15, 0),
            status="publie",
        )
        for n in range(start, stop)
    )
    # bulk_create gives back no ids on SQLite here (core.page_cache): read them by slug.
    slugs = [f"atelier-{n}" for n in range(start, stop)]
    workshops = Workshop.objects.filter(slug__in=slugs).only("pk")
    Registration.objects.bulk_create(
        (
            Registration(
                workshop=w,
                name=f"P{i}",
                email=f"p{i}-{w.pk}@example.org",
                status="confirmee" if i < 15 else "en-attente",
                waiting_since=None if i < 15 else now,
            )
            for w in workshops
            for i in range(registrations_each)
        ),
        batch_size=5000,
    )


def measure(client, url, runs=9):
    """The page's queries, and its time in ms (median of `runs`)."""
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return len(captured), statistics.median(times)


call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
call_command("demo", verbosity=0)
Workshop.objects.all().delete()
client = Client(HTTP_HOST="127.0.0.1")
add_workshops(0, 70, registrations_each=10)
for url in PAGES:  # warm up
    measure(client, url)
small = {url: measure(client, url) for url in PAGES}
started = time.perf_counter()
add_workshops(70, 10_000, registrations_each=10)
print(
    f"added 9 930 workshops and {Registration.objects.count():,} registrations "
    f"in {time.perf_counter() - started:.0f} s"
)
for url in PAGES:  # warm up
    measure(client, url)

large = {url: measure(client, url) for url in PAGES}
print(f"{'page':52} {'70: queries':>11} {'ms':>6} {'10 000: queries':>16} {'ms':>6}")
for url in PAGES:
    (few, few_ms), (many, many_ms) = small[url], large[url]
    print(f"{url:52} {few:>11} {few_ms:6.1f} {many:>16} {many_ms:6.1f}")
equal = all(small[url][0] == large[url][0] for url in PAGES)
print("equal" if equal else "NOT EQUAL")
raise SystemExit(0 if equal else 1)
