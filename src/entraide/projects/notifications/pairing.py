"""The mails of joining a project in a pair (services/pairing.py), one function each, queued in
the caller's transaction (entraide.core.mail), each in its recipient's language: the invited
person without an account reads the inviter's; an account, its own (`user.language`). Replies
reach the contact of the catalogue's place, when it has one."""

from django.conf import settings
from django.utils import translation

from entraide.core.mail import send_templated_mail
from entraide.places.notifications import reply_to

T = "projects/pairing/email/"


def _send(template, *, to, language, project, **context):
    with translation.override(language or settings.LANGUAGE_CODE):
        send_templated_mail(
            T + template,
            {
                "project": project,
                "catalogue": project.catalogue,
                "site_url": settings.ENTRAIDE_SITE_URL,
                **context,
            },
            to=[to],
            reply_to=reply_to(project.catalogue.place),
        )


def _join_link(project):
    from django.urls import reverse

    return settings.ENTRAIDE_SITE_URL + reverse(
        "projects:join", args=[project.catalogue.slug, project.slug]
    )


def invitation(member, *, inviter):
    """To the invited partner, in the inviter's language: the private link."""
    _send(
        "invitation",
        to=member.email,
        language=member.language,
        project=member.project,
        member=member,
        inviter=inviter.public_name,
        link=settings.ENTRAIDE_SITE_URL + member.invitation_url(),
    )


def proposal(member, *, proposer, project):
    """To someone looking for a partner, in their language: someone proposes to pair."""
    from entraide.projects.services.pairing import first_name

    _send(
        "proposal",
        to=member.user.email,
        language=member.user.language,
        project=project,
        proposer=first_name(proposer),
        link=_join_link(project),
    )


def pair_formed(pair, *, to, partner, project):
    """To the one who asked: the other accepted, the pair is formed."""
    _send(
        "formed",
        to=to.email,
        language=to.language,
        project=project,
        partner=partner.public_name,
        link=settings.ENTRAIDE_SITE_URL + pair.get_absolute_url(),
    )


def declined(project, *, to, by_name):
    """To the one who asked: the other declined."""
    _send(
        "declined",
        to=to.email,
        language=to.language,
        project=project,
        name=by_name,
        link=_join_link(project),
    )


def partner_left(pair, *, to, leaver, project):
    """To the one who stays: their partner left the pair."""
    _send(
        "left",
        to=to.email,
        language=to.language,
        project=project,
        partner=leaver.public_name,
        link=_join_link(project),
    )
