"""The mails of the organisers' changes to pairs (services/pair_admin.py): each to one person,
in their language, queued in the caller's transaction (entraide.core.mail); replies reach the
contact of the catalogue's place, when it has one."""

from django.conf import settings
from django.utils import translation

from entraide.accounts.models import member_name
from entraide.core.mail import send_templated_mail
from entraide.places.notifications import reply_to

T = "projects/managing/email/"


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


def _address_and_language(member):
    if member.user_id is not None:
        return member.user.email, member.user.language
    return member.email, member.language


def removed_from_pair(member, *, project):
    """To the person the team removed from a pair."""
    to, language = _address_and_language(member)
    if to:
        _send(
            "removed_from_pair",
            to=to,
            language=language,
            project=project,
            link=settings.ENTRAIDE_SITE_URL + project.get_absolute_url(),
        )


def partner_removed(other, *, removed, pair):
    """To the member who stays: the team removed their partner; they may invite or look
    again."""
    to, language = _address_and_language(other)
    if not to:
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        name = member_name(removed.user) if removed.user_id else (removed.name or removed.email)
    _send(
        "partner_removed",
        to=to,
        language=language,
        project=pair.project,
        partner=name,
        link=settings.ENTRAIDE_SITE_URL + pair.get_absolute_url(),
    )


def paired_by_team(pair, user, *, partner):
    """To each of the two people the team paired."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        name = member_name(partner)
    _send(
        "paired_by_team",
        to=user.email,
        language=user.language,
        project=pair.project,
        partner=name,
        partner_email=partner.email,
        link=settings.ENTRAIDE_SITE_URL + pair.get_absolute_url(),
    )
