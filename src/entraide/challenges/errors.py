"""The codes of the challenges app's refusals (see core/errors.py)."""

from enum import StrEnum, unique


@unique
class ChallengeErrorCode(StrEnum):
    # Building
    DATES_IN_ORDER = "dates_in_order"
    TOO_LONG_A_CHALLENGE = "too_long_a_challenge"
    TOO_FAR_AHEAD = "too_far_ahead"
    UNKNOWN_TIME_ZONE = "unknown_time_zone"
    GOAL_NOT_POSITIVE = "goal_not_positive"
    NO_PLEDGE = "no_pledge"
    DUPLICATE_TEAM = "duplicate_team"
    DUPLICATE_PLEDGE = "duplicate_pledge"
    EMPTY = "empty"
    TEAM_HAS_PARTICIPANTS = "team_has_participants"
    PLEDGE_CHOSEN = "pledge_chosen"
    OTHER_PLACE = "other_place"
    # Joining
    NOT_PUBLISHED = "not_published"
    CHALLENGE_OVER = "challenge_over"
    BAD_ADDRESS = "bad_address"
    NO_NAME = "no_name"
    UNKNOWN_TEAM_CODE = "unknown_team_code"
    UNKNOWN_PLEDGE = "unknown_pledge"
    OWN_PLEDGE_NOT_ALLOWED = "own_pledge_not_allowed"
    UNKNOWN_BUDDY = "unknown_buddy"
    BAD_HOUR = "bad_hour"
    BAD_ANSWER = "bad_answer"
    LINK_UNKNOWN = "link_unknown"
    NOT_TAKING_PART = "not_taking_part"
    TOO_MANY_PLEDGES = "too_many_pledges"
    NOT_OVER_YET = "not_over_yet"
    # Checking in
    DAY_BEFORE_START = "day_before_start"
    DAY_IN_FUTURE = "day_in_future"
    DAY_AFTER_END = "day_after_end"
    CHECK_IN_CLOSED = "check_in_closed"
    BAD_STATUS = "bad_status"
    NOTHING_TO_RECORD = "nothing_to_record"
    # Testimonies
    TOO_LONG = "too_long"
    NO_REASON = "no_reason"
    TOO_MANY_TESTIMONIES = "too_many_testimonies"
    # Mail
    ALREADY_SENT = "already_sent"
