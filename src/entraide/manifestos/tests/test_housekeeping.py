"""Amendments and signatures whose address nobody confirmed go after
ENTRAIDE_CONFIRMATION_HOURS; confirmed ones, and recent requests, stay."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from entraide.manifestos import services
from entraide.manifestos.models import Amendment, Phase, Signature, Version
from entraide.manifestos.tests.conftest import drafting

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(manifesto, bob):
    drafting(manifesto, bob)
    section = services.add_section(manifesto, title="Politique", body="Le texte.", by=bob)
    services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=bob)
    return section


def visitor_amendment(section, email):
    return services.propose_amendment(
        section.manifesto, kind="remplacer", section=section, title="Politique",
        body=f"Autre texte de {email}.", rationale="Mieux.", name="Dominique", email=email,
    )  # fmt: skip


def signature(version, email, *, confirmed):
    return Signature.objects.create(
        version=version, name="Dominique", email=email, link_key=email, token_digest=email,
        confirmed_at=timezone.now() if confirmed else None,
    )  # fmt: skip


def test_only_unconfirmed_requests_past_their_time_are_dropped(section, capsys):
    old = visitor_amendment(section, "old@example.org")
    recent = visitor_amendment(section, "recent@example.org")
    confirmed = visitor_amendment(section, "confirmed@example.org")
    services.confirm_amendment(confirmed.private_token())
    version = Version.objects.create(
        manifesto=section.manifesto, number=0, published_at=timezone.now()
    )
    old_signature = signature(version, "s1@example.org", confirmed=False)
    signature(version, "s2@example.org", confirmed=False)
    signature(version, "s3@example.org", confirmed=True)
    two_days_ago = timezone.now() - timedelta(hours=49)
    Amendment.objects.filter(pk__in=[old.pk, confirmed.pk]).update(created_at=two_days_ago)
    Signature.objects.filter(email__in=["s1@example.org", "s3@example.org"]).update(
        created_at=two_days_ago
    )

    call_command("drop_unconfirmed_manifesto_requests")

    assert set(Amendment.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk}
    assert set(Signature.objects.values_list("email", flat=True)) == {
        "s2@example.org",
        "s3@example.org",
    }
    assert not Signature.objects.filter(pk=old_signature.pk).exists()
    assert "1 amendment(s) and 1 signature(s) deleted" in capsys.readouterr().out
