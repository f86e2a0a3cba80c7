"""The media pages and the files served, against files that lie about what they are and
requests that stretch HTTP: content sniffed whatever the name, a polyglot served as audio
only, script and GPS gone from a photo, bombs and empty files refused, someone else's or a
frozen story refused with no orphan file left; every shape of Range header; HEAD."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from entraide.stories.models import Consent, Episode, Story
from entraide.stories.services import consent as consent_services
from entraide.stories.services import media as services
from entraide.stories.tests.conftest import consented, published, stored_files
from entraide.stories.tests.test_media_files import ELF, PE, png_bytes
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>\n"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)


def zip_bytes():
    import zipfile

    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("a.txt", "bonjour" * 100)
    return output.getvalue()


@pytest.fixture
def story(story_by, alice):
    return story_by(alice, slug="reparer-ensemble")


def episode_url(story):
    return f"{story.get_absolute_url()}episode/"


def photo_page(story):
    return f"{story.get_absolute_url()}photo/"


def send_audio(client, story, data, name):
    return client.post(episode_url(story), {"audio": SimpleUploadedFile(name, data, "audio/mpeg")})


@pytest.mark.parametrize("name", ["entretien.mp3", "entretien.ogg", "entretien.m4a"])
@pytest.mark.parametrize(
    "content",
    [png_bytes(), ELF, PE, zip_bytes(), HTML, b"\x00"],
    ids=["png", "elf", "exe", "zip", "html", "nul"],
)
def test_a_file_that_lies_about_being_audio_is_refused(
    client, alice, story, media_root, name, content
):
    client.force_login(alice)
    response = send_audio(client, story, content, name)
    assert response.status_code == 400
    assert response.context["audio_form"].errors["audio"]
    assert stored_files(media_root) == []
    assert not Episode.objects.filter(story=story).exclude(audio="").exists()


def test_html_before_mp3_frames_is_refused(client, alice, story, audio_sample, media_root):
    client.force_login(alice)
    data = HTML + audio_sample("mp3").read_bytes()
    assert send_audio(client, story, data, "polyglot.mp3").status_code == 400
    assert stored_files(media_root) == []


def test_an_mp3_with_html_after_its_frames_is_served_as_audio_never_as_a_page(
    client, alice, story, audio_sample
):
    client.force_login(alice)
    data = audio_sample("mp3").read_bytes() + HTML
    response = send_audio(client, story, data, "polyglot.html")
    assert response.status_code == 302
    served = client.get(story.audio_url())
    assert served.status_code == 200
    assert served["Content-Type"] == "audio/mpeg"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"] == "inline"
    assert Episode.objects.get(story=story).audio.name.endswith(".mp3")


def test_an_empty_file_is_refused_beside_the_field(client, alice, story, media_root):
    client.force_login(alice)
    assert send_audio(client, story, b"", "vide.mp3").status_code == 400
    response = client.post(
        photo_page(story), {"photo": SimpleUploadedFile("vide.jpg", b""), "alt": "Un portrait"}
    )
    assert response.status_code == 400
    assert stored_files(media_root) == []


def test_a_file_field_sent_twice_is_judged_by_the_last_one(
    client, alice, story, audio_sample, media_root
):
    client.force_login(alice)
    good = audio_sample("mp3").read_bytes()
    response = client.post(
        episode_url(story),
        {"audio": [SimpleUploadedFile("a.mp3", good), SimpleUploadedFile("b.mp3", ELF)]},
    )
    assert response.status_code == 400  # the executable, sent last, is the one judged
    assert stored_files(media_root) == []
    response = client.post(
        episode_url(story),
        {"audio": [SimpleUploadedFile("a.mp3", ELF), SimpleUploadedFile("b.mp3", good)]},
    )
    assert response.status_code == 302
    assert len(stored_files(media_root)) == 1  # one file kept, never the other


def test_an_svg_is_refused_as_a_photo(client, alice, story, media_root):
    client.force_login(alice)
    for name in ("photo.svg", "photo.jpg", "photo.png"):
        response = client.post(
            photo_page(story),
            {"photo": SimpleUploadedFile(name, SVG, "image/svg+xml"), "alt": "Un portrait"},
        )
        assert response.status_code == 400, name
    assert stored_files(media_root) == []
    assert not Story.objects.get(pk=story.pk).photo


def jpeg_with_gps_and_script():
    image = Image.new("RGB", (64, 48), "white")
    exif = Image.Exif()
    exif[0x010E] = "<script>alert(1)</script>"  # ImageDescription
    exif[0x9286] = "<script>alert(2)</script>"  # UserComment (Exif IFD, here in IFD0)
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (43.0, 36.0, 42.0)
    gps[3], gps[4] = "E", (3.0, 52.0, 30.0)
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif, comment=b"<script>alert(3)</script>")
    return output.getvalue()


def test_a_photo_with_gps_and_script_in_its_metadata_is_stored_without_them(
    client, alice, story, media_root
):
    original = jpeg_with_gps_and_script()
    assert b"<script>" in original
    client.force_login(alice)
    response = client.post(
        photo_page(story),
        {"photo": SimpleUploadedFile("p.jpg", original, "image/jpeg"), "alt": "Un portrait"},
    )
    assert response.status_code == 302
    [name] = stored_files(media_root)
    data = (media_root / name).read_bytes()
    assert b"script" not in data
    image = Image.open(io.BytesIO(data))
    assert not image.getexif()
    assert "comment" not in image.info
    served = client.get(story.photo_url())
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"


def test_a_decompression_bomb_is_refused_by_the_page(client, alice, story, media_root):
    output = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(output, format="PNG")
    client.force_login(alice)
    response = client.post(
        photo_page(story),
        {"photo": SimpleUploadedFile("p.png", output.getvalue()), "alt": "Un portrait"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["photo"]
    assert stored_files(media_root) == []


def test_uploading_to_someone_else_s_story_is_403_and_leaves_nothing(
    client, charlie, story, audio_sample, media_root
):
    client.force_login(charlie)
    data = audio_sample("mp3").read_bytes()
    assert send_audio(client, story, data, "a.mp3").status_code == 403
    response = client.post(
        photo_page(story), {"photo": SimpleUploadedFile("p.png", png_bytes()), "alt": "Portrait"}
    )
    assert response.status_code == 403
    assert stored_files(media_root) == []


@pytest.mark.parametrize("state", [Story.State.IN_REVIEW, Story.State.ACCEPTED, "published"])
def test_uploading_to_a_frozen_story_is_refused_with_no_orphan_file(
    client, alice, story, audio_sample, media_root, state
):
    if state == "published":
        consented(story)
        published(story)
    else:
        Story.objects.filter(pk=story.pk).update(state=state)
    client.force_login(alice)
    assert send_audio(client, story, audio_sample("mp3").read_bytes(), "a.mp3").status_code == 400
    response = client.post(
        photo_page(story), {"photo": SimpleUploadedFile("p.png", png_bytes()), "alt": "Portrait"}
    )
    assert response.status_code == 400
    assert stored_files(media_root) == []
    assert not Episode.objects.filter(story=story).exists()


# --- Range and HEAD ---------------------------------------------------------------------------


@pytest.fixture
def served(client, alice, story, audio_sample):
    """(the audio's address, its bytes), heard by its author."""
    client.force_login(alice)
    services.attach_audio(
        story, alice, SimpleUploadedFile("a.mp3", audio_sample("mp3").read_bytes())
    )
    episode = Episode.objects.get(story=story)
    return story.audio_url(), episode.audio.open("rb").read()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=-5", -5, None), ("bytes=5-", 5, None), ("bytes=0-0", 0, 1), ("bytes=3-7", 3, 8)],
)
def test_satisfiable_ranges_get_exactly_their_bytes(client, served, header, first, last):
    url, data = served
    response = client.get(url, HTTP_RANGE=header)
    assert response.status_code == 206
    expected = data[first:last]
    assert body(response) == expected
    assert response["Content-Length"] == str(len(expected))
    start = first if first >= 0 else len(data) + first
    assert response["Content-Range"] == f"bytes {start}-{start + len(expected) - 1}/{len(data)}"


