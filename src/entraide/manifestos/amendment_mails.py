"""The mail of an amendment proposed without an account: the link that confirms it (and then
lets its author see or withdraw it), in the language of the page she proposed it on."""

from django.conf import settings
from django.utils import translation

from entraide.core.mail import send_templated_mail
from entraide.places.notifications import reply_to


def confirm_your_amendment(amendment):
    manifesto = amendment.manifesto
    with translation.override(amendment.language or settings.LANGUAGE_CODE):
        send_templated_mail(
            "manifestos/email/confirm_amendment",
            {
                "amendment": amendment,
                "manifesto": manifesto,
                "link": settings.ENTRAIDE_SITE_URL + amendment.private_url(),
                "hours": settings.ENTRAIDE_CONFIRMATION_HOURS,
            },
            to=[amendment.email],
            reply_to=reply_to(manifesto.place),
        )
