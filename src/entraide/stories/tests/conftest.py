"""Stories shared by the tests: the collection "Récits de la transition" of La Verrière (run by
bob, its editor), public, with its consent form (version 1) and the seed's themes; alice is a
writer; `story_by(alice)` starts a portrait of which she is the confirmed author.

Uploaded files go to a temporary folder per test (MEDIA_ROOT), so that a test can assert that
nothing is left in storage. Audio samples are made once per run with ffmpeg (Debian's package,
installed by .ci/run), a second of a tone in each accepted format."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone
from django.utils.text import slugify

from entraide.core.tokens import new_keyed_link
from entraide.stories.models import (
    CONSENT_PURPOSE,
    DEFAULT_CONSENT,
    DEFAULT_GUIDE,
    DEFAULT_THEMES,
    Author,
    Collection,
    Consent,
    ConsentForm,
    Story,
    Theme,
    Writer,
)

AUDIO_FORMATS = {
    # extension: ffmpeg's encoder arguments
    "mp3": ["-c:a", "libmp3lame", "-b:a", "32k"],
    "ogg": ["-c:a", "libopus", "-b:a", "24k"],
    "m4a": ["-c:a", "aac", "-b:a", "32k"],
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test's own storage folder: files[…] lists what is left in it."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


def stored_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture(scope="session")
def audio_sample(tmp_path_factory):
    """audio_sample("mp3", seconds=1) -> the path of a real audio file of that format."""
    folder = tmp_path_factory.mktemp("audio")
    made = {}

    def make(extension="mp3", seconds=1):
        key = (extension, seconds)
        if key not in made:
            ffmpeg = shutil.which("ffmpeg")
            assert ffmpeg, "ffmpeg is needed to make audio samples (apt-get install ffmpeg)"
            path = folder / f"sample-{seconds}s.{extension}"
            subprocess.run(  # noqa: S603 - fixed arguments
                [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i",
                 f"sine=frequency=440:duration={seconds}", "-ac", "1",
                 *AUDIO_FORMATS[extension], str(path)],
                check=True,
            )  # fmt: skip
            made[key] = path
        return made[key]

    return make


def build_collection(place, *, title="Récits de la transition", public=True, **fields):
    collection = Collection(
        place=place,
        title=title,
        slug=fields.pop("slug", "recits-de-la-transition"),
        description="Des portraits de personnes **engagées**.",
        interview_guide=str(DEFAULT_GUIDE),
        length_guidance="D’une à quatre pages.",
        code=fields.pop("code", "ABCD2345"),
        published_at=timezone.now() if public else None,
        **fields,
    )
    collection.save()
    ConsentForm.objects.create(collection=collection, version=1, text=str(DEFAULT_CONSENT))
    for position, name in enumerate(DEFAULT_THEMES):
        Theme.objects.create(
            collection=collection, name=str(name), slug=f"theme-{position}", position=position
        )
    return collection


@pytest.fixture
def collection(place):
    return build_collection(place)


@pytest.fixture
def writer(collection, alice):
    return Writer.objects.create(collection=collection, user=alice, joined_at=timezone.now())


def build_story(collection, author, *, title="Réparer ensemble", **fields):
    story = Story(
        collection=collection,
        title=title,
        slug=fields.pop("slug", None) or slugify(title),
        interviewee_name=fields.pop("interviewee_name", "Joséphine Martin"),
        interviewee_email=fields.pop("interviewee_email", "josephine@example.org"),
        body=fields.pop("body", "Joséphine répare des grille-pain depuis vingt ans."),
        created_by=author,
        **fields,
    )
    story.words = len(story.body.split())
    story.save()
    Author.objects.create(story=story, user=author, accepted_at=timezone.now())
    return story


@pytest.fixture
def story_by(collection, writer):
    def make(author, **fields):
        return build_story(collection, author, **fields)

    return make


def consented(story, *, text=True, voice=True, photo=True):
    """The interviewee has answered the consent request (what services/consent.py records)."""
    key, digest = new_keyed_link(CONSENT_PURPOSE)
    consent = Consent.objects.create(
        story=story,
        form=story.collection.current_consent_form(),
        email=story.interviewee_email or "josephine@example.org",
        link_key=key,
        token_digest=digest,
        answered_at=timezone.now(),
        text=text,
        voice=voice,
        photo=photo,
        credit=story.credit,
    )
    story.consented_text, story.consented_voice, story.consented_photo = text, voice, photo
    story.save(update_fields=["consented_text", "consented_voice", "consented_photo"])
    return consent


def published(story):
    story.state = Story.State.PUBLISHED
    story.published_at = timezone.now()
    story.save(update_fields=["state", "published_at"])
    return story
