"""The rules of joining a project in a pair, each by its code (services/pairing.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from entraide.core.errors import DomainError
from entraide.core.tokens import keyed_token
from entraide.projects.errors import ProjectErrorCode
from entraide.projects.models import INVITATION_PURPOSE, Member, Pair, Seeker
from entraide.projects.services import pairing
from entraide.projects.tests.conftest import form_pair, looking
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def token_of(member):
    return keyed_token(INVITATION_PURPOSE, member.link_key)


def refused(code, action, *args, **kwargs):
    with pytest.raises(DomainError) as excinfo:
        action(*args, **kwargs)
    assert excinfo.value.code == code
    return excinfo.value


def test_an_invitation_makes_a_pair_of_the_inviter_alone_until_the_partner_accepts(
    stories_project, alice, charlie
):
    member = pairing.invite_partner(
        stories_project, by=alice, email="charlie@example.org", name="Charlie"
    )

    pair = member.pair
    assert pair.formed_at is None
    assert [(m.user, m.accepted_at is not None) for m in pair.members.order_by("pk")] == [
        (alice, True),
        (None, False),
    ]
    formed = pairing.accept_invitation(token_of(member), user=charlie)
    assert formed == pair
    assert Pair.objects.get(pk=pair.pk).is_formed
    assert set(Member.objects.filter(pair=pair).values_list("user__email", flat=True)) == {
        "alice@example.org",
        "charlie@example.org",
    }


def test_the_invitation_link_is_stored_only_as_its_digest(stories_project, alice):
    member = pairing.invite_partner(stories_project, by=alice, email="c@example.org", name="C")

    assert token_of(member) not in member.token_digest
    assert pairing.invitation_for_token(token_of(member)) == member
    assert pairing.invitation_for_token("forged") is None


def test_inviting_oneself_is_refused(stories_project, alice):
    error = refused(
        ProjectErrorCode.SELF_PAIRING,
        pairing.invite_partner,
        stories_project,
        by=alice,
        email="ALICE@example.org",
        name="Moi",
    )
    assert error.field == "email"
    assert Pair.objects.count() == 0


def test_accepting_ones_own_invitation_is_refused(stories_project, alice):
    member = pairing.invite_partner(stories_project, by=alice, email="c@example.org", name="C")

    refused(ProjectErrorCode.SELF_PAIRING, pairing.accept_invitation, token_of(member), user=alice)
    assert Member.objects.get(pk=member.pk).accepted_at is None


def test_an_expired_invitation_is_refused(stories_project, alice, charlie):
    member = pairing.invite_partner(stories_project, by=alice, email="c@example.org", name="C")
    Member.objects.filter(pk=member.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    refused(
        ProjectErrorCode.INVITATION_EXPIRED,
        pairing.accept_invitation,
        token_of(member),
        user=charlie,
    )
    assert Pair.objects.get().formed_at is None


def test_a_used_invitation_is_refused_to_the_next_person(stories_project, alice, charlie):
    member = pairing.invite_partner(stories_project, by=alice, email="c@example.org", name="C")
    pairing.accept_invitation(token_of(member), user=charlie)

    refused(
        ProjectErrorCode.INVITATION_USED,
        pairing.accept_invitation,
        token_of(member),
        user=UserFactory(),
    )


def test_someone_already_in_a_pair_of_the_project_cannot_accept_another(
    stories_project, alice, bob, charlie
):
    form_pair(stories_project, charlie, bob)
    member = pairing.invite_partner(stories_project, by=alice, email="c@example.org", name="C")

    refused(
        ProjectErrorCode.ALREADY_PAIRED, pairing.accept_invitation, token_of(member), user=charlie
    )
    assert Member.objects.get(pk=member.pk).accepted_at is None


def test_someone_in_a_pair_cannot_invite_nor_look_again(stories_project, alice, charlie):
    form_pair(stories_project, alice, charlie)

    refused(
        ProjectErrorCode.ALREADY_PAIRED,
        pairing.invite_partner,
        stories_project,
        by=alice,
        email="d@example.org",
        name="D",
    )
    refused(ProjectErrorCode.ALREADY_PAIRED, pairing.look_for_partner, stories_project, user=alice)


def test_one_asks_one_person_at_a_time(stories_project, alice):
    pairing.invite_partner(stories_project, by=alice, email="c@example.org", name="C")

    refused(
        ProjectErrorCode.ALREADY_ASKED,
        pairing.invite_partner,
        stories_project,
        by=alice,
        email="d@example.org",
        name="D",
    )
    assert Member.objects.count() == 2


def test_a_full_project_refuses_invitations_and_acceptances(stories_project, alice, charlie):
    member = pairing.invite_partner(stories_project, by=alice, email="c@example.org", name="C")
    for _ in range(3):
        form_pair(stories_project, UserFactory(), UserFactory())

    refused(
        ProjectErrorCode.PROJECT_FULL, pairing.accept_invitation, token_of(member), user=charlie
    )
    refused(
        ProjectErrorCode.PROJECT_FULL,
        pairing.invite_partner,
        stories_project,
        by=UserFactory(),
        email="e@example.org",
        name="E",
    )
    assert Pair.objects.filter(formed_at__isnull=False).count() == 3
    assert Member.objects.get(pk=member.pk).accepted_at is None


def test_closed_enrolment_refuses_everything(stories_project, alice, charlie):
    member = pairing.invite_partner(stories_project, by=alice, email="c@example.org", name="C")
    seeker = looking(stories_project, charlie)
    stories_project.enrolment_closed_at = timezone.now()
    stories_project.save()

    code = ProjectErrorCode.ENROLMENT_CLOSED
    refused(code, pairing.accept_invitation, token_of(member), user=charlie)
    refused(code, pairing.look_for_partner, stories_project, user=alice)
    refused(code, pairing.propose, stories_project, by=UserFactory(), seeker=seeker)


def test_a_project_not_in_pairs_takes_no_pair(catalogue, alice):
    from entraide.projects.tests.conftest import build_project

    solo = build_project(catalogue, title="Seul", in_pairs=False)
    refused(
        ProjectErrorCode.ENROLMENT_CLOSED,
        pairing.invite_partner,
        solo,
        by=alice,
        email="c@example.org",
        name="C",
    )


def test_looking_then_stopping(stories_project, alice):
    pairing.look_for_partner(stories_project, user=alice, note="J’aime les podcasts")
    pairing.look_for_partner(stories_project, user=alice, note="Plutôt les portraits")

    assert list(Seeker.objects.values_list("note", flat=True)) == ["Plutôt les portraits"]
    pairing.stop_looking(stories_project, user=alice)
    assert Seeker.objects.count() == 0


def test_proposing_only_to_someone_looking_and_not_to_oneself(stories_project, alice, charlie):
    mine = looking(stories_project, alice)
    theirs = looking(stories_project, charlie)

    refused(ProjectErrorCode.SELF_PAIRING, pairing.propose, stories_project, by=alice, seeker=mine)
    theirs_pk = theirs.pk
    pairing.stop_looking(stories_project, user=charlie)
    refused(
        ProjectErrorCode.NOT_LOOKING,
        pairing.propose,
        stories_project,
        by=alice,
        seeker=Seeker(pk=theirs_pk),
    )
    assert Pair.objects.count() == 0


def test_a_proposal_accepted_forms_the_pair_and_clears_searches_and_other_proposals(
    stories_project, alice, bob, charlie
):
    seeker = looking(stories_project, charlie)
    looking(stories_project, alice)
    to_charlie = pairing.propose(stories_project, by=alice, seeker=seeker)
    other = pairing.propose(stories_project, by=bob, seeker=seeker)

    pair = pairing.accept_proposal(to_charlie, user=charlie)

    assert pair.is_formed
    assert Seeker.objects.count() == 0
    assert not Member.objects.filter(pk=other.pk).exists()
    refused(ProjectErrorCode.INVITATION_USED, pairing.accept_proposal, other, user=charlie)


def test_someone_elses_proposal_cannot_be_answered(stories_project, alice, bob, charlie):
    proposal = pairing.propose(stories_project, by=alice, seeker=looking(stories_project, charlie))

    refused(ProjectErrorCode.NOT_FOR_YOU, pairing.accept_proposal, proposal, user=bob)
    refused(ProjectErrorCode.NOT_FOR_YOU, pairing.decline_proposal, proposal, user=bob)
    refused(ProjectErrorCode.NOT_A_MEMBER, pairing.cancel_invitation, proposal, by=bob)
    assert Member.objects.get(pk=proposal.pk).accepted_at is None


def test_declining_and_cancelling_remove_the_request(stories_project, alice, charlie):
    proposal = pairing.propose(stories_project, by=alice, seeker=looking(stories_project, charlie))
    pairing.decline_proposal(proposal, user=charlie)
    assert not Member.objects.filter(pk=proposal.pk).exists()

    invitation = pairing.invite_partner(stories_project, by=alice, email="c@example.org", name="C")
    pairing.cancel_invitation(invitation, by=alice)
    assert pairing.invitation_for_token(token_of(invitation)) is None

    again = pairing.invite_partner(stories_project, by=alice, email="d@example.org", name="D")
    pairing.decline_invitation(token_of(again))
    assert pairing.invitation_for_token(token_of(again)) is None


def test_accepting_drops_ones_own_unanswered_request(stories_project, alice, charlie):
    mine = pairing.invite_partner(stories_project, by=charlie, email="d@example.org", name="D")
    proposal = pairing.propose(stories_project, by=alice, seeker=looking(stories_project, charlie))

    pairing.accept_proposal(proposal, user=charlie)

    assert pairing.invitation_for_token(token_of(mine)) is None
    assert Pair.objects.count() == 1


def test_leaving_frees_the_other_who_stays_alone(stories_project, alice, charlie):
    pair = form_pair(stories_project, alice, charlie)

    pairing.leave(pair, user=alice)

    pair.refresh_from_db()
    assert pair.formed_at is None
    assert list(pair.members.values_list("user", flat=True)) == [charlie.pk]
    pairing.leave(pair, user=charlie)
    assert not Pair.objects.filter(pk=pair.pk).exists()


def test_leaving_a_pair_one_is_not_in_is_refused(stories_project, alice, bob, charlie):
    pair = form_pair(stories_project, alice, charlie)

    refused(ProjectErrorCode.NOT_A_MEMBER, pairing.leave, pair, user=bob)
    assert Pair.objects.get(pk=pair.pk).is_formed


def test_leaving_frees_a_slot_of_a_full_project(stories_project, alice, charlie):
    pairs = [form_pair(stories_project, UserFactory(), UserFactory()) for _ in range(3)]
    leaver = pairs[0].members.first().user
    pairing.leave(pairs[0], user=leaver)

    invitation = pairing.invite_partner(stories_project, by=alice, email="c@example.org", name="C")
    assert pairing.accept_invitation(token_of(invitation), user=charlie).is_formed


def test_first_names_only(alice):
    alice.display_name = "Alice Martin-Dupont"
    assert pairing.first_name(alice) == "Alice"
    alice.display_name = "  "
    assert pairing.first_name(alice) == "Membre"  # the interface speaks French by default
