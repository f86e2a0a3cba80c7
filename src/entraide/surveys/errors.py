"""The codes of the surveys app's refusals (see core/errors.py)."""

from enum import StrEnum, unique


@unique
class SurveyErrorCode(StrEnum):
    # Building
    NO_CHOICES = "no_choices"
    TOO_MANY_CHOICES = "too_many_choices"
    DUPLICATE_CHOICES = "duplicate_choices"
    TOO_MANY_QUESTIONS = "too_many_questions"
    BAD_SCALE = "bad_scale"
    BAD_BOUNDS = "bad_bounds"
    BAD_MAX_CHOICES = "bad_max_choices"
    HAS_ANSWERS = "has_answers"
    LAST_SECTION = "last_section"
    NO_QUESTION = "no_question"
    DATES_IN_ORDER = "dates_in_order"
    CLOSING_IN_PAST = "closing_in_past"
    THRESHOLD_TOO_LOW = "threshold_too_low"
    # Answering
    NOT_PUBLISHED = "not_published"
    NOT_OPEN_YET = "not_open_yet"
    CLOSED = "closed"
    INVITATION_ONLY = "invitation_only"
    INVITATION_USED = "invitation_used"
    INVITATION_UNKNOWN = "invitation_unknown"
    REQUIRED = "required"
    UNKNOWN_CHOICE = "unknown_choice"
    TOO_MANY_CHOSEN = "too_many_chosen"
    OTHER_EMPTY = "other_empty"
    OUT_OF_RANGE = "out_of_range"
    NOT_A_NUMBER = "not_a_number"
    TOO_LONG = "too_long"
    RATE_LIMITED = "rate_limited"
    # Invitations
    NO_ADDRESS = "no_address"
    BAD_ADDRESS = "bad_address"
    TOO_MANY_ADDRESSES = "too_many_addresses"
