from django.utils.translation import gettext_lazy as _

from entraide.core.registry import PersonalDataSection, register_personal_data
from entraide.places.models import Invitation, Membership, Place, PlaceStatus


def collect_memberships(user):
    return [
        {"place": m.place.name, "role": m.get_role_display(), "since": m.created_at.isoformat()}
        for m in Membership.objects.filter(user=user).select_related("place").order_by("pk")
    ]


def collect_invitations(user):
    return [
        {
            "place": i.place.name,
            "invited_email": i.email,
            "sent_at": i.created_at.isoformat(),
            "accepted": i.accepted_at is not None,
        }
        for i in Invitation.objects.filter(invited_by=user).select_related("place").order_by("pk")
    ]


def erase_invitations(user):
    # The addresses a person typed are theirs to erase; pending invitations go with them.
    Invitation.objects.filter(invited_by=user, accepted_at__isnull=True).delete()


def collect_proposals(user):
    return [
        {
            "place": p.name,
            "proposed_at": p.created_at.isoformat(),
            "published": p.status == PlaceStatus.PUBLISHED,
        }
        for p in Place.objects.filter(proposed_by=user).order_by("pk")
    ]


def erase_proposals(user):
    # A proposal nobody approved yet goes with its author; published places stay.
    Place.objects.filter(proposed_by=user, status=PlaceStatus.PROPOSED).delete()


def register():
    register_personal_data(
        PersonalDataSection("memberships", _("Places I run"), collect_memberships)
    )
    register_personal_data(
        PersonalDataSection(
            "invitations", _("Invitations I sent"), collect_invitations, erase_invitations
        )
    )
    register_personal_data(
        PersonalDataSection(
            "place_proposals", _("Places I proposed"), collect_proposals, erase_proposals
        )
    )
