"""Demo data from the second seed: "Dispos pour le deuxième atelier" and "Dispos pour le
troisième atelier", linked to workshops 2 and 3 of the manifesto series, about twelve answers
each; the first one already fixed the date of workshop 2."""

import hashlib
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from entraide.polls.models import Answer, Choice, Comment, Participant, Poll, Slot
from entraide.workshops.models import Workshop

PARIS = ZoneInfo("Europe/Paris")
NAMES = [
    "Amina", "Bastien", "Chloé", "Daniel", "Élise", "Farid",
    "Gaëlle", "Hugo", "Irène", "Jules", "Karima", "Louis",
]  # fmt: skip
RANGES = [(time(11, 0), time(12, 30)), (time(14, 0), time(15, 30))]


def _slots(weeks):
    """Tuesdays and Thursdays `weeks` weeks from now, two ranges each."""
    today = timezone.localdate()
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7 + 7 * weeks)
    return [
        (datetime.combine(day, a, tzinfo=PARIS), datetime.combine(day, b, tzinfo=PARIS))
        for day in (tuesday, tuesday + timedelta(days=2))
        for a, b in RANGES
    ]


def _answer(name, slot_index, seed):
    """A stable, plausible answer: most people can do the first Tuesday morning."""
    roll = hashlib.sha256(f"{seed}{name}{slot_index}".encode()).digest()[0] % 10
    if slot_index == 0:
        return Answer.YES if roll < 8 else Answer.IF_NEED_BE
    return Answer.YES if roll < 4 else Answer.IF_NEED_BE if roll < 6 else Answer.NO


def _poll(slug, title, workshop, weeks, description):
    poll, created = Poll.objects.get_or_create(
        slug=slug,
        defaults={
            "place": workshop.place,
            "title": title,
            "description": description,
            "workshop": workshop,
        },
    )
    if created:
        Slot.objects.bulk_create(Slot(poll=poll, starts_at=a, ends_at=b) for a, b in _slots(weeks))
        slots = list(poll.slots.all())
        for name in NAMES:
            participant = Participant.objects.create(
                poll=poll, name=name, email=f"{name.lower()}@exemple.org"
            )
            Choice.objects.bulk_create(
                Choice(participant=participant, slot=slot, answer=_answer(name, i, slug))
                for i, slot in enumerate(slots)
            )
    return poll


def load():
    second = Workshop.objects.get(slug="manifeste-atelier-2")
    third = Workshop.objects.get(slug="manifeste-atelier-3")
    fixed = _poll(
        "dispos-pour-le-deuxieme-atelier",
        "Dispos pour le deuxième atelier",
        second,
        2,
        "Atelier 2 : *Comment le numérique responsable vient renforcer le projet politique "
        "des tiers-lieux ?* Indiquez toutes vos disponibilités.",
    )
    _poll(
        "dispos-pour-le-troisieme-atelier",
        "Dispos pour le troisième atelier",
        third,
        4,
        "Atelier 3 : *aboutir à un manifeste V0.* La date sera fixée pendant l’atelier 2.",
    )
    if fixed.chosen_slot_id is None:
        slot = fixed.slots.first()
        fixed.chosen_slot, fixed.closed_at = slot, timezone.now()
        fixed.save(update_fields=["chosen_slot", "closed_at"])
        Workshop.objects.filter(pk=second.pk).update(starts_at=slot.starts_at, ends_at=slot.ends_at)
        Comment.objects.create(
            poll=fixed,
            author_name="Camille",
            body="Merci à toutes et tous ! On part sur le premier mardi, 11h-12h30.",
        )
    return [f"Polls: {Poll.objects.count()} (/sondages/)"]
