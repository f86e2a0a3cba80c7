"""The project catalogue's public pages at scale: a catalogue of 500 projects with 5,000 formed
pairs, each with an output (a published story of the stories app), one project of which has 100
"réalisations", beside a small catalogue (5 projects, 10 pairs, 2 réalisations). For the
catalogue's page (unfiltered, filtered by audience, tag and kind, and its page 2) and a project's
page (page cache off, through Django's test client): the SQL queries (must be the same for both
catalogues), the server time (median of --repeat), the size and the DOM elements.

    .venv/bin/python bench/projects_pages.py [--postgresql URL] [--repeat 20]

--postgresql URL names a database FOR THE BENCH ALONE: it is dropped and made again at the
start and dropped at the end.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
parser.add_argument("--postgresql", metavar="URL")  # never DATABASE_URL: the bench drops it
parser.add_argument("--repeat", type=int, default=20)
parser.add_argument("--projects", type=int, default=500)
parser.add_argument("--pairs", type=int, default=5000)
parser.add_argument("--vendor", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
args = parser.parse_args()

if args.vendor is None:  # the parent: one child process per database
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _setup import run_per_database

    run_per_database(args.postgresql)

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["ENTRAIDE_PAGE_CACHE_SECONDS"] = "0"  # else the second visit counts a kept page
from _setup import dom_size, prepare  # noqa: E402

data_dir = prepare(database_url=args.postgresql if args.vendor == "postgresql" else None)

import shutil  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

AUDIENCES = ["Étudiants en Lettres", "Personnel de l’université", "Grand public"]
TAGS = ["Santé mentale", "Réseaux sociaux", "Récits de la transition", "Sobriété", "Entraide"]


def seed(place, slug, projects, pairs, achieved):
    """A public catalogue of `projects` story-type projects and `pairs` formed pairs spread over
    them, each pair with a published story as its output; the first project has `achieved`
    pairs (its réalisations)."""
    from entraide.accounts.models import User
    from entraide.projects.models import (
        Audience,
        Catalogue,
        Member,
        Output,
        OutputKind,
        Pair,
        Project,
        Tag,
    )
    from entraide.stories.models import Collection, Story

    now = timezone.now()
    collection = Collection.objects.create(
        place=place,
        title=f"Récits ({slug})",
        slug=f"recits-{slug}",
        interview_guide="Questions ouvertes.",
        code=f"C{projects:07}"[:8],
        published_at=now,
    )
    catalogue = Catalogue.objects.create(
        place=place, title=f"Catalogue {slug}", slug=slug, published_at=now
    )
    audiences = [
        Audience.objects.get_or_create(name=a, slug=f"a{n}")[0] for n, a in enumerate(AUDIENCES)
    ]
    tags = [Tag.objects.get_or_create(name=t, slug=f"t{n}")[0] for n, t in enumerate(TAGS)]
    Project.objects.bulk_create(
        Project(
            catalogue=catalogue,
            title=f"Projet n°{n}",
            slug=f"{slug}-{n}",
            summary=f"Le projet n°{n}, en quelques mots.",
            description="Un **projet** en binôme.",
            description_html="<p>Un <strong>projet</strong> en binôme.</p>",
            duration="Un entretien et un portrait",
            output_kind=OutputKind.STORY,
            collection_slug=collection.slug,
            max_pairs=200,
            position=n,
            published_at=now,
        )
        for n in range(projects)
    )
    made = list(Project.objects.filter(catalogue=catalogue).order_by("pk"))
    Project.audiences.through.objects.bulk_create(
        Project.audiences.through(project=p, audience=audiences[n % len(audiences)])
        for n, p in enumerate(made)
    )
    Project.tags.through.objects.bulk_create(
        Project.tags.through(project=p, tag=tags[(n + k) % len(tags)])
        for n, p in enumerate(made)
        for k in (0, 1)
    )
    User.objects.bulk_create(
        User(email=f"{slug}-{n}@example.org", display_name=f"Étudiante {n}")
        for n in range(pairs * 2)
    )
    users = list(User.objects.filter(email__startswith=f"{slug}-").order_by("pk"))
    # the first project gets `achieved` pairs, the others share the rest
    owners = [made[0]] * achieved + [made[1 + n % (len(made) - 1)] for n in range(pairs - achieved)]
    Pair.objects.bulk_create(Pair(project=p, formed_at=now) for p in owners)
    pair_rows = list(Pair.objects.filter(project__catalogue=catalogue).order_by("pk"))
    Member.objects.bulk_create(
        Member(pair=pair, project_id=pair.project_id, user=users[2 * n + k], accepted_at=now)
        for n, pair in enumerate(pair_rows)
        for k in (0, 1)
    )
    Story.objects.bulk_create(
        Story(
            collection=collection,
            title=f"Récit du binôme n°{n}",
            slug=f"{slug}-recit-{n}",
            summary="Un portrait.",
            body="Un portrait.",
            body_html="<p>Un portrait.</p>",
            words=2,
            state=Story.State.PUBLISHED,
            interviewee_name=f"Personne {n}",
            consented_text=True,
            published_at=now,
        )
        for n in range(len(pair_rows))
    )
    stories = list(Story.objects.filter(collection=collection).order_by("pk"))
    Output.objects.bulk_create(
        Output(project_id=pair.project_id, pair=pair, kind=OutputKind.STORY, object_id=story.pk)
        for pair, story in zip(pair_rows, stories, strict=True)
    )
    return catalogue, made[0]


def measure(client, url, runs):
    """The page's queries, its time in ms (median of `runs`), its size and DOM elements."""
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    html = response.content.decode()
    return len(captured), statistics.median(times), len(response.content), dom_size(html)


