"""Joining a project in a pair (binôme): inviting a named partner by mail (a private link that
works before they have an account), "je cherche un binôme" and proposing to someone looking,
accepting, declining, cancelling, leaving.

A pair is created by its first member (accepted at once) when they invite someone or propose
to someone looking; it is formed when the second member accepts. That acceptance locks the
project row (select_for_update), counts the formed pairs and compares them with `max_pairs`:
two people accepting the last slot at once, one wins, the other is told PROJECT_FULL. Every
function that changes pairs locks the project row first (one lock order, no deadlock).

Someone may hold several pending proposals, but belongs (accepted) to one pair per project, and
asks one person at a time. Forming a pair removes both members' searches and the other pending
proposals made to them. Leaving: the member row goes, the pair is no longer formed, the other
stays in it alone (told by mail); an empty pair is deleted.

Mails are queued in the transaction (notifications/pairing.py)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.core.tokens import new_keyed_link, token_digest
from entraide.projects.errors import ProjectErrorCode
from entraide.projects.models import (
    INVITATION_DAYS,
    INVITATION_PURPOSE,
    Member,
    Pair,
    Project,
    Seeker,
)
from entraide.projects.notifications import pairing as notifications


def first_name(user) -> str:
    """What others looking for a partner see of someone: the first word of their display
    name, never their surname nor their address."""
    words = (user.display_name or "").split()
    return words[0] if words else _("Member")


# ----------------------------------------------------------------- rules


def _lock(project) -> Project:
    return (
        Project.objects.select_for_update(of=("self",))
        .select_related("catalogue__place")
        .get(pk=project.pk)
    )


def _require_open(project):
    if not project.in_pairs or not project.enrolment_open:
        raise DomainError(
            _("Enrolment in this project is closed."), code=ProjectErrorCode.ENROLMENT_CLOSED
        )


def formed_pairs(project) -> int:
    return Pair.objects.filter(project=project, formed_at__isnull=False).count()


def is_full(project, formed=None) -> bool:
    if project.max_pairs is None:
        return False
    return (formed_pairs(project) if formed is None else formed) >= project.max_pairs


def _require_room(project):
    if is_full(project):
        raise DomainError(
            _("This project is full: it takes no more pairs."), code=ProjectErrorCode.PROJECT_FULL
        )


def _accepted(project, user) -> Member | None:
    """`user`'s accepted membership in a pair of `project` (one at most)."""
    return (
        Member.objects.select_related("pair")
        .filter(project=project, user=user, accepted_at__isnull=False)
        .order_by("pk")
        .first()
    )


def _require_not_paired(project, user, *, yourself=True, field=None):
    member = _accepted(project, user)
    if member is not None and member.pair.is_formed:
        raise DomainError(
            _("You already have a partner for this project.")
            if yourself
            else _("This person already has a partner for this project."),
            code=ProjectErrorCode.ALREADY_PAIRED,
            field=field,
        )
    return member


def _own_pair(project, user) -> Pair:
    """The pair `user` asks from: theirs if they have one (alone), else a new one."""
    member = _require_not_paired(project, user)
    if member is not None:
        if member.pair.members.exclude(pk=member.pk).exists():
            raise DomainError(
                _("You already asked someone: cancel that request before asking another person."),
                code=ProjectErrorCode.ALREADY_ASKED,
            )
        return member.pair
    pair = Pair.objects.create(project=project)
    now = timezone.now()
    Member.objects.create(
        pair=pair,
        project=project,
        user=user,
        email=user.email,
        language=user.language,
        accepted_at=now,
    )
    return pair


# ----------------------------------------------------------------- inviting by mail


