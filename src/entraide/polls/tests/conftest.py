from datetime import timedelta

import pytest
from django.utils import timezone

from entraide.polls import services
from tests.factories import WorkshopFactory


def slot_times(n, *, days=7, hours=2):
    """`n` slots of 90 minutes, a day apart, starting in `days` days at 11:00 local time."""
    start = timezone.localtime().replace(hour=11, minute=0, second=0, microsecond=0)
    start += timedelta(days=days)
    return [(start + timedelta(days=i), start + timedelta(days=i, minutes=90)) for i in range(n)]


@pytest.fixture
def undated_workshop(place):
    return WorkshopFactory(place=place, title="Atelier 2", starts_at=None, ends_at=None)


@pytest.fixture
def poll(place, bob, undated_workshop):
    return services.create_poll(
        place,
        by=bob,
        fields={"title": "Dispos pour le deuxième atelier", "workshop": undated_workshop},
        slots=slot_times(3),
    )


def all_answers(poll, *values):
    return dict(zip(poll.slots.values_list("pk", flat=True), values, strict=True))
