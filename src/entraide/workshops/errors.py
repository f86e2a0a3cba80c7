"""The codes of the workshops app's refusals (see core/errors.py)."""

from enum import StrEnum, unique


@unique
class WorkshopErrorCode(StrEnum):
    # Why a workshop takes no registration (Workshop.closed_reason)
    NOT_PUBLISHED = "not_published"
    WORKSHOP_CANCELLED = "workshop_cancelled"
    WORKSHOP_PAST = "workshop_past"
    REGISTRATION_NOT_OPEN_YET = "registration_not_open_yet"
    REGISTRATION_CLOSED = "registration_closed"
    NO_OPEN_SESSION = "no_open_session"
    # A participant's registration
    CONFIRMATION_EXPIRED = "confirmation_expired"
    REGISTRATION_NOT_FOUND = "registration_not_found"
    ALREADY_CANCELLED = "already_cancelled"
    TOO_LATE_TO_TAKE_BACK = "too_late_to_take_back"
    REGISTERED_AGAIN = "registered_again"
    SEAT_TAKEN = "seat_taken"
    # Organisers
    FEWER_SEATS_THAN_CONFIRMED = "fewer_seats_than_confirmed"
    CANCELLED_CANNOT_BE_PUBLISHED = "cancelled_cannot_be_published"
    PEOPLE_REGISTERED = "people_registered"
    NOT_A_BLANK_DRAFT = "not_a_blank_draft"
    NOT_STARTED = "not_started"
