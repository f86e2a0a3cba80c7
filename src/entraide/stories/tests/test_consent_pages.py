"""The consent pages against hostile or mistaken input: forged links, script in every text,
a pseudonym of 10,000 characters, someone else's story, a `next` leading elsewhere; the
headers of a private page; the "relecture" through the page."""

import pytest
from django.core import mail

from entraide.stories.models import Consent, Story
from entraide.stories.services import consent as services
from entraide.stories.tests.conftest import consented

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><b>gras</b>'


@pytest.fixture
def story(story_by, alice):
    return story_by(alice, slug="reparer-ensemble")


@pytest.fixture
def consent(story, alice):
    return services.request_consent(story, by=alice)


def ask_url(story, what=""):
    return f"/recits/{story.collection.slug}/{story.slug}/consentement/{what}"


def test_every_wrong_link_gets_the_same_404(client, consent):
    token = consent.private_token()
    wrong = [
        token[:-1] + ("0" if token[-1] != "0" else "1"),  # one character changed
        token[:-2],
        token + "0",
        consent.link_key,  # the stored key is not the token
        consent.token_digest,  # nor is the stored digest
        "<script>",
    ]
    for forged in wrong:
        for suffix in ("", "relecture/", "retirer/"):
            response = client.get(f"/recits/consentement/{forged}/{suffix}")
            assert response.status_code == 404, (forged, suffix)
            assert client.post(f"/recits/consentement/{forged}/{suffix}").status_code == 404
    assert Consent.objects.get().withdrawn_at is None


def test_a_private_page_is_never_cached_and_sends_no_path_as_referer(client, consent):
    for url in (consent.private_url(), consent.private_url() + "retirer/"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        assert response["Referrer-Policy"] == "strict-origin"


def test_script_in_the_pseudonym_and_the_corrections_is_shown_as_text(client, story, alice):
    story.interviewee_name = SCRIPT
    story.title = SCRIPT
    story.state = Story.State.IN_REVIEW
    story.save()
    consent = services.request_consent(story, by=alice)
    response = client.post(
        consent.private_url(),
        {"decision": "accord", "media": ["text"], "credit": "pseudonyme", "pseudonym": SCRIPT},
    )
    assert response.status_code == 302
    services.request_reading(story, by=alice)
    client.post(consent.private_url() + "relecture/", {"corrections": SCRIPT})
    page = client.get(consent.private_url()).content.decode()
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;gras&lt;/b&gt;" in page
    consent.refresh_from_db()
    assert consent.pseudonym == SCRIPT
    assert consent.corrections == SCRIPT


def test_a_pseudonym_of_10000_characters_is_refused_beside_the_field(client, consent):
    response = client.post(
        consent.private_url(),
        {
            "decision": "accord",
            "media": ["text"],
            "credit": "pseudonyme",
            "pseudonym": "x" * 10_000,
        },
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("pseudonym", "max_length")
    consent.refresh_from_db()
    assert not consent.is_answered


def test_agreeing_to_nothing_asks_to_tick_or_to_refuse(client, consent):
    response = client.post(consent.private_url(), {"decision": "accord", "credit": "nom"})
    assert response.status_code == 400
    assert response.context["form"].has_error("media", "nothing_chosen")
    response = client.post(
        consent.private_url(), {"decision": "accord", "media": ["text"], "credit": "pseudonyme"}
    )
    assert response.context["form"].has_error("pseudonym", "pseudonym_required")
    consent.refresh_from_db()
    assert not consent.is_answered


def test_answering_a_withdrawn_consent_is_refused_with_a_400(client, story):
    consent = consented(story)
    services.withdraw(consent)
    response = client.post(
        consent.private_url(), {"decision": "accord", "media": ["text"], "credit": "nom"}
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("__all__", "consent_withdrawn")
    assert client.get(consent.private_url() + "retirer/")["Location"] == consent.private_url()


def test_only_authors_and_editors_may_ask(client, client_for, story, charlie, bob):
    assert client.post(ask_url(story)).status_code == 403
    assert client_for(charlie).post(ask_url(story)).status_code == 403
    assert client.post(ask_url(story, "relecture/")).status_code == 403
    assert mail.outbox == []
    assert client_for(bob).post(ask_url(story))["Location"] == story.review_url()
    assert len(mail.outbox) == 1
    missing = f"/recits/{story.collection.slug}/nulle-part/consentement/"
    assert client.post(missing).status_code == 404


def test_the_button_goes_back_to_a_local_page_only(client_for, story, alice):
    author = client_for(alice)
    assert author.get(ask_url(story)).status_code == 405
    for elsewhere in (
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:x",
    ):
        Consent.objects.all().delete()
        response = author.post(ask_url(story), {"next": elsewhere})
        assert response["Location"] == story.edit_url(), elsewhere


def test_a_refusal_comes_back_as_a_message_with_its_code(client_for, story, alice):
    story.interviewee_email = ""
    story.save()
    response = client_for(alice).post(ask_url(story), follow=True)
    [message] = response.context["messages"]
    assert message.extra_tags == "no_interviewee_address"


def test_the_relecture_through_the_page(client, client_for, story, alice):
    consent = consented(story)
    story.state = Story.State.ACCEPTED
    story.save()
    client_for(alice).post(ask_url(story, "relecture/"))
    client.logout()
    page = client.get(consent.private_url()).content.decode()
    assert 'id="relecture"' in page
    assert "J’approuve le texte" in page
    mail.outbox.clear()
    assert client.post(consent.private_url() + "relecture/", {"approve": "1"}).status_code == 302
    consent.refresh_from_db()
    assert consent.reading_approved_at is not None
    assert mail.outbox[0].to == ["alice@example.org"]
    too_long = client.post(consent.private_url() + "relecture/", {"corrections": "x" * 10_000})
    assert too_long.status_code == 400
    assert too_long.context["reading_form"].has_error("corrections", "max_length")
    empty = client.post(consent.private_url() + "relecture/", {"corrections": ""})
    assert empty.status_code == 400
    assert empty.context["reading_form"].has_error("corrections", "corrections_required")


def test_an_older_link_shows_the_newer_request_and_still_allows_withdrawing(client, story, alice):
    first = consented(story)
    Consent.objects.filter(pk=first.pk).update(requested_at=first.requested_at.replace(year=2020))
    services.request_consent(story, by=alice)
    page = client.get(first.private_url()).content.decode()
    assert "Une demande plus récente vous a été envoyée" in page
    assert "Enregistrer ma réponse" not in page
    assert first.private_url() + "retirer/" in page
    response = client.post(
        first.private_url(), {"decision": "accord", "media": ["text"], "credit": "nom"}
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("__all__", "consent_superseded")
