"""Every change to surveys: build, publish, answer, invite, close and reopen, choose what is
published. Each area is a module; this package names the functions other modules use."""

from entraide.surveys.services.building import (
    add_question,
    add_section,
    check_options,
    clean_choices,
    create_survey,
    has_answers,
    publish,
)

__all__ = [
    "add_question",
    "add_section",
    "check_options",
    "clean_choices",
    "create_survey",
    "has_answers",
    "publish",
]
