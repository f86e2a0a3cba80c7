"""A story's episode (audio, transcript, chapters) and photo, changed by its confirmed authors
while the story is editable.

Files go through `default_storage` only (save, open, delete, size): a local folder or an
S3-compatible store alike. No orphan is left: a new file is written before the transaction
and deleted if the transaction fails; the file it replaces is deleted only once the
transaction commits."""

import logging
import re
import uuid

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.stories.access import is_author
from entraide.stories.errors import StoryErrorCode
from entraide.stories.media import check_audio, clean_photo
from entraide.stories.models import ALT_MAX, CHAPTERS_MAX, TRANSCRIPT_MAX, Episode, Story
from entraide.stories.services import consent as consent_services

log = logging.getLogger(__name__)

AUDIO_FOLDER = "stories/audio/"
PHOTO_FOLDER = "stories/photos/"
CHAPTER_LINE = re.compile(r"^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})\s+(\S.*)$")


def _too_long(field, limit, count):
    return DomainError(
        _("At most %(max)s characters (there are %(count)s).") % {"max": limit, "count": count},
        code=StoryErrorCode.TOO_LONG,
        field=field,
    )


def _locked_editable(story: Story, user) -> Story:
    """The story's row, locked, if `user` is a confirmed author and it may be edited."""
    if not is_author(user, story):
        raise DomainError(
            _("Only the story's authors may change its episode and photo."),
            code=StoryErrorCode.NOT_AN_AUTHOR,
        )
    locked = Story.objects.select_for_update().get(pk=story.pk)
    if not locked.is_editable:
        raise DomainError(
            _(
                "This story is in review or published: it cannot be changed now. Its editors "
                "may send it back to you for changes."
            ),
            code=StoryErrorCode.NOT_EDITABLE,
        )
    return locked


def _check_not_refused(story, medium):
    """The interviewee's last word refused `medium` ("voice", "photo"), or they withdrew:
    their recording or photo is not taken (consent would delete it at once anyway)."""
    if not consent_services.refused(story, medium):
        return
    if medium == "voice":
        message = _(
            "The person interviewed refused the publication of their recorded voice, or "
            "withdrew their consent: no recording of them is kept. Ask for their consent again "
            "first."
        )
    else:
        message = _(
            "The person interviewed refused the publication of their photo, or withdrew their "
            "consent: no photo of them is kept. Ask for their consent again first."
        )
    field = "audio" if medium == "voice" else "photo"
    raise DomainError(message, code=StoryErrorCode.MEDIUM_REFUSED, field=field)


def _check_allowed(story, user, medium):
    """The same checks before any file is written (again under the lock afterwards)."""
    with transaction.atomic():
        _check_not_refused(_locked_editable(story, user), medium)


def _delete_later(name):
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def _save_then(name, content, change):
    """Write `content` to storage, then run `change(saved_name)` in a transaction; if it
    fails, the written file is deleted: nothing is left behind."""
    saved = default_storage.save(name, content)
    try:
        with transaction.atomic():
            return change(saved)
    except BaseException:
        default_storage.delete(saved)
        log.info("stories: upload %s deleted, its save failed", saved)
        raise


def attach_audio(story: Story, user, uploaded_file) -> Episode:
    """The story's episode with this audio (checked by its content), replacing any earlier
    one, whose file is deleted once this is saved."""
    _check_allowed(story, user, "voice")
    info = check_audio(uploaded_file)
    uploaded_file.seek(0)

    def change(saved):
        locked = _locked_editable(story, user)
        _check_not_refused(locked, "voice")
        episode, _created = Episode.objects.get_or_create(story=locked)
        _delete_later(episode.audio.name)
        episode.audio = saved
        episode.mime_type = info.mime_type
        episode.size = default_storage.size(saved)
        episode.duration = info.duration
        episode.uploaded_at = timezone.now()
        episode.save()
        return episode

    name = f"{AUDIO_FOLDER}{uuid.uuid4().hex}.{info.extension}"
    episode = _save_then(name, uploaded_file, change)
    log.info("story %s: audio of %s s, %s bytes", story.pk, info.duration, info.size)
    return episode


def remove_audio(story: Story, user) -> None:
    with transaction.atomic():
        locked = _locked_editable(story, user)
        episode = Episode.objects.filter(story=locked).first()
        if episode is None or not episode.audio:
            return
        _delete_later(episode.audio.name)
        episode.audio = ""
        episode.mime_type = ""
        episode.size = 0
        episode.duration = 0
        episode.chapters = ""
        episode.save(update_fields=["audio", "mime_type", "size", "duration", "chapters"])


