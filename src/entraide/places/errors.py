"""The codes of the places app's refusals (see core/errors.py)."""

from enum import StrEnum, unique


@unique
class PlaceErrorCode(StrEnum):
    ALREADY_RUNS_A_PLACE = "already_runs_a_place"
    ALREADY_ORGANISER = "already_organiser"
    INVITATION_BEING_SENT = "invitation_being_sent"
    INVITATION_INVALID = "invitation_invalid"
    NOT_THE_INVITED_ADDRESS = "not_the_invited_address"
