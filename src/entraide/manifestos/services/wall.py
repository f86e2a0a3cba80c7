"""Reading a manifesto for its pages, in a constant number of queries whatever its size: the
sections with their numbers, and the ideas wall, each question's ideas sorted by dots, in
groups, with the person's own dots and the sections that took each idea up."""

from dataclasses import dataclass, field

from django.db.models import Count

from entraide.manifestos.models import Idea, Section, Support


@dataclass
class IdeaOnWall:
    idea: Idea
    dots: int
    mine: bool = False
    sections: list[int] = field(default_factory=list)  # the numbers of the sections citing it


@dataclass
class Group:
    label: str  # "" for the ideas in no group
    ideas: list[IdeaOnWall]

    @property
    def dots(self):
        return sum(i.dots for i in self.ideas)


@dataclass
class QuestionOnWall:
    question: object
    groups: list[Group]
    set_aside: list[Idea]
    dots_used: int = 0

    @property
    def ideas(self):
        return [i for group in self.groups for i in group.ideas]

    @property
    def count(self):
        return len(self.ideas)


def numbered_sections(manifesto) -> list[Section]:
    sections = list(
        manifesto.sections.annotate(comment_count=Count("comments")).order_by("position", "pk")
    )
    for number, section in enumerate(sections, 1):
        section.number = number
    return sections


def _groups(ideas):
    """Ideas by group label, groups by their dots (most first), the ungrouped ideas last;
    in each, ideas by dots, then oldest first."""
    by_label = {}
    for item in ideas:
        by_label.setdefault(item.idea.group, []).append(item)
    for items in by_label.values():
        items.sort(key=lambda i: (-i.dots, i.idea.created_at, i.idea.pk))
    ungrouped = by_label.pop("", [])
    groups = sorted((Group(label, items) for label, items in by_label.items()),
                    key=lambda g: (-g.dots, g.label.lower()))  # fmt: skip
    if ungrouped:
        groups.append(Group("", ungrouped))
    return groups


def wall(manifesto, *, contributor=None, sections=None, question=None) -> list[QuestionOnWall]:
    """The wall of `manifesto` (or of one `question`): questions, ideas and their dots, the
    contributor's own dots, the citing sections (numbered as in `sections`)."""
    questions = [question] if question is not None else list(
        manifesto.questions.select_related("workshop").order_by("position", "pk")
    )  # fmt: skip
    ideas = (
        Idea.objects.filter(question__in=questions)
        .annotate(dots=Count("supports"))
        .order_by("created_at", "pk")
    )
    ideas = list(ideas)
    mine = set()
    if contributor is not None:
        mine = set(
            Support.objects.filter(contributor=contributor, idea__in=ideas).values_list(
                "idea_id", flat=True
            )
        )
    numbers = {s.pk: s.number for s in sections or ()}
    cited = {}
    if numbers:
        through = Section.cited_ideas.through.objects.filter(section_id__in=numbers)
        for idea_id, section_id in through.values_list("idea_id", "section_id"):
            cited.setdefault(idea_id, []).append(numbers[section_id])
    by_question = {q.pk: ([], []) for q in questions}
    for idea in ideas:
        shown, aside = by_question[idea.question_id]
        if idea.hidden:
            aside.append(idea)
        else:
            shown.append(
                IdeaOnWall(idea, idea.dots, idea.pk in mine, sorted(cited.get(idea.pk, [])))
            )
    return [
        QuestionOnWall(
            q,
            _groups(by_question[q.pk][0]),
            by_question[q.pk][1],
            sum(1 for i in by_question[q.pk][0] if i.mine),
        )
        for q in questions
    ]
