"""The literal query counts of the authors' pages (tests/querycount.py), gathered in
test_query_counts.py: "Mes récits" with `n` stories, the follow-up page with `n` comments, the
writing page and the history with `n` saved versions, starting a story in a collection of `n`
themes."""

from django.utils import timezone

from entraide.stories.models import Comment, StoryVersion, Theme, Writer
from entraide.stories.tests.conftest import build_collection, build_story
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit


def _collection(n, author):
    editor = UserFactory()
    place = PlaceFactory(organisers=[editor])
    collection = build_collection(place, slug=f"recits-ecrire-{n}", code=f"ECRIR{n:03d}")
    Writer.objects.create(collection=collection, user=author, joined_at=timezone.now())
    return collection, editor


def _versions(story, author, n):
    for number in range(1, n + 1):
        StoryVersion.objects.create(
            story=story, number=number, title=story.title, body=f"Version {number} du texte.",
            words=4, saved_by=author,
        )  # fmt: skip


def mine(n):
    author = UserFactory()
    collection, _editor = _collection(n, author)
    titles = [f"Récit numéro {i}" for i in range(n)]
    for i, title in enumerate(titles):
        build_story(collection, author, title=title, slug=f"mes-recits-{n}-{i}")
    return Visit("/recits/mes-recits/", author, titles)


def start(n):
    author = UserFactory()
    collection, _editor = _collection(n, author)
    names = [f"Thème {i}" for i in range(n)]
    for position, name in enumerate(names):
        Theme.objects.create(collection=collection, name=name, slug=f"t{position}", position=9)
    return Visit(collection.new_story_url(), author, names)


def follow(n):
    author = UserFactory()
    collection, editor = _collection(n, author)
    story = build_story(collection, author, slug=f"suivi-{n}")
    bodies = [f"Remarque numéro {i}" for i in range(n)]
    for body in bodies:
        Comment.objects.create(story=story, author=editor, by_editor=True, body=body)
    return Visit(f"{story.get_absolute_url()}suivi/", author, bodies)


def write(n):
    author = UserFactory()
    collection, _editor = _collection(n, author)
    story = build_story(collection, author, slug=f"ecrire-{n}")
    _versions(story, author, n)
    return Visit(story.edit_url(), author, [story.title])


def versions(n):
    author = UserFactory(display_name="Autrice")
    collection, _editor = _collection(n, author)
    story = build_story(collection, author, slug=f"versions-{n}")
    _versions(story, author, n)
    return Visit(f"{story.get_absolute_url()}versions/", author, [f"<td>{n}</td>"])


PAGES = [
    Page("stories:mine", 7, mine),
    Page("stories:start", 6, start),
    Page("stories:follow", 8, follow),
    Page("stories:write", 8, write),
    Page("stories:versions", 8, versions),
]
