"""A participant's projects in "Mes données", and what deleting the account does to them: the
partner who stays is told, as when one leaves by the pair's page."""

import pytest
from django.core import mail

from entraide.accounts.services import delete_account, what_deletion_does
from entraide.projects.models import Member, Pair, Seeker
from entraide.projects.services import pairing
from entraide.projects.tests.conftest import form_pair, looking
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_my_data_lists_the_pairs_and_the_lists_one_is_on(
    client_for, stories_project, workshops_project, alice, charlie
):
    form_pair(stories_project, alice, charlie)
    looking(workshops_project, alice, note="Disponible le mardi")

    page = client_for(alice).get("/compte/mes-donnees/").content.decode()

    assert "Mes projets" in page
    assert "Publication de récits de la transition" in page
    assert "Disponible le mardi" in page


def test_deleting_the_account_tells_the_partner_who_stays_enrolled_alone(
    stories_project, alice, charlie
):
    charlie.language = "en"
    charlie.save()
    pair = form_pair(stories_project, alice, charlie)
    assert what_deletion_does(alice) == [
        "Vous quittez votre binôme\u00a0; votre binôme en est prévenu par courriel et reste "
        "inscrit au projet, seul."
    ]

    delete_account(alice)

    assert [m.to for m in mail.outbox] == [["charlie@example.org"]]
    assert "Your partner left" in mail.outbox[0].subject
    pair.refresh_from_db()
    assert pair.formed_at is None
    assert [m.user for m in pair.members.all()] == [charlie]


def test_deleting_the_account_of_someone_alone_removes_the_pair_and_their_invitation(
    stories_project, alice
):
    pairing.invite_partner(stories_project, by=alice, email="zoe@example.org", name="Zoé")
    mail.outbox.clear()
    assert not any("binôme" in sentence for sentence in what_deletion_does(alice))

    delete_account(alice)

    assert Pair.objects.count() == 0
    assert Member.objects.count() == 0
    assert mail.outbox == []


def test_deleting_the_account_takes_one_off_the_lists_and_withdraws_proposals_received(
    stories_project, workshops_project, alice, charlie
):
    looking(workshops_project, alice)
    proposal = pairing.propose(stories_project, by=charlie, seeker=looking(stories_project, alice))
    mail.outbox.clear()

    delete_account(alice)

    assert Seeker.objects.count() == 0
    assert not Member.objects.filter(pk=proposal.pk).exists()
    assert list(Member.objects.values_list("user", flat=True)) == [charlie.pk]
    assert mail.outbox == []


def test_other_pairs_are_left_alone(stories_project, alice, charlie):
    others = form_pair(stories_project, UserFactory(), UserFactory())
    form_pair(stories_project, alice, charlie)

    delete_account(alice)

    others.refresh_from_db()
    assert others.formed_at is not None
    assert others.members.count() == 2
