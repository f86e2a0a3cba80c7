""" "Mes inscriptions": each row gives the person's rank in line, for the price of one page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from entraide.workshops import services
from tests.factories import UserFactory, WorkshopFactory


def wait_in_line(person, place, count):
    """`count` full workshops where `person` is second in line, behind someone else."""
    for _ in range(count):
        workshop = WorkshopFactory(place=place, capacity=1)
        for someone in UserFactory.create_batch(2):
            services.register(workshop, by=someone)
        services.register(workshop, by=person)


def test_my_registrations_cost_the_same_queries_with_1_or_5_places_in_line(
    client_for, alice, place
):
    client = client_for(alice)

    wait_in_line(alice, place, 1)
    with CaptureQueriesContext(connection) as one:
        page = client.get("/ateliers/mes-inscriptions/")
    assert page.text.count("en 2ᵉ position") == 1

    wait_in_line(alice, place, 4)
    with CaptureQueriesContext(connection) as five:
        page = client.get("/ateliers/mes-inscriptions/")
    assert page.text.count("en 2ᵉ position") == 5

    # session, user, her registrations with their ranks, her calendar's key, the menu's spaces
    assert len(one) == len(five) == 5
