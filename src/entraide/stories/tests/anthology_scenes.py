"""Scenes for the anthology's tests: public stories of the collection (consented and
published), an anthology of some of them, builds run at once (the immediate task backend, as
when TASKS_BACKEND=immediate), a photo in storage."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from entraide.stories.models import Author, Writer
from entraide.stories.services import anthology as services
from entraide.stories.tests.conftest import build_story, consented, published

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def public_story(collection, author, title, **fields):
    story = build_story(collection, author, title=title, **fields)
    consented(story)
    return published(story)


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def stories(collection, writer, alice):
    return [
        public_story(collection, alice, "Réparer ensemble", interviewee_name="Joséphine Martin"),
        public_story(collection, alice, "L’énergie des femmes", interviewee_name="Awa Diallo",
                     body="Elles ont *construit* une éolienne.\n\nPuis une deuxième."),
        public_story(collection, alice, "Quitter la tour", interviewee_name="Marc Petit",
                     credit="pseudonyme", pseudonym="Le Méditant"),
    ]  # fmt: skip


@pytest.fixture
def anthology(collection, stories):
    anthology = services.create_anthology(
        collection, title="Récits de la transition, volume 1", introduction="Trois **portraits**."
    )
    for story in stories:
        services.add_story(anthology, story.pk)
    return anthology


def add_partner(story, user):
    Author.objects.create(story=story, user=user, accepted_at=story.created_at)
    Writer.objects.get_or_create(collection=story.collection, user=user)


def with_photo(story, *, alt="Joséphine dans son atelier", fmt="JPEG"):
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 120, 40)).save(out, fmt)
    name = default_storage.save(
        f"stories/photos/{story.slug}.{fmt.lower()}", ContentFile(out.getvalue())
    )
    story.photo = name
    story.photo_alt = alt
    story.save(update_fields=["photo", "photo_alt"])
    return story


def build_now(anthology, format, by, django_capture_on_commit_callbacks):
    """Ask for an export and let the (immediate) worker build it."""
    with django_capture_on_commit_callbacks(execute=True):
        export = services.request_export(anthology, format=format, by=by)
    export.refresh_from_db()
    return export
