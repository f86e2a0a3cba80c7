"""The interviewee's consent, the spine of the workflow: asking it by mail, the answer medium by
medium through the private link, the "relecture" of the final text, and the withdrawal.

**The consent in force** is the story's latest *answered* consent that is not withdrawn
(`in_force`); `Story.consented_text/voice/photo` mirror it after every change here
(`_mirror`), and the public pages and feeds read those. Asking again (a corrected address, a
new version of the form) creates a new record: the previous answer stays in force until the
new one is answered. Only the latest request can be answered; a withdrawal from any of the
story's links withdraws them all.

**Files follow consent.** When an answer or a withdrawal leaves a medium uncovered, its file
is deleted from storage after the transaction commits (a rollback keeps it): refusing the
voice deletes the recording, refusing the photo deletes the photo, withdrawing deletes both.
Nobody keeps a recording of a person who said no, and no file is left without a use.
Refusing the text of a published story, or withdrawing, unpublishes it at once.

Every function runs in one transaction, with the story's row locked: the interviewee, the
authors and the editors may act at the same moment."""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from entraide.core.errors import DomainError
from entraide.core.tokens import new_keyed_link
from entraide.places.notifications import organisers_of
from entraide.stories import notifications
from entraide.stories.access import is_author, is_editor
from entraide.stories.errors import StoryErrorCode as Code
from entraide.stories.models import (
    COMMENT_MAX,
    CONSENT_PURPOSE,
    NAME_MAX,
    Consent,
    Episode,
    Story,
)
from entraide.stories.services import anthology

MEDIA = ("text", "voice", "photo")
ASK_AGAIN_AFTER = timedelta(minutes=10)  # one mail to an address per ten minutes at most
READING_STATES = (Story.State.IN_REVIEW, Story.State.ACCEPTED)


# --- Reading the state -----------------------------------------------------------------------


def in_force(story) -> Consent | None:
    """The consent the public pages follow: the latest answered one, not withdrawn."""
    return (
        story.consents.filter(answered_at__isnull=False, withdrawn_at__isnull=True)
        .order_by("-requested_at", "-pk")
        .first()
    )


def is_latest(consent) -> bool:
    """Whether `consent` is the story's latest request: the only one that can be answered."""
    latest = consent.story.current_consent()
    return latest is not None and latest.pk == consent.pk


def reading_pending(story) -> bool:
    """For publication: the collection wants the interviewee to read the final text, and the
    consent in force has no approval of it (yet, or any more since the text changed)."""
    if not story.collection.reading_required:
        return False
    consent = in_force(story)
    return consent is None or consent.reading_approved_at is None


def refused(story, medium) -> bool:
    """Whether the interviewee's last word refuses `medium` ("text", "voice", "photo"): their
    latest answered consent does not cover it, or they withdrew. The media pages refuse an
    upload then: the file would be deleted anyway."""
    latest = (
        story.consents.filter(answered_at__isnull=False).order_by("-requested_at", "-pk").first()
    )
    return latest is not None and not latest.covers(medium)


# --- Asking ----------------------------------------------------------------------------------


def _lock(story) -> Story:
    return (
        Story.objects.select_for_update(of=("self",))
        .select_related("collection__place")
        .get(pk=story.pk)
    )


def _check_may_ask(story, by):
    if not (is_editor(by, story.collection) or is_author(by, story)):
        raise DomainError(
            _("Only the story's authors and the collection's editors may do this."),
            code=Code.NOT_AN_AUTHOR,
        )


def _check_not_too_soon(email, *, since_field):
    recent = timezone.now() - ASK_AGAIN_AFTER
    if Consent.objects.filter(email__iexact=email, **{f"{since_field}__gt": recent}).exists():
        raise DomainError(
            _(
                "A mail was sent to this address less than ten minutes ago: give the person "
                "time to read it, and try again later if needed."
            ),
            code=Code.ASKED_RECENTLY,
        )


def request_consent(story, *, by) -> Consent:
    """Mail the interviewee a private link to the consent page, in `by`'s language."""
    with transaction.atomic():
        story = _lock(story)
        _check_may_ask(story, by)
        email = story.interviewee_email.strip()
        if not email:
            raise DomainError(
                _("Write the email address of the person interviewed first."),
                code=Code.NO_INTERVIEWEE_ADDRESS,
                field="interviewee_email",
            )
        if not story.body.strip():
            raise DomainError(
                _("Write the story before asking for consent: its text is empty."),
                code=Code.EMPTY_STORY,
            )
        form = story.collection.current_consent_form()
        if form is None:
            raise DomainError(
                _("The collection has no consent form yet: its editors write it first."),
                code=Code.NO_CONSENT_FORM,
            )
        _check_not_too_soon(email, since_field="requested_at")
        key, digest = new_keyed_link(CONSENT_PURPOSE)
        consent = Consent.objects.create(
            story=story,
            form=form,
            email=email,
            language=getattr(by, "language", "") or get_language(),
            link_key=key,
            token_digest=digest,
        )
        notifications.consent_requested(consent, authors=_author_names(story))
        return consent


