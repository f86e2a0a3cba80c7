"""Publishing a version freezes the whole text (V0 right after drafting, then V1… once
amendments are closed), marks the accepted amendments as in it, and is the only way to
"Version published"; each version is read at its own address for good, and listed on the
manifesto's page."""

import pytest

from entraide.core.errors import DomainError
from entraide.manifestos import services
from entraide.manifestos.errors import ManifestoErrorCode as Code
from entraide.manifestos.models import Manifesto, Phase, Version
from entraide.manifestos.services import decisions
from entraide.manifestos.services.versions import publish_version
from entraide.manifestos.tests.scenes import amend, two_versions, written
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def phase_of(manifesto):
    return Manifesto.objects.get(pk=manifesto.pk).phase


def test_v0_freezes_the_text_right_after_drafting(manifesto, bob):
    sections = written(manifesto, bob, 3)
    v0 = publish_version(manifesto, note="Premier texte.", by=bob)
    assert (v0.number, v0.note, v0.published_by, phase_of(manifesto)) == (
        0,
        "Premier texte.",
        bob,
        Phase.PUBLISHED,
    )
    frozen = list(v0.sections.values_list("key", "position", "title", "body"))
    assert frozen == [(s.pk, n, s.title, s.body) for n, s in enumerate(sections, 1)]
    assert v0.sections.first().body_html == sections[0].body_html


def test_the_next_version_has_the_accepted_amendments_and_the_next_number():
    manifesto, _organiser, v0, v1, _amendments = two_versions(3, changed=2)
    assert (v0.number, v1.number) == (0, 1)
    assert {a.version_id for a in manifesto.amendments.all()} == {v1.pk}
    assert list(v1.sections.values_list("body", flat=True)) == [
        "Texte 0 amendé par Awa.",
        "Texte 1 amendé par Awa.",
        "Texte 2.",
    ]
    assert list(v0.sections.values_list("body", flat=True)) == ["Texte 0.", "Texte 1.", "Texte 2."]


def test_a_version_keeps_its_amendments_when_later_ones_are_published():
    manifesto, organiser, _v0, v1, amendments = two_versions(2, changed=1)
    services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=organiser)
    later = amend(manifesto, manifesto.sections.last(), UserFactory())
    decisions.accept(later, reason="Oui.", by=organiser)
    services.switch_phase(manifesto, Phase.AMENDMENTS_CLOSED, by=organiser)
    v2 = publish_version(manifesto, by=organiser)
    amendments[0].refresh_from_db()
    later.refresh_from_db()
    assert (amendments[0].version, later.version, v2.number) == (v1, v2, 2)


@pytest.mark.parametrize("phase", [Phase.IDEAS, Phase.AMENDMENTS_OPEN, Phase.PUBLISHED])
def test_a_version_is_not_published_from_other_phases(manifesto, bob, phase):
    written(manifesto, bob, 1)
    if phase == Phase.IDEAS:
        services.switch_phase(manifesto, Phase.IDEAS, by=bob)
    elif phase == Phase.AMENDMENTS_OPEN:
        services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=bob)
    else:
        publish_version(manifesto, by=bob)
    with pytest.raises(DomainError) as refused:
        publish_version(manifesto, by=bob)
    assert refused.value.code == Code.PUBLISH_NOT_ALLOWED
    assert Version.objects.count() == (1 if phase == Phase.PUBLISHED else 0)


def test_an_empty_text_and_a_long_note_are_refused(manifesto, bob):
    services.switch_phase(manifesto, Phase.DRAFTING, by=bob)
    with pytest.raises(DomainError) as empty:
        publish_version(manifesto, by=bob)
    written(manifesto, bob, 1)
    with pytest.raises(DomainError) as long_note:
        publish_version(manifesto, note="x" * 2001, by=bob)
    assert (empty.value.code, long_note.value.code, long_note.value.field) == (
        Code.NOTHING_TO_PUBLISH,
        Code.TEXT_TOO_LONG,
        "note",
    )
    assert (Version.objects.count(), phase_of(manifesto)) == (0, Phase.DRAFTING)


def test_the_organiser_page_offers_to_publish_and_publishing_leads_to_the_version(
    client_for, manifesto, bob
):
    written(manifesto, bob, 2)
    client = client_for(bob)
    page = client.get(f"/manifestes/gerer/{manifesto.slug}/").text
    assert "Publier la version V0" in page
    assert "Passer à «\u00a0Version publiée\u00a0»" not in page
    response = client.post(
        f"/manifestes/gerer/{manifesto.slug}/publier/", {"note": "Le premier texte."}
    )
    assert response.status_code == 302
    assert response.url == f"/manifestes/{manifesto.slug}/versions/0/"
    version_page = client.get(response.url).text
    assert "Le premier texte." in version_page
    assert "Section 1" in version_page


def test_switching_to_published_without_publishing_is_refused_with_a_message(
    client_for, manifesto, bob
):
    written(manifesto, bob, 1)
    response = client_for(bob).post(
        f"/manifestes/gerer/{manifesto.slug}/phase/", {"phase": Phase.PUBLISHED}, follow=True
    )
    assert [m.extra_tags for m in response.context["messages"]] == ["publish_to_publish"]
    assert (phase_of(manifesto), Version.objects.count()) == (Phase.DRAFTING, 0)


def test_publishing_is_for_organisers_only(client_for, manifesto, bob, alice):
    written(manifesto, bob, 1)
    response = client_for(alice).post(f"/manifestes/gerer/{manifesto.slug}/publier/")
    assert (response.status_code, Version.objects.count()) == (403, 0)


def test_a_long_note_is_said_beside_its_field(client_for, manifesto, bob):
    written(manifesto, bob, 1)
    response = client_for(bob).post(
        f"/manifestes/gerer/{manifesto.slug}/publier/", {"note": "x" * 2001}
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("note")
    assert Version.objects.count() == 0


def test_a_version_stays_as_published_when_the_text_changes(client):
    manifesto, _organiser, _v0, _v1, _amendments = two_versions(2)
    page = client.get(f"/manifestes/{manifesto.slug}/versions/0/").text
    assert "Texte 0." in page
    assert "amendé par Awa" not in page
    assert "Ce qui a changé depuis V0" not in page
    latest = client.get(f"/manifestes/{manifesto.slug}/versions/1/").text
    assert "Texte 0 amendé par Awa." in latest
    assert "Les amendements d’Awa." in latest
    assert f"/manifestes/{manifesto.slug}/comparer/?de=0&amp;a=1" in latest
    detail = client.get(manifesto.get_absolute_url()).text
    assert f'href="/manifestes/{manifesto.slug}/versions/1/"' in detail
    assert "Versions publiées" in detail


def test_an_unknown_version_is_a_404_with_the_versions_to_read(client):
    manifesto, *_ = two_versions(1)
    response = client.get(f"/manifestes/{manifesto.slug}/versions/7/")
    assert response.status_code == 404
    assert "Il n’y a pas de version V7" in response.text
    assert f"/manifestes/{manifesto.slug}/versions/1/" in response.text
