"""Every change to availability polls: create, answer, edit or delete an answer, comment,
close, and fix a slot, which gives the linked workshop its date through the workshops app."""

from entraide.polls.services.answers import (
    add_comment,
    answer,
    delete_answer,
    edit_answer,
    find_participant,
)
from entraide.polls.services.editing import (
    add_slots,
    answers_per_slot,
    delete_poll,
    deletion_refusal,
    remove_slots,
    update_poll,
)
from entraide.polls.services.organising import (
    check_date_not_fixed,
    check_slots,
    close,
    create_poll,
    fix_slot,
    fixable_slot,
    slots_from_grid,
    told_of_fixing,
)
from entraide.polls.services.registering import (
    participant_for,
    register_after_fixing,
    registration_url,
)
from entraide.polls.services.results import Results, SlotResult, results

__all__ = [
    "Results",
    "SlotResult",
    "add_comment",
    "add_slots",
    "answer",
    "answers_per_slot",
    "check_date_not_fixed",
    "check_slots",
    "close",
    "create_poll",
    "delete_answer",
    "delete_poll",
    "deletion_refusal",
    "edit_answer",
    "find_participant",
    "fix_slot",
    "fixable_slot",
    "participant_for",
    "register_after_fixing",
    "registration_url",
    "remove_slots",
    "results",
    "slots_from_grid",
    "told_of_fixing",
    "update_poll",
]
