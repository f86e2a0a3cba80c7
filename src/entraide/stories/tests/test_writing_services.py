"""The authors' story in services: joining a collection with its code, starting a story, the
pair (invite, accept, decline, withdraw), saving drafts and their versions (two authors saving
from the same version: the second is refused, nothing overwritten), answering the editors and
submitting for review. Each refusal carries its code and leaves nothing half-done."""

import threading

import pytest
from django.core import mail
from django.db import close_old_connections, connection

from entraide.core.errors import DomainError
from entraide.stories.errors import StoryErrorCode
from entraide.stories.models import Comment, Story, StoryVersion, Writer
from entraide.stories.services import writing

pytestmark = pytest.mark.django_db


def _refused(code, call, *args, **kwargs):
    with pytest.raises(DomainError) as excinfo:
        call(*args, **kwargs)
    assert excinfo.value.code == code
    return excinfo.value


def _pair(story, partner):
    author = writing.invite_partner(story, story.created_by, partner.email)
    return writing.accept_invitation(author, partner)


# ----------------------------------------------------------------- joining


def test_the_right_code_makes_a_writer_once(collection, charlie):
    writing.join_with_code(collection, charlie, " abcd 2345 ")
    writing.join_with_code(collection, charlie, "ABCD2345")

    assert Writer.objects.filter(collection=collection, user=charlie).count() == 1
    assert writing.is_writer(charlie, collection)


def test_a_wrong_or_closed_code_is_refused(collection, charlie):
    error = _refused(
        StoryErrorCode.UNKNOWN_CODE, writing.join_with_code, collection, charlie, "NOPE"
    )
    assert error.field == "code"
    collection.code_open = False
    collection.save()
    _refused(StoryErrorCode.UNKNOWN_CODE, writing.join_with_code, collection, charlie, "ABCD2345")
    assert not Writer.objects.filter(user=charlie).exists()


# ----------------------------------------------------------------- starting


def test_a_writer_starts_a_story_of_which_they_are_the_author(collection, writer, alice):
    theme = collection.themes.first()
    story = writing.start_story(
        collection,
        alice,
        title="Nouveau",  # a word of the app's addresses: never taken as a slug as it is
        themes=[theme],
        kind=Story.Kind.PODCAST,
        summary="",
        interviewee_name="Joséphine Martin",
        interviewee_email="",
        credit=Story.Credit.FIRST_NAME,
        pseudonym="ignored",
    )

    assert story.slug != "nouveau"
    assert story.state == Story.State.DRAFT
    assert story.pseudonym == ""
    assert list(story.themes.all()) == [theme]
    assert [a.user for a in story.authors.all()] == [alice]
    assert story.authors.get().is_confirmed


def test_someone_who_does_not_write_in_the_collection_cannot_start_a_story(collection, charlie):
    _refused(
        StoryErrorCode.NOT_A_WRITER,
        writing.start_story,
        collection,
        charlie,
        title="T",
        interviewee_name="X",
    )
    assert not Story.objects.exists()


# ----------------------------------------------------------------- the pair


def test_the_partner_is_invited_by_mail_in_the_inviters_language(story_by, alice):
    alice.language = "en"
    alice.save()
    story = story_by(alice)

    author = writing.invite_partner(story, alice, "Partner@Example.org")

    assert author.user is None
    assert author.language == "en"
    (message,) = mail.outbox
    assert message.to == ["Partner@Example.org"]
    assert "invites you to write" in message.subject
    assert author.invitation_url() in message.body
    assert "/recits/binome/" in author.invitation_url()


def test_inviting_oneself_an_author_or_a_fifth_author_is_refused(story_by, alice, charlie):
    story = story_by(alice)
    _refused(
        StoryErrorCode.SELF_INVITATION, writing.invite_partner, story, alice, "ALICE@example.org"
    )
    _pair(story, charlie)
    _refused(StoryErrorCode.ALREADY_AUTHOR, writing.invite_partner, story, alice, charlie.email)
    writing.invite_partner(story, alice, "c@example.org")
    _refused(StoryErrorCode.ALREADY_AUTHOR, writing.invite_partner, story, alice, "C@example.org")
    writing.invite_partner(story, alice, "d@example.org")
    error = _refused(
        StoryErrorCode.TOO_MANY_AUTHORS, writing.invite_partner, story, alice, "e@x.org"
    )
    assert error.field == "email"
    assert story.authors.count() == writing.MAX_AUTHORS


def test_accepting_makes_a_confirmed_author_and_a_writer(story_by, alice, charlie):
    story = story_by(alice)
    author = writing.invite_partner(story, alice, "someone@example.org")

    writing.accept_invitation(author, charlie)

    author.refresh_from_db()
    assert author.user == charlie
    assert author.is_confirmed
    assert writing.is_writer(charlie, story.collection)
    _refused(StoryErrorCode.INVITATION_USED, writing.accept_invitation, author, charlie)
    assert writing.invitation_for_token(author.invitation_url().split("/")[-2]) == author


def test_an_author_cannot_accept_a_second_seat(story_by, alice):
    story = story_by(alice)
    author = writing.invite_partner(story, alice, "other@example.org")
    _refused(StoryErrorCode.ALREADY_AUTHOR, writing.accept_invitation, author, alice)
    assert story.authors.filter(user__isnull=True).count() == 1


