"""The codes of the manifestos app's refusals (see core/errors.py)."""

from enum import StrEnum, unique


@unique
class ManifestoErrorCode(StrEnum):
    # Phases
    PHASE_NOT_ALLOWED = "phase_not_allowed"
    SAME_PHASE = "same_phase"
    # Text written by people: ideas, questions, sections
    EMPTY_TEXT = "empty_text"
    TEXT_TOO_LONG = "text_too_long"
    HTML_NOT_ALLOWED = "html_not_allowed"
    # Ideas and their supports
    IDEAS_CLOSED = "ideas_closed"
    SUPPORTS_CLOSED = "supports_closed"
    NO_DOTS_LEFT = "no_dots_left"
    ALREADY_SUPPORTED = "already_supported"
    NOT_SUPPORTED = "not_supported"
    IDEA_HIDDEN = "idea_hidden"
    HIDE_REASON_REQUIRED = "hide_reason_required"
    NAME_REQUIRED = "name_required"
    # Questions and sections
    QUESTION_NOT_IN_MANIFESTO = "question_not_in_manifesto"
    WORKSHOP_NOT_IN_SERIES = "workshop_not_in_series"
    SERIES_NOT_OF_PLACE = "series_not_of_place"
    NOT_DRAFTING = "not_drafting"
    IDEA_NOT_IN_MANIFESTO = "idea_not_in_manifesto"
    CANNOT_MOVE = "cannot_move"
    TOO_MANY_DOTS = "too_many_dots"
    # Amendments
    AMENDMENTS_CLOSED = "amendments_closed"
    SECTION_NOT_IN_MANIFESTO = "section_not_in_manifesto"
    UNKNOWN_KIND = "unknown_amendment_kind"
    SAME_TEXT = "same_text"
    NOT_THE_AUTHOR = "not_the_author"
    AMENDMENT_NOT_OPEN = "amendment_not_open"
    SIGN_IN_REQUIRED = "sign_in_required"
    # Amendments without an account
    INVALID_EMAIL = "invalid_email"
    LINK_INVALID = "link_invalid"
    CONFIRMATION_EXPIRED = "confirmation_expired"
    # Decisions and versions
    NOT_ORGANISER = "not_organiser"
    DECISIONS_CLOSED = "decisions_closed"
    AMENDMENT_NOT_PUBLIC = "amendment_not_public"
    ALREADY_DECIDED = "already_decided"
    AMENDMENT_WITHDRAWN = "amendment_withdrawn"
    SECTION_CHANGED = "section_changed"
    SECTION_GONE = "section_gone"
    UNKNOWN_DECISION = "unknown_decision"
    UPDATE_CLOSED = "update_closed"
    PUBLISH_TO_PUBLISH = "publish_to_publish"
    PUBLISH_NOT_ALLOWED = "publish_not_allowed"
    NOTHING_TO_PUBLISH = "nothing_to_publish"
    # Votes and comments
    VOTES_CLOSED = "votes_closed"
    UNKNOWN_CHOICE = "unknown_vote_choice"
    COMMENTS_CLOSED = "comments_closed"
    REPLY_ELSEWHERE = "reply_elsewhere"
    COMMENT_HIDDEN = "comment_hidden"
    COMMENT_NOT_IN_MANIFESTO = "comment_not_in_manifesto"
    # Signatures
    NO_VERSION = "no_version_published"
    VERSION_CLOSED = "version_closed_to_signatures"
    UNKNOWN_PLACE = "unknown_place"
    SIGNATURE_NOT_FOUND = "signature_not_found"
