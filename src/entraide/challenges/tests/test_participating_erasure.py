"""A participant without an account takes their data away, or erases their participation,
from their private page: the group's anonymous totals stay."""

import json

import pytest

from entraide.challenges import services
from entraide.challenges.models import CheckIn, DayNote, Participant, Testimony

pytestmark = pytest.mark.django_db


@pytest.fixture
def lea_with_days(challenge, lea):
    first = lea.pledges.first()
    services.check_in(lea, challenge.starts_on, {first: "tenu"}, "Lu un roman")
    services.leave_testimony(lea, "Je dors mieux.", signed=False)
    return lea


def test_the_private_page_offers_my_data_and_erasure(client, lea):
    page = client.get(lea.private_url()).text

    assert f"{lea.private_url()}mes-donnees.json" in page
    assert f"{lea.private_url()}effacer/" in page


def test_my_data_as_json_holds_my_days_and_notes(client, lea_with_days):
    response = client.get(f"{lea_with_days.private_url()}mes-donnees.json")
    data = json.loads(response.content)

    assert response["Content-Disposition"].startswith("attachment")
    assert (data["email"], data["check_ins"][0]["status"]) == (lea_with_days.email, "tenu")
    assert data["notes"][0]["text"] == "Lu un roman"


def test_erasing_asks_first_then_deletes_everything_but_the_group_total(
    client, challenge, lea_with_days
):
    erase = f"{lea_with_days.private_url()}effacer/"
    before = services.progress(challenge).total

    assert "Oui, effacer ma participation" in client.get(erase).text
    assert Participant.objects.filter(pk=lea_with_days.pk).exists()  # the page asked only

    response = client.post(erase)

    assert response.status_code == 302
    assert response["Location"] == challenge.get_absolute_url()
    assert not Participant.objects.filter(pk=lea_with_days.pk).exists()
    assert (CheckIn.objects.count(), DayNote.objects.count(), Testimony.objects.count()) == (
        0,
        0,
        0,
    )
    assert services.progress(challenge).total == before
    assert client.get(lea_with_days.private_url()).status_code == 404


def test_a_forged_link_erases_nothing(client, lea_with_days):
    forged = lea_with_days.private_url().replace("/moi/", "/moi/0")

    assert client.post(f"{forged}effacer/").status_code == 404
    assert client.get(f"{forged}mes-donnees.json").status_code == 404
    assert Participant.objects.filter(pk=lea_with_days.pk).exists()