def test_a_range_running_past_the_end_is_cut_at_the_end(client, served):
    url, data = served
    response = client.get(url, HTTP_RANGE="bytes=10-99999999999999999999")
    assert response.status_code == 206
    assert body(response) == data[10:]
    response = client.get(url, HTTP_RANGE=f"bytes=-{len(data) * 10}")
    assert response.status_code == 206
    assert body(response) == data
    # Thousands of digits (past Python's int() bound of 4300): the end, not a 500.
    response = client.get(url, HTTP_RANGE="bytes=0-" + "9" * 5000)
    assert response.status_code == 206
    assert body(response) == data
    response = client.get(url, HTTP_RANGE="bytes=-" + "9" * 5000)
    assert response.status_code == 206
    assert body(response) == data


@pytest.mark.parametrize(
    "header",
    [
        "bytes=10-5",
        "bytes=abc",
        "bytes=0-1,3-4",
        "items=0-5",
        "bytes=-",
        "bytes=1-2-3",
        "bytes=\u0661-\u0665",  # Arabic-Indic digits are not HTTP digits
    ],
)
def test_invalid_or_multiple_ranges_are_ignored_the_whole_file_comes(client, served, header):
    # RFC 9110 §14.2: a Range the server does not understand or will not honour is ignored.
    url, data = served
    response = client.get(url, HTTP_RANGE=header)
    assert response.status_code == 200
    assert body(response) == data
    assert "Content-Range" not in response