def _author_names(story) -> list[str]:
    return [
        author.user.public_name
        for author in story.authors.filter(user__isnull=False, accepted_at__isnull=False)
        .select_related("user")
        .order_by("pk")
    ]


# --- Answering -------------------------------------------------------------------------------


def _locked_consent(consent) -> tuple[Story, Consent]:
    story = _lock(consent.story)
    consent = Consent.objects.select_related("form").get(pk=consent.pk)
    consent.story = story
    return story, consent


def answer(consent, *, media, credit, pseudonym="") -> Consent:
    """Record the interviewee's answer: the media in `media` (a subset of MEDIA) are agreed,
    the others refused (an empty set is a refusal); the name they chose is copied to the
    story. A new answer through the same link replaces the previous one."""
    media = set(media)
    pseudonym = pseudonym.strip()
    if credit not in Story.Credit.values:
        credit = Story.Credit.FULL_NAME
    if credit == Story.Credit.PSEUDONYM and not pseudonym:
        raise DomainError(
            _("Write the pseudonym under which you wish to appear."),
            code=Code.PSEUDONYM_REQUIRED,
            field="pseudonym",
        )
    if len(pseudonym) > NAME_MAX:
        raise DomainError(
            _("A pseudonym of at most %(max)s characters, please.") % {"max": NAME_MAX},
            code=Code.PSEUDONYM_TOO_LONG,
            field="pseudonym",
        )
    with transaction.atomic():
        story, consent = _locked_consent(consent)
        if consent.is_withdrawn:
            raise DomainError(
                _(
                    "You withdrew this consent: it can no longer be changed. The authors may "
                    "ask you again."
                ),
                code=Code.CONSENT_WITHDRAWN,
            )
        if not is_latest(consent):
            raise DomainError(
                _("A newer request was sent since this one: answer through its link."),
                code=Code.CONSENT_SUPERSEDED,
            )
        before = {medium: getattr(story, f"consented_{medium}") for medium in MEDIA}
        consent.answered_at = timezone.now()
        consent.text, consent.voice, consent.photo = (medium in media for medium in MEDIA)
        consent.credit = credit
        consent.pseudonym = pseudonym if credit == Story.Credit.PSEUDONYM else ""
        consent.language = get_language() or consent.language
        consent.save()
        story.credit, story.pseudonym = consent.credit, consent.pseudonym
        story.save(update_fields=["credit", "pseudonym"])
        was_published = story.state == Story.State.PUBLISHED
        effects = _mirror(story)
        narrowed = any(before[medium] and medium not in media for medium in MEDIA)
        # The editors hear of it when a published story loses something at once.
        editors = was_published and (narrowed or any(effects.values()))
        notifications.consent_answered(
            consent, recipients=_recipients(story, editors=editors), **effects
        )
        return consent


def _mirror(story) -> dict:
    """Copy the consent in force to the story; take away at once what it no longer covers:
    unpublish a story whose text is not covered, delete the files of refused media (after
    commit). Returns what was done, for the mails."""
    consent = in_force(story)
    for medium in MEDIA:
        setattr(story, f"consented_{medium}", bool(consent and getattr(consent, medium)))
    fields = ["consented_text", "consented_voice", "consented_photo"]
    effects = {"unpublished": False, "audio_deleted": False, "photo_deleted": False}
    if not story.consented_text and story.state == Story.State.PUBLISHED:
        story.state, story.published_at = Story.State.ACCEPTED, None
        fields += ["state", "published_at"]
        effects["unpublished"] = True
    story.save(update_fields=fields)
    if not story.consented_voice and _has_audio(story):
        effects["audio_deleted"] = True
    if not story.consented_photo and story.photo:
        effects["photo_deleted"] = True
    if effects["audio_deleted"] or effects["photo_deleted"]:
        transaction.on_commit(
            lambda: _delete_files(story.pk, effects["audio_deleted"], effects["photo_deleted"])
        )
    return effects


def _has_audio(story) -> bool:
    return Episode.objects.filter(story=story).exclude(audio="").exists()


def _delete_files(story_pk, audio, photo):
    story = Story.objects.select_related("episode").filter(pk=story_pk).first()
    if story is None:
        return
    if audio and photo:
        story.delete_files()
        return
    if photo and story.photo:
        default_storage.delete(story.photo.name)
        story.photo, story.photo_alt = "", ""
        story.save(update_fields=["photo", "photo_alt"])
    episode = getattr(story, "episode", None)
    if audio and episode is not None:
        episode.delete_audio()


