"""Deciding on the pages, without JavaScript: from the organisers' amendments table or the
amendment's page, with a reason beside its field; an amendment based on an earlier text says
so, with its diff against the current text, and its author updates it from there."""

import pytest

from entraide.manifestos import services
from entraide.manifestos.models import AmendmentKind, AmendmentStatus, Phase, Section
from entraide.manifestos.services import decisions
from entraide.manifestos.tests.scenes import amend, two_versions, written
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(manifesto, bob):
    sections = written(manifesto, bob, 2)
    services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=bob)
    return sections


@pytest.fixture
def awa():
    return UserFactory(display_name="Awa", email="awa@example.org")


def decide_url(amendment):
    return f"/manifestes/gerer/{amendment.manifesto.slug}/amendements/{amendment.pk}/decider/"


def test_the_organiser_decides_from_the_amendments_table(client_for, manifesto, sections, bob, awa):
    amendment = amend(manifesto, sections[0], awa, body="Nouveau texte.")
    client = client_for(bob)
    table = client.get(f"/manifestes/gerer/{manifesto.slug}/").text
    assert f'href="{decide_url(amendment)}"' in table
    page = client.get(decide_url(amendment)).text
    assert 'name="reason"' in page
    assert "Nouveau" in page
    response = client.post(decide_url(amendment), {"decision": "accepter", "reason": "Oui."})
    assert (response.status_code, response.url) == (302, amendment.get_absolute_url())
    assert Section.objects.get(pk=sections[0].pk).body == "Nouveau texte."
    shown = client.get(amendment.get_absolute_url()).text
    assert "Décision de l’équipe d’animation" in shown
    assert "Oui." in shown


def test_the_amendment_page_offers_the_decision_to_organisers_only(
    client_for, manifesto, sections, bob, awa
):
    amendment = amend(manifesto, sections[0], awa)
    assert (
        f'action="{decide_url(amendment)}"'
        in client_for(bob).get(amendment.get_absolute_url()).text
    )
    assert decide_url(amendment) not in client_for(awa).get(amendment.get_absolute_url()).text


def test_a_decision_without_a_reason_is_said_beside_the_field(
    client_for, manifesto, sections, bob, awa
):
    amendment = amend(manifesto, sections[0], awa)
    response = client_for(bob).post(decide_url(amendment), {"decision": "accepter", "reason": ""})
    assert response.status_code == 400
    assert response.context["form"].has_error("reason")
    assert (
        'aria-describedby="id_reason_error' in response.text or "id_reason_error" in response.text
    )
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.OPEN


def test_deciding_twice_on_the_page_says_it_is_decided(client_for, manifesto, sections, bob, awa):
    amendment = amend(manifesto, sections[0], awa)
    client = client_for(bob)
    client.post(decide_url(amendment), {"decision": "rejeter", "reason": "Non."})
    again = client.post(decide_url(amendment), {"decision": "accepter", "reason": "Si."})
    assert again.status_code == 400
    assert "Cet amendement est déjà décidé (rejeté)." in again.text


def test_a_non_organiser_gets_a_403(client_for, manifesto, sections, awa):
    amendment = amend(manifesto, sections[0], awa)
    response = client_for(awa).post(
        decide_url(amendment), {"decision": "accepter", "reason": "Moi."}
    )
    assert response.status_code == 403
    assert Section.objects.get(pk=sections[0].pk).body == "Texte 0."


def test_an_amendment_of_another_manifesto_is_a_404(client_for, manifesto, sections, bob, awa):
    other, _organiser, *_ = two_versions(1)
    services.switch_phase(other, Phase.AMENDMENTS_OPEN, by=_organiser)
    foreign = amend(other, other.sections.first(), awa)
    url = f"/manifestes/gerer/{manifesto.slug}/amendements/{foreign.pk}/decider/"
    response = client_for(bob).post(url, {"decision": "accepter", "reason": "Oui."})
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == AmendmentStatus.OPEN


def test_a_conflicting_amendment_is_shown_based_on_an_earlier_text_and_updated_by_its_author(
    client_for, manifesto, sections, bob, awa, alice
):
    first = amend(manifesto, sections[0], awa, body="Version d’Awa.")
    second = amend(manifesto, sections[0], alice, body="Version d’Alice.")
    decisions.accept(first, reason="Oui.", by=bob)
    organiser = client_for(bob)
    table = organiser.get(f"/manifestes/gerer/{manifesto.slug}/").text
    assert table.count("Fondé sur un texte antérieur") == 1  # the second, not the accepted one
    refused = organiser.post(decide_url(second), {"decision": "accepter", "reason": "Oui."})
    assert refused.status_code == 409
    assert "Cette section a changé depuis que l’amendement a été proposé" in refused.text
    assert Section.objects.get(pk=sections[0].pk).body == "Version d’Awa."

    page = client_for(alice).get(second.get_absolute_url()).text
    assert "Fondé sur un texte antérieur" in page
    assert "Awa" in page
    assert "Alice" in page
    update_url = f"/manifestes/{manifesto.slug}/amendements/{second.pk}/mettre-a-jour/"
    assert f'href="{update_url}"' in page
    form = client_for(alice).get(update_url).text
    assert "Version d’Alice.</textarea>" in form
    saved = client_for(alice).post(
        update_url, {"title": "Section 0", "body": "Alice, sur le texte d’Awa.", "rationale": "R."}
    )
    assert saved.status_code == 302
    assert (
        "Fondé sur un texte antérieur" not in client_for(alice).get(second.get_absolute_url()).text
    )
    accepted = client_for(bob).post(decide_url(second), {"decision": "accepter", "reason": "Oui."})
    assert accepted.status_code == 302
    assert Section.objects.get(pk=sections[0].pk).body == "Alice, sur le texte d’Awa."


def test_someone_else_cannot_update_an_amendment(client_for, manifesto, sections, awa, alice):
    amendment = amend(manifesto, sections[0], awa)
    url = f"/manifestes/{manifesto.slug}/amendements/{amendment.pk}/mettre-a-jour/"
    response = client_for(alice).post(url, {"title": "T", "body": "B", "rationale": "R"})
    assert response.status_code == 403
    amendment.refresh_from_db()
    assert amendment.body == "Texte 0. Amendé."


def test_an_amendment_to_a_deleted_section_says_it_can_only_be_withdrawn(
    client_for, manifesto, sections, bob, awa, alice
):
    deletion = amend(manifesto, sections[1], awa, kind=AmendmentKind.DELETE)
    change = amend(manifesto, sections[1], alice)
    decisions.accept(deletion, reason="Oui.", by=bob)
    page = client_for(alice).get(change.get_absolute_url()).text
    assert "seulement retiré par son auteur ou autrice" in page
    assert "Retirer mon amendement" in page
    assert "mettre-a-jour" not in page
