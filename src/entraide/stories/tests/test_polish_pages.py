"""What a browser walk of the main story noticed, page by page: titles, names, links, labels,
leads and warnings as a person reads them."""

import pytest

from entraide.stories.services import consent as consent_services
from entraide.stories.tests.conftest import consented

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
    assert "<" not in title and "Enregistrer" not in title


def test_after_a_withdrawal_the_lead_says_what_happened(client, story):
    consent = consented(story)
    consent_services.withdraw(consent)
    page = client.get(consent.private_url()).content.decode()
    assert "et vous décidez" not in page
    assert "Vous avez retiré votre consentement le" in page
