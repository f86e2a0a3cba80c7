"""The consent pages attacked: tokens changed in case or cut, another story's link, an old
link replayed after a new request, answering after withdrawing, forged media and credit
values, POSTs without their CSRF token, GETs on buttons, and `next` addresses that try to
lead elsewhere or to break the redirect's headers."""

import pytest
from django.core import mail
from django.test import Client

from entraide.stories.models import Consent, Story
from entraide.stories.services import consent as services
from entraide.stories.tests.conftest import build_story, consented

pytestmark = pytest.mark.django_db
ANSWER = {"decision": "accord", "media": ["text"], "credit": "nom"}
SUFFIXES = ("", "relecture/", "retirer/")


@pytest.fixture
def story(story_by, alice):
    return story_by(alice, slug="reparer-ensemble")


@pytest.fixture
def consent(story, alice):
    return services.request_consent(story, by=alice)


def ask_url(story, what=""):
    return f"/recits/{story.collection.slug}/{story.slug}/consentement/{what}"


def untouched(consent):
    consent.refresh_from_db()
    return not consent.is_answered and not consent.is_withdrawn


def test_a_token_in_other_case_or_cut_or_padded_is_404_everywhere(client, consent):
    token = consent.private_token()
    for forged in (token.upper(), token[:32], token[1:], f"{token}%20", f"%20{token}", "0" * 64):
        for suffix in SUFFIXES:
            url = f"/recits/consentement/{forged}/{suffix}"
            assert client.get(url).status_code == 404, (forged, suffix)
            assert client.post(url, ANSWER).status_code == 404, (forged, suffix)
    assert untouched(consent)


def test_one_story_s_link_never_touches_another_story(client, collection, story, alice, consent):
    other = build_story(collection, alice, title="Autre récit", slug="autre-recit")
    other.interviewee_email = "autre@example.org"
    other.save()
    theirs = services.request_consent(other, by=alice)
    assert client.post(consent.private_url(), ANSWER).status_code == 302
    assert client.post(consent.private_url() + "retirer/").status_code == 302
    assert untouched(theirs)
    assert Story.objects.get(pk=other.pk).consented_text is False
    page = client.get(theirs.private_url()).content.decode()
    assert "Autre récit" in page
    assert "Réparer ensemble" not in page


def test_an_old_link_replayed_after_a_new_request_cannot_answer_or_read(client, story, alice):
    first = consented(story)
    Consent.objects.filter(pk=first.pk).update(requested_at=first.requested_at.replace(year=2020))
    second = services.request_consent(story, by=alice)
    refusal = {"decision": "refus", "credit": "nom"}
    response = client.post(first.private_url(), refusal)
    assert response.status_code == 400
    assert response.context["form"].has_error("__all__", "consent_superseded")
    first.refresh_from_db()
    assert first.text  # the old answer stays as it was
    assert client.post(first.private_url() + "relecture/", {"approve": "1"}).status_code == 400
    assert untouched(second)
    assert Story.objects.get(pk=story.pk).consented_text  # the answer in force is unchanged


def test_withdrawing_through_an_old_link_then_answering_the_new_one_is_refused(
    client, story, alice
):
    first = consented(story)
    Consent.objects.filter(pk=first.pk).update(requested_at=first.requested_at.replace(year=2020))
    second = services.request_consent(story, by=alice)
    assert client.post(first.private_url() + "retirer/").status_code == 302
    response = client.post(second.private_url(), ANSWER)
    assert response.status_code == 400
    assert response.context["form"].has_error("__all__", "consent_withdrawn")
    second.refresh_from_db()
    assert not second.is_answered
    story.refresh_from_db()
    assert (story.consented_text, story.consented_voice, story.consented_photo) == (False,) * 3
    mail.outbox.clear()
    assert client.post(second.private_url() + "retirer/").status_code == 302
    assert mail.outbox == []  # withdrawing twice tells nobody twice


@pytest.mark.parametrize(
    "data",
    [
        {"decision": "accord", "media": ["admin"], "credit": "nom"},
        {"decision": "accord", "media": ["text", "is_staff"], "credit": "nom"},
        {"decision": "accord", "media": ["text"], "credit": "admin"},
        {"decision": "accord", "media": ["text"], "credit": ""},
        {"decision": "tout", "media": ["text"], "credit": "nom"},
        {"decision": ["accord", "refus"], "media": ["text"], "credit": ["nom", "x"]},
        {"media": ["text"], "credit": "nom"},
    ],
)
def test_forged_answers_are_refused_whole(client, consent, data):
    response = client.post(consent.private_url(), data)
    assert response.status_code == 400
    assert response.context["form"].errors
    assert untouched(consent)


