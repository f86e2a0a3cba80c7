"""The codes of the stories app's refusals (see core/errors.py). Each area adds its codes in
its own block."""

from enum import StrEnum, unique


@unique
class StoryErrorCode(StrEnum):
    # Collections and writers
    OTHER_PLACE = "other_place"
    EMPTY = "empty"
    BAD_ADDRESS = "bad_address"
    UNKNOWN_CODE = "unknown_code"
    NOT_A_WRITER = "not_a_writer"
    TOO_MANY_ADDRESSES = "too_many_addresses"
    THEME_TAKEN = "theme_taken"
    # TOO_LONG (a theme, a comment): the code of the Media block below
    # Writing
    NOT_EDITABLE = "not_editable"
    NOT_AN_AUTHOR = "not_an_author"
    SELF_INVITATION = "self_invitation"
    ALREADY_AUTHOR = "already_author"
    INVITATION_USED = "invitation_used"
    STALE_VERSION = "stale_version"
    TOO_MANY_AUTHORS = "too_many_authors"
    # Media
    AUDIO_NOT_RECOGNISED = "audio_not_recognised"
    AUDIO_TOO_LONG = "audio_too_long"
    FILE_TOO_BIG = "file_too_big"
    IMAGE_NOT_RECOGNISED = "image_not_recognised"
    ALT_REQUIRED = "alt_required"
    BAD_CHAPTERS = "bad_chapters"
    TOO_LONG = "too_long"
    NO_FILE = "no_file"
    MEDIUM_REFUSED = "medium_refused"
    # Consent
    NO_INTERVIEWEE_ADDRESS = "no_interviewee_address"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    NOTHING_CHOSEN = "nothing_chosen"
    ASKED_RECENTLY = "asked_recently"
    NO_CONSENT_FORM = "no_consent_form"
    CONSENT_SUPERSEDED = "consent_superseded"
    PSEUDONYM_REQUIRED = "pseudonym_required"
    PSEUDONYM_TOO_LONG = "pseudonym_too_long"
    READING_NOT_REQUESTED = "reading_not_requested"
    CORRECTIONS_REQUIRED = "corrections_required"
    CORRECTIONS_TOO_LONG = "corrections_too_long"
    # Review and publication
    WRONG_STATE = "wrong_state"
    NO_CONSENT = "no_consent"
    READING_PENDING = "reading_pending"
    TRANSCRIPT_REQUIRED = "transcript_required"
    EMPTY_STORY = "empty_story"
    # Anthology
    NOT_PUBLIC = "not_public"
    NO_STORY = "no_story"
    ALREADY_PICKED = "already_picked"
    NOT_PICKED = "not_picked"
    ALREADY_BUILDING = "already_building"
    SAME_TITLE = "same_title"