@transaction.atomic
def invite_partner(project, *, by, email, name) -> Member:
    """`by` invites `name` <`email`> to do `project` with them: a mail in `by`'s language with a
    private link (Member.invitation_url()) that works before the partner has an account."""
    project = _lock(project)
    _require_open(project)
    _require_room(project)
    email = (email or "").strip()
    if email.lower() == (by.email or "").lower():
        raise DomainError(
            _("This is your own address: invite your partner's."),
            code=ProjectErrorCode.SELF_PAIRING,
            field="email",
        )
    pair = _own_pair(project, by)
    key, digest = new_keyed_link(INVITATION_PURPOSE)
    now = timezone.now()
    member = Member.objects.create(
        pair=pair,
        project=project,
        name=(name or "").strip(),
        email=email,
        language=by.language,
        link_key=key,
        token_digest=digest,
        invited_by=by,
        invited_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    member.project = project
    notifications.invitation(member, inviter=by)
    return member


def invitation_for_token(raw_token) -> Member | None:
    """The invitation of this private link, answered or not; None for a forged or cancelled
    one."""
    if not raw_token:
        return None
    return (
        Member.objects.select_related("project__catalogue__place", "invited_by", "pair")
        .filter(token_digest=token_digest(raw_token))
        .order_by("pk")
        .first()
    )


def _pending(member) -> Member:
    """`member` locked, still unanswered."""
    member = Member.objects.select_for_update().filter(pk=member.pk).order_by("pk").first()
    if member is None or member.accepted_at is not None:
        raise DomainError(
            _("This request was already answered or cancelled."),
            code=ProjectErrorCode.INVITATION_USED,
        )
    return member


def _form(project, member, user) -> Pair:
    """`user` accepts `member`'s place in its pair: the pair is formed, if there is room."""
    member = _pending(member)
    _require_open(project)
    pair = Pair.objects.get(pk=member.pair_id)
    others = list(pair.members.exclude(pk=member.pk).select_related("user"))
    first = next((m for m in others if m.is_accepted and m.user_id), None)
    if first is None:  # the one who asked left meanwhile
        raise DomainError(
            _("This request was already answered or cancelled."),
            code=ProjectErrorCode.INVITATION_USED,
        )
    if first.user_id == user.pk:
        raise DomainError(
            _("You cannot pair with yourself: invite someone else."),
            code=ProjectErrorCode.SELF_PAIRING,
        )
    _require_not_paired(project, first.user, yourself=False)
    own = _require_not_paired(project, user)
    if is_full(project):
        raise DomainError(
            _("Someone took the last place: this project is full now."),
            code=ProjectErrorCode.PROJECT_FULL,
        )
    if own is not None:  # their own pair, alone: it goes, with what it asked
        own.pair.delete()
    now = timezone.now()
    member.user, member.accepted_at = user, now
    if not member.email:
        member.email = user.email
    member.save(update_fields=["user", "accepted_at", "email"])
    pair.formed_at = now
    pair.save(update_fields=["formed_at"])
    people = [first.user_id, user.pk]
    Seeker.objects.filter(project=project, user_id__in=people).delete()
    Member.objects.filter(project=project, user_id__in=people, accepted_at__isnull=True).exclude(
        pair=pair
    ).delete()
    notifications.pair_formed(pair, to=first.user, partner=user, project=project)
    return pair


@transaction.atomic
def accept_invitation(raw_token, *, user) -> Pair:
    """`user` accepts the invitation of this link: the pair is formed."""
    member = invitation_for_token(raw_token)
    if member is None:
        raise DomainError(
            _("This invitation link does not work."), code=ProjectErrorCode.NOT_FOR_YOU
        )
    project = _lock(member.project)
    if member.accepted_at is not None:
        raise DomainError(
            _("This invitation was already accepted."), code=ProjectErrorCode.INVITATION_USED
        )
    if member.expires_at is not None and member.expires_at <= timezone.now():
        raise DomainError(
            _("This invitation has expired: ask your partner to invite you again."),
            code=ProjectErrorCode.INVITATION_EXPIRED,
        )
    return _form(project, member, user)


@transaction.atomic
def decline_invitation(raw_token) -> None:
    """The invited person declines: the link no longer works; the inviter is told."""
    member = invitation_for_token(raw_token)
    if member is None:
        return
    project = _lock(member.project)
    member = _pending(member)
    inviter = member.invited_by
    name = member.name or member.email
    member.delete()
    if inviter is not None:
        notifications.declined(project, to=inviter, by_name=name)


@transaction.atomic
def cancel_invitation(member, *, by) -> None:
    """The person who asked withdraws an unanswered invitation or proposal."""
    _lock(member.project)
    member = _pending(member)
    asker = Member.objects.filter(pair_id=member.pair_id, user=by, accepted_at__isnull=False)
    if not asker.exists():
        raise DomainError(
            _("Only the person who asked may cancel this request."),
            code=ProjectErrorCode.NOT_A_MEMBER,
        )
    member.delete()


# ----------------------------------------------------------------- looking for a partner


@transaction.atomic
def look_for_partner(project, *, user, note="") -> Seeker:
    """`user` is on "je cherche un binôme" for `project` (their word about them updated)."""
    project = _lock(project)
    _require_open(project)
    _require_room(project)
    _require_not_paired(project, user)
    seeker, created = Seeker.objects.get_or_create(
        project=project, user=user, defaults={"note": (note or "").strip()}
    )
    if not created:
        seeker.note = (note or "").strip()
        seeker.save(update_fields=["note"])
    return seeker


@transaction.atomic
def stop_looking(project, *, user) -> None:
    _lock(project)
    Seeker.objects.filter(project=project, user=user).delete()


@transaction.atomic
def propose(project, *, by, seeker) -> Member:
    """`by` proposes to pair with someone looking for a partner for `project`."""
    project = _lock(project)
    _require_open(project)
    seeker = Seeker.objects.select_related("user").filter(pk=seeker.pk, project=project).first()
    if seeker is None:
        raise DomainError(
            _("This person is no longer looking for a partner."),
            code=ProjectErrorCode.NOT_LOOKING,
        )
    if seeker.user_id == by.pk:
        raise DomainError(
            _("You cannot pair with yourself: choose someone else."),
            code=ProjectErrorCode.SELF_PAIRING,
        )
    _require_room(project)
    _require_not_paired(project, seeker.user, yourself=False)
    pair = _own_pair(project, by)
    member = Member.objects.create(
        pair=pair,
        project=project,
        user=seeker.user,
        email=seeker.user.email,
        language=seeker.user.language,
        invited_by=by,
        invited_at=timezone.now(),
    )
    notifications.proposal(member, proposer=by, project=project)
    return member


def _proposal_for(member, user) -> Member:
    if member.user_id != user.pk:
        raise DomainError(
            _("This proposal is addressed to someone else."), code=ProjectErrorCode.NOT_FOR_YOU
        )
    return member


@transaction.atomic
def accept_proposal(member, *, user) -> Pair:
    """The person asked accepts: the pair is formed, if there is room."""
    project = _lock(member.project)
    _proposal_for(member, user)
    return _form(project, member, user)


@transaction.atomic
def decline_proposal(member, *, user) -> None:
    project = _lock(member.project)
    _proposal_for(member, user)
    member = _pending(member)
    proposer = member.invited_by
    member.delete()
    if proposer is not None:
        notifications.declined(project, to=proposer, by_name=first_name(user))


# ----------------------------------------------------------------- leaving


@transaction.atomic
def leave(pair, *, user) -> None:
    """`user` leaves `pair`: the pair is no longer formed; the other stays in it alone and is
    told by mail; an empty pair goes."""
    project = _lock(pair.project)
    pair = Pair.objects.select_for_update().filter(pk=pair.pk).order_by("pk").first()
    mine = pair and pair.members.filter(user=user, accepted_at__isnull=False).first()
    if mine is None:
        raise DomainError(
            _("You are not a member of this pair."), code=ProjectErrorCode.NOT_A_MEMBER
        )
    mine.delete()
    others = list(pair.members.filter(accepted_at__isnull=False).select_related("user"))
    if not others:
        pair.delete()
        return
    pair.members.filter(accepted_at__isnull=True).delete()
    pair.formed_at = None
    pair.save(update_fields=["formed_at"])
    for other in others:
        if other.user_id:
            notifications.partner_left(pair, to=other.user, leaver=user, project=project)