@pytest.mark.parametrize(
    "header", ["bytes=99999999-", "bytes=-0", "bytes={size}-", "bytes=" + "9" * 5000 + "-"]
)
def test_ranges_beyond_the_end_are_416(client, served, header):
    url, data = served
    response = client.get(url, HTTP_RANGE=header.format(size=len(data)))
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(data)}"


def test_head_gives_the_headers_without_the_body(client, served):
    url, data = served
    whole = client.head(url)
    assert whole.status_code == 200
    assert whole["Content-Length"] == str(len(data))
    assert whole["Content-Type"] == "audio/mpeg"
    assert body(whole) == b""
    part = client.head(url, HTTP_RANGE="bytes=0-9")
    assert part.status_code == 206
    assert part["Content-Length"] == "10"
    assert body(part) == b""
    assert client.post(url).status_code == 405
    assert client.head(url.replace("reparer-ensemble", "autre")).status_code == 404


# --- Consent refused --------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["refused", "withdrawn"])
def test_no_recording_nor_photo_is_taken_once_the_interviewee_said_no(
    client, alice, story, audio_sample, media_root, how
):
    consent = consented(story, text=True, voice=how == "withdrawn", photo=how == "withdrawn")
    if how == "withdrawn":
        consent_services.withdraw(consent)
    client.force_login(alice)
    response = send_audio(client, story, audio_sample("mp3").read_bytes(), "a.mp3")
    assert response.status_code == 400
    assert response.context["audio_form"].has_error("audio", "medium_refused")
    response = client.post(
        photo_page(story), {"photo": SimpleUploadedFile("p.png", png_bytes()), "alt": "Portrait"}
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("photo", "medium_refused")
    assert stored_files(media_root) == []
    assert not Episode.objects.filter(story=story).exclude(audio="").exists()


def test_a_new_answer_agreeing_again_lets_the_recording_in(
    client, alice, story, audio_sample, media_root
):
    first = consented(story, voice=False)
    Consent.objects.filter(pk=first.pk).update(requested_at=first.requested_at.replace(year=2020))
    consent = consent_services.request_consent(story, by=alice)
    client.force_login(alice)
    data = audio_sample("mp3").read_bytes()
    assert send_audio(client, story, data, "a.mp3").status_code == 400  # not answered yet
    consent_services.answer(consent, media={"text", "voice"}, credit=Story.Credit.FULL_NAME)
    assert send_audio(client, story, data, "a.mp3").status_code == 302
    assert len(stored_files(media_root)) == 1


def test_only_this_place_s_editors_preview_the_files(
    client, alice, bob, charlie, story, audio_sample
):
    services.attach_audio(story, alice, SimpleUploadedFile("a.mp3", audio_sample().read_bytes()))
    services.attach_photo(story, alice, SimpleUploadedFile("p.png", png_bytes()), "Portrait")
    other_place_editor = UserFactory()
    PlaceFactory(organisers=[other_place_editor])
    for person in (None, charlie, other_place_editor):
        client.logout()
        if person:
            client.force_login(person)
        for address in (story.audio_url(), story.photo_url()):
            assert client.get(address).status_code == 404, (person, address)
            assert client.head(address, HTTP_RANGE="bytes=0-1").status_code == 404
    client.force_login(bob)
    assert client.get(story.audio_url())["Cache-Control"] == "private, no-store"
