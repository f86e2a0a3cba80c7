"""The mails of stories, one function each, queued through Django's mail API in the caller's
transaction (entraide.core.mail), in the recipient's language; replies reach the place's
contact. Each area of the app has its block below: keep a new mail in its area's block."""

from django.conf import settings
from django.utils import translation

from entraide.core.mail import send_templated_mail
from entraide.places.notifications import organisers_of, reply_to

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


def _to_editors(template, story, **context):
    """To each editor of the story's collection, in their language, with the review's link."""
    for editor in organisers_of(story.collection.place):
        send(
            template,
            to=[editor.email],
            language=editor.language,
            collection=story.collection,
            story=story,
            link=settings.ENTRAIDE_SITE_URL + story.review_url(),
            **context,
        )


def partner_invitation(author, *, inviter):
    """To the invited partner, in the inviter's language: write this story together."""
    story = author.story
    send(
        "partner_invitation",
        to=[author.email],
        language=author.language,
        collection=story.collection,
        story=story,
        inviter=inviter,
        link=settings.ENTRAIDE_SITE_URL + author.invitation_url(),
    )


def story_submitted(story, *, by):
    """To each editor of the collection, in their language: a story awaits their review."""
    _to_editors("story_submitted", story, by=by)


def author_replied(story, comment):
    """To each editor of the collection, in their language: the authors answered."""
    _to_editors("author_replied", story, comment=comment)


# --- Media (services/media.py) ------------------------------------------------------------


# --- Consent (services/consent.py) --------------------------------------------------------


def _private_link(consent, anchor=""):
    return settings.ENTRAIDE_SITE_URL + consent.private_url() + anchor


def consent_requested(consent, *, authors):
    """To the interviewee, in the requester's language: the private link to the consent page."""
    story = consent.story
    send(
        "consent_request",
        to=[consent.email],
        language=consent.language,
        collection=story.collection,
        story=story,
        authors=authors,
        link=_private_link(consent),
    )


def _to_each(template, recipients, story, **context):
    """`recipients`: (user, address of the story's page for them) pairs."""
    for person, url in recipients:
        send(
            template,
            to=[person.email],
            language=person.language,
            collection=story.collection,
            story=story,
            person=person,
            story_link=settings.ENTRAIDE_SITE_URL + url,
            **context,
        )


def consent_answered(consent, *, recipients, unpublished, audio_deleted, photo_deleted):
    """To the authors (and the editors when something was taken away): the answer, medium by
    medium, and what it changed at once."""
    _to_each(
        "consent_answered",
        recipients,
        consent.story,
        consent=consent,
        unpublished=unpublished,
        audio_deleted=audio_deleted,
        photo_deleted=photo_deleted,
    )


def consent_withdrawn(story, *, recipients, unpublished, files_deleted):
    """To the authors and the editors: consent was withdrawn, and what happened."""
    _to_each(
        "consent_withdrawn",
        recipients,
        story,
        unpublished=unpublished,
        files_deleted=files_deleted,
    )


def reading_requested(consent):
    """To the interviewee: read the final text on your page, approve it or ask corrections."""
    story = consent.story
    send(
        "reading_request",
        to=[consent.email],
        language=consent.language,
        collection=story.collection,
        story=story,
        link=_private_link(consent, "#relecture"),
    )


def reading_approved(consent, *, recipients):
    _to_each("reading_approved", recipients, consent.story, consent=consent)


def corrections_asked(consent, *, recipients):
    _to_each("reading_corrections", recipients, consent.story, consent=consent)


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
