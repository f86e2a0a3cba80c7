"""The codes of the polls app's refusals (see core/errors.py): the services', and the forms'
and quick entry's when they check the same rule."""

from enum import StrEnum, unique


@unique
class PollErrorCode(StrEnum):
    # Slots, when a poll is created or slots are added or removed
    NO_SLOT = "no_slot"
    TOO_MANY_SLOTS = "too_many_slots"
    SLOT_ENDS_BEFORE_START = "slot_ends_before_start"
    SLOT_IN_PAST = "slot_in_past"
    SLOTS_ALREADY_IN_POLL = "slots_already_in_poll"
    SLOT_NOT_IN_POLL = "slot_not_in_poll"
    LAST_SLOT = "last_slot"
    ANSWERS_CHANGED = "answers_changed"
    DATE_FIXED = "date_fixed"
    # The poll itself
    CLOSING_DATE_IN_PAST = "closing_date_in_past"
    POLL_HAS_ANSWERS = "poll_has_answers"
    NO_FIXED_WORKSHOP = "no_fixed_workshop"
    # Answers
    POLL_CLOSED = "poll_closed"
    ANSWER_INCOMPLETE = "answer_incomplete"
    SAME_NAME = "same_name"
    ALREADY_ANSWERED = "already_answered"
    # Quick entry: one per line refused
    NOT_A_DATE = "not_a_date"
    DAY_DOES_NOT_EXIST = "day_does_not_exist"
    DAY_IN_PAST = "day_in_past"
    DAY_TOO_FAR = "day_too_far"
    WRONG_WEEKDAY = "wrong_weekday"
    NOT_A_TIME_RANGE = "not_a_time_range"
    MORE_LINES_TO_CORRECT = "more_lines_to_correct"
