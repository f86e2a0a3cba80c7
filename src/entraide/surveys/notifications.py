"""The mails of surveys: an invitation's private link, and its reminder. Each is queued through
Django's mail API in the caller's transaction and leaves after commit (entraide.core.mail),
written in the invited person's language; replies reach the place's contact address."""

from django.conf import settings
from django.utils import translation

from entraide.core.mail import send_templated_mail
from entraide.places.notifications import reply_to

T = "surveys/email/"


def _send(template, invitation, survey):
    with translation.override(invitation.language or settings.LANGUAGE_CODE):
        send_templated_mail(
            T + template,
            {
                "survey": survey,
                "place": survey.place,
                "link": settings.ENTRAIDE_SITE_URL + invitation.get_absolute_url(),
            },
            to=[invitation.email],
            reply_to=reply_to(survey.place),
        )


def invitation(invitation, survey):
    _send("invitation", invitation, survey)


def reminder(invitation, survey):
    _send("reminder", invitation, survey)
