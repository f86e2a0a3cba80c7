"""The interviewee's whole story, through the pages and the mails: the authors ask, the mail
brings the private link, the page says what would be published, the interviewee agrees to
the text and the voice and refuses the photo, changes their mind, then withdraws: the story
leaves the public, its files leave storage, the authors and editors are told."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.files import File
from django.core.files.base import ContentFile

from entraide.stories.models import Consent, Episode, Story
from entraide.stories.tests.conftest import published, stored_files

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s]+(/recits/consentement/[0-9a-f]+/)")


def the_link(message) -> str:
    return LINK.search(message.body).group(1)


@pytest.fixture
def story(story_by, alice, audio_sample, place):
    place.contact_email = "contact@verriere.example"
    place.save()
    body = "Joséphine **répare** des grille-pain depuis vingt ans."
    story = story_by(alice, slug="reparer-ensemble", body=body)
    episode = Episode.objects.create(story=story, transcript="Bonjour, je répare.")
    with open(audio_sample("mp3"), "rb") as sample:
        episode.audio.save("entretien.mp3", File(sample))
    story.photo.save("portrait.jpg", ContentFile(b"\xff\xd8\xff fake jpeg"))
    story.photo_alt = "Joséphine dans son atelier"
    story.save()
    return story


def test_from_the_request_to_the_withdrawal(
    client, client_for, alice, bob, story, media_root, django_capture_on_commit_callbacks
):
    assert len(stored_files(media_root)) == 2
    author = client_for(alice)
    mail.outbox.clear()
    response = author.post(
        f"/recits/{story.collection.slug}/{story.slug}/consentement/",
        {"next": story.edit_url()},
    )
    assert response.status_code == 302
    assert response["Location"] == story.edit_url()
    [request] = mail.outbox
    assert request.to == ["josephine@example.org"]
    assert request.reply_to == [story.collection.place.contact_email]
    assert "Réparer ensemble" in request.subject
    assert "Alice" in request.body
    link = the_link(request)
    author.logout()

    # The page, without an account, in the language of the mail.
    page = client.get(link)
    assert page.status_code == 200
    text = page.content.decode()
    for shown in (
        "Réparer ensemble",
        "(portrait)",
        "Un épisode du podcast est enregistré",
        "<strong>répare</strong>",  # the story's text, rendered
        "sans donner de raison",  # the consent form's text (version 1)
        "version 1",
        "EPUB",
        "Joséphine Martin",
    ):
        assert shown in text, shown
    assert page["Cache-Control"] == "no-store"
    assert page["Content-Language"] == "fr"
    story.refresh_from_db()
    assert (story.consented_text, story.consented_voice, story.consented_photo) == (
        False,
        False,
        False,
    )

    # Agree to the text and the voice, refuse the photo, under the first name.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(
            link,
            {"decision": "accord", "media": ["text", "voice"], "credit": "prenom"},
        )
    assert answered.status_code == 302
    assert answered["Location"] == link
    story.refresh_from_db()
    assert (story.consented_text, story.consented_voice, story.consented_photo) == (
        True,
        True,
        False,
    )
    assert story.credit == Story.Credit.FIRST_NAME
    assert story.credited_name() == "Joséphine"
    consent = Consent.objects.get(story=story)
    assert consent.answered_at is not None
    assert consent.form.version == 1
    # The photo refused: gone from storage; the recording stays.
    assert stored_files(media_root) == [story.episode.audio.name]
    assert story.photo.name == ""
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "refusée" in mail.outbox[0].body

    # The editors publish; the interviewee narrows their answer: no more voice.
    published(story)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"decision": "accord", "media": ["text"], "credit": "prenom"})
    story.refresh_from_db()
    assert story.is_public
    assert not story.audio_is_public
    assert stored_files(media_root) == []
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]

    # Withdrawal: a confirmation first, then at once.
    confirm = client.get(link + "retirer/")
    assert confirm.status_code == 200
    assert "Oui, retirer mon consentement" in confirm.content.decode()
    assert Consent.objects.get(story=story).withdrawn_at is None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(link + "retirer/")
    assert done["Location"] == link
    story.refresh_from_db()
    assert story.state == Story.State.ACCEPTED
    assert story.published_at is None
    assert not Story.objects.public().filter(pk=story.pk).exists()
    assert (story.consented_text, story.consented_voice, story.consented_photo) == (
        False,
        False,
        False,
    )
    assert Consent.objects.get(story=story).withdrawn_at is not None
    told = {m.to[0]: m for m in mail.outbox}
    assert sorted(told) == ["alice@example.org", "bob@example.org"]
    assert "dépublié aussitôt" in told["bob@example.org"].body
    assert settings.ENTRAIDE_SITE_URL + story.review_url() in told["bob@example.org"].body
    assert settings.ENTRAIDE_SITE_URL + story.edit_url() in told["alice@example.org"].body

    # The link still opens, showing the withdrawal; withdrawing again changes nothing.
    after = client.get(link).content.decode()
    assert "Vous avez retiré votre consentement" in after
    assert "Enregistrer ma réponse" not in after
    mail.outbox.clear()
    again = client.post(link + "retirer/")
    assert again.status_code == 302
    assert mail.outbox == []


def test_the_page_speaks_the_language_of_the_request(client, client_for, story, alice):
    alice.language = "en"
    alice.save()
    client_for(alice).post(f"/recits/{story.collection.slug}/{story.slug}/consentement/")
    [request] = mail.outbox
    assert "Your consent" in request.subject
    client.logout()
    page = client.get(the_link(request))
    assert "What would be published" in page.content.decode()
    assert page["Content-Language"] == "en"


def test_refusing_everything_is_an_answer(client, story, alice, django_capture_on_commit_callbacks):
    from entraide.stories.services import consent as services

    consent = services.request_consent(story, by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(consent.private_url(), {"decision": "refus", "credit": "nom"})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.is_answered
    assert (consent.text, consent.voice, consent.photo) == (False, False, False)
    story.refresh_from_db()
    assert not story.consented_text
    assert "refus" in client.get(consent.private_url()).content.decode()
