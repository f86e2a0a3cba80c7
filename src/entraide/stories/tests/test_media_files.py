"""What authors upload is judged by its content: each accepted audio format, and the refusals
(an executable or an image named .mp3, a damaged or empty file, too long, too big); a photo
comes out with none of its metadata, upright, bounded."""

import io
import shutil
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from entraide.core.errors import DomainError
from entraide.stories import media
from entraide.stories.errors import StoryErrorCode
from entraide.stories.media import check_audio, clean_photo

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 4000
PE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 52 + b"\x80\x00\x00\x00" + b"\x00" * 4000


def upload(path_or_bytes, name="enregistrement.mp3", content_type="audio/mpeg"):
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    return SimpleUploadedFile(name, data, content_type=content_type)


def png_bytes(size=(8, 8)):
    output = io.BytesIO()
    Image.new("RGB", size, "green").save(output, format="PNG")
    return output.getvalue()


def noisy_png():
    output = io.BytesIO()
    Image.effect_noise((300, 300), 80).save(output, format="PNG")
    return output.getvalue()


@pytest.mark.parametrize(
    ("extension", "mime_type"), [("mp3", "audio/mpeg"), ("ogg", "audio/ogg"), ("m4a", "audio/mp4")]
)
def test_each_accepted_format_is_recognised_by_its_content(audio_sample, extension, mime_type):
    # Named wrongly on purpose, with a lying content type: the content decides.
    info = check_audio(
        upload(audio_sample(extension, seconds=3), name="x.wav", content_type="text/plain")
    )
    assert info.mime_type == mime_type
    assert 3 <= info.duration <= 4
    assert info.size == audio_sample(extension, seconds=3).stat().st_size


@pytest.mark.parametrize(
    "content",
    [ELF, PE, png_bytes(), b"<html><script>alert(1)</script></html>" * 50, b"OggS" + b"\x00" * 500],
    ids=["elf", "pe", "png", "html", "fake-ogg"],
)
def test_what_is_not_audio_is_refused_whatever_its_name(content):
    with pytest.raises(DomainError) as refused:
        check_audio(upload(content))
    assert refused.value.code == StoryErrorCode.AUDIO_NOT_RECOGNISED
    assert refused.value.field == "audio"


def test_a_truncated_mp3_is_refused_as_damaged(audio_sample):
    data = audio_sample("mp3", seconds=5).read_bytes()
    with pytest.raises(DomainError) as refused:
        check_audio(upload(data[: len(data) // 3]))
    assert refused.value.code == StoryErrorCode.AUDIO_NOT_RECOGNISED


def test_an_mp3_header_followed_by_garbage_is_refused(audio_sample):
    data = audio_sample("mp3", seconds=1).read_bytes()
    with pytest.raises(DomainError):
        check_audio(upload(data[:200] + b"\x00" * 100))


def test_an_empty_file_is_refused():
    with pytest.raises(DomainError) as refused:
        check_audio(upload(b""))
    assert refused.value.code == StoryErrorCode.AUDIO_NOT_RECOGNISED


def test_a_recording_over_120_minutes_is_refused(tmp_path):
    """121 minutes of silence at 8 kbit/s: about 7 MB, a real file over the bound."""
    path = tmp_path / "long.mp3"
    subprocess.run(  # noqa: S603 - fixed arguments
        [shutil.which("ffmpeg"), "-v", "error", "-y", "-f", "lavfi", "-i",
         "anullsrc=r=8000:cl=mono", "-t", str(121 * 60), "-c:a", "libmp3lame", "-b:a", "8k",
         str(path)],
        check=True,
    )  # fmt: skip
    with pytest.raises(DomainError) as refused:
        check_audio(upload(path))
    assert refused.value.code == StoryErrorCode.AUDIO_TOO_LONG
    assert "121" in refused.value.message


def test_a_file_over_the_size_bound_is_refused(audio_sample, monkeypatch):
    monkeypatch.setattr(media, "AUDIO_MAX_BYTES", 1000)
    with pytest.raises(DomainError) as refused:
        check_audio(upload(audio_sample("mp3", seconds=3)))
    assert refused.value.code == StoryErrorCode.FILE_TOO_BIG


def photo_with_gps(format="JPEG", size=(300, 200), orientation=None):
    image = Image.new("RGB", size, "white")
    image.paste((200, 0, 0), (0, 0, size[0] // 2, size[1]))  # left half red
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0132] = "2024:05:01 10:00:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (43.0, 36.0, 42.0)  # GPSLatitudeRef, GPSLatitude
    gps[3], gps[4] = "E", (3.0, 52.0, 30.0)
    if orientation:
        exif[0x0112] = orientation
    output = io.BytesIO()
    image.save(
        output,
        format=format,
        exif=exif,
        **({"xmp": b"<x:xmpmeta>secret</x:xmpmeta>"} if format != "PNG" else {}),
    )
    return output.getvalue()


@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP"])
def test_a_photo_with_gps_comes_out_with_no_metadata(format):
    original = photo_with_gps(format)
    assert Image.open(io.BytesIO(original)).getexif()  # there was some
    clean = clean_photo(upload(original, name="photo.bin", content_type="image/gif"))
    data = clean.read()
    image = Image.open(io.BytesIO(data))
    assert image.format == format
    assert not image.getexif()
    assert "exif" not in image.info
    assert "xmp" not in image.info
    assert b"CameraMaker" not in data
    assert b"secret" not in data


def test_the_orientation_is_applied_before_the_metadata_go():
    # Orientation 6: "rotate 90° clockwise to view": a 300×200 picture shows as 200×300.
    clean = clean_photo(upload(photo_with_gps(orientation=6), name="p.jpg"))
    image = Image.open(clean)
    assert image.size == (200, 300)
    assert not image.getexif()


def test_a_big_photo_is_shrunk_to_2000_pixels_a_side():
    clean = clean_photo(upload(png_bytes((4000, 1000)), name="p.png"))
    assert Image.open(clean).size == (2000, 500)


def test_a_decompression_bomb_is_refused_clearly():
    # A PNG of 20 000 × 20 000 pixels weighs a few hundred KB: 400 megapixels once decoded.
    output = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(output, format="PNG")
    with pytest.raises(DomainError) as refused:
        clean_photo(upload(output.getvalue(), name="p.png"))
    assert refused.value.code == StoryErrorCode.FILE_TOO_BIG
    assert refused.value.field == "photo"


@pytest.mark.parametrize("content", [b"", ELF, b"GIF89a" + b"\x00" * 100, noisy_png()[:5000]])
def test_what_is_not_a_photo_is_refused(content):
    with pytest.raises(DomainError) as refused:
        clean_photo(upload(content, name="photo.jpg"))
    assert refused.value.code == StoryErrorCode.IMAGE_NOT_RECOGNISED


def test_the_demo_episode_is_a_short_mp3_with_its_transcript():
    from pathlib import Path

    folder = Path(media.__file__).parent / "demo_files"
    info = check_audio(upload(folder / "reparer-ensemble.mp3"))
    assert info.mime_type == "audio/mpeg"
    assert 5 <= info.duration <= 30
    assert info.size < 80_000
    assert "café réparation de Figuerolles" in (folder / "reparer-ensemble.txt").read_text()
