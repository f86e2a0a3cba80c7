"""The rules of consent, service by service: who may ask and when, what an answer changes,
which consent is in force when asked again, the withdrawal, the "relecture"."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.base import ContentFile

from entraide.core.errors import DomainError
from entraide.stories.errors import StoryErrorCode as Code
from entraide.stories.models import Author, Consent, ConsentForm, Story
from entraide.stories.services import consent as services
from entraide.stories.tests.conftest import consented, published, stored_files

pytestmark = pytest.mark.django_db


def refused_with(code, call, *args, **kwargs):
    with pytest.raises(DomainError) as excinfo:
        call(*args, **kwargs)
    assert excinfo.value.code == code
    return excinfo.value


def answered(consent, media=("text", "voice", "photo"), credit="nom", pseudonym=""):
    return services.answer(consent, media=media, credit=credit, pseudonym=pseudonym)


def later(consent, minutes=11):
    """As if the request was sent `minutes` ago (the ten minutes between two mails)."""
    Consent.objects.filter(pk=consent.pk).update(
        requested_at=consent.requested_at - timedelta(minutes=minutes)
    )


# --- Asking ----------------------------------------------------------------------------------


def test_only_a_confirmed_author_or_an_editor_may_ask(story_by, alice, bob, charlie):
    story = story_by(alice)
    refused_with(Code.NOT_AN_AUTHOR, services.request_consent, story, by=charlie)
    Author.objects.create(story=story, email="partner@example.org")  # invited, not accepted
    assert services.request_consent(story, by=bob).language == bob.language
    assert mail.outbox[-1].to == ["josephine@example.org"]


def test_no_request_without_the_interviewee_s_address(story_by, alice):
    story = story_by(alice, interviewee_email="")
    error = refused_with(Code.NO_INTERVIEWEE_ADDRESS, services.request_consent, story, by=alice)
    assert error.field == "interviewee_email"
    assert Consent.objects.count() == 0


def test_a_second_request_within_ten_minutes_to_the_same_address_is_refused(story_by, alice):
    story = story_by(alice)
    first = services.request_consent(story, by=alice)
    mail.outbox.clear()
    refused_with(Code.ASKED_RECENTLY, services.request_consent, story, by=alice)
    other = story_by(
        alice, title="Un autre récit", slug="autre", interviewee_email="JOSEPHINE@example.org"
    )
    refused_with(Code.ASKED_RECENTLY, services.request_consent, other, by=alice)
    assert mail.outbox == []
    later(first)
    services.request_consent(story, by=alice)
    assert len(mail.outbox) == 1


def test_asking_again_keeps_the_answer_in_force_until_the_new_one_is_answered(story_by, alice):
    story = story_by(alice)
    first = answered(services.request_consent(story, by=alice), media=("text", "voice"))
    later(first)
    ConsentForm.objects.create(collection=story.collection, version=2, text="Nouvelle version.")
    second = services.request_consent(story, by=alice)
    assert second.form.version == 2
    story.refresh_from_db()
    assert (story.consented_text, story.consented_voice) == (True, True)
    assert services.in_force(story) == first

    # The old link can no longer be answered; the new one can.
    refused_with(Code.CONSENT_SUPERSEDED, answered, first, media=("text",))
    answered(second, media=("text",))
    story.refresh_from_db()
    assert (story.consented_text, story.consented_voice) == (True, False)
    assert services.in_force(story) == second
    first.refresh_from_db()
    assert first.voice  # the record of the first answer stays as it was


# --- Answering -------------------------------------------------------------------------------


def test_the_name_chosen_is_copied_to_the_story(story_by, alice):
    story = story_by(alice)
    consent = services.request_consent(story, by=alice)
    answered(consent, credit="pseudonyme", pseudonym="  La Bricoleuse ")
    story.refresh_from_db()
    assert story.credited_name() == "La Bricoleuse"
    answered(consent, credit="nom", pseudonym="ignoré")
    story.refresh_from_db()
    assert (story.credit, story.pseudonym, story.credited_name()) == ("nom", "", "Joséphine Martin")


def test_a_pseudonym_is_required_and_bounded(story_by, alice):
    story = story_by(alice)
    consent = services.request_consent(story, by=alice)
    refused_with(Code.PSEUDONYM_REQUIRED, answered, consent, credit="pseudonyme", pseudonym=" ")
    refused_with(
        Code.PSEUDONYM_TOO_LONG, answered, consent, credit="pseudonyme", pseudonym="x" * 10_000
    )
    consent.refresh_from_db()
    assert not consent.is_answered


def test_refusing_the_voice_of_a_published_story_deletes_its_audio_at_once(
    story_by, alice, bob, media_root, django_capture_on_commit_callbacks
):
    from entraide.stories.models import Episode

    story = story_by(alice)
    consent = answered(services.request_consent(story, by=alice))
    episode = Episode.objects.create(story=story, transcript="Bonjour.")
    episode.audio.save("voix.mp3", ContentFile(b"ID3 fake"))
    published(story)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answered(consent, media=("text", "photo"))
    story.refresh_from_db()
    assert story.is_public
    assert not story.consented_voice
    assert stored_files(media_root) == []
    episode.refresh_from_db()
    assert episode.audio.name == ""
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]


def test_refusing_the_text_of_a_published_story_unpublishes_it(story_by, alice):
    story = published(story_by(alice))
    consent = answered(services.request_consent(story, by=alice))
    answered(consent, media=())
    story.refresh_from_db()
    assert (story.state, story.published_at) == (Story.State.ACCEPTED, None)


def test_a_rollback_keeps_the_files(
    story_by, alice, media_root, django_capture_on_commit_callbacks
):
    """The deletion waits for the commit: nothing is lost when the change is undone."""
    from django.db import transaction

    story = story_by(alice)
    story.photo.save("p.jpg", ContentFile(b"jpeg"))
    consent = services.request_consent(story, by=alice)

    def answer_then_fail():
        with transaction.atomic():
            answered(consent, media=("text",))
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        answer_then_fail()
    assert callbacks == []
    assert stored_files(media_root) == [story.photo.name]
    story.refresh_from_db()
    assert not story.consented_text


# --- Withdrawal ------------------------------------------------------------------------------


def test_withdrawing_marks_every_consent_and_asks_for_a_new_request(
    story_by, alice, media_root, django_capture_on_commit_callbacks
):
    story = published(story_by(alice))
    story.photo.save("p.jpg", ContentFile(b"jpeg"))
    first = answered(services.request_consent(story, by=alice))
    later(first)
    pending = services.request_consent(story, by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.withdraw(first) is True
    assert Consent.objects.filter(withdrawn_at__isnull=True).count() == 0
    assert stored_files(media_root) == []
    refused_with(Code.CONSENT_WITHDRAWN, answered, pending)
    mail.outbox.clear()
    assert services.withdraw(pending) is False
    assert mail.outbox == []
    # A new request, answered, allows publishing again.
    later(pending)
    answered(services.request_consent(story, by=alice), media=("text",))
    story.refresh_from_db()
    assert story.consented_text


def test_only_the_consent_in_force_counts_after_a_withdrawal(story_by, alice):
    story = story_by(alice)
    consent = consented(story)
    services.withdraw(consent)
    assert services.in_force(story) is None
    assert services.refused(story, "voice")


# --- The "relecture" -------------------------------------------------------------------------


@pytest.fixture
def in_review(story_by, alice):
    story = story_by(alice)
    story.collection.reading_required = True
    story.collection.save()
    story.state = Story.State.IN_REVIEW
    story.save()
    return story


def test_the_relecture_is_asked_once_in_review_on_the_consent_in_force(story_by, alice, in_review):
    refused_with(Code.NO_CONSENT, services.request_reading, in_review, by=alice)
    draft = story_by(alice, title="Brouillon", slug="brouillon")
    consented(draft)
    refused_with(Code.WRONG_STATE, services.request_reading, draft, by=alice)
    consent = consented(in_review)
    assert services.reading_pending(in_review)
    mail.outbox.clear()
    assert services.request_reading(in_review, by=alice) == consent
    [message] = mail.outbox
    assert message.to == [consent.email]
    assert consent.private_url() + "#relecture" in message.body


def test_approving_then_a_new_version_resets_the_approval(alice, in_review):
    consent = consented(in_review)
    services.request_reading(in_review, by=alice)
    mail.outbox.clear()
    services.approve_reading(consent)
    assert not services.reading_pending(in_review)
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert services.text_changed(in_review) == 1
    assert services.reading_pending(in_review)


def test_corrections_are_mailed_to_the_authors(alice, in_review):
    consent = consented(in_review)
    refused_with(Code.READING_NOT_REQUESTED, services.approve_reading, consent)
    services.request_reading(in_review, by=alice)
    refused_with(Code.CORRECTIONS_REQUIRED, services.ask_corrections, consent, "  ")
    refused_with(Code.CORRECTIONS_TOO_LONG, services.ask_corrections, consent, "x" * 10_000)
    mail.outbox.clear()
    services.ask_corrections(consent, "Je m’appelle Joséphine, avec un accent.")
    consent.refresh_from_db()
    assert consent.corrections_at is not None
    assert consent.reading_approved_at is None
    [message] = mail.outbox
    assert message.to == ["alice@example.org"]
    assert "Je m’appelle Joséphine, avec un accent." in message.body


def test_reading_not_required_is_never_pending(story_by, alice):
    story = story_by(alice)
    assert not services.reading_pending(story)


def test_each_person_told_of_a_withdrawal_reads_it_in_their_language(story_by, alice, bob):
    bob.language = "en"
    bob.save()
    story = published(story_by(alice))
    mail.outbox.clear()
    services.withdraw(consented(story))
    told = {message.to[0]: message for message in mail.outbox}
    assert "Consent withdrawn" in told["bob@example.org"].subject
    assert "Consentement retiré" in told["alice@example.org"].subject
    assert "unpublished at once" in told["bob@example.org"].body
