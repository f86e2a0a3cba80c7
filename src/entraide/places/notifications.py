"""The mails of places: to organisers (in each one's language), to the site administrators
about a proposed place, to the person whose proposal was approved, to a person invited to run a
place. Each is queued through Django's mail API in the caller's transaction and leaves after
commit (entraide.core.mail)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from entraide.core.mail import send_templated_mail
from entraide.places.models import Membership

T = "places/email/"


def reply_to(place) -> list[str]:
    """Replies to a mail about a place's workshop or poll reach a person: the place's contact
    address, when it has one."""
    return [place.contact_email] if place is not None and place.contact_email else []


def send_to_user(user, template_prefix: str, context: dict, **kwargs):
    """One mail to `user`, written in the language of their profile."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        send_templated_mail(template_prefix, {"user": user, **context}, to=[user.email], **kwargs)


def organisers_of(place) -> list:
    """The active accounts that run `place`, in the order they joined."""
    memberships = (
        Membership.objects.filter(place=place, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    )
    return [membership.user for membership in memberships]


def mail_organisers(place, template_prefix: str, context: dict, *, but=None) -> int:
    """Tell every organiser of `place` something that concerns them, each in their language;
    `but`: the organiser who made the change, who needs no mail about it.

    Capabilities call it from their services, inside the transaction of the change."""
    organisers = [user for user in organisers_of(place) if but is None or user.pk != but.pk]
    manage_url = settings.ENTRAIDE_SITE_URL + reverse("places:manage", args=[place.slug])
    for user in organisers:
        send_to_user(user, template_prefix, {"place": place, "manage_url": manage_url, **context})
    return len(organisers)


def proposal_received(place):
    """To every active site administrator: a place awaits their approval."""
    admins = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("pk")
    context = {
        "place": place,
        "proposer": place.proposed_by,
        "admin_url": settings.ENTRAIDE_SITE_URL
        + reverse("admin:places_place_change", args=[place.pk]),
    }
    for admin in admins:
        send_to_user(admin, T + "proposal_received", context)


def proposal_approved(place):
    send_to_user(
        place.proposed_by,
        T + "proposal_approved",
        {
            "place": place,
            "manage_url": settings.ENTRAIDE_SITE_URL + reverse("places:manage", args=[place.slug]),
            "place_url": settings.ENTRAIDE_SITE_URL + place.get_absolute_url(),
        },
    )


def invitation(invitation, *, link):
    """To the invited address: join the organisers of the place through `link`. Written in the
    language of the account that holds the address, if one does; else in the inviter's, who
    knows the person. Replies reach the place's contact address."""
    account = get_user_model().objects.filter(email__iexact=invitation.email).first()
    language = (account or invitation.invited_by).language or settings.LANGUAGE_CODE
    place = invitation.place
    with translation.override(language):
        send_templated_mail(
            T + "invitation",
            {
                "place": place,
                "inviter": invitation.invited_by.public_name,
                "link": link,
                "expires_at": invitation.expires_at,
            },
            to=[invitation.email],
            reply_to=reply_to(place),
        )


def digest(user, sections, *, since):
    """The daily summary: `sections` is [(place, manage_url, lines)], lines already written in
    the user's language."""
    send_to_user(
        user,
        T + "digest",
        {
            "sections": sections,
            "since": since,
            "settings_url": settings.ENTRAIDE_SITE_URL + reverse("accounts:digest"),
        },
    )
