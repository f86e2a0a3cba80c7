"""Challenges on the shared pages: the home page, a place's page, a workshop's page, the
organiser space, "My data" with its export, and account deletion."""

import json

import pytest

from entraide.accounts.services import delete_account
from entraide.accounts.tests.test_readable_my_data import sections
from entraide.challenges import services
from entraide.challenges.models import CheckIn, Participant, Tally
from entraide.challenges.tests.conftest import build_challenge, joined

pytestmark = pytest.mark.django_db


def test_the_home_page_and_the_place_page_announce_a_challenge_under_way(client, challenge, place):
    for page in (client.get("/").text, client.get(place.get_absolute_url()).text):
        assert challenge.get_absolute_url() in page
        assert "Défi en cours jusqu’au" in page


def test_a_draft_challenge_is_announced_nowhere(client, place, bob):
    draft = build_challenge(place, bob, title="Défi en préparation")

    for page in (client.get("/").text, client.get(place.get_absolute_url()).text):
        assert draft.get_absolute_url() not in page


def test_a_workshop_page_names_the_challenge_it_prepares(client, challenge, place):
    from tests.factories import WorkshopFactory

    workshop = WorkshopFactory(place=place)
    services.set_workshops(challenge, preparatory=[workshop])

    assert challenge.get_absolute_url() in client.get(workshop.get_absolute_url()).text


def test_the_organiser_space_shows_people_taking_part_and_testimonies_to_moderate(
    client_for, bob, challenge
):
    lea, malik = joined(challenge, 0), joined(challenge, 1)
    services.leave(malik)
    services.leave_testimony(lea, "Je lis de nouveau le soir.", signed=False)

    page = client_for(bob).get("/espace/").text

    assert "En cours · 1 personne" in page
    assert "1 témoignage à relire" in page
    assert f"{challenge.manage_url()}temoignages/" in page
    assert f"/defis/nouveau/?lieu={challenge.place.slug}" in page


def test_my_data_shows_my_check_ins_and_the_export_holds_them(client_for, alice, challenge):
    me = services.join(
        challenge, name="Alice", pledges=list(challenge.pledges.all()[:1]), by=alice
    ).participant
    services.check_in(me, challenge.starts_on, {challenge.pledges.first(): "tenu"})
    client = client_for(alice)

    ((title, facts),) = sections(client.get("/compte/mes-donnees/").text)[
        "Mes défis de déconnexion"
    ]
    exported = json.loads(client.get("/compte/mes-donnees/export.json").content)

    assert title == challenge.title
    assert ("Nom ou pseudonyme", "Alice") in facts
    assert any(label == "Pointages" and "tenu" in text for label, text in facts)
    [participation] = exported["data"]["challenge_participations"]
    assert participation["check_ins"] == [
        {"day": challenge.starts_on.isoformat(), "pledge": challenge.pledges.first().text,
         "status": "tenu"}
    ]  # fmt: skip


def test_deleting_the_account_erases_the_participations_and_keeps_the_group_total(alice, challenge):
    pledge = challenge.pledges.first()
    by_account = services.join(challenge, name="Alice", pledges=[pledge], by=alice).participant
    other = build_challenge(challenge.place, None, title="Un autre défi")
    services.publish(other)
    by_address = services.confirm(
        services.join(
            other, name="Alice", email=alice.email, pledges=[other.pledges.first()]
        ).participant
    )  # joined without signing in, with the account's verified address
    services.check_in(by_account, challenge.starts_on, {pledge: "tenu"})
    before = services.progress(challenge).total

    delete_account(alice)

    assert not Participant.objects.filter(pk__in=[by_account.pk, by_address.pk]).exists()
    assert CheckIn.objects.count() == 0
    assert services.progress(challenge).total == before  # the tallies keep the days
    assert Tally.objects.filter(challenge=challenge).exists()
