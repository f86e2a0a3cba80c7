"""What the public may see follows the interviewee's consent, medium by medium."""

from django.core.files.base import ContentFile

from entraide.stories.models import Episode, Story
from entraide.stories.tests.conftest import consented, published, stored_files


def test_a_published_story_is_public_only_once_consent_covers_its_text(story_by, alice):
    story = published(story_by(alice))
    assert not story.is_public
    assert not Story.objects.public().exists()
    consented(story, text=True, voice=False, photo=False)
    assert story.is_public
    assert list(Story.objects.public()) == [story]


def test_a_draft_with_consent_is_not_public(story_by, alice):
    story = story_by(alice)
    consented(story)
    assert not Story.objects.public().exists()


def test_the_audio_needs_the_voice_consent_and_a_transcript(story_by, alice):
    story = published(story_by(alice))
    episode = Episode.objects.create(story=story, transcript="")
    episode.audio.save("voix.mp3", ContentFile(b"ID3"), save=True)
    consented(story, text=True, voice=False)
    assert story.is_public
    assert not story.audio_is_public
    consented(story, text=True, voice=True)
    assert not story.audio_is_public  # no transcript yet
    episode.transcript = "— Bonjour Joséphine."
    episode.save()
    story.refresh_from_db()
    assert story.audio_is_public


def test_the_credited_name_follows_the_choice(story_by, alice):
    story = story_by(alice, interviewee_name="Joséphine Martin")
    assert story.credited_name() == "Joséphine Martin"
    story.credit = Story.Credit.FIRST_NAME
    assert story.credited_name() == "Joséphine"
    story.credit, story.pseudonym = Story.Credit.PSEUDONYM, "La réparatrice"
    assert story.credited_name() == "La réparatrice"


def test_deleting_a_story_s_files_empties_storage(story_by, alice, media_root):
    story = story_by(alice)
    story.photo.save("portrait.jpg", ContentFile(b"\xff\xd8\xff"), save=True)
    episode = Episode.objects.create(story=story, transcript="texte")
    episode.audio.save("voix.mp3", ContentFile(b"ID3"), save=True)
    assert len(stored_files(media_root)) == 2
    story.delete_files()
    assert stored_files(media_root) == []
    story.refresh_from_db()
    episode.refresh_from_db()
    assert not story.photo
    assert not episode.audio


def test_audio_samples_are_real_audio(audio_sample):
    import mutagen

    for extension in ("mp3", "ogg", "m4a"):
        assert mutagen.File(audio_sample(extension)).info.length > 0.5
