"""The mails of pairing: who receives them, in which language, and that the link in them
works (the invitation's before the invitee has an account)."""

import pytest
from django.core import mail

from entraide.core.errors import DomainError
from entraide.projects.models import Pair
from entraide.projects.services import pairing
from entraide.projects.tests.conftest import form_pair, looking
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def link_in(message):
    return "/" + message.body.split("http://")[1].split()[0].split("/", 1)[1]


def test_the_invitation_goes_to_the_invitee_in_the_inviters_language_and_its_link_works(
    client, stories_project, alice
):
    alice.language = "en"
    alice.save()

    pairing.invite_partner(stories_project, by=alice, email="zoe@example.org", name="Zoé")

    assert [m.to for m in mail.outbox] == [["zoe@example.org"]]
    message = mail.outbox[0]
    assert "Alice invites you" in message.subject
    assert "Publication de récits de la transition" in message.body
    response = client.get(link_in(message))  # no account yet
    assert response.status_code == 200
    assert "Alice" in response.content.decode()


def test_a_french_inviter_invites_in_french(stories_project, alice):
    pairing.invite_partner(stories_project, by=alice, email="zoe@example.org", name="Zoé")

    assert "vous invite" in mail.outbox[0].body


def test_a_proposal_goes_to_the_seeker_in_their_own_language(stories_project, alice, charlie):
    charlie.language = "en"
    charlie.save()
    alice.display_name = "Alice Martin"
    alice.save()

    pairing.propose(stories_project, by=alice, seeker=looking(stories_project, charlie))

    assert [m.to for m in mail.outbox] == [["charlie@example.org"]]
    assert "Alice proposes" in mail.outbox[0].subject
    assert "Martin" not in mail.outbox[0].subject + mail.outbox[0].body
    assert "alice@example.org" not in mail.outbox[0].body
    assert link_in(mail.outbox[0]) == (
        "/projets/entraide-et-action-collective/publication-de-recits-de-la-transition/binome/"
    )


def test_the_one_who_asked_is_told_when_the_pair_is_formed(stories_project, alice, charlie):
    proposal = pairing.propose(stories_project, by=alice, seeker=looking(stories_project, charlie))
    mail.outbox.clear()

    pair = pairing.accept_proposal(proposal, user=charlie)

    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert link_in(mail.outbox[0]) == pair.get_absolute_url()


def test_the_one_who_asked_is_told_of_a_refusal(stories_project, alice, charlie):
    proposal = pairing.propose(stories_project, by=alice, seeker=looking(stories_project, charlie))
    mail.outbox.clear()

    pairing.decline_proposal(proposal, user=charlie)

    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "Charlie" in mail.outbox[0].body


def test_the_partner_who_stays_is_told_in_their_language(stories_project, alice, charlie):
    charlie.language = "en"
    charlie.save()
    pair = form_pair(stories_project, alice, charlie)

    pairing.leave(pair, user=alice)

    assert [m.to for m in mail.outbox] == [["charlie@example.org"]]
    assert "Your partner left" in mail.outbox[0].subject


def test_no_mail_when_a_refusal_leaves_nothing_done(stories_project, alice):
    for _ in range(3):
        form_pair(stories_project, UserFactory(), UserFactory())
    with pytest.raises(DomainError):
        pairing.invite_partner(stories_project, by=alice, email="zoe@example.org", name="Zoé")

    assert mail.outbox == []
    assert Pair.objects.count() == 3
