"""The literal query counts of the authors' episode and photo pages (tests/querycount.py), to
gather in test_query_counts.py: a story of one author whose episode has a recording, a
transcript and `n` chapters, and a photo with its description. The files served (audio,
photo) are file responses, not pages: they cost a fixed 3 to 5 queries (the story, the
session, the user, the author or editor check before publication)."""

from django.utils import timezone

from entraide.stories.models import Episode, Writer
from entraide.stories.tests.conftest import build_collection, build_story
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit


def a_story(n):
    author = UserFactory()
    place = PlaceFactory(organisers=[UserFactory()])
    collection = build_collection(place, slug=f"recits-medias-{n}", code=f"MEDIA{n:03d}")
    Writer.objects.create(collection=collection, user=author, joined_at=timezone.now())
    story = build_story(collection, author, title="Réparer ensemble", slug=f"reparer-{n}")
    story.photo = f"stories/photos/photo-{n}.jpg"
    story.photo_alt = "Joséphine à l’atelier"
    story.save(update_fields=["photo", "photo_alt"])
    Episode.objects.create(
        story=story,
        audio=f"stories/audio/episode-{n}.mp3",
        mime_type="audio/mpeg",
        size=40_000,
        duration=3600,
        transcript="On répare ensemble.",
        chapters="\n".join(f"{minute:02}:00 Partie {minute}" for minute in range(n)),
    )
    return story, author


def episode_page(n):
    story, author = a_story(n)
    return Visit(f"{story.get_absolute_url()}episode/", author, [f"Partie {n - 1}"])


def photo_page(n):
    story, author = a_story(n)
    return Visit(f"{story.get_absolute_url()}photo/", author, ["Joséphine à l’atelier"])


PAGES = [
    Page("stories:episode", 6, episode_page),
    Page("stories:photo", 5, photo_page),
]
