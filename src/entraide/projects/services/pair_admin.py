"""What a catalogue's organisers do to a project's pairs: remove a member from a pair (the other
is told by mail; the pair is no longer formed), and pair two people who have no partner (each
looking for one, or alone in a pair). Forming a pair locks the project's row and counts its
formed pairs against `max_pairs`, as the participants' own pairing does, so that the team and
two participants taking the last slot at once cannot pass the limit."""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from entraide.accounts.models import member_name
from entraide.core.errors import DomainError
from entraide.projects.errors import ProjectErrorCode as Code
from entraide.projects.models import Member, Pair, Project, Seeker
from entraide.projects.notifications import managing as notifications
from entraide.projects.services.catalogues import check_organiser


def remove_member(member, *, by) -> Pair | None:
    """Remove `member` (accepted or still asked) from their pair. The pair is no longer formed;
    the other member stays in it alone and is told by mail, as is the person removed; a pair
    left without an accepted member is deleted. Returns the pair, or None when deleted."""
    project = member.project
    check_organiser(project.catalogue, by)
    with transaction.atomic():
        Project.objects.select_for_update().get(pk=project.pk)
        member = (
            Member.objects.select_related("user", "pair")
            .filter(pk=member.pk, project=project)
            .first()
        )
        if member is None:
            raise DomainError(_("This person is no longer in this pair."), code=Code.NOT_A_MEMBER)
        pair = member.pair
        others = list(pair.members.exclude(pk=member.pk).select_related("user"))
        member.delete()
        if member.is_accepted and member.user_id is not None:
            notifications.removed_from_pair(member, project=project)
        staying = [other for other in others if other.is_accepted]
        if not staying:
            pair.delete()  # its pending invitations go with it
            return None
        Pair.objects.filter(pk=pair.pk).update(formed_at=None)
        pair.formed_at = None
        for other in staying:
            notifications.partner_removed(other, removed=member, pair=pair)
    return pair


def candidates(project):
    """The people the team may pair: those looking for a partner and those alone in a pair
    (accepted, no other accepted member), as [(user, pair or None)], in the order they came."""
    lone_pairs = (
        Pair.objects.filter(project=project, formed_at__isnull=True)
        .annotate(accepted=Count("members", filter=Q(members__accepted_at__isnull=False)))
        .filter(accepted=1)
    )
    lone = {
        member.user_id: member
        for member in Member.objects.filter(
            pair__in=lone_pairs, accepted_at__isnull=False, user__isnull=False
        ).select_related("user", "pair")
    }
    people = [(member.user, member.pair) for member in lone.values()]
    for seeker in Seeker.objects.filter(project=project).select_related("user"):
        if seeker.user_id not in lone:
            people.append((seeker.user, None))
    return people


def _alone_in(project, user):
    """The accepted membership of `user` in the project, if any, and whether the pair has
    another accepted member."""
    mine = (
        Member.objects.select_related("pair")
        .filter(project=project, user=user, accepted_at__isnull=False)
        .first()
    )
    if mine is None:
        return None, False
    partnered = mine.pair.members.filter(accepted_at__isnull=False).exclude(pk=mine.pk).exists()
    return mine, partnered


def pair_people(project, *, by, first, second) -> Pair:
    """Pair `first` and `second` (users), each looking for a partner or alone in a pair. The
    pair is formed at once (the team's decision); each is told by mail, in their language.
    Refused: the same person twice (SELF_PAIRING), someone already in a formed pair
    (ALREADY_PAIRED), someone neither looking nor alone (NOT_LOOKING), a full project
    (PROJECT_FULL)."""
    check_organiser(project.catalogue, by)
    if first is None or second is None:
        raise DomainError(_("Choose two people."), code=Code.EMPTY, field="second")
    if first.pk == second.pk:
        raise DomainError(_("Choose two different people."), code=Code.SELF_PAIRING, field="second")
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        seeking = set(
            Seeker.objects.filter(project=project, user__in=[first, second]).values_list(
                "user_id", flat=True
            )
        )
        memberships = {}
        for field, person in (("first", first), ("second", second)):
            mine, partnered = _alone_in(project, person)
            if partnered:
                raise DomainError(
                    _("%(name)s is already in a pair of this project.")
                    % {"name": member_name(person)},
                    code=Code.ALREADY_PAIRED,
                    field=field,
                )
            if mine is None and person.pk not in seeking:
                raise DomainError(
                    _("%(name)s is not looking for a partner for this project.")
                    % {"name": member_name(person)},
                    code=Code.NOT_LOOKING,
                    field=field,
                )
            memberships[person.pk] = mine
        if locked.max_pairs is not None:
            formed = Pair.objects.filter(project=project, formed_at__isnull=False).count()
            if formed >= locked.max_pairs:
                raise DomainError(
                    _("The project already has its %(max)s pairs.") % {"max": locked.max_pairs},
                    code=Code.PROJECT_FULL,
                )
        now = timezone.now()
        kept = memberships[first.pk] or memberships[second.pk]
        if kept is not None:
            pair = kept.pair
            pair.members.exclude(pk=kept.pk).delete()  # its invitations still waiting
        else:
            pair = Pair.objects.create(project=project)
        for person in (first, second):
            mine = memberships[person.pk]
            if mine is not None and mine.pair_id != pair.pk:
                old_pair = mine.pair
                mine.delete()
                if not old_pair.members.filter(accepted_at__isnull=False).exists():
                    old_pair.delete()
            if mine is None or mine.pair_id != pair.pk:
                Member.objects.create(
                    pair=pair,
                    project=project,
                    user=person,
                    email=person.email,
                    language=person.language,
                    invited_by=by,
                    invited_at=now,
                    accepted_at=now,
                )
        pair.formed_at = now
        pair.save(update_fields=["formed_at"])
        # no longer looking, and no longer asked or asking elsewhere in this project
        Seeker.objects.filter(project=project, user__in=[first, second]).delete()
        Member.objects.filter(
            project=project, user__in=[first, second], accepted_at__isnull=True
        ).delete()
        _drop_empty_pairs(project)
        notifications.paired_by_team(pair, first, partner=second)
        notifications.paired_by_team(pair, second, partner=first)
    return pair


def _drop_empty_pairs(project):
    empty = (
        Pair.objects.filter(project=project)
        .annotate(accepted=Count("members", filter=Q(members__accepted_at__isnull=False)))
        .filter(accepted=0)
        .values_list("pk", flat=True)
    )
    Pair.objects.filter(pk__in=list(empty)).delete()