def test_a_declined_or_withdrawn_invitation_link_no_longer_works(story_by, alice):
    story = story_by(alice)
    first = writing.invite_partner(story, alice, "one@example.org")
    second = writing.invite_partner(story, alice, "two@example.org")
    tokens = [a.invitation_url().split("/")[-2] for a in (first, second)]

    writing.decline_invitation(first)
    writing.withdraw_invitation(second, alice)

    assert [writing.invitation_for_token(t) for t in tokens] == [None, None]
    assert writing.invitation_for_token("forged") is None
    assert story.authors.count() == 1


# ----------------------------------------------------------------- writing


def _save(story, by, base, body, **fields):
    return writing.save_draft(
        story,
        by,
        base=base,
        title=fields.get("title", story.title),
        summary=fields.get("summary", ""),
        body=body,
    )


def test_a_save_that_changes_the_text_makes_a_version(story_by, alice):
    story = story_by(alice, body="")
    story, version = _save(story, alice, 0, "Un deux trois, quatre — cinq.")
    assert (version.number, version.words, version.saved_by) == (1, 5, alice)
    assert story.words == 5

    story, version = _save(story, alice, 1, story.body, summary="Un résumé")
    assert version is None
    assert StoryVersion.objects.count() == 1
    assert Story.objects.get().summary == "Un résumé"


def test_a_save_based_on_an_older_version_is_refused_and_writes_nothing(story_by, alice, charlie):
    story = story_by(alice, body="")
    _pair(story, charlie)
    _save(story, alice, 0, "Le texte d’Alice.")

    error = _refused(StoryErrorCode.STALE_VERSION, _save, story, charlie, 0, "Le texte de Charlie.")

    assert error.field == "body"
    assert Story.objects.get().body == "Le texte d’Alice."
    assert StoryVersion.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_authors_saving_at_once_from_the_same_version_one_wins(story_by, alice, charlie):
    if connection.vendor == "sqlite":
        pytest.skip("row locks need PostgreSQL; the stale check is tested above on SQLite")
    story = story_by(alice, body="")
    _pair(story, charlie)
    barrier = threading.Barrier(2)
    outcomes = {}

    def save(user, text):
        close_old_connections()
        barrier.wait()
        try:
            _save(Story.objects.get(pk=story.pk), user, 0, text)
            outcomes[user.pk] = "saved"
        except DomainError as error:
            outcomes[user.pk] = error.code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(alice, "Alice écrit.")),
        threading.Thread(target=save, args=(charlie, "Charlie écrit.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes.values()) == ["saved", StoryErrorCode.STALE_VERSION]
    (version,) = StoryVersion.objects.all()
    assert Story.objects.get().body == version.body


def test_a_story_in_review_cannot_be_saved(story_by, alice):
    story = story_by(alice, state=Story.State.IN_REVIEW)
    _refused(StoryErrorCode.NOT_EDITABLE, _save, story, alice, 0, "Autre chose")
    assert not StoryVersion.objects.exists()


def test_someone_else_cannot_save_submit_or_invite(story_by, alice, charlie):
    story = story_by(alice)
    _refused(StoryErrorCode.NOT_AN_AUTHOR, _save, story, charlie, 0, "X")
    _refused(StoryErrorCode.NOT_AN_AUTHOR, writing.submit, story, charlie)
    _refused(StoryErrorCode.NOT_AN_AUTHOR, writing.invite_partner, story, charlie, "z@x.org")
    assert Story.objects.get().state == Story.State.DRAFT


# ----------------------------------------------------------------- review, the authors' side


def test_submitting_sends_the_story_to_the_editors_once(story_by, alice, bob):
    story = story_by(alice)

    writing.submit(story, alice)

    story.refresh_from_db()
    assert story.state == Story.State.IN_REVIEW
    assert story.submitted_at
    (message,) = mail.outbox
    assert message.to == [bob.email]
    assert story.review_url() in message.body
    _refused(StoryErrorCode.NOT_EDITABLE, writing.submit, story, alice)
    assert len(mail.outbox) == 1


def test_an_empty_story_cannot_be_submitted(story_by, alice):
    story = story_by(alice, body="  \n ")
    _refused(StoryErrorCode.EMPTY_STORY, writing.submit, story, alice)
    assert Story.objects.get().state == Story.State.DRAFT
    assert not mail.outbox


def test_changes_requested_can_be_submitted_again(story_by, alice):
    story = story_by(alice, state=Story.State.CHANGES_REQUESTED)
    writing.submit(story, alice)
    assert Story.objects.get().state == Story.State.IN_REVIEW


def test_an_answer_to_the_editors_is_a_comment_and_a_mail(story_by, alice, bob):
    story = story_by(alice)
    Comment.objects.create(story=story, author=bob, by_editor=True, body="Plus court ?")

    comment = writing.reply(story, alice, "  D’accord, c’est fait.  ")

    assert not comment.by_editor
    assert comment.body == "D’accord, c’est fait."
    (message,) = mail.outbox
    assert message.to == [bob.email]
    assert "c’est fait" in message.body
    _refused(StoryErrorCode.EMPTY, writing.reply, story, alice, "   ")


def test_words_are_counted_as_a_reader_counts_them():
    assert writing.count_words("**Aujourd’hui**, il pleut — *vraiment* !\n\n> grille-pain") == 5
