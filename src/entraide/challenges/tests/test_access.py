"""Who reaches what: organisers of the place manage its challenges; the public sees published
ones only; a private link opens its participant's page, a forged one is a 404; script typed
anywhere stays text, and the Markdown description is sanitised."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from entraide.challenges import access, services
from entraide.challenges.tests.conftest import build_challenge, joined

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return request


def test_only_the_places_organisers_manage_its_challenge(challenge, bob, alice):
    assert access.challenge_for_organiser(_request(bob), challenge.slug) == challenge
    for someone in (alice, None):
        with pytest.raises(PermissionDenied):
            access.challenge_for_organiser(_request(someone), challenge.slug)
    with pytest.raises(Http404):
        access.challenge_for_organiser(_request(bob), "nothing-here")


def test_a_draft_does_not_exist_for_the_public(place, bob):
    draft = build_challenge(place, bob)

    with pytest.raises(Http404):
        access.published_challenge(draft.slug)


def test_a_private_link_opens_its_participants_page_and_a_forged_one_is_a_404(challenge, lea):
    token = lea.private_token()

    assert access.participant_for_link(challenge.slug, token) == lea
    with pytest.raises(Http404):
        access.participant_for_link(challenge.slug, token.upper())


def test_script_stays_text_and_the_description_is_sanitised(place, bob):
    script = "<script>alert('x')</script>"
    challenge = services.publish(
        build_challenge(place, bob, title=f"Défi {script}", description=f"**Oui** {script}")
    )
    participant = joined(challenge, 0, own_pledge=script)

    assert "<script" not in challenge.description_html
    assert "<strong>Oui</strong>" in challenge.description_html
    assert script in challenge.title
    assert script in [p.text for p in participant.pledges.all()]


def test_the_private_links_token_is_masked_in_logs(challenge, lea):
    from entraide.core.private_links import mask

    assert mask(f"GET {lea.private_url()} 200") == f"GET /defis/{challenge.slug}/moi/…/ 200"
    assert mask(f"GET {lea.stop_reminders_url()}") == f"GET /defis/{challenge.slug}/moi/…/rappels/"