def addresses(catalogue, project):
    base = catalogue.get_absolute_url()
    return {
        "catalogue page": base,
        "filtered (audience+tag+kind)": f"{base}?public=a0&etiquette=t1&type=recit",
        "catalogue page 2": f"{base}?page=2",
        "project page": project.get_absolute_url(),
    }


try:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from entraide.places.models import Place

    place = Place.objects.create(name="Université Paul-Valéry", slug="paul-valery")
    started = time.perf_counter()
    small = seed(place, "petit", 5, 10, 2)
    big = seed(place, "grand", args.projects, args.pairs, 100)
    print(
        f"{connection.vendor}: seeded {args.projects} projects and {args.pairs} pairs "
        f"(+ 5 and 10) in {time.perf_counter() - started:.1f} s"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    rows = []
    for name, url in addresses(*small).items():
        if name == "catalogue page 2":  # 5 projects fit on one page
            continue
        measure(client, url, 2)  # warm up
        few = measure(client, url, args.repeat)
        big_url = addresses(*big)[name]
        measure(client, big_url, 2)
        many = measure(client, big_url, args.repeat)
        rows.append((name, few, many))
    page2 = addresses(*big)["catalogue page 2"]
    measure(client, page2, 2)
    rows.append(("catalogue page 2", None, measure(client, page2, args.repeat)))
    print(
        f"{'page':30} {'small: queries':>14} {'ms':>7} {'kB':>6} {'DOM':>5}   "
        f"{'big: queries':>12} {'ms':>7} {'kB':>6} {'DOM':>5}"
    )
    for name, few, many in rows:
        left = (
            f"{few[0]:>14} {few[1]:7.1f} {few[2] / 1000:6.1f} {few[3]:>5}" if few else f"{'':>35}"
        )
        print(f"{name:30} {left}   {many[0]:>12} {many[1]:7.1f} {many[2] / 1000:6.1f} {many[3]:>5}")
    equal = all(few[0] == many[0] for _name, few, many in rows if few)
    print("queries equal" if equal else "queries NOT EQUAL")
    if not equal:
        raise SystemExit(1)
finally:
    shutil.rmtree(data_dir, ignore_errors=True)
