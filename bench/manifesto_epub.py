"""The EPUB of a manifesto's version with 50 sections (about 1 500 characters each, Markdown
with emphasis, lists and links) and 2 000 signatories (a third for a place, a third for an
organisation, a comment every fifth): build time (median of 5, and the first build), size of
the file, SQL queries; then the same through the page (/manifestes/…/manifeste.epub), and the
list of signatories (in order, by organisation, a far page).

.venv/bin/python bench/manifesto_epub.py     (EPUB_OUT=/tmp/m.epub also writes the book)
"""

import atexit
import os
import shutil
import statistics
import time

from _setup import prepare

os.environ["ENTRAIDE_PAGE_CACHE_SECONDS"] = "0"  # every request builds the book
data_dir = prepare()
atexit.register(shutil.rmtree, data_dir, ignore_errors=True)

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from entraide.core.markdown import render_markdown  # noqa: E402
from entraide.manifestos import exports  # noqa: E402
from entraide.manifestos.models import Manifesto, Signature, Version, VersionSection  # noqa: E402
from entraide.places.models import Place  # noqa: E402

SECTIONS, SIGNATURES = 50, 2_000
PARAGRAPH = (
    "Nous voulons des outils **sobres**, *réparables* et partagés ; voir "
    "[la charte](https://example.org/charte). "
) * 4


def scene():
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the pages link the CSS
    place = Place.objects.create(name="La Verrière", slug="la-verriere", kind="tiers-lieu",
                                 region="occitanie", city="Montpellier")  # fmt: skip
    manifesto = Manifesto.objects.create(place=place, title="Manifeste du numérique responsable",
                                         slug="manifeste")  # fmt: skip
    version = Version.objects.create(manifesto=manifesto, number=3, published_at=timezone.now())
    VersionSection.objects.bulk_create(
        VersionSection(
            version=version, key=n, position=n, title=f"Section {n} : agir ensemble",
            body=(body := f"{PARAGRAPH}\n\n- un point\n- un autre point\n\n{PARAGRAPH}"),
            body_html=render_markdown(body),
        )
        for n in range(1, SECTIONS + 1)
    )  # fmt: skip
    Place.objects.bulk_create(
        Place(name=f"Lieu {n}", slug=f"lieu-{n}", kind="tiers-lieu", region="occitanie",
              city="Ville")
        for n in range(40)
    )  # fmt: skip
    places = list(Place.objects.filter(slug__startswith="lieu-"))
    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            version=version, name=f"Signataire {n} <Prénom Nom>", email=f"s{n}@example.org",
            organisation=f"Association n° {n % 90}" if n % 3 == 1 else "",
            place=places[n % 40] if n % 3 == 2 else None,
            comment="Parce que c’est notre affaire à toutes et tous." if n % 5 == 0 else "",
            link_key=f"k{n}", token_digest=f"d{n}", confirmed_at=now,
        )
        for n in range(SIGNATURES)
    )  # fmt: skip
    return version


def main():
    version = scene()
    version = Version.objects.select_related("manifesto__place").get(pk=version.pk)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        sections = list(version.sections.order_by("position"))
        with CaptureQueriesContext(connection) as captured:
            book = exports.epub_book(version, sections)
        times.append(time.perf_counter() - started)
    print(f"EPUB of {SECTIONS} sections and {SIGNATURES} signatures")
    first, median = times[0] * 1000, statistics.median(times) * 1000
    print(f"  build: first {first:.0f} ms, median of 5 {median:.0f} ms")
    print(f"  size: {len(book) / 1024:.0f} KiB ({len(book)} bytes)")
    print(f"  SQL queries of the build (signatories): {len(captured)}")
    if os.environ.get("EPUB_OUT"):  # to check it: epubcheck "$EPUB_OUT"
        with open(os.environ["EPUB_OUT"], "wb") as out:
            out.write(book)
    client = Client(HTTP_HOST="127.0.0.1")
    url = f"/manifestes/{version.manifesto.slug}/versions/{version.number}/manifeste.epub"
    client.get(url)
    page_times = []
    for _ in range(5):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        page_times.append(time.perf_counter() - started)
    median = statistics.median(page_times) * 1000
    print(
        f"  through the page: status {response.status_code}, median {median:.0f} ms, "
        f"{len(captured)} queries"
    )
    markdown = client.get(url.replace("manifeste.epub", "manifeste.md")).content
    print(f"  Markdown file: {len(markdown) / 1024:.0f} KiB")
    base = f"/manifestes/{version.manifesto.slug}/signataires/"
    for label, page in [("signatories", base), ("by organisation", base + "?par=organisation"),
                        ("signatories, page 40", base + "?page=40")]:  # fmt: skip
        client.get(page)
        page_times = []
        for _ in range(5):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page)
            page_times.append(time.perf_counter() - started)
        median = statistics.median(page_times) * 1000
        print(
            f"  {label}: status {response.status_code}, median {median:.0f} ms, "
            f"{len(captured)} queries, {len(response.content) / 1024:.0f} KiB of HTML"
        )


main()
