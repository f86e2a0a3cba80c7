"""The mails of signatures, each in the signer's language, queued in the transaction that
signs (core.mail). Replies go to the place's contact address, when it has one."""

from django.conf import settings
from django.utils import translation

from entraide.core.mail import send_templated_mail
from entraide.places.notifications import reply_to

T = "manifestos/email/signature_"


def _send(template, signature, **context):
    version = signature.version
    manifesto = version.manifesto
    with translation.override(signature.language or settings.LANGUAGE_CODE):
        send_templated_mail(
            T + template,
            {
                "signature": signature,
                "version": version,
                "manifesto": manifesto,
                "link": settings.ENTRAIDE_SITE_URL + signature.private_url(),
                "manifesto_url": settings.ENTRAIDE_SITE_URL + manifesto.get_absolute_url(),
                **context,
            },
            to=[signature.email],
            reply_to=reply_to(manifesto.place),
        )


def confirm(signature, *, hours):
    """Without an account: confirm this signature by the link."""
    _send("confirm", signature, hours=hours)


def already_signed(signature):
    """Someone asked to sign with an address that has signed already: its link again."""
    _send("already", signature)


def signed(signature):
    """Signed at once (a verified address): the link to see or withdraw it."""
    _send("signed", signature)