def set_transcript(story: Story, user, transcript: str) -> Episode:
    transcript = (transcript or "").strip()
    if len(transcript) > TRANSCRIPT_MAX:
        raise _too_long("transcript", TRANSCRIPT_MAX, len(transcript))
    with transaction.atomic():
        locked = _locked_editable(story, user)
        episode, _created = Episode.objects.get_or_create(story=locked)
        episode.transcript = transcript
        episode.save()
    return episode


def _seconds(match) -> int:
    hours, minutes, seconds = match.group(1), int(match.group(2)), int(match.group(3))
    if seconds > 59 or (hours is not None and minutes > 59):
        raise ValueError
    return int(hours or 0) * 3600 + minutes * 60 + seconds


def parse_chapters(text: str, duration: int) -> list[tuple[int, str]]:
    """[(start in seconds, title)] from lines "mm:ss Title" or "h:mm:ss Title", in order,
    within `duration`; a DomainError (field "chapters") naming the first wrong line."""
    chapters = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        match = CHAPTER_LINE.match(line)
        try:
            start = _seconds(match) if match else None
        except ValueError:
            start = None
        if start is None:
            message = _('Line %(line)s: write a time then a title, e.g. "02:30 Her first repair".')
        elif chapters and start <= chapters[-1][0]:
            message = _("Line %(line)s: each chapter starts after the one before.")
        elif duration and start >= duration:
            message = _("Line %(line)s: this time is past the end of the recording.")
        else:
            chapters.append((start, match.group(4).strip()))
            continue
        raise DomainError(
            message % {"line": number}, code=StoryErrorCode.BAD_CHAPTERS, field="chapters"
        )
    return chapters


def set_chapters(story: Story, user, text: str) -> Episode:
    text = (text or "").strip()
    if len(text) > CHAPTERS_MAX:
        raise _too_long("chapters", CHAPTERS_MAX, len(text))
    with transaction.atomic():
        locked = _locked_editable(story, user)
        episode, _created = Episode.objects.get_or_create(story=locked)
        if text and not episode.audio:
            raise DomainError(
                _("Add the recording first: chapters point into it."),
                code=StoryErrorCode.BAD_CHAPTERS,
                field="chapters",
            )
        chapters = parse_chapters(text, episode.duration)
        episode.chapters = "\n".join(f"{format_time(start)} {title}" for start, title in chapters)
        episode.save(update_fields=["chapters"])
    return episode


def format_time(seconds: int) -> str:
    hours, rest = divmod(int(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes:02}:{seconds:02}"


def attach_photo(story: Story, user, uploaded_file, alt: str) -> Story:
    """The story's photo, re-encoded without its metadata, with its description (required:
    what a screen reader says instead)."""
    alt = " ".join((alt or "").split())
    if not alt:
        raise DomainError(
            _("Describe the photo for those who cannot see it."),
            code=StoryErrorCode.ALT_REQUIRED,
            field="alt",
        )
    if len(alt) > ALT_MAX:
        raise _too_long("alt", ALT_MAX, len(alt))
    _check_allowed(story, user, "photo")
    clean = clean_photo(uploaded_file)

    def change(saved):
        locked = _locked_editable(story, user)
        _check_not_refused(locked, "photo")
        _delete_later(locked.photo.name)
        locked.photo = saved
        locked.photo_alt = alt
        locked.save(update_fields=["photo", "photo_alt"])
        return locked

    return _save_then(f"{PHOTO_FOLDER}{clean.name}", clean, change)


def describe_photo(story: Story, user, alt: str) -> Story:
    """A new description for the photo already there."""
    alt = " ".join((alt or "").split())
    if not alt:
        raise DomainError(
            _("Describe the photo for those who cannot see it."),
            code=StoryErrorCode.ALT_REQUIRED,
            field="alt",
        )
    if len(alt) > ALT_MAX:
        raise _too_long("alt", ALT_MAX, len(alt))
    with transaction.atomic():
        locked = _locked_editable(story, user)
        locked.photo_alt = alt
        locked.save(update_fields=["photo_alt"])
    return locked


def remove_photo(story: Story, user) -> None:
    with transaction.atomic():
        locked = _locked_editable(story, user)
        if not locked.photo:
            return
        _delete_later(locked.photo.name)
        locked.photo = ""
        locked.photo_alt = ""
        locked.save(update_fields=["photo", "photo_alt"])
