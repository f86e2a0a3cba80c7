"""The codes of the project catalogue's refusals (see core/errors.py). Each area adds its codes
in its own block."""

from enum import StrEnum, unique


@unique
class ProjectErrorCode(StrEnum):
    # Catalogues and projects
    OTHER_PLACE = "other_place"
    EMPTY = "empty"
    TOO_LONG = "too_long"
    BAD_LINK = "bad_link"
    SITE_CATALOGUE_EXISTS = "site_catalogue_exists"
    # Pairs
    ENROLMENT_CLOSED = "enrolment_closed"
    PROJECT_FULL = "project_full"
    SELF_PAIRING = "self_pairing"
    ALREADY_PAIRED = "already_paired"
    INVITATION_EXPIRED = "invitation_expired"
    INVITATION_USED = "invitation_used"
    NOT_FOR_YOU = "not_for_you"
    NOT_LOOKING = "not_looking"
    NOT_A_MEMBER = "not_a_member"
    BAD_ADDRESS = "bad_address"
    # Pairing (services/pairing.py)
    ALREADY_ASKED = "already_asked"
    # Outputs and hosting
    WRONG_KIND = "wrong_kind"
    PAIR_INCOMPLETE = "pair_incomplete"
    CAPABILITY_ABSENT = "capability_absent"
    ALREADY_HOSTED = "already_hosted"
    NO_COLLECTION = "no_collection"
    # Hosting ("Accueillir cet atelier dans mon lieu")
    NOT_PLACE_TEAM = "not_place_team"
    OUT_OF_RANGE = "out_of_range"
    # Starting an output from a pair's page (outputs/, services/starting.py)
    PLACE_UNAVAILABLE = "place_unavailable"
    # Managing (services/catalogues.py, services/pair_admin.py)
    TOO_MANY = "too_many"
    BAD_NUMBER = "bad_number"
    BAD_CHOICE = "bad_choice"
    # Hostile review (tests/test_hostile_*.py)
    LINE_BREAK = "line_break"
    ALREADY_STARTED = "already_started"
