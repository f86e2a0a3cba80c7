"""Testimonies: anonymous unless signed, bounded, published only after moderation, hidden with
a reason; script is kept as text (the pages escape it)."""

import pytest

from entraide.challenges import services
from entraide.challenges.errors import ChallengeErrorCode
from entraide.challenges.models import TESTIMONY_MAX, Testimony
from entraide.challenges.services.testimonies import published, waiting
from entraide.core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_a_testimony_is_anonymous_by_default_and_waits_for_moderation(challenge, lea):
    testimony = services.leave_testimony(lea, "Je lis à nouveau le soir.")

    assert (testimony.signed, testimony.signature, testimony.status) == (False, "", "en-attente")
    assert list(waiting(challenge)) == [testimony]
    assert list(published(challenge)) == []


def test_a_signed_testimony_carries_the_name_or_the_signature_given(challenge, lea):
    named = services.leave_testimony(lea, "Merci !", signed=True)
    signed = services.leave_testimony(lea, "Merci !", signed=True, signature="Léa, BTS SIO")

    assert (named.signature, signed.signature) == ("Personne 0", "Léa, BTS SIO")


def test_a_100_000_character_testimony_is_refused_and_nothing_is_saved(challenge, lea):
    with pytest.raises(DomainError) as refused:
        services.leave_testimony(lea, "é" * 100_000)

    assert (refused.value.code, refused.value.field) == (ChallengeErrorCode.TOO_LONG, "text")
    assert str(TESTIMONY_MAX) in refused.value.message.replace("\u202f", "").replace(" ", "")
    assert not Testimony.objects.exists()


def test_an_empty_testimony_is_refused(challenge, lea):
    with pytest.raises(DomainError) as refused:
        services.leave_testimony(lea, "   ")
    assert refused.value.code == ChallengeErrorCode.EMPTY


def test_script_is_kept_as_the_text_written(challenge, lea):
    text = "<script>alert(1)</script> & co"

    assert services.leave_testimony(lea, text).text == text


def test_organisers_publish_or_hide_with_a_reason(challenge, lea):
    kept = services.leave_testimony(lea, "Je dors mieux.")
    hidden = services.leave_testimony(lea, "Mon numéro : 06…")

    services.publish_testimony(kept)
    with pytest.raises(DomainError) as refused:
        services.hide_testimony(hidden, "  ")
    assert refused.value.code == ChallengeErrorCode.NO_REASON
    services.hide_testimony(hidden, "Contient un numéro de téléphone")

    assert list(published(challenge)) == [kept]
    assert Testimony.objects.get(pk=hidden.pk).hidden_reason == "Contient un numéro de téléphone"
    assert list(waiting(challenge)) == []


def test_three_testimonies_waiting_are_enough_until_they_are_read(challenge, lea):
    first = services.leave_testimony(lea, "Un")
    services.leave_testimony(lea, "Deux")
    services.leave_testimony(lea, "Trois")

    with pytest.raises(DomainError) as refused:
        services.leave_testimony(lea, "Quatre")
    assert refused.value.code == ChallengeErrorCode.TOO_MANY_TESTIMONIES
    services.publish_testimony(first)
    assert services.leave_testimony(lea, "Quatre").text == "Quatre"
