"""What a browser walk of the main story noticed, page by page: titles, names, links, labels,
leads and warnings as a person reads them."""

import pytest
from django.utils import timezone

from entraide.core.errors import DomainError
from entraide.stories.errors import StoryErrorCode
from entraide.stories.models import Author, Comment, Story
from entraide.stories.services import consent as consent_services
from entraide.stories.services import review as review_services
from entraide.stories.tests.conftest import consented, published
from entraide.stories.tests.pages_public import add_episode

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(story_by, alice):
    return story_by(alice, slug="reparer-ensemble")


def tab_title(response):
    html = response.content.decode()
    return html[html.index("<title>") + 7 : html.index("</title>")]


def test_the_private_page_title_is_a_title_not_the_answer_form(client, story, alice):
    consent = consent_services.request_consent(story, by=alice)
    title = tab_title(client.get(consent.private_url()))
    assert "Votre consentement" in title
    assert "<" not in title
    assert "Enregistrer" not in title


def test_after_a_withdrawal_the_lead_says_what_happened(client, story):
    consent = consented(story)
    consent_services.withdraw(consent)
    page = client.get(consent.private_url()).content.decode()
    assert "et vous décidez" not in page
    assert "Vous avez retiré votre consentement le" in page


def test_the_episode_and_photo_pages_lead_back_to_the_follow_up_not_the_locked_editor(
    client, alice, story
):
    Story.objects.filter(pk=story.pk).update(state=Story.State.IN_REVIEW)
    client.force_login(alice)
    for page in ("episode/", "photo/"):
        html = client.get(story.get_absolute_url() + page).text
        back = html.split("Retour au récit")[0].rsplit('href="', 1)[1].split('"')[0]
        assert back == story.get_absolute_url() + "suivi/"
        assert client.get(back).status_code == 200


def test_the_audio_field_is_not_labelled_like_its_section(client, alice, story):
    client.force_login(alice)
    html = client.get(story.get_absolute_url() + "episode/").text
    assert '<label for="id_audio">Fichier audio' in html


def test_the_comment_help_no_longer_says_it_is_required_to_ask_for_changes(client_for, bob, story):
    Story.objects.filter(pk=story.pk).update(state=Story.State.IN_REVIEW)
    html = client_for(bob).get(story.review_url()).text
    assert "Obligatoire pour demander des modifications" not in html


def test_an_empty_story_shows_a_warning_instead_of_the_consent_button(client, alice, story):
    Story.objects.filter(pk=story.pk).update(body="", words=0)
    client.force_login(alice)
    follow = story.get_absolute_url() + "suivi/"
    html = client.get(follow).text
    assert "Envoyer la demande de consentement" not in html
    assert "Écrivez le récit avant de demander" in html
    response = client.post(
        story.get_absolute_url() + "consentement/", {"next": follow}, follow=True
    )
    assert response.redirect_chain[-1][0] == follow
    assert "Écrivez le récit avant de demander" in response.text
    assert not story.consents.exists()
    with pytest.raises(DomainError) as refused:
        consent_services.request_consent(story, by=alice)
    assert refused.value.code == StoryErrorCode.EMPTY_STORY


def test_after_a_change_request_my_stories_say_it_once(client, alice, bob, story):
    Story.objects.filter(pk=story.pk).update(state=Story.State.IN_REVIEW)
    story.refresh_from_db()
    review_services.request_changes(story, by=bob, comment="Ajoutez une date.")
    client.force_login(alice)
    html = client.get("/recits/mes-recits/").text
    assert "L’équipe éditoriale a demandé des changements." in html
    assert "a commenté" not in html
    Story.objects.filter(pk=story.pk).update(state=Story.State.IN_REVIEW)
    Comment.objects.create(story=story, author=bob, by_editor=True, body="Et le titre ?")
    html = client.get("/recits/mes-recits/").text
    assert "a demandé des changements" not in html
    assert "a commenté" in html


def test_the_interviewee_reads_their_credit_choice_with_their_name(client, story, alice):
    consent = consent_services.request_consent(story, by=alice)
    consent_services.answer(consent, media=["text"], credit=Story.Credit.FIRST_NAME)
    html = client.get(consent.private_url()).text
    assert "Votre prénom seulement\xa0: Joséphine" in html
    assert "Son prénom seulement" not in html.split('id="repondre"')[0]


@pytest.mark.parametrize(
    ("kind", "credit"),
    [
        ("portrait", "Portrait de Joséphine Martin"),
        ("article", "Article · avec Joséphine Martin"),
        ("podcast", "Podcast · avec Joséphine Martin"),
    ],
)
def test_the_card_and_the_page_credit_the_interviewee_by_the_story_s_kind(
    client, story_by, alice, kind, credit
):
    story = published(story_by(alice, slug="reparer-ensemble", kind=kind))
    consented(story)
    for url in (story.collection.get_absolute_url(), story.get_absolute_url()):
        html = client.get(url).text
        assert credit in html
        assert "Portrait · " not in html
        if kind != "portrait":
            assert "Portrait de" not in html


def test_a_phone_reader_finds_the_episode_from_the_top_of_the_story(client, story):
    published(story)
    consented(story, voice=False)
    assert "#episode" not in client.get(story.get_absolute_url()).text
    consented(story)
    add_episode(story)
    html = client.get(story.get_absolute_url()).text
    link = '<a href="#episode">Écouter l’épisode (2:05)</a>'
    assert link in html
    assert html.index(link) < html.index("<p>Joséphine répare des grille-pain")


def test_the_collection_page_joins_the_authors_with_and_and_keeps_colons_in_the_text(
    client, story, alice, bob, charlie
):
    for user, name in ((alice, "Léa"), (bob, "Hugo"), (charlie, "Sam")):
        user.display_name = name
        user.save(update_fields=["display_name"])
    for user in (bob, charlie):
        Author.objects.create(story=story, user=user, accepted_at=timezone.now())
    published(story)
    consented(story)
    for url in (story.collection.get_absolute_url(), story.get_absolute_url()):
        assert "par Léa, Hugo et Sam" in client.get(url).text
    html = client.get(story.collection.get_absolute_url()).text
    assert "</a>:" not in html
    assert "Flux du podcast</a>\xa0: pour écouter" in html
