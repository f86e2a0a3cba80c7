"""The literal query counts of the anthology's pages (tests/querycount.py): each the same with
1 or 5 anthologies, stories picked, stories to pick and exports."""

import itertools

from entraide.stories.models import AnthologyExport
from entraide.stories.services import anthology as services
from entraide.stories.tests.anthology_scenes import public_story
from entraide.stories.tests.conftest import build_collection
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit

_numbers = itertools.count()


def _scene(n):
    """A collection with `n` stories in an anthology, `n` public stories left to pick, and
    `n` exports (ready, with what each holds)."""
    number = next(_numbers)
    editor, author = UserFactory(), UserFactory()
    place = PlaceFactory(organisers=[editor])
    collection = build_collection(
        place, title=f"Collection {number}", slug=f"collection-{number}", code=f"Q{number:07d}"
    )
    anthology = services.create_anthology(collection, title=f"Recueil {number}")
    picked = [public_story(collection, author, f"Choisi {number}-{i}") for i in range(n)]
    others = [public_story(collection, author, f"À choisir {number}-{i}") for i in range(n)]
    for story in picked:
        services.add_story(anthology, story.pk)
    for i in range(n):
        AnthologyExport.objects.create(
            anthology=anthology, format="epub", status="pret", file=f"x{i}.epub", size=1000,
            stories=[{"id": s.pk, "title": s.title} for s in picked],
        )  # fmt: skip
    return editor, collection, anthology, picked, others


def anthologies(n):
    editor, collection, *_ = _scene(1)
    more = [services.create_anthology(collection, title=f"Volume {i}") for i in range(n)]
    return Visit(collection.anthologies_url(), user=editor, shows=[a.title for a in more])


def anthology(n):
    editor, _collection, anthology, picked, others = _scene(n)
    shows = [s.title for s in picked + others]
    return Visit(anthology.manage_url(), user=editor, shows=shows)


def printable(n):
    editor, _collection, anthology, picked, _others = _scene(n)
    return Visit(anthology.manage_url() + "imprimer/", user=editor, shows=[s.title for s in picked])


PAGES = [
    Page("stories:anthologies", 5, anthologies),
    Page("stories:anthology", 9, anthology),
    Page("stories:anthology_print", 8, printable),
]
# Actions (POST, then back to the anthology's page, or that page again with a 400):
ACTIONS = [
    "stories:anthology_add",
    "stories:anthology_up",
    "stories:anthology_down",
    "stories:anthology_remove",
    "stories:anthology_build",
    "stories:anthology_delete_export",
]
# A file: one export, its anthology and collection (checked in test_anthology_pages.py).
ONE_THING = ["stories:anthology_download"]
