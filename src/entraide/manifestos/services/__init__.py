"""Every change to manifestos: organising (create, edit, switch phase, questions), the ideas
wall (ideas, dots, moderation) and the sections of the text."""

from entraide.manifestos.services.amendments import (
    attach_amendments,
    count_amendments,
    section_amendments,
)
from entraide.manifestos.services.amendments import confirm as confirm_amendment
from entraide.manifestos.services.amendments import propose as propose_amendment
from entraide.manifestos.services.amendments import withdraw as withdraw_amendment
from entraide.manifestos.services.comments import (
    COMMENTING_PHASES,
    Thread,
    discussion,
    hide_comment,
    post_comment,
    show_comment,
    takes_comments,
)
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
from entraide.manifestos.services.votes import my_vote, vote, vote_totals
from entraide.manifestos.services.wall import numbered_sections, wall

__all__ = [
    "COMMENTING_PHASES",
    "Person",
    "Thread",
    "add_section",
    "attach_amendments",
    "confirm_amendment",
    "count_amendments",
    "create_manifesto",
    "delete_section",
    "discussion",
    "dots_used",
    "edit_question",
    "edit_section",
    "find_contributor",
    "group_ideas",
    "hide_comment",
    "hide_idea",
    "move_section",
    "my_vote",
    "numbered_sections",
    "pose_question",
    "post_comment",
    "post_idea",
    "propose_amendment",
    "section_amendments",
    "show_comment",
    "show_idea",
    "support",
    "switch_phase",
    "takes_comments",
    "unsupport",
    "update_manifesto",
    "vote",
    "vote_totals",
    "wall",
    "withdraw_amendment",
]
