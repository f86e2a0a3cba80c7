"""Stories of the transition: a collection (a course, an association's project), the stories
written in it by pairs of authors after an interview, the consent of the person interviewed,
which is the spine of the workflow, the editors' review, podcast episodes and the anthology.

**Consent decides what is public.** A story is shown to the public only when it is published
*and* its interviewee's current consent covers its text; its audio only when that consent also
covers the voice; its photo only when it covers the photo (`Consent.covers`). Withdrawing
consent unpublishes the story and deletes its audio and photo files from storage, at once.

**States of a story** (`Story.State`): draft → in review → (changes requested → in review …) →
accepted → published; an editor may unpublish (back to accepted). An author edits only a draft
or a story whose changes were requested: a published story goes back through review.

Files (audio, photo, anthology exports) go through Django's storage API (`default_storage`):
a local folder by default, an S3-compatible store by configuration. No file has a public
address: the pages serve them through views that check consent first."""

from entraide.stories.models.anthologies import Anthology, AnthologyEntry, AnthologyExport
from entraide.stories.models.collections import (
    ALT_MAX,
    AUDIO_MAX_BYTES,
    AUDIO_MAX_SECONDS,
    BODY_MAX,
    CHAPTERS_MAX,
    CODE_LENGTH,
    COMMENT_MAX,
    CONSENT_PURPOSE,
    DEFAULT_CONSENT,
    DEFAULT_GUIDE,
    DEFAULT_LENGTH,
    DEFAULT_THEMES,
    NAME_MAX,
    PARTNER_PURPOSE,
    PHOTO_MAX_BYTES,
    THEME_MAX,
    TITLE_MAX,
    TRANSCRIPT_MAX,
    WORDS_PER_PAGE,
    WRITER_PURPOSE,
    Collection,
    ConsentForm,
    Theme,
    Writer,
)
from entraide.stories.models.stories import (
    Author,
    Comment,
    Consent,
    Episode,
    Story,
    StoryQuerySet,
    StoryVersion,
)

__all__ = [
    "ALT_MAX",
    "AUDIO_MAX_BYTES",
    "AUDIO_MAX_SECONDS",
    "BODY_MAX",
    "CHAPTERS_MAX",
    "CODE_LENGTH",
    "COMMENT_MAX",
    "CONSENT_PURPOSE",
    "DEFAULT_CONSENT",
    "DEFAULT_GUIDE",
    "DEFAULT_LENGTH",
    "DEFAULT_THEMES",
    "NAME_MAX",
    "PARTNER_PURPOSE",
    "PHOTO_MAX_BYTES",
    "THEME_MAX",
    "TITLE_MAX",
    "TRANSCRIPT_MAX",
    "WORDS_PER_PAGE",
    "WRITER_PURPOSE",
    "Anthology",
    "AnthologyEntry",
    "AnthologyExport",
    "Author",
    "Collection",
    "Comment",
    "Consent",
    "ConsentForm",
    "Episode",
    "Story",
    "StoryQuerySet",
    "StoryVersion",
    "Theme",
    "Writer",
]
