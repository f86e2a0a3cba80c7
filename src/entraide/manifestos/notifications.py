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
