"""The authors' episode and photo pages, and the files served: only a story's confirmed
authors change them, only while it is editable; refusals beside the field with a 400; no
file left in storage after a refusal or a failed save; the files stream with Range requests,
to the public only once consent covers them."""

import io

import pytest
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from entraide.core.errors import DomainError
from entraide.stories.errors import StoryErrorCode
from entraide.stories.models import AUDIO_MAX_BYTES, Episode, Story
from entraide.stories.services import media as services
from entraide.stories.tests.conftest import consented, published, stored_files
from entraide.stories.tests.test_media_files import ELF, photo_with_gps

pytestmark = pytest.mark.django_db


def episode_url(story):
    return f"{story.get_absolute_url()}episode/"


def photo_page(story):
    return f"{story.get_absolute_url()}photo/"


def audio_file(path, name="entretien.mp3"):
    return SimpleUploadedFile(name, path.read_bytes(), content_type="audio/mpeg")


@pytest.fixture
def story(story_by, alice):
    return story_by(alice, slug="reparer-ensemble")


def with_episode(story, user, path):
    services.attach_audio(story, user, audio_file(path))
    services.set_transcript(story, user, "Joséphine : « On répare ensemble. »")
    return Episode.objects.get(story=story)


def test_an_author_uploads_a_recording_and_sees_it(client, alice, story, audio_sample, media_root):
    client.force_login(alice)
    page = client.get(episode_url(story))
    assert page.status_code == 200
    assert "MP3, Ogg (Opus ou Vorbis) ou M4A" in page.text
    response = client.post(episode_url(story), {"audio": audio_file(audio_sample("ogg", 3))})
    assert response.status_code == 302
    episode = Episode.objects.get(story=story)
    assert episode.mime_type == "audio/ogg"
    assert episode.duration == 3
    assert stored_files(media_root) == [episode.audio.name]
    page = client.get(episode_url(story))
    assert f'<audio preload="none" controls src="{story.audio_url()}"' in page.text


def test_an_executable_named_mp3_is_refused_beside_the_field(client, alice, story, media_root):
    client.force_login(alice)
    fake = SimpleUploadedFile("chanson.mp3", ELF, content_type="audio/mpeg")
    response = client.post(episode_url(story), {"audio": fake})
    assert response.status_code == 400
    assert response.context["audio_form"].has_error("audio", StoryErrorCode.AUDIO_NOT_RECOGNISED)
    assert not Episode.objects.filter(story=story).exists()
    assert stored_files(media_root) == []


