"""The mails of a pair starting its project's output (services/starting.py and the adapters in
outputs/): to the other member of the pair, and to the team of the place where a workshop,
survey or challenge is proposed. Queued through entraide.core.mail in the caller's
transaction, each in its recipient's language."""

from django.conf import settings
from django.utils import translation

from entraide.core.mail import send_templated_mail
from entraide.places.notifications import organisers_of

T = "projects/pair/email/"


def _send(user, template, *, reply_to=None, **context):
    with translation.override(user.language or settings.LANGUAGE_CODE):
        send_templated_mail(
            T + template,
            {"user": user, "site_url": settings.ENTRAIDE_SITE_URL, **context},
            to=[user.email],
            reply_to=reply_to,
        )


def output_started(output, *, partner, by, described):
    """To the other member: `by` started the pair's output (a story, a workshop…)."""
    pair = output.pair
    _send(
        partner,
        "output_started",
        by=by,
        project=pair.project,
        kind=output.get_kind_display,  # translated in the recipient's language
        title=described.title if described else "",
        pair_link=settings.ENTRAIDE_SITE_URL + pair.get_absolute_url(),
    )


def proposed_to_place(place, *, kind, title, link, project, names, by):
    """To each organiser of `place` but `by`: a pair proposes a workshop (survey, challenge)
    there, a draft for them to look at and publish. Replies reach the member who proposed it."""
    for organiser in organisers_of(place):
        if organiser.pk == by.pk:
            continue
        _send(
            organiser,
            "proposed_to_place",
            reply_to=[by.email] if by.email else None,
            place=place,
            kind=kind,
            title=title,
            link=settings.ENTRAIDE_SITE_URL + link,
            project=project,
            project_link=settings.ENTRAIDE_SITE_URL + project.get_absolute_url(),
            names=names,
        )
