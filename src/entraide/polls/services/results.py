"""The totals of a poll and its best slots."""

from dataclasses import dataclass, field

from django.db.models import Count

from entraide.polls.models import Answer, Choice, Slot


@dataclass
class SlotResult:
    slot: Slot
    yes: int = 0
    if_need_be: int = 0
    no: int = 0
    best: bool = False

    @property
    def score(self):
        return (self.yes, self.yes + self.if_need_be)


@dataclass
class Results:
    slots: list[SlotResult] = field(default_factory=list)
    answered: int = 0

    @property
    def best(self):
        return [s for s in self.slots if s.best]


def results(poll) -> Results:
    """Totals per slot, in two queries whatever the number of answers; the best slots have the
    most "yes", ties broken by "yes" + "if need be"."""
    by_slot = {slot.pk: SlotResult(slot) for slot in poll.slots.all()}
    counts = (
        Choice.objects.filter(slot__poll=poll)
        .values("slot_id", "answer")
        .annotate(n=Count("pk"))
        .order_by()
    )
    names = {Answer.YES: "yes", Answer.IF_NEED_BE: "if_need_be", Answer.NO: "no"}
    for row in counts:
        setattr(by_slot[row["slot_id"]], names[row["answer"]], row["n"])
    result = Results(slots=list(by_slot.values()))
    result.answered = max((s.yes + s.if_need_be + s.no for s in result.slots), default=0)
    top = max((s.score for s in result.slots if s.yes + s.if_need_be), default=None)
    for slot_result in result.slots:
        slot_result.best = top is not None and slot_result.score == top
    return result