def test_replacing_the_recording_deletes_the_old_file_once_saved(
    alice, story, audio_sample, media_root, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.attach_audio(story, alice, audio_file(audio_sample("mp3", 1))).audio.name
    with django_capture_on_commit_callbacks(execute=True):
        second = services.attach_audio(story, alice, audio_file(audio_sample("m4a", 1))).audio.name
    assert first != second
    assert stored_files(media_root) == [second]
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_audio(story, alice)
    assert stored_files(media_root) == []
    assert not Episode.objects.get(story=story).audio


def test_a_save_refused_inside_the_transaction_leaves_no_file(
    alice, story, audio_sample, media_root, monkeypatch
):
    """The story went to review between the first check and the locked one: the file
    already written is deleted, the episode is not created."""
    real = services._locked_editable
    calls = []

    def review_meanwhile(story, user):
        calls.append(1)
        if len(calls) == 2:
            Story.objects.filter(pk=story.pk).update(state=Story.State.IN_REVIEW)
        return real(story, user)

    monkeypatch.setattr(services, "_locked_editable", review_meanwhile)
    with pytest.raises(DomainError) as refused:
        services.attach_audio(story, alice, audio_file(audio_sample("mp3", 1)))
    assert refused.value.code == StoryErrorCode.NOT_EDITABLE
    assert stored_files(media_root) == []
    assert not Episode.objects.filter(story=story).exists()


def test_someone_else_s_story_is_forbidden(client, bob, charlie, story, audio_sample, media_root):
    for person in (charlie, bob):  # bob edits the collection, but is not an author
        client.force_login(person)
        assert client.get(episode_url(story)).status_code == 403
        response = client.post(episode_url(story), {"audio": audio_file(audio_sample("mp3", 1))})
        assert response.status_code == 403
        assert client.post(photo_page(story), {}).status_code == 403
    assert stored_files(media_root) == []


def test_a_story_in_review_cannot_change_its_episode(
    client, alice, story, audio_sample, media_root
):
    Story.objects.filter(pk=story.pk).update(state=Story.State.IN_REVIEW)
    client.force_login(alice)
    response = client.post(episode_url(story), {"audio": audio_file(audio_sample("mp3", 1))})
    assert response.status_code == 400
    assert response.context["audio_form"].has_error(NON_FIELD_ERRORS, StoryErrorCode.NOT_EDITABLE)
    assert "ne peut pas être modifié maintenant" in response.text
    response = client.post(f"{episode_url(story)}transcription/", {"transcript": "Bonjour"})
    assert response.status_code == 400
    assert "Ses éditeur" in response.text  # the reason, shown although the form is not
    assert stored_files(media_root) == []


def test_a_body_announced_over_the_limit_is_refused_before_it_is_read(client, alice, story):
    client.force_login(alice)
    response = client.generic(
        "POST",
        episode_url(story),
        b"--x\r\nsmall body\r\n--x--\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(2 * 1024**3),
    )
    assert response.status_code == 413
    assert "trop" in response.text
    assert not Episode.objects.filter(story=story).exists()


def test_a_two_gigabyte_announcement_is_refused_by_a_live_server(live_server, story):
    """Through a real socket: the 413 comes back while the body is not even sent."""
    import socket
    from urllib.parse import urlsplit

    address = urlsplit(live_server.url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(
            f"POST {episode_url(story)} HTTP/1.1\r\nHost: {address.hostname}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {2 * 1024**3}\r\n\r\n".encode()
            + b"--x\r\n"
        )
        answer = connection.recv(200)
    assert answer.startswith(b"HTTP/1.1 413")


def test_chapters_are_checked_line_by_line(client, alice, story, audio_sample):
    with_episode(story, alice, audio_sample("mp3", 3))
    client.force_login(alice)
    url = f"{episode_url(story)}chapitres/"
    for text in ("00:00 Début\n00:00 Encore", "0:00 Début\n00:09 Trop loin", "Début", "00:75 x"):
        response = client.post(url, {"chapters": text})
        assert response.status_code == 400
        assert response.context["chapters_form"].has_error("chapters", StoryErrorCode.BAD_CHAPTERS)
    assert client.post(url, {"chapters": "0:00 Début\n00:02 La suite"}).status_code == 302
    assert Episode.objects.get(story=story).chapters == "00:00 Début\n00:02 La suite"


def test_script_in_the_transcript_and_the_alt_text_is_escaped(client, alice, story, audio_sample):
    script = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    with_episode(story, alice, audio_sample("mp3", 1))
    client.force_login(alice)
    url = f"{episode_url(story)}transcription/"
    assert client.post(url, {"transcript": script}).status_code == 302
    assert "<script>alert" not in Episode.objects.get(story=story).transcript_html
    assert "<script>alert" not in client.get(episode_url(story)).text
    photo = SimpleUploadedFile("p.jpg", photo_with_gps(), content_type="image/jpeg")
    assert client.post(photo_page(story), {"photo": photo, "alt": script}).status_code == 302
    page = client.get(photo_page(story)).text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_a_photo_is_stored_without_its_metadata(client, alice, story, media_root):
    client.force_login(alice)
    page = client.get(photo_page(story))
    assert "sont supprimées" in page.text or "métadonnées" in page.text
    photo = SimpleUploadedFile("p.jpg", photo_with_gps(), content_type="image/jpeg")
    response = client.post(photo_page(story), {"photo": photo, "alt": ""})
    assert response.status_code == 400
    assert stored_files(media_root) == []
    photo.seek(0)
    response = client.post(photo_page(story), {"photo": photo, "alt": "Joséphine à l’atelier"})
    assert response.status_code == 302
    story.refresh_from_db()
    with default_storage.open(story.photo.name, "rb") as stored:
        assert not Image.open(io.BytesIO(stored.read())).getexif()
    served = client.get(story.photo_url())
    assert served["Content-Type"] == "image/jpeg"


def test_a_non_author_cannot_hear_an_unpublished_episode(
    client, alice, bob, charlie, story, audio_sample
):
    with_episode(story, alice, audio_sample("mp3", 1))
    consented(story)
    assert client.get(story.audio_url()).status_code == 404
    client.force_login(charlie)
    assert client.get(story.audio_url()).status_code == 404
    for person in (alice, bob):  # an author, an editor of the collection
        client.force_login(person)
        assert client.get(story.audio_url()).status_code == 200
    client.logout()
    published(story)
    response = client.get(story.audio_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mpeg"


def test_audio_without_voice_consent_stays_private(client, alice, story, audio_sample):
    with_episode(story, alice, audio_sample("mp3", 1))
    consented(story, voice=False)
    published(story)
    assert client.get(story.audio_url()).status_code == 404


def test_range_requests_get_the_right_bytes(client, alice, story, audio_sample):
    path = audio_sample("mp3", 3)
    data = path.read_bytes()
    with_episode(story, alice, path)
    consented(story)
    published(story)
    whole = client.get(story.audio_url())
    assert whole.status_code == 200
    assert whole["Accept-Ranges"] == "bytes"
    assert int(whole["Content-Length"]) == len(data)
    assert b"".join(whole.streaming_content) == data
    part = client.get(story.audio_url(), HTTP_RANGE="bytes=100-199")
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert part["Content-Length"] == "100"
    assert b"".join(part.streaming_content) == data[100:200]
    tail = client.get(story.audio_url(), HTTP_RANGE="bytes=-10")
    assert b"".join(tail.streaming_content) == data[-10:]
    rest = client.get(story.audio_url(), HTTP_RANGE=f"bytes={len(data) - 5}-")
    assert b"".join(rest.streaming_content) == data[-5:]
    bad = client.get(story.audio_url(), HTTP_RANGE=f"bytes={len(data)}-")
    assert bad.status_code == 416
    assert bad["Content-Range"] == f"bytes */{len(data)}"


def test_an_upload_streaming_past_the_limit_is_cut_off(rf, settings, audio_sample):
    """Whatever the headers said, the handler counts the bytes as they arrive and stops the
    upload past the limit: no file reaches the view."""
    from django.core.files.uploadhandler import TemporaryFileUploadHandler

    from entraide.stories import uploads

    settings.ENTRAIDE_UPLOAD_MAX_BYTES = 10_000
    data = audio_sample("mp3", seconds=5).read_bytes()
    assert len(data) > 10_000
    request = rf.post("/", {"audio": SimpleUploadedFile("a.mp3", data)})
    counter = uploads.BoundedUploadHandler(request)
    request.upload_handlers = [counter, TemporaryFileUploadHandler(request)]
    assert "audio" not in request.FILES
    assert counter.cut_short


def test_the_upload_limit_leaves_room_for_the_longest_recording(settings):
    assert settings.ENTRAIDE_UPLOAD_MAX_BYTES > AUDIO_MAX_BYTES


def test_ten_thousand_characters_of_description_are_refused_whole(client, alice, story, media_root):
    client.force_login(alice)
    photo = SimpleUploadedFile("p.jpg", photo_with_gps(), content_type="image/jpeg")
    response = client.post(photo_page(story), {"photo": photo, "alt": "x" * 10_000})
    assert response.status_code == 400
    assert response.context["form"].errors["alt"]
    assert stored_files(media_root) == []
    story.refresh_from_db()
    assert not story.photo
    response = client.post(f"{episode_url(story)}transcription/", {"transcript": "x" * 200_001})
    assert response.status_code == 400
    assert response.context["transcript_form"].has_error("transcript", StoryErrorCode.TOO_LONG)
    assert not Episode.objects.filter(story=story, transcript__startswith="x").exists()
