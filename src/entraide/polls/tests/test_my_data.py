""" "My data" shows my poll answers slot by slot in the poll's local time, and my comments; the
export holds each slot and my answer."""

from datetime import UTC, datetime, timedelta

import pytest

from entraide.accounts.tests.test_readable_my_data import sections
from entraide.polls import services
from entraide.polls.models import Comment, Participant

pytestmark = pytest.mark.django_db

ANSWERED = datetime(2026, 11, 26, 13, 5, tzinfo=UTC)  # 14:05 in Paris, 09:05 in Guadeloupe
MAY_6 = datetime(2031, 5, 6, 9, 0, tzinfo=UTC)  # 11:00 in Paris, 05:00 in Guadeloupe


def dispos(place, bob, time_zone="Europe/Paris"):
    slots = [(MAY_6 + timedelta(days=d), MAY_6 + timedelta(days=d, minutes=90)) for d in (1, 0)]
    return services.create_poll(
        place, by=bob, fields={"title": "Dispos", "time_zone": time_zone}, slots=slots
    )


def answer(poll, alice, first, second):
    slots = list(poll.slots.order_by("starts_at").values_list("pk", flat=True))
    services.answer(poll, name="Alice", choices={slots[0]: first, slots[1]: second}, by=alice)
    Participant.objects.update(created_at=ANSWERED, updated_at=ANSWERED)


def test_my_answers_read_slot_by_slot_in_french(client_for, alice, bob, place):
    answer(dispos(place, bob), alice, "oui", "si-besoin")
    page = sections(client_for(alice).get("/compte/mes-donnees/").text)
    assert page["Mes réponses aux sondages"] == [
        (
            "Dispos",
            [
                ("Lieu", "La Verrière"),
                ("Nom", "Alice"),
                ("Courriel", "—"),
                ("Répondu le", "jeu 26 novembre 2026, 14:05"),
                ("Modifié le", "jeu 26 novembre 2026, 14:05"),
                ("Langue des courriels", "Français"),
                ("mar 6 mai 2031, 11:00–12:30", "Oui"),
                ("mer 7 mai 2031, 11:00–12:30", "Si besoin"),
            ],
        )
    ]


def test_a_poll_overseas_names_its_time_zone_beside_each_slot(client_for, alice, bob, place):
    answer(dispos(place, bob, "America/Guadeloupe"), alice, "non", "oui")
    ((_, facts),) = sections(client_for(alice).get("/compte/mes-donnees/").text)[
        "Mes réponses aux sondages"
    ]
    assert facts[-2:] == [
        ("mar 6 mai 2031, 05:00–06:30 (heure de la Guadeloupe)", "Non"),
        ("mer 7 mai 2031, 05:00–06:30 (heure de la Guadeloupe)", "Oui"),
    ]


def test_the_export_holds_each_slot_and_my_answer(client_for, alice, bob, place):
    answer(dispos(place, bob, "America/Guadeloupe"), alice, "oui", "non")
    exported = client_for(alice).get("/compte/mes-donnees/export.json").json()["data"]
    assert exported["poll_answers"] == [
        {
            "poll": "Dispos",
            "place": "La Verrière",
            "name": "Alice",
            "email": "",
            "answered_at": "2026-11-26T13:05:00+00:00",
            "updated_at": "2026-11-26T13:05:00+00:00",
            "language": "fr",
            "time_zone": "America/Guadeloupe",
            "choices": [
                {
                    "starts_at": "2031-05-06T09:00:00+00:00",
                    "ends_at": "2031-05-06T10:30:00+00:00",
                    "answer": "Oui",
                },
                {
                    "starts_at": "2031-05-07T09:00:00+00:00",
                    "ends_at": "2031-05-07T10:30:00+00:00",
                    "answer": "Non",
                },
            ],
        }
    ]


def test_my_comments_are_shown_and_exported(client_for, alice, bob, place):
    poll = dispos(place, bob)
    services.add_comment(poll, name="Alice", body="Plutôt le matin ;\nmerci", by=alice)
    Comment.objects.update(created_at=ANSWERED)
    client = client_for(alice)
    page = sections(client.get("/compte/mes-donnees/").text)
    assert page["Mes commentaires sur les sondages"] == [
        (
            "Dispos",
            [
                ("Nom", "Alice"),
                ("Commentaire", "Plutôt le matin ;\nmerci"),
                ("Écrit le", "jeu 26 novembre 2026, 14:05"),
            ],
        )
    ]
    exported = client.get("/compte/mes-donnees/export.json").json()["data"]
    assert exported["poll_comments"] == [
        {
            "poll": "Dispos",
            "author_name": "Alice",
            "comment": "Plutôt le matin ;\nmerci",
            "written_at": "2026-11-26T13:05:00+00:00",
        }
    ]
