"""The public pages of stories and their scenes, for the literal query counts
(tests/querycount.py): `n` public stories (half with an episode), each with two themes and two
authors, in a public collection of a place of its own."""

from django.core.files.base import ContentFile
from django.utils import timezone

from entraide.stories.models import Author, Episode, Story
from entraide.stories.tests.conftest import build_collection, build_story, consented, published
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit

_scenes = iter(range(10**6))


def a_collection(n, *, episodes=True):
    """A public collection with `n` public stories; one in two has its episode (a small real
    file in storage: the pages never read it)."""
    number = next(_scenes)
    place = PlaceFactory(organisers=[UserFactory()])
    collection = build_collection(place, slug=f"recueil-{number}", code=f"CODE{number:04}")
    themes = list(collection.themes.all())
    for i in range(n):
        author = UserFactory(display_name=f"Autrice {i}")
        story = build_story(
            collection,
            author,
            title=f"Récit n°{i}",
            slug=f"recit-{number}-{i}",
            summary=f"Résumé {i}",
            interviewee_name=f"Personne {i}",
        )
        Author.objects.create(
            story=story, user=UserFactory(display_name=f"Binôme {i}"), accepted_at=timezone.now()
        )
        story.themes.set(themes[:2])
        if episodes and i % 2 == 0:
            add_episode(story, chapters="00:00 Accueil\n01:30 Le café")
        consented(story)
        published(story)
    return collection


def add_episode(story, *, transcript="Bonjour, je répare des grille-pain.", chapters=""):
    episode = Episode(
        story=story,
        mime_type="audio/mpeg",
        size=4,
        duration=125,
        transcript=transcript,
        chapters=chapters,
        uploaded_at=timezone.now(),
    )
    episode.audio.save(f"{story.slug}.mp3", ContentFile(b"ID3\x00"), save=False)
    episode.save()
    return episode


def collection_list(n):
    for _ in range(n):
        a_collection(1, episodes=False)
    return Visit("/recits/", shows=["recueil-"])


def collection_page(n):
    collection = a_collection(n)
    return Visit(collection.get_absolute_url(), shows=[f"Récit n°{n - 1}", f"Binôme {n - 1}"])


def collection_by_theme(n):
    collection = a_collection(n)
    theme = collection.themes.first()
    return Visit(f"{collection.get_absolute_url()}?theme={theme.slug}", shows=["Récit n°0"])


def story_page(n):
    collection = a_collection(n)
    story = Story.objects.filter(collection=collection).order_by("pk").first()
    return Visit(story.get_absolute_url(), shows=["Récit n°0", 'preload="none"'])


def atom(n):
    collection = a_collection(n)
    return Visit(collection.atom_url(), shows=[f"Récit n°{n - 1}"])


def podcast(n):
    collection = a_collection(n)
    return Visit(collection.podcast_url(), shows=["Récit n°0", "podcast:transcript"])


def transcript(n):
    collection = a_collection(n)
    story = Story.objects.filter(collection=collection).order_by("pk").first()
    return Visit(f"{story.get_absolute_url()}transcription.html", shows=["grille-pain"])


def transcript_text(n):
    collection = a_collection(n)
    story = Story.objects.filter(collection=collection).order_by("pk").first()
    return Visit(f"{story.get_absolute_url()}transcription.txt", shows=["grille-pain"])


def chapters_json(n):
    collection = a_collection(n)
    story = Story.objects.filter(collection=collection).order_by("pk").first()
    return Visit(f"{story.get_absolute_url()}chapitres.json", shows=["Le café"])


PAGES = [
    Page("stories:collections", 2, collection_list),
    Page("stories:collection", 6, collection_page),
    Page("stories:collection by theme", 6, collection_by_theme),
    Page("stories:story", 4, story_page),
    Page("stories:atom", 4, atom),
    Page("stories:podcast", 4, podcast),
    Page("stories:transcript", 1, transcript),
    Page("stories:transcript_txt", 1, transcript_text),
    Page("stories:chapters", 1, chapters_json),
]
