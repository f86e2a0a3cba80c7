""" "My data" shows my registrations as I would read them, in the workshop's local time, and
exports all that the site holds about them."""

from datetime import UTC, datetime, timedelta

import pytest

from entraide.accounts.tests.test_readable_my_data import sections
from entraide.workshops import services
from entraide.workshops.models import Registration
from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db

STARTS = datetime(2031, 5, 6, 9, 0, tzinfo=UTC)  # 11:00 in Paris, 05:00 in Guadeloupe
REGISTERED = datetime(2026, 11, 26, 13, 5, tzinfo=UTC)


def workshop_at(place, **fields):
    return WorkshopFactory(
        place=place, title="Fresque du numérique", starts_at=STARTS,
        ends_at=STARTS + timedelta(minutes=90), **fields,
    )  # fmt: skip


def test_my_registration_reads_in_french_in_paris_time(client_for, alice, place):
    services.register(workshop_at(place), by=alice, needs="Boucle magnétique")
    Registration.objects.update(created_at=REGISTERED, confirmed_at=REGISTERED)
    page = sections(client_for(alice).get("/compte/mes-donnees/").text)
    assert page["Mes inscriptions aux ateliers"] == [
        (
            "Fresque du numérique",
            [
                ("Lieu", "La Verrière"),
                ("Date", "mar 6 mai 2031, 11:00"),
                ("Statut", "Confirmée"),
                ("Nom", "Alice"),
                ("Courriel", "alice@example.org"),
                ("Besoins d’accessibilité", "Boucle magnétique"),
                ("Inscrit·e le", "jeu 26 novembre 2026, 14:05"),
                ("Place confirmée le", "jeu 26 novembre 2026, 14:05"),
                ("Langue des courriels", "Français"),
            ],
        )
    ]


def test_a_workshop_overseas_names_its_time_zone(client_for, alice, place):
    services.register(workshop_at(place, time_zone="America/Guadeloupe", capacity=0), by=alice)
    Registration.objects.update(created_at=REGISTERED, waiting_since=REGISTERED)
    ((_, facts),) = sections(client_for(alice).get("/compte/mes-donnees/").text)[
        "Mes inscriptions aux ateliers"
    ]
    assert dict(facts)["Date"] == "mar 6 mai 2031, 05:00 (heure de la Guadeloupe)"
    assert dict(facts)["Statut"] == "Sur liste d’attente"
    assert dict(facts)["Sur liste d’attente depuis le"] == (
        "jeu 26 novembre 2026, 09:05 (heure de la Guadeloupe)"
    )


def test_the_export_holds_every_field_of_my_registration_with_iso_dates(client_for, alice, place):
    workshop = workshop_at(place, time_zone="America/Guadeloupe")
    services.register(workshop, by=alice, needs="Boucle magnétique")
    Registration.objects.update(created_at=REGISTERED, confirmed_at=REGISTERED, attended=True)
    exported = client_for(alice).get("/compte/mes-donnees/export.json").json()["data"]
    assert exported["registrations"] == [
        {
            "workshop": "Fresque du numérique",
            "place": "La Verrière",
            "starts_at": "2031-05-06T09:00:00+00:00",
            "ends_at": "2031-05-06T10:30:00+00:00",
            "time_zone": "America/Guadeloupe",
            "status": "Confirmée",
            "name": "Alice",
            "email": "alice@example.org",
            "accessibility_needs": "Boucle magnétique",
            "registered_at": "2026-11-26T13:05:00+00:00",
            "confirmed_at": "2026-11-26T13:05:00+00:00",
            "waiting_since": None,
            "cancelled_at": None,
            "reminder_sent_at": None,
            "attended": True,
            "language": "fr",
        }
    ]
