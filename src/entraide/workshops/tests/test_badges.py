"""Status badges: a normal state in the plain colour, a full workshop or a waiting list in the
warm one, a cancellation in the error one, and each French word agreeing with what it
qualifies (an "inscription annulée", an "atelier annulé")."""

import re

import pytest

from entraide.workshops import services
from entraide.workshops.models import Registration
from tests.factories import UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def badges(page):
    return re.findall(r'<span class="(badge[^"]*)">([^<]*)</span>', page)


def test_my_registrations_show_confirmed_plain_waiting_warm_and_cancelled_in_error_colours(
    client_for, alice, place
):
    confirmed = WorkshopFactory(place=place, title="Confirmé", capacity=5)
    full = WorkshopFactory(place=place, title="Complet", capacity=1)
    dropped = WorkshopFactory(place=place, title="Annulé", capacity=5)
    services.register(full, by=UserFactory(display_name="Zoé", email="zoe@example.org"))
    for workshop in (confirmed, full, dropped):
        services.register(workshop, by=alice)
    services.cancel(Registration.objects.get(workshop=dropped).pk, user=alice)
    page = client_for(alice).get("/ateliers/mes-inscriptions/").text
    assert badges(page) == [
        ("badge", "Confirmée"),
        ("badge full", "Sur liste d’attente"),
        ("badge danger", "Annulée"),
    ]


def test_a_cancelled_workshop_is_an_error_badge_in_the_masculine(client, place):
    workshop = WorkshopFactory(place=place, title="Fresque", capacity=5)
    services.cancel_workshop(workshop)
    page = client.get(workshop.get_absolute_url()).text
    assert ("badge danger", "Annulé") in badges(page)


# What workshops/_seats.html was, before the badge was written in Python (seats_badge).
SEATS_TEMPLATE = (
    '{% load i18n %}{% if workshop.is_cancelled %}<span class="badge danger">'
    '{% translate "Cancelled" %}</span>{% elif workshop.is_past %}<span class="badge">'
    '{% translate "Already past" %}</span>{% elif workshop.is_full %}<span class="badge full">'
    '{% translate "Full — waiting list" %}</span>{% else %}<span class="badge open">'
    "{% blocktranslate count counter=workshop.seats_left trimmed %}{{ counter }} seat left"
    "{% plural %}{{ counter }} seats left{% endblocktranslate %}</span>{% endif %}"
)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_seats_badge_of_each_card_reads_as_the_seats_template_wrote_it(language):
    from django.template import engines
    from django.utils import translation

    from entraide.workshops.templatetags.workshops import seats_badge
    from tests.factories import in_days

    written = engines["django"].from_string(SEATS_TEMPLATE)
    workshops = [
        WorkshopFactory(status="annule"),
        WorkshopFactory(starts_at=in_days(-2), ends_at=in_days(-2, hour=20)),
        WorkshopFactory(capacity=1),
        WorkshopFactory(capacity=2),
        WorkshopFactory(capacity=1500),
    ]
    services.register(workshops[2], by=UserFactory())
    services.register(workshops[3], by=UserFactory())
    with translation.override(language):
        for workshop in workshops:
            workshop.refresh_from_db()
            assert seats_badge(workshop) == written.render({"workshop": workshop})
