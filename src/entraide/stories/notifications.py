"""The mails of stories, one function each, queued through Django's mail API in the caller's
transaction (entraide.core.mail), in the recipient's language; replies reach the place's
contact. Each area of the app has its block below: keep a new mail in its area's block."""

from django.conf import settings
from django.utils import translation

from entraide.core.mail import send_templated_mail
from entraide.places.notifications import reply_to

T = "stories/email/"


def send(template, *, to, language, collection, **context):
    """Queue the mail `stories/email/<template>` (.subject.txt, .txt, .html as the other apps)
    to the addresses `to`, in `language`, with the collection and its place in the context."""
    with translation.override(language or settings.LANGUAGE_CODE):
        send_templated_mail(
            T + template,
            {
                "collection": collection,
                "place": collection.place,
                "site_url": settings.ENTRAIDE_SITE_URL,
                **context,
            },
            to=to,
            reply_to=reply_to(collection.place),
        )


# --- Writers and authors (services/writing.py) ----------------------------------------------


# --- Media (services/media.py) ------------------------------------------------------------


# --- Consent (services/consent.py) --------------------------------------------------------


# --- Review and publication (services/review.py, services/collections.py) -----------------


# --- Anthology (services/anthology.py) ----------------------------------------------------
