"""Comparing two versions of a manifesto of 50 sections of about 1 500 characters, 45 of them
changed by accepted amendments (about ten words each): the time to compute the comparison
(section matching and word diffs, the two queries included; budget 50 ms), and the SQL
queries and render time of the whole comparison page.

    .venv/bin/python bench/manifesto_compare.py
"""

import random
import statistics
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1])]
from bench._setup import prepare  # noqa: E402

prepare()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)
call_command("collectstatic", "--noinput", verbosity=0)

from entraide.accounts.models import User  # noqa: E402
from entraide.manifestos import services  # noqa: E402
from entraide.manifestos.models import AmendmentKind, Phase  # noqa: E402
from entraide.manifestos.services import decisions  # noqa: E402
from entraide.manifestos.services.compare import compare  # noqa: E402
from entraide.manifestos.services.versions import publish_version  # noqa: E402
from entraide.places.models import Membership, Place  # noqa: E402

SECTIONS, CHANGED, BUDGET_MS = 50, 45, 50
WORDS = [
    "le",
    "numérique",
    "responsable",
    "commence",
    "par",
    "la",
    "sobriété",
    "réparer",
    "plutôt",
    "que",
    "remplacer",
    "partager",
    "les",
    "outils",
    "choisir",
    "des",
    "logiciels",
    "libres",
    "et",
    "des",
    "services",
    "hébergés",
    "près",
    "de",
    "chez",
    "nous",
    "nous",
    "voulons",
    "des",
    "lieux",
    "où",
    "chacun",
    "apprend",
    "à",
    "comprendre",
    "les",
    "machines",
    "qu’il",
    "utilise",
    "protéger",
    "ses",
    "données",
    "et",
    "celles",
    "des",
    "autres",
    "refuser",
    "la",
    "surveillance",
    "comme",
    "modèle",
    "économique",
    "les",
    "communs",
    "numériques",
    "appartiennent",
    "à",
    "tous",
    "leur",
    "entretien",
    "demande",
    "du",
    "temps",
    "de",
    "l’argent",
    "public",
]
RNG = random.Random(7)  # noqa: S311 - a repeatable text, not a secret


def paragraph(chars=1500):
    sentences = []
    while sum(len(s) + 1 for s in sentences) < chars:
        words = [RNG.choice(WORDS) for _ in range(RNG.randint(8, 22))]
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def edited(text, changes=10):
    words = text.split(" ")
    for _ in range(changes):
        words[RNG.randrange(len(words))] = RNG.choice(WORDS)
    return " ".join(words)


organiser = User.objects.create(email="orga@example.org", display_name="Orga")
author = User.objects.create(email="awa@example.org", display_name="Awa")
place = Place.objects.create(
    name="La Verrière", slug="la-verriere", kind="tiers-lieu", region="occitanie", city="Lyon"
)
Membership.objects.create(place=place, user=organiser)
manifesto = services.create_manifesto(place, by=organiser, fields={"title": "Manifeste"})
services.switch_phase(manifesto, Phase.DRAFTING, by=organiser)
sections = [
    services.add_section(manifesto, title=f"Section {n}", body=paragraph(), by=organiser)
    for n in range(SECTIONS)
]
v0 = publish_version(manifesto, by=organiser)
services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=organiser)
for section in sections[:CHANGED]:
    amendment = services.propose_amendment(
        manifesto,
        kind=AmendmentKind.REPLACE,
        section=section,
        title=section.title,
        body=edited(section.body),
        rationale="Plus juste.",
        by=author,
    )
    decisions.accept(amendment, reason="D’accord.", by=organiser)
services.switch_phase(manifesto, Phase.AMENDMENTS_CLOSED, by=organiser)
v1 = publish_version(manifesto, by=organiser)

average = sum(len(s.body) for s in v0.sections.all()) / SECTIONS
times = []
for _ in range(20):
    started = time.perf_counter()
    comparison = compare(manifesto, v0, v1)
    times.append((time.perf_counter() - started) * 1000)
if comparison.counts["changed"] != CHANGED:
    sys.exit(f"expected {CHANGED} changed sections, found {comparison.counts}")

client = Client(HTTP_HOST="127.0.0.1")
url = f"/manifestes/{manifesto.slug}/comparer/?de=0&a=1"
page_times = []
for _ in range(10):
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url, HTTP_COOKIE="x=1")  # a cookie: never the page cache
        page_times.append((time.perf_counter() - started) * 1000)
if response.status_code != 200:
    sys.exit(f"the comparison page answered {response.status_code}")

median = statistics.median(times)
print(f"{SECTIONS} sections of ~{average:.0f} characters, {CHANGED} changed")
print(
    f"comparison computed: median {median:.1f} ms, max {max(times):.1f} ms (budget {BUDGET_MS} ms)"
)
print(
    f"comparison page: {len(captured)} SQL queries, median {statistics.median(page_times):.1f} ms,"
    f" {len(response.content) // 1024} KB"
)
sys.exit(0 if median < BUDGET_MS else 1)
