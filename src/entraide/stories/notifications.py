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


def writer_invited(writer, *, by):
    """An invitation to write in a collection, to an address that may have no account yet."""
    send(
        "writer_invited",
        to=[writer.email],
        language=writer.language,
        collection=writer.collection,
        editor=by.display_name,
        link=settings.ENTRAIDE_SITE_URL + writer.invitation_url(),
    )


def story_reviewed(story, step, *, by, comment=None):
    """The authors learn a step of their story's review ("commented", "changes_requested",
    "accepted", "published", "unpublished"), each in their language."""
    authors = story.authors.filter(user__isnull=False, accepted_at__isnull=False).select_related(
        "user"
    )
    for author in authors:
        send(
            "story_reviewed",
            to=[author.user.email],
            language=author.user.language,
            collection=story.collection,
            story=story,
            step=step,
            editor=by.display_name,
            comment=comment,
            link=settings.ENTRAIDE_SITE_URL + story.edit_url(),
        )


# --- Anthology (services/anthology.py) ----------------------------------------------------
