"""Checking what authors upload, by its content, never by its name or the type the browser
claims: pure functions, no database.

- `check_audio(file)`: an MP3, an Ogg (Opus or Vorbis) or an MP4/M4A audio file, read with
  mutagen; its duration and size bounded (AUDIO_MAX_SECONDS, AUDIO_MAX_BYTES).
- `clean_photo(file)`: a JPEG, PNG or WebP image re-encoded with Pillow, turned upright first
  (its EXIF orientation), so that nothing of its metadata is kept (EXIF, GPS, XMP, comments);
  bounded in bytes (PHOTO_MAX_BYTES) and pixels (decompression bombs), shrunk to
  PHOTO_MAX_SIDE.

Each refusal is a DomainError whose field is the form's ("audio", "photo")."""

import io
import math
import uuid
import warnings
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from mutagen import MutagenError
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis
from PIL import Image, ImageOps, UnidentifiedImageError

from entraide.core.errors import DomainError
from entraide.stories.errors import StoryErrorCode
from entraide.stories.models import AUDIO_MAX_BYTES, AUDIO_MAX_SECONDS, PHOTO_MAX_BYTES

PHOTO_MAX_PIXELS = 40_000_000  # 40 megapixels: more is refused (a decompression bomb)
PHOTO_MAX_SIDE = 2000  # the longest side kept, in pixels
PHOTO_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png")}
PHOTO_FORMATS["WEBP"] = ("webp", "image/webp")
# An MP3 whose frames announce more bytes than the file holds is cut short (truncated).
MP3_SHORTEST_SHARE = 0.9


@dataclass(frozen=True)
class AudioInfo:
    mime_type: str
    extension: str
    duration: int  # seconds, rounded up
    size: int  # bytes


def audio_formats_text() -> str:
    """What the episode page says beside the field."""
    return _("MP3, Ogg (Opus or Vorbis) or M4A; at most %(minutes)s minutes and %(size)s.") % {
        "minutes": AUDIO_MAX_SECONDS // 60,
        "size": filesizeformat(AUDIO_MAX_BYTES),
    }


def photo_formats_text() -> str:
    return _("JPEG, PNG or WebP; at most %(size)s.") % {"size": filesizeformat(PHOTO_MAX_BYTES)}


def _not_audio():
    return DomainError(
        _(
            "This file is not a sound file we can read: send an MP3, Ogg (Opus or Vorbis) or "
            "M4A file. Its name does not matter, its content does."
        ),
        code=StoryErrorCode.AUDIO_NOT_RECOGNISED,
        field="audio",
    )


def _size_of(uploaded_file) -> int:
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, io.SEEK_END)
        size = uploaded_file.tell()
    return size


def _head(uploaded_file, count=12) -> bytes:
    uploaded_file.seek(0)
    head = uploaded_file.read(count)
    uploaded_file.seek(0)
    return head


def _id3_size(head: bytes) -> int:
    """The length of an ID3v2 tag at the start of an MP3 (0 if none)."""
    if head[:3] != b"ID3" or len(head) < 10:
        return 0
    syncsafe = head[6:10]
    size = 0
    for byte in syncsafe:
        size = (size << 7) | (byte & 0x7F)
    footer = 10 if head[5] & 0x10 else 0
    return 10 + size + footer


def _is_mpeg_frame(head: bytes) -> bool:
    """An MPEG audio frame header: 11 sync bits, a known version, layer and bitrate."""
    if len(head) < 4 or head[0] != 0xFF or (head[1] & 0xE0) != 0xE0:
        return False
    version, layer = (head[1] >> 3) & 0x3, (head[1] >> 1) & 0x3
    bitrate, rate = head[2] >> 4, (head[2] >> 2) & 0x3
    return version != 1 and layer != 0 and bitrate not in (0, 15) and rate != 3


def _read_mp3(uploaded_file, size):
    head = _head(uploaded_file, 10)
    tag = _id3_size(head)
    uploaded_file.seek(tag)
    first = uploaded_file.read(4)
    uploaded_file.seek(0)
    if not _is_mpeg_frame(first):
        raise _not_audio()
    audio = MP3(uploaded_file)
    info = audio.info
    # The frames announce the stream's length: a file holding much less was cut short.
    announced = info.bitrate * info.length / 8
    if info.bitrate and announced and (size - tag) < announced * MP3_SHORTEST_SHARE:
        raise _corrupt()
    return info.length, "audio/mpeg", "mp3"


def _read_ogg(uploaded_file):
    for kind, extension in ((OggOpus, "opus"), (OggVorbis, "ogg")):
        uploaded_file.seek(0)
        try:
            return kind(uploaded_file).info.length, "audio/ogg", extension
        except MutagenError:
            continue
    raise _not_audio()


