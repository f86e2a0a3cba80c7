""" "My data" reads as sentences a person understands (French labels, local times), while the
JSON export keeps stable keys and ISO 8601 datetimes."""

import html
import re
from datetime import UTC, datetime

import pytest

from entraide.core.registry import PersonalDataSection, _personal_data, register_personal_data
from entraide.places.models import Invitation, Membership

pytestmark = pytest.mark.django_db

JOINED = datetime(2026, 11, 26, 13, 5, tzinfo=UTC)  # 14:05 in Paris


def sections(page):
    """{section title: [(card heading, [(label, text)])]} as the page shows them."""
    found = {}
    page = html.unescape(page)
    for title, body in re.findall(r"<section>\s*<h2>(.*?)</h2>(.*?)</section>", page, re.S):
        cards = []
        for card in re.findall(r'<li class="card">(.*?)</li>', body, re.S):
            heading = re.search(r"<h3>(.*?)</h3>", card)
            facts = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", card, re.S)
            cards.append((heading and heading.group(1), facts))
        found[title] = cards
    return found


@pytest.fixture
def bob_joined(bob):
    bob.date_joined = JOINED
    bob.save()
    return bob


def test_my_profile_reads_in_french_with_local_times(client_for, bob_joined, place):
    client = client_for(bob_joined)
    bob_joined.refresh_from_db()
    page = sections(client.get("/compte/mes-donnees/").text)
    assert page["Profil"] == [
        (
            None,
            [
                ("Courriel", "bob@example.org"),
                ("Nom affiché", "Bob"),
                ("Langue", "Français"),
                ("Compte créé le", "jeu 26 novembre 2026, 14:05"),
                ("Dernière connexion le", local(bob_joined.last_login)),
            ],
        )
    ]
    assert page["Adresses électroniques"] == [
        ("bob@example.org", [("Vérifiée", "Oui"), ("Principale", "Oui")])
    ]
    since = Membership.objects.get().created_at
    assert page["Lieux que j’anime"] == [
        ("La Verrière", [("Rôle", "Animateur·rice"), ("Depuis le", local(since))])
    ]


def local(moment):
    from django.utils import formats, timezone

    return formats.date_format(timezone.localtime(moment), "D j F Y, H:i")


def test_my_invitations_read_in_french_and_export_with_iso_dates(client_for, bob, place):
    client = client_for(bob)
    client.post(f"/lieux/gerer/{place.slug}/inviter/", {"email": "new@example.org"})
    sent = Invitation.objects.get()
    page = sections(client.get("/compte/mes-donnees/").text)
    assert page["Invitations que j’ai envoyées"] == [
        (
            "La Verrière",
            [
                ("Adresse invitée", "new@example.org"),
                ("Envoyée le", local(sent.created_at)),
                ("Acceptée", "Non"),
            ],
        )
    ]
    exported = client.get("/compte/mes-donnees/export.json").json()["data"]
    assert exported["invitations"] == [
        {
            "place": "La Verrière",
            "invited_email": "new@example.org",
            "sent_at": sent.created_at.isoformat(),
            "accepted": False,
        }
    ]


def test_the_export_keeps_stable_keys_and_iso_datetimes(client_for, bob_joined, place):
    exported = client_for(bob_joined).get("/compte/mes-donnees/export.json").json()["data"]
    (profile,) = exported["profile"]
    assert profile == {
        "email": "bob@example.org",
        "display_name": "Bob",
        "language": "fr",
        "date_joined": "2026-11-26T13:05:00+00:00",
        "last_login": profile["last_login"],
    }
    assert datetime.fromisoformat(profile["last_login"]).tzinfo is not None
    assert exported["email_addresses"] == [
        {"email": "bob@example.org", "verified": True, "primary": True}
    ]


def test_a_section_of_plain_rows_is_still_shown(client_for, bob):
    rows = [{"some_key": None, "sent_at": "2026-11-26T13:05:00+00:00", "done": True}]
    section = PersonalDataSection("plain", "Données simples", lambda user: rows)
    register_personal_data(section)
    try:
        page = sections(client_for(bob).get("/compte/mes-donnees/").text)
    finally:
        del _personal_data["plain"]
    assert page["Données simples"] == [
        (None, [("Some key", "—"), ("Sent at", "jeu 26 novembre 2026, 14:05"), ("Done", "Oui")])
    ]
