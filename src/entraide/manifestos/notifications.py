"""The mails of manifestos. Each goes through Django's mail API (the queue) after commit, in
the recipient's language: a signed-in author's profile language and account address, or the
address and language a visitor gave with her amendment. Replies go to the place's contact
address, when it has one."""

from django.conf import settings
from django.utils import translation

from entraide.core.mail import send_templated_mail
from entraide.places.notifications import reply_to

T = "manifestos/email/"


def _author(amendment):
    """(address, language) of the amendment's author; no address: nobody to tell."""
    if amendment.author_id is not None:
        author = amendment.author
        return author.email, author.language
    return amendment.email, amendment.language


def decided(amendment):
    """To its author: the organisers accepted or rejected her amendment, and why."""
    address, language = _author(amendment)
    if not address:
        return
    manifesto = amendment.manifesto
    with translation.override(language or settings.LANGUAGE_CODE):
        send_templated_mail(
            T + "decided",
            {
                "amendment": amendment,
                "manifesto": manifesto,
                "accepted": amendment.status == "accepte",
                "link": settings.ENTRAIDE_SITE_URL + amendment.get_absolute_url(),
            },
            to=[address],
            reply_to=reply_to(manifesto.place),
        )


# Signatures: each mail in the signer's language, to the address she signed with.


def _to_signer(template, signature, **context):
    version = signature.version
    manifesto = version.manifesto
    with translation.override(signature.language or settings.LANGUAGE_CODE):
        send_templated_mail(
            T + "signature_" + template,
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


def confirm_signature(signature, *, hours):
    """Without an account: confirm this signature by the link."""
    _to_signer("confirm", signature, hours=hours)


def already_signed(signature):
    """Someone asked to sign with an address that has signed already: its link again."""
    _to_signer("already", signature)


def signed(signature):
    """Signed at once (a verified address): the link to see or withdraw it."""
    _to_signer("signed", signature)


def confirm_your_amendment(amendment):
    """To an author without an account: the link that confirms her amendment (and then lets her
    follow, update or withdraw it), in the language of the page she proposed it on."""
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
