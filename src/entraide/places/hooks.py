"""What places bring to the shared pages: the menu, the home page, "My data", its private link
(an invitation), its pages of the accessibility statement."""

from django.utils.translation import gettext_lazy as _

from entraide.core import registry
from entraide.core.personal_data import Row
from entraide.core.registry import Feature, MenuEntry, PersonalDataSection, TestedPage
from entraide.places.models import Invitation, Membership, Place, PlaceStatus
from entraide.places.space import organises


def collect_memberships(user):
    return [
        Row()
        .add("place", None, m.place.name, heading=True)
        .add("role", _("Role"), m.get_role_display())
        .add("since", _("Since"), m.created_at)
        for m in Membership.objects.filter(user=user).select_related("place").order_by("pk")
    ]


def collect_invitations(user):
    return [
        Row()
        .add("place", None, i.place.name, heading=True)
        .add("invited_email", _("Invited address"), i.email)
        .add("sent_at", _("Sent on"), i.created_at)
        .add("accepted", _("Accepted"), i.accepted_at is not None)
        for i in Invitation.objects.filter(invited_by=user).select_related("place").order_by("pk")
    ]


def erase_invitations(user):
    # The addresses a person typed are theirs to erase; pending invitations go with them.
    Invitation.objects.filter(invited_by=user, accepted_at__isnull=True).delete()


def collect_proposals(user):
    return [
        Row()
        .add("place", None, p.name, heading=True)
        .add("proposed_at", _("Proposed on"), p.created_at)
        .add("published", _("Published"), p.status == PlaceStatus.PUBLISHED)
        for p in Place.objects.filter(proposed_by=user).order_by("pk")
    ]


def erase_proposals(user):
    # A proposal nobody approved yet goes with its author; published places stay.
    Place.objects.filter(proposed_by=user, status=PlaceStatus.PROPOSED).delete()


def register():
    registry.register_menu(MenuEntry("places", _("Places"), "places:directory", 30))
    registry.register_menu(MenuEntry("space", _("My space"), "space", 90, visible=organises))
    registry.register_feature(
        Feature(
            "places",
            _("Places"),
            _(
                "Third places, associations, universities and regional hubs, by region: "
                "find the people near you."
            ),
            "places:directory",
            30,
        )
    )
    registry.register_private_paths(("lieux", "invitation"))
    registry.register_accessibility(
        pages=[
            TestedPage(_("Directory of places"), "/lieux/", 10),
            TestedPage(_("A place"), "/lieux/hinaura/", 11),
            TestedPage(_("My space (organisers)"), "/espace/", 60),
        ]
    )
    registry.register_personal_data(
        PersonalDataSection("memberships", _("Places I run"), collect_memberships)
    )
    registry.register_personal_data(
        PersonalDataSection(
            "invitations", _("Invitations I sent"), collect_invitations, erase_invitations
        )
    )
    registry.register_personal_data(
        PersonalDataSection(
            "place_proposals", _("Places I proposed"), collect_proposals, erase_proposals
        )
    )
