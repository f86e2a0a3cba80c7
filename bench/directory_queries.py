"""SQL queries of the directory page with 10 places and with 5 000 places (must be equal).

.venv/bin/python bench/directory_queries.py
"""

from _setup import prepare

prepare()

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


call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)
client = Client(HTTP_HOST="127.0.0.1")
add_places(0, 10)
small = {url: queries(client, url) for url in PAGES}
add_places(10, 5000)
large = {url: queries(client, url) for url in PAGES}
print(f"{'page':55} {'10 places':>10} {'5000 places':>12}")
for url in PAGES:
    print(f"{url:55} {small[url]:>10} {large[url]:>12}")
print("equal" if small == large else "NOT EQUAL")
raise SystemExit(0 if small == large else 1)
