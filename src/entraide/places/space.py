"""The organiser space, "Mon espace": for each place a person runs, what every capability
registered (entraide.core.registry.organiser_space), plus the place's own part: pending
invitations and the page of the place."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from entraide.core import registry
from entraide.core.registry import Action, Item, SpaceSection
from entraide.places.models import Invitation, Place
from entraide.places.services import organised_place_ids


def places_run_by(user):
    return Place.objects.filter(memberships__user=user).order_by("name")


def organises(request) -> bool:
    user = getattr(request, "user", None)  # pages rendered before authentication have none
    return user is not None and bool(organised_place_ids(user))


def _own_section(places):
    pending = Invitation.objects.filter(
        place__in=places, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("created_at")
    by_place = {}
    for invitation in pending:
        by_place.setdefault(invitation.place_id, []).append(invitation)
    sections = {}
    for place in places:
        manage = reverse("places:manage", args=[place.slug])
        invitations = by_place.get(place.pk, [])
        sections[place.pk] = SpaceSection(
            title=gettext_lazy("The place"),
            attention=[
                Item(
                    _("Invitation not yet accepted: %(email)s") % {"email": invitation.email},
                    manage,
                    detail=_("sent on %(date)s")
                    % {"date": formats.date_format(timezone.localdate(invitation.created_at))},
                )
                for invitation in invitations
            ],
            actions=[
                Action(_("Edit the place's page"), manage),
                Action(_("Invite an organiser"), manage + "#inviter"),
                Action(_("See the public page"), place.get_absolute_url()),
            ],
        )
    return sections


@login_required
def space(request):
    places = list(places_run_by(request.user))
    sections = registry.organiser_space(places)
    own = _own_section(places)
    blocks = [
        {
            "place": place,
            "sections": sections[place.pk],
            "own": own[place.pk],
            "attention": [
                item
                for section in [*sections[place.pk], own[place.pk]]
                for item in section.attention
            ],
        }
        for place in places
    ]
    return render(request, "places/space.html", {"blocks": blocks})
