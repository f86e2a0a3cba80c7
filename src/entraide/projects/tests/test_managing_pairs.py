"""What the organisers do to pairs: removing a member (the other is told, the pair is no
longer formed), pairing two people without a partner (within max_pairs); each refusal by its
code, mails in each recipient's language."""

import pytest
from django.core import mail
from django.utils import timezone

from entraide.core.errors import DomainError
from entraide.projects.errors import ProjectErrorCode as Code
from entraide.projects.models import Member, Pair, Seeker
from entraide.projects.services import pair_admin
from entraide.projects.tests.conftest import form_pair, looking
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def refused(code, call, *args, **kwargs):
    with pytest.raises(DomainError) as excinfo:
        call(*args, **kwargs)
    assert excinfo.value.code == code
    return excinfo.value


def test_removing_a_member_unforms_the_pair_and_tells_both(stories_project, bob, alice):
    dana = UserFactory(display_name="Dana", email="dana@example.org", language="en")
    pair = form_pair(stories_project, alice, dana)
    member = pair.members.get(user=alice)
    pair_admin.remove_member(member, by=bob)
    pair.refresh_from_db()
    assert pair.formed_at is None
    assert list(pair.members.values_list("user__email", flat=True)) == ["dana@example.org"]
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        (
            "alice@example.org",
            "[Entraide] Vous n’êtes plus en binôme pour "
            "«\u00a0Publication de récits de la transition\u00a0»",
        ),
        (
            "dana@example.org",
            "[Entraide] Your pair for “Publication de récits de la transition” has changed",
        ),
    ]
    assert "Alice" in mail.outbox[[m.to[0] for m in mail.outbox].index("dana@example.org")].body


def test_removing_the_last_accepted_member_deletes_the_pair(stories_project, bob, alice):
    pair = form_pair(stories_project, alice)
    Member.objects.create(pair=pair, project=stories_project, email="x@example.org")
    assert pair_admin.remove_member(pair.members.get(user=alice), by=bob) is None
    assert (Pair.objects.count(), Member.objects.count()) == (0, 0)


def test_removing_a_pending_invitation_tells_the_member_who_stays(stories_project, bob, alice):
    pair = form_pair(stories_project, alice)
    invited = Member.objects.create(
        pair=pair, project=stories_project, email="x@example.org", name="Xavier"
    )
    pair_admin.remove_member(invited, by=bob)
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "Xavier" in mail.outbox[0].body


def test_only_the_team_removes_a_member(stories_project, alice, charlie):
    pair = form_pair(stories_project, alice, UserFactory())
    for person in (alice, charlie):
        refused(Code.OTHER_PLACE, pair_admin.remove_member, pair.members.get(user=alice), by=person)
    assert Pair.objects.get().is_formed


def test_the_team_pairs_two_people_looking_and_both_are_told(stories_project, bob, alice):
    dana = UserFactory(display_name="Dana", language="en")
    looking(stories_project, alice)
    looking(stories_project, dana)
    pair = pair_admin.pair_people(stories_project, by=bob, first=alice, second=dana)
    assert pair.is_formed
    assert sorted(pair.members.values_list("user__display_name", flat=True)) == ["Alice", "Dana"]
    assert Seeker.objects.count() == 0
    assert sorted(m.subject for m in mail.outbox) == [
        "[Entraide] Votre binôme pour «\u00a0Publication de récits de la transition\u00a0»",
        "[Entraide] Your pair for “Publication de récits de la transition”",
    ]


def test_the_team_pairs_two_people_alone_in_their_pairs(stories_project, bob, alice):
    dana = UserFactory(display_name="Dana")
    mine = form_pair(stories_project, alice)
    Member.objects.create(pair=mine, project=stories_project, email="x@example.org")
    theirs = form_pair(stories_project, dana)
    elsewhere = form_pair(stories_project, UserFactory())
    Member.objects.create(pair=elsewhere, project=stories_project, user=dana)  # asked elsewhere
    pair = pair_admin.pair_people(stories_project, by=bob, first=alice, second=dana)
    assert pair.pk == mine.pk
    assert sorted(pair.members.values_list("user__display_name", flat=True)) == ["Alice", "Dana"]
    assert not Pair.objects.filter(pk=theirs.pk).exists()
    assert list(elsewhere.members.values_list("user_id", flat=True)) == [
        elsewhere.members.get().user_id
    ]
    assert Member.objects.filter(user=dana).count() == 1


def test_pairing_someone_with_themselves_is_refused(stories_project, bob, alice):
    looking(stories_project, alice)
    refused(Code.SELF_PAIRING, pair_admin.pair_people, stories_project, by=bob, first=alice,
            second=alice)  # fmt: skip


def test_pairing_someone_already_paired_or_not_looking_is_refused(stories_project, bob, alice):
    dana, eve = UserFactory(), UserFactory()
    form_pair(stories_project, alice, dana)
    looking(stories_project, eve)
    error = refused(
        Code.ALREADY_PAIRED,
        pair_admin.pair_people,
        stories_project,
        by=bob,
        first=eve,
        second=alice,
    )
    assert error.field == "second"
    stranger = UserFactory()
    refused(Code.NOT_LOOKING, pair_admin.pair_people, stories_project, by=bob, first=eve,
            second=stranger)  # fmt: skip
    assert Pair.objects.count() == 1
    assert mail.outbox == []


def test_pairing_in_a_full_project_is_refused(stories_project, bob, alice):
    for _ in range(3):
        form_pair(stories_project, UserFactory(), UserFactory())
    dana = UserFactory()
    looking(stories_project, alice)
    looking(stories_project, dana)
    refused(Code.PROJECT_FULL, pair_admin.pair_people, stories_project, by=bob, first=alice,
            second=dana)  # fmt: skip
    assert Seeker.objects.count() == 2
    stories_project.max_pairs = None
    stories_project.save()
    assert pair_admin.pair_people(stories_project, by=bob, first=alice, second=dana).is_formed


def test_only_the_team_pairs_people(stories_project, alice, charlie):
    dana = UserFactory()
    looking(stories_project, alice)
    looking(stories_project, dana)
    refused(Code.OTHER_PLACE, pair_admin.pair_people, stories_project, by=charlie, first=alice,
            second=dana)  # fmt: skip


def test_the_candidates_are_the_lone_members_and_the_people_looking(stories_project, alice):
    dana, eve = UserFactory(), UserFactory()
    form_pair(stories_project, alice)
    form_pair(stories_project, UserFactory(), UserFactory())
    looking(stories_project, dana)
    looking(stories_project, alice)
    people = pair_admin.candidates(stories_project)
    assert sorted(user.pk for user, _pair in people) == sorted([alice.pk, dana.pk])
    assert eve.pk not in [user.pk for user, _pair in people]


def test_a_formed_pair_keeps_its_date_when_the_other_is_removed_then_paired_again(
    stories_project, bob, alice
):
    dana, eve = UserFactory(), UserFactory()
    pair = form_pair(stories_project, alice, dana)
    pair_admin.remove_member(pair.members.get(user=dana), by=bob)
    looking(stories_project, eve)
    before = timezone.now()
    again = pair_admin.pair_people(stories_project, by=bob, first=alice, second=eve)
    assert again.pk == pair.pk
    assert again.formed_at >= before
