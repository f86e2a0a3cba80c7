"""The demo data tells the seeds' story and behaves like real data."""

import pytest
from django.core.management import call_command

from entraide.workshops import services
from entraide.workshops.models import Registration, Workshop
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_someone_joining_the_full_demo_workshop_is_last_in_line():
    call_command("demo", verbosity=0)
    full = Workshop.objects.get(slug="leve-les-yeux-maison-pour-tous")
    assert (full.confirmed_count, full.capacity, full.waiting_count) == (12, 12, 4)
    newcomer = UserFactory()
    services.register(full, by=newcomer)
    assert services.waiting_position(Registration.objects.get(user=newcomer)) == 5
