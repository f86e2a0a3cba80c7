"""The accessibility statement, in the form the RGAA asks: state, what is tested, exceptions,
contact and recourse; linked from every page's footer with the conformance state."""

import pytest

pytestmark = pytest.mark.django_db


def test_every_page_links_to_the_statement_with_its_conformance_state(client):
    page = client.get("/lieux/").text
    assert '<a href="/accessibilite/">Accessibilité : non conforme</a>' in page


def test_the_statement_says_its_state_what_is_tested_and_where_to_turn(client, settings):
    settings.ENTRAIDE_ACCESSIBILITY_CONTACT = "accessibilite@verriere.example"
    response = client.get("/accessibilite/")
    assert response.status_code == 200
    page = response.text
    assert "<h1>Déclaration d’accessibilité</h1>" in page
    assert "déclaré <strong>non conforme</strong>" in page
    assert 'Page d’accueil <span class="muted">(/)</span>' in page
    assert "s’inscrire à un atelier sans compte" in page
    assert '<a href="mailto:accessibilite@verriere.example">' in page
    assert "Défenseur des droits" in page
    assert "Déclaration établie le 26 novembre 2026." in page