def test_duplicated_media_count_once_and_refusal_wins_over_ticks(client, story, consent):
    data = {"decision": "accord", "media": ["text", "text", "voice", "voice"], "credit": "nom"}
    assert client.post(consent.private_url(), data).status_code == 302
    consent.refresh_from_db()
    assert (consent.text, consent.voice, consent.photo) == (True, True, False)
    refusal = {"decision": "refus", "media": ["text", "voice", "photo"], "credit": "nom"}
    assert client.post(consent.private_url(), refusal).status_code == 302
    consent.refresh_from_db()
    assert (consent.text, consent.voice, consent.photo) == (False, False, False)


def test_a_pseudonym_is_kept_only_with_the_pseudonym_credit(client, story, consent):
    data = {**ANSWER, "credit": "nom", "pseudonym": "<script>x</script>"}
    assert client.post(consent.private_url(), data).status_code == 302
    story.refresh_from_db()
    assert story.pseudonym == ""
    assert story.credit == Story.Credit.FULL_NAME


def test_posts_without_the_csrf_token_are_refused(story, alice, consent):
    strict = Client(enforce_csrf_checks=True)
    for suffix in SUFFIXES:
        response = strict.post(consent.private_url() + suffix, {**ANSWER, "approve": "1"})
        assert response.status_code == 403, suffix
    assert untouched(consent)
    strict.force_login(alice)
    Consent.objects.all().delete()
    mail.outbox.clear()
    for what in ("", "relecture/"):
        assert strict.post(ask_url(story, what)).status_code == 403, what
    assert not Consent.objects.exists()
    assert mail.outbox == []


def test_the_private_pages_work_with_their_csrf_token(story, consent):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(consent.private_url())
    token = page.cookies["csrftoken"].value
    response = browser.post(consent.private_url(), {**ANSWER, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.text


def test_the_buttons_answer_405_to_get(client_for, story, alice):
    author = client_for(alice)
    for what in ("", "relecture/"):
        assert author.get(ask_url(story, what)).status_code == 405, what
        assert author.head(ask_url(story, what)).status_code == 405, what
    assert not Consent.objects.exists()


@pytest.mark.parametrize(
    "elsewhere",
    [
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "/\t/evil.example",
        "/\n/evil.example",
        "///evil.example",
        " //evil.example",
        "\\\\evil.example",
        "https:evil.example",
    ],
)
def test_next_never_leads_elsewhere_nor_breaks_the_redirect(client_for, story, alice, elsewhere):
    response = client_for(alice).post(ask_url(story), {"next": elsewhere})
    assert response.status_code == 302
    assert response["Location"] == story.edit_url()


@pytest.mark.parametrize("target", ["/\r\nSet-Cookie: pris=1", "/ok\r\nLocation: //evil.example"])
def test_line_breaks_in_next_stay_inside_the_location(client_for, story, alice, target):
    response = client_for(alice).post(ask_url(story), {"next": target})
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/")
    assert not location.startswith("//")
    assert "\r" not in location
    assert "\n" not in location
    assert "pris" not in response.cookies


def test_a_nul_byte_in_next_is_a_400_and_nothing_is_sent(client_for, story, alice):
    response = client_for(alice).post(ask_url(story), {"next": "/\x00"})
    assert response.status_code == 400
    assert not Consent.objects.exists()
    assert mail.outbox == []


def test_next_to_a_local_page_is_followed(client_for, story, alice):
    response = client_for(alice).post(ask_url(story), {"next": "/recits/?page=2#haut"})
    assert response["Location"] == "/recits/?page=2#haut"


def test_a_link_mailed_to_a_wrong_address_dies_once_the_address_is_corrected(client, story, alice):
    wrong = consented(story)  # answered by whoever read the mail at the wrong address
    Consent.objects.filter(pk=wrong.pk).update(
        email="inconnu@example.org", requested_at=wrong.requested_at.replace(year=2020)
    )
    right = services.request_consent(story, by=alice)
    for suffix in SUFFIXES:
        url = wrong.private_url() + suffix
        assert client.get(url).status_code == 404, suffix
        assert client.post(url, {**ANSWER, "approve": "1"}).status_code == 404, suffix
    assert not Consent.objects.filter(withdrawn_at__isnull=False).exists()
    assert untouched(right)
    assert client.get(right.private_url()).status_code == 200