def _read_mp4(uploaded_file):
    info = MP4(uploaded_file).info
    if not getattr(info, "codec", "") or not info.sample_rate:
        raise _not_audio()  # a video or an empty container
    return info.length, "audio/mp4", "m4a"


def _corrupt():
    return DomainError(
        _("This sound file is damaged or incomplete: export it again and send it once more."),
        code=StoryErrorCode.AUDIO_NOT_RECOGNISED,
        field="audio",
    )


def check_audio(uploaded_file) -> AudioInfo:
    """The audio's type, duration and size, read from its content; a DomainError (field
    "audio") if it is not an MP3, Ogg Opus/Vorbis or M4A file we can read, is empty, too long
    or too big."""
    size = _size_of(uploaded_file)
    if not size:
        raise DomainError(
            _("This file is empty."), code=StoryErrorCode.AUDIO_NOT_RECOGNISED, field="audio"
        )
    if size > AUDIO_MAX_BYTES:
        raise too_big("audio", AUDIO_MAX_BYTES, size)
    head = _head(uploaded_file)
    try:
        if head[:4] == b"OggS":
            length, mime_type, extension = _read_ogg(uploaded_file)
        elif head[4:8] == b"ftyp":
            length, mime_type, extension = _read_mp4(uploaded_file)
        elif head[:3] == b"ID3" or _is_mpeg_frame(head):
            length, mime_type, extension = _read_mp3(uploaded_file, size)
        else:
            raise _not_audio()
    except (MutagenError, ValueError, OverflowError, EOFError, IndexError) as error:
        raise _corrupt() from error
    finally:
        uploaded_file.seek(0)
    if not length or length <= 0 or math.isnan(length):
        raise _corrupt()
    if length > AUDIO_MAX_SECONDS:
        raise DomainError(
            _("This recording lasts %(minutes)s minutes: at most %(max)s minutes are accepted.")
            % {"minutes": round(length / 60), "max": AUDIO_MAX_SECONDS // 60},
            code=StoryErrorCode.AUDIO_TOO_LONG,
            field="audio",
        )
    return AudioInfo(mime_type, extension, math.ceil(length), size)


def too_big(field, limit, size=None):
    if size is None:
        message = _("This file is too big: at most %(max)s.") % {"max": filesizeformat(limit)}
    else:
        message = _("This file weighs %(size)s: at most %(max)s are accepted.") % {
            "size": filesizeformat(size),
            "max": filesizeformat(limit),
        }
    return DomainError(message, code=StoryErrorCode.FILE_TOO_BIG, field=field)


def _not_an_image():
    return DomainError(
        _("This file is not a photo we can read: send a JPEG, PNG or WebP image."),
        code=StoryErrorCode.IMAGE_NOT_RECOGNISED,
        field="photo",
    )


def _too_many_pixels():
    return DomainError(
        _("This image is too large (more than %(max)s million pixels): send a smaller one.")
        % {"max": PHOTO_MAX_PIXELS // 1_000_000},
        code=StoryErrorCode.FILE_TOO_BIG,
        field="photo",
    )


def clean_photo(uploaded_file) -> ContentFile:
    """A new file holding the photo re-encoded, upright, at most PHOTO_MAX_SIDE pixels a
    side, with none of the original's metadata; its name is new (random) and its extension
    is its format's. A DomainError (field "photo") otherwise."""
    size = _size_of(uploaded_file)
    if not size:
        raise _not_an_image()
    if size > PHOTO_MAX_BYTES:
        raise too_big("photo", PHOTO_MAX_BYTES, size)
    uploaded_file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(uploaded_file, formats=list(PHOTO_FORMATS))
            if image.width * image.height > PHOTO_MAX_PIXELS:
                raise _too_many_pixels()
            image.load()
            upright = ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_many_pixels() from error
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
            raise _not_an_image() from error
    image_format = image.format
    extension, _mime = PHOTO_FORMATS[image_format]
    if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    elif upright.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        upright = upright.convert("RGBA")
    upright.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    icc_profile = image.info.get("icc_profile")
    upright.info = {}  # EXIF, XMP, comments, text chunks: none is written again
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if image_format == "JPEG":
        options.update(quality=85, optimize=True)
    output = io.BytesIO()
    upright.save(output, format=image_format, **options)
    return ContentFile(output.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def photo_mime_type(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower()
    for known, mime_type in PHOTO_FORMATS.values():
        if known == extension:
            return mime_type
    return "application/octet-stream"
