"""The public pages and feeds of stories at scale: a collection of 500 public stories of which
200 have an episode, beside a small one (5 stories, 2 episodes). For the collection's page,
a story's page (with its episode), the Atom feed and the podcast feed (page cache off, through
Django's test client): the SQL queries (must be the same for both collections) and the server
time (median of --repeat). The feeds list the latest stories only (50 in the Atom feed, 100
in the podcast feed: stories/feeds.py), so that their time stays bounded as a collection grows.

    .venv/bin/python bench/stories_pages.py [--postgresql URL] [--repeat 20]

--postgresql URL names a database FOR THE BENCH ALONE: it is dropped and made again at the
start and dropped at the end.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
parser.add_argument("--postgresql", metavar="URL")  # never DATABASE_URL: the bench drops it
parser.add_argument("--repeat", type=int, default=20)
parser.add_argument("--stories", type=int, default=500)
parser.add_argument("--episodes", type=int, default=200)
parser.add_argument("--vendor", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
args = parser.parse_args()

if args.vendor is None:  # the parent: one child process per database
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _setup import run_per_database

    run_per_database(args.postgresql)

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["ENTRAIDE_PAGE_CACHE_SECONDS"] = "0"  # else the second visit counts a kept page
from _setup import prepare  # noqa: E402

data_dir = prepare(database_url=args.postgresql if args.vendor == "postgresql" else None)

import shutil  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

BODY = "Elle répare des grille-pain depuis vingt ans, et d’autres choses encore. " * 40
TRANSCRIPT = "Bonjour, je m’appelle Joséphine et je répare des objets. " * 60


def seed(place, slug, stories, episodes):
    """A public collection with `stories` public stories, `episodes` of them with an episode
    (the audio file itself is not needed: pages and feeds never read it)."""
    from entraide.accounts.models import User
    from entraide.stories.models import (
        DEFAULT_THEMES,
        Author,
        Collection,
        Episode,
        Story,
        Theme,
    )

    now = timezone.now()
    collection = Collection.objects.create(
        place=place,
        title=f"Récits de la transition ({stories})",
        slug=slug,
        description="Des portraits de personnes **engagées** dans la transition.",
        interview_guide="Questions ouvertes.",
        code=f"C{stories:07}"[:8],
        published_at=now - timedelta(days=stories + 1),
    )
    themes = [
        Theme.objects.create(collection=collection, name=str(name), slug=f"t{n}", position=n)
        for n, name in enumerate(DEFAULT_THEMES)
    ]
    users = User.objects.bulk_create(
        User(email=f"{slug}-{n}@example.org", display_name=f"Autrice {n}")
        for n in range(stories * 2)
    )
    Story.objects.bulk_create(
        Story(
            collection=collection,
            title=f"Récit n°{n}",
            slug=f"{slug}-{n}",
            summary=f"Le portrait n°{n}, en quelques mots.",
            body=BODY,
            body_html=f"<p>{BODY}</p>",
            words=len(BODY.split()),
            state=Story.State.PUBLISHED,
            interviewee_name=f"Personne {n}",
            consented_text=True,
            consented_voice=True,
            consented_photo=True,
            published_at=now - timedelta(days=n),
        )
        for n in range(stories)
    )
    made = list(Story.objects.filter(collection=collection).order_by("pk"))
    users = list(User.objects.filter(email__startswith=f"{slug}-").order_by("pk"))
    Author.objects.bulk_create(
        Author(story=story, user=users[2 * n + k], accepted_at=now)
        for n, story in enumerate(made)
        for k in (0, 1)
    )
    Story.themes.through.objects.bulk_create(
        Story.themes.through(story=story, theme=themes[(n + k) % len(themes)])
        for n, story in enumerate(made)
        for k in (0, 1)
    )
    Episode.objects.bulk_create(
        Episode(
            story=story,
            audio=f"stories/audio/{story.slug}.mp3",
            mime_type="audio/mpeg",
            size=2_000_000,
            duration=600,
            transcript=TRANSCRIPT,
            transcript_html=f"<p>{TRANSCRIPT}</p>",
            chapters="00:00 Accueil\n03:00 Le parcours\n07:00 Les rêves",
            uploaded_at=now,
        )
        for story in made[:episodes]
    )
    return collection, made[0]


def measure(client, url, runs):
    """The page's queries, and its time in ms (median of `runs`)."""
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return len(captured), statistics.median(times), len(response.content)


def addresses(collection, story):
    return {
        "collection page": collection.get_absolute_url(),
        "collection page 2": f"{collection.get_absolute_url()}?page=2",
        "story page": story.get_absolute_url(),
        "Atom feed (latest 50)": collection.atom_url(),
        "podcast feed (latest 100)": collection.podcast_url(),
    }


try:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from entraide.places.models import Place

    place = Place.objects.create(name="Université Paul-Valéry", slug="paul-valery")
    started = time.perf_counter()
    small = seed(place, "petit", 5, 2)
    big = seed(place, "grand", args.stories, args.episodes)
    print(
        f"{connection.vendor}: seeded {args.stories} + 5 stories in "
        f"{time.perf_counter() - started:.1f} s"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    rows = []
    for name, url in addresses(*small).items():
        if name == "collection page 2":  # 5 stories fit on one page
            continue
        measure(client, url, 2)  # warm up
        few = measure(client, url, args.repeat)
        big_url = addresses(*big)[name]
        measure(client, big_url, 2)
        many = measure(client, big_url, args.repeat)
        rows.append((name, few, many))
    page2 = addresses(*big)["collection page 2"]
    measure(client, page2, 2)
    rows.append(("collection page 2", None, measure(client, page2, args.repeat)))
    print(
        f"{'page':28} {'5: queries':>10} {'ms':>7} {'kB':>6}   "
        f"{args.stories}: queries {'ms':>7} {'kB':>6}"
    )
    for name, few, many in rows:
        left = f"{few[0]:>10} {few[1]:7.1f} {few[2] / 1000:6.1f}" if few else f"{'':>25}"
        print(f"{name:28} {left}   {many[0]:>12} {many[1]:7.1f} {many[2] / 1000:6.1f}")
    equal = all(few[0] == many[0] for _name, few, many in rows if few)
    print("queries equal" if equal else "queries NOT EQUAL")
    if not equal:
        raise SystemExit(1)
finally:
    shutil.rmtree(data_dir, ignore_errors=True)
