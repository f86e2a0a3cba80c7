"""A manifesto at scale: 50 sections, 500 amendments, 5 000 votes, 1 000 comments, two
published versions (V0, V1) and 2 000 signatures of V1, beside a small one (2 sections, 2
amendments, a few votes, comments and signatures). For each page: its SQL queries (the same
for both: no query per row), its server time, and its weight against the budgets of the
quality bars (30 KB transferred, 390 DOM elements), on SQLite and PostgreSQL.

    .venv/bin/python bench/manifesto_at_scale.py [--postgresql URL] [--repeat 20]

--postgresql URL names a database FOR THE BENCH ALONE: it is dropped and made again at the
start and dropped at the end (e.g. postgres://postgres@127.0.0.1:5432/entraide_bench).
The page cache is off (every request renders); "KB" is the page compressed with Brotli, as
the server sends it; "DOM" counts the elements of the HTML.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

SECTIONS, AMENDMENTS, VOTERS, VOTES, COMMENTS, SIGNATURES = 50, 500, 100, 5_000, 1_000, 2_000
WORDS = [
    "le",
    "numérique",
    "n’est",
    "pas",
    "un",
    "simple",
    "outil",
    "il",
    "façonne",
    "la",
    "société",
    "politique",
    "santé",
    "mentale",
    "information",
    "urgent",
    "tiers-lieux",
    "emparent",
    "enjeu",
    "collectivement",
    "proposer",
    "vision",
    "récit",
    "souhaitable",
    "futur",
    "données",
    "outils",
    "libres",
    "entreprises",
    "étrangères",
    "valeurs",
    "sobriété",
    "appareils",
    "médiation",
    "réseaux",
    "régionaux",
    "hubs",
    "expérimentation",
    "transition",
    "massive",
    "commun",
]


def text(seed, words=220):
    """About 1 500 characters of French words in an order of their own (real text compresses
    about as much; one sentence repeated would compress to nothing)."""
    state, out = seed * 7919 + 1, []
    for _ in range(words):
        state = (state * 1103515245 + 12345) % 2**31
        out.append(WORDS[state % len(WORDS)])
    return " ".join(out).capitalize() + "."


parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
parser.add_argument("--postgresql", metavar="URL")
parser.add_argument("--repeat", type=int, default=20)
parser.add_argument("--vendor", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
args = parser.parse_args()


if args.vendor is None:  # the parent: one child process per database
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _setup import run_per_database

    run_per_database(args.postgresql)


# --- A child: one database ------------------------------------------------------------------

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["ENTRAIDE_PAGE_CACHE_SECONDS"] = "0"
from _setup import dom_size, prepare  # noqa: E402

data_dir = prepare(database_url=args.postgresql if args.vendor == "postgresql" else None)

import shutil  # noqa: E402

import brotli  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from entraide.core.markdown import render_markdown  # noqa: E402
from entraide.manifestos.models import (  # noqa: E402
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Comment,
    Contributor,
    Manifesto,
    Phase,
    Section,
    Signature,
    Version,
    VersionSection,
    Vote,
    VoteChoice,
)
from entraide.places.models import Place, PlaceKind, Region  # noqa: E402


def seed(slug, *, sections, amendments, voters, votes, comments, signatures):
    """A manifesto reopened to amendments after V1: V0 and V1 frozen (V1 changed most sections
    through accepted amendments), open amendments with votes and comments, V1's signatures."""
    place = Place.objects.create(
        name=f"Lieu {slug}", slug=f"lieu-{slug}", kind=PlaceKind.THIRD_PLACE,
        region=Region.OCCITANIE, city="Ville", summary="Un lieu.",
    )  # fmt: skip
    manifesto = Manifesto.objects.create(
        place=place, title=f"Manifeste {slug}", slug=slug, phase=Phase.AMENDMENTS_OPEN
    )
    live = [
        Section.objects.create(manifesto=manifesto, position=n, title=f"Section {n}", body=text(n))
        for n in range(1, sections + 1)
    ]
    now = timezone.now()
    versions = []
    for number in (0, 1):
        version = Version.objects.create(manifesto=manifesto, number=number, published_at=now)
        VersionSection.objects.bulk_create(
            VersionSection(
                version=version,
                key=s.pk,
                position=s.position,
                title=s.title,
                body=s.body if number == 0 or s.position % 5 == 0 else s.body + " Amendé.",
                body_html=render_markdown(s.body),
            )
            for s in live
        )
        versions.append(version)
    Contributor.objects.bulk_create(
        Contributor(manifesto=manifesto, name=f"Personne {n}", visitor_key=f"k{slug}{n}")
        for n in range(voters)
    )
    people = list(Contributor.objects.filter(manifesto=manifesto).order_by("pk"))
    accepted = {s.pk for s in live if s.position % 5}
    Amendment.objects.bulk_create(
        Amendment(
            manifesto=manifesto,
            kind=AmendmentKind.REPLACE,
            section=live[n % sections],
            title=live[n % sections].title,
            body=live[n % sections].body + f" Proposition {n}.",
            base_title=live[n % sections].title,
            base_body=live[n % sections].body,
            rationale="Plus juste.",
            author_name=f"Personne {n % voters}",
            confirmed_at=now,
            status=AmendmentStatus.ACCEPTED
            if n < sections and live[n].pk in accepted
            else AmendmentStatus.OPEN,
            decided_at=now if n < sections else None,
            decision_reason="Adopté en atelier." if n < sections else "",
            applied_key=live[n % sections].pk if n < sections else None,
            version=versions[1] if n < sections and live[n].pk in accepted else None,
        )
        for n in range(amendments)
    )
    proposals = list(Amendment.objects.filter(manifesto=manifesto).order_by("pk"))
    choices = list(VoteChoice.values)
    votes_each = min(voters, votes // len(proposals))
    Vote.objects.bulk_create(
        (
            Vote(amendment=a, contributor=people[(i + j) % voters], choice=choices[j % 3])
            for i, a in enumerate(proposals)
            for j in range(votes_each)
        ),
        batch_size=2000,
    )
    Comment.objects.bulk_create(
        (
            Comment(
                manifesto=manifesto,
                amendment=proposals[n % len(proposals)] if n % 2 else None,
                section=None if n % 2 else live[n % sections],
                contributor=people[n % voters],
                author_name=f"Personne {n % voters}",
                body="Je suis d’accord, avec une réserve sur la formulation.",
            )
            for n in range(comments)
        ),
        batch_size=2000,
    )
    Signature.objects.bulk_create(
        (
            Signature(
                version=versions[1],
                name=f"Signataire {n}",
                organisation=f"Asso {n % 40}",
                email=f"s{n}@example.org",
                link_key=f"k{n}",
                token_digest=f"d{slug}{n}",
                confirmed_at=now,
            )
            for n in range(signatures)
        ),
        batch_size=2000,
    )
    return manifesto, proposals[-1]


def ask(client, url):
    with CaptureQueriesContext(connection) as captured:
        cpu, wall = time.process_time(), time.perf_counter()
        response = client.get(url)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return wall * 1000, cpu * 1000, len(captured), response.content


def measure(client, url):
    for _ in range(2):
        ask(client, url)
    runs = [ask(client, url) for _ in range(args.repeat)]
    html = runs[-1][3]
    return {
        "wall": statistics.median(r[0] for r in runs),
        "cpu": statistics.median(r[1] for r in runs),
        "queries": runs[-1][2],
        "kb": len(brotli.compress(html)) / 1000,
        "raw_kb": len(html) / 1000,
        "dom": dom_size(html.decode()),
    }


def pages(manifesto, amendment):
    base = manifesto.get_absolute_url()
    first = manifesto.sections.order_by("position").first()
    return [
        ("manifesto page", base),
        ("section discussion", f"{base}sections/{first.pk}/discussion/"),
        ("amendment page", amendment.get_absolute_url()),
        ("version V1", f"{base}versions/1/"),
        ("compare V0 → V1", f"{base}comparer/?de=0&a=1"),
        ("signatories of V1", f"{base}versions/1/signataires/"),
    ]


try:
    call_command("createcachetable", verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(HTTP_HOST="127.0.0.1")
    started = time.perf_counter()
    small = seed("petit", sections=2, amendments=2, voters=3, votes=6, comments=4, signatures=3)
    large = seed(
        "grand", sections=SECTIONS, amendments=AMENDMENTS, voters=VOTERS, votes=VOTES,
        comments=COMMENTS, signatures=SIGNATURES,
    )  # fmt: skip
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    big = large[0]
    print(
        f"\n== {connection.vendor}: {big.sections.count()} sections, "
        f"{big.amendments.count():,} amendments, "
        f"{Vote.objects.filter(amendment__manifesto=big).count():,} votes, "
        f"{big.comments.count():,} comments, "
        f"{Signature.objects.filter(version__manifesto=big).count():,} signatures "
        f"(seeded in {time.perf_counter() - started:.0f} s), load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} =="
    )
    print(
        f"{'page':20} {'queries small/large':>20} {'wall ms':>8} {'CPU ms':>8} "
        f"{'KB (br)':>8} {'KB raw':>8} {'DOM':>6}"
    )
    for (label, small_url), (_label, large_url) in zip(pages(*small), pages(*large), strict=True):
        few, many = measure(client, small_url), measure(client, large_url)
        print(
            f"{label:20} {few['queries']:>9} / {many['queries']:<9} {many['wall']:8.1f} "
            f"{many['cpu']:8.1f} {many['kb']:8.1f} {many['raw_kb']:8.1f} {many['dom']:>6}"
        )
finally:
    connection.close()
    shutil.rmtree(data_dir, ignore_errors=True)