def _recipients(story, *, editors) -> list:
    """The story's confirmed authors, and its collection's editors if `editors`, each once,
    with the address of the story's page for them: (user, url) pairs."""
    people = [
        author.user
        for author in story.authors.filter(
            user__isnull=False, accepted_at__isnull=False, user__is_active=True
        ).select_related("user")
    ]
    authors = {person.pk for person in people}
    if editors:
        people += organisers_of(story.collection.place)
    unique = {}
    for person in people:
        url = story.edit_url() if person.pk in authors else story.review_url()
        unique.setdefault(person.pk, (person, url))
    return list(unique.values())


# --- Withdrawal ------------------------------------------------------------------------------


def withdraw(consent) -> bool:
    """Withdraw consent, no reason asked: every consent of the story is marked withdrawn (the
    pending ones too: a new request is needed to publish again), the story leaves the public
    at once, its audio and photo are deleted from storage after commit, its authors and
    editors are told. Withdrawing again changes nothing: returns False."""
    with transaction.atomic():
        story, consent = _locked_consent(consent)
        if consent.is_withdrawn:
            return False
        now = timezone.now()
        story.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
        was_public = story.state == Story.State.PUBLISHED
        story.consented_text = story.consented_voice = story.consented_photo = False
        fields = ["consented_text", "consented_voice", "consented_photo"]
        if was_public:
            story.state, story.published_at = Story.State.ACCEPTED, None
            fields += ["state", "published_at"]
        story.save(update_fields=fields)
        anthology.delete_exports_holding(story)  # no new copy from an export made before
        had_files = bool(story.photo) or _has_audio(story)
        pk = story.pk
        transaction.on_commit(lambda: Story.objects.get(pk=pk).delete_files())
        notifications.consent_withdrawn(
            story,
            recipients=_recipients(story, editors=True),
            unpublished=was_public,
            files_deleted=had_files,
        )
        return True


# --- The "relecture" -------------------------------------------------------------------------


def request_reading(story, *, by) -> Consent:
    """Mail the interviewee a link to read the final text and approve it or ask for
    corrections: once the story is in review or accepted, on the consent in force."""
    with transaction.atomic():
        story = _lock(story)
        _check_may_ask(story, by)
        if story.state not in READING_STATES:
            raise DomainError(
                _("The interviewee reads the final text once the story is in review or accepted."),
                code=Code.WRONG_STATE,
            )
        consent = in_force(story)
        if consent is None or not consent.text:
            raise DomainError(
                _("The interviewee has not agreed to the publication of the text."),
                code=Code.NO_CONSENT,
            )
        _check_not_too_soon(consent.email, since_field="reading_requested_at")
        consent.reading_requested_at = timezone.now()
        consent.reading_approved_at = None
        consent.save(update_fields=["reading_requested_at", "reading_approved_at"])
        consent.story = story
        notifications.reading_requested(consent)
        return consent


def _reading_consent(consent) -> tuple[Story, Consent]:
    story, consent = _locked_consent(consent)
    if consent.is_withdrawn:
        raise DomainError(_("You withdrew your consent."), code=Code.CONSENT_WITHDRAWN)
    current = in_force(story)
    if consent.reading_requested_at is None or current is None or current.pk != consent.pk:
        raise DomainError(
            _("No reading of the final text is asked of you at the moment."),
            code=Code.READING_NOT_REQUESTED,
        )
    return story, consent


def approve_reading(consent) -> Consent:
    with transaction.atomic():
        story, consent = _reading_consent(consent)
        consent.reading_approved_at = timezone.now()
        consent.save(update_fields=["reading_approved_at"])
        notifications.reading_approved(consent, recipients=_recipients(story, editors=False))
        return consent


def ask_corrections(consent, corrections: str) -> Consent:
    corrections = corrections.strip()
    if not corrections:
        raise DomainError(
            _("Write the corrections you would like."),
            code=Code.CORRECTIONS_REQUIRED,
            field="corrections",
        )
    if len(corrections) > COMMENT_MAX:
        raise DomainError(
            _("At most %(max)s characters, please.") % {"max": COMMENT_MAX},
            code=Code.CORRECTIONS_TOO_LONG,
            field="corrections",
        )
    with transaction.atomic():
        story, consent = _reading_consent(consent)
        consent.corrections = corrections
        consent.corrections_at = timezone.now()
        consent.reading_approved_at = None
        consent.save(update_fields=["corrections", "corrections_at", "reading_approved_at"])
        notifications.corrections_asked(consent, recipients=_recipients(story, editors=False))
        return consent


def text_changed(story) -> int:
    """The writing pages call it, in their transaction, when a new version of the text is
    saved: an approval of the former text no longer holds. Returns how many were reset."""
    return Consent.objects.filter(story=story, reading_approved_at__isnull=False).update(
        reading_approved_at=None
    )
