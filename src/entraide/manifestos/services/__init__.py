"""Every change to manifestos: organising (create, edit, switch phase, questions), the ideas
wall (ideas, dots, moderation) and the sections of the text."""

from entraide.manifestos.services.amendments import attach_amendments
from entraide.manifestos.services.amendments import confirm as confirm_amendment
from entraide.manifestos.services.amendments import propose as propose_amendment
from entraide.manifestos.services.amendments import withdraw as withdraw_amendment
from entraide.manifestos.services.ideas import (
    Person,
    dots_used,
    find_contributor,
    group_ideas,
    hide_idea,
    post_idea,
    show_idea,
    support,
    unsupport,
)
from entraide.manifestos.services.organising import (
    create_manifesto,
    edit_question,
    pose_question,
    switch_phase,
    update_manifesto,
)
from entraide.manifestos.services.sections import (
    add_section,
    delete_section,
    edit_section,
    move_section,
)
from entraide.manifestos.services.wall import numbered_sections, wall

__all__ = [
    "Person",
    "add_section",
    "attach_amendments",
    "confirm_amendment",
    "create_manifesto",
    "delete_section",
    "dots_used",
    "edit_question",
    "edit_section",
    "find_contributor",
    "group_ideas",
    "hide_idea",
    "move_section",
    "numbered_sections",
    "pose_question",
    "post_idea",
    "propose_amendment",
    "show_idea",
    "support",
    "switch_phase",
    "unsupport",
    "update_manifesto",
    "wall",
    "withdraw_amendment",
]
