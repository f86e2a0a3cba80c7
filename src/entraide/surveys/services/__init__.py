"""Every change to surveys: build, publish, answer, invite, close and reopen, choose what is
published. Each area is a module; this package names the functions other modules use."""

from entraide.surveys.services.building import (
    add_question,
    add_section,
    check_dates,
    check_options,
    clean_choices,
    create_survey,
    delete_question,
    delete_section,
    duplicate_question,
    edit_question,
    edit_section,
    has_answers,
    move_question,
    move_section,
    publish,
)
from entraide.surveys.services.managing import (
    close,
    duplicate_survey,
    reopen,
    reopen_needs_date,
    status,
    update_settings,
)
from entraide.surveys.services.publishing import set_publication, set_quotes
from entraide.surveys.services.results import results

__all__ = [
    "add_question",
    "add_section",
    "check_dates",
    "check_options",
    "clean_choices",
    "close",
    "create_survey",
    "delete_question",
    "delete_section",
    "duplicate_question",
    "duplicate_survey",
    "edit_question",
    "edit_section",
    "has_answers",
    "move_question",
    "move_section",
    "publish",
    "reopen",
    "reopen_needs_date",
    "results",
    "set_publication",
    "set_quotes",
    "status",
    "update_settings",
]
