"""Amendments on the pages, without JavaScript: each section offers "Proposer un amendement"
while they are open (to a visitor too), the form starts from the current text, the
amendment shows its changes, original and proposed text by links; bad input is said beside
its field with a 400, and saves nothing."""

import pytest

from entraide.manifestos import services
from entraide.manifestos.models import Amendment, AmendmentKind, AmendmentStatus, Phase
from entraide.manifestos.tests.conftest import drafting
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(manifesto, bob):
    drafting(manifesto, bob)
    section = services.add_section(
        manifesto, title="Politique", body="Le numérique est politique.", by=bob
    )
    services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=bob)
    return section


@pytest.fixture
def author():
    return UserFactory(display_name="Awa")


def propose_url(section):
    return f"/manifestes/{section.manifesto.slug}/sections/{section.pk}/amender/"


def errors(response, field):
    return [e.code for e in response.context["form"].errors.as_data().get(field, [])]


def form(body="Le numérique est collectif.", **extra):
    return {
        "kind": AmendmentKind.REPLACE,
        "title": "Politique",
        "body": body,
        "rationale": "Plus juste.",
        **extra,
    }


def test_a_visitor_is_offered_to_amend_without_an_account(client, manifesto, section):
    page = client.get(manifesto.get_absolute_url()).text
    assert f'href="{propose_url(section)}"' in page
    form_page = client.get(propose_url(section))
    assert {"name", "email"} <= set(form_page.context["form"].fields)
    assert "Aucun compte nécessaire" in form_page.text


def test_the_form_starts_from_the_current_text(client, section, author):
    client.force_login(author)
    page = client.get(section.manifesto.get_absolute_url()).text
    assert f'href="{propose_url(section)}"' in page
    form_page = client.get(propose_url(section)).text
    assert "Le numérique est politique.</textarea>" in form_page


def test_a_proposal_shows_its_changes_original_and_proposed_text(client, section, author):
    client.force_login(author)
    response = client.post(propose_url(section), form())
    amendment = Amendment.objects.get()
    assert response.url == amendment.get_absolute_url()
    client.logout()
    changes = client.get(amendment.get_absolute_url()).text
    assert '<del><span class="visually-hidden">supprimé\u00a0: </span>' in changes
    assert ">politique<" in changes
    assert ">collectif<" in changes
    assert "Plus juste." in changes
    original = client.get(amendment.get_absolute_url() + "?vue=original").text
    assert "<p>Le numérique est politique.</p>" in original
    proposed = client.get(amendment.get_absolute_url() + "?vue=propose").text
    assert "<p>Le numérique est collectif.</p>" in proposed
    listed = client.get(section.manifesto.get_absolute_url()).text
    assert "1 amendement à cette section" in listed
    discussion = f"/manifestes/{section.manifesto.slug}/sections/{section.pk}/discussion/"
    assert f'href="{discussion}#amendements"' in listed
    assert amendment.get_absolute_url() in client.get(discussion).text


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("Le numérique est politique.", "same_text"),
        ("x" * 200_000, "max_length"),
        ("<script>alert(1)</script>", "html_not_allowed"),
    ],
)
def test_bad_text_is_said_beside_the_body(client, section, author, body, code):
    client.force_login(author)
    response = client.post(propose_url(section), form(body))
    assert response.status_code == 400
    assert code in errors(response, "body")
    assert not Amendment.objects.exists()


def test_no_rationale_no_amendment(client, section, author):
    client.force_login(author)
    response = client.post(propose_url(section), form(rationale=""))
    assert response.status_code == 400
    assert errors(response, "rationale")
    assert not Amendment.objects.exists()


def test_someone_else_cannot_withdraw_it(client, manifesto, section, author):
    amendment = services.propose_amendment(
        manifesto, kind=AmendmentKind.DELETE, section=section, rationale="Inutile.", by=author
    )
    withdraw = f"/manifestes/{manifesto.slug}/amendements/{amendment.pk}/retirer/"
    client.force_login(UserFactory())
    assert client.post(withdraw).status_code == 403
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.OPEN
    client.force_login(author)
    assert client.post(withdraw).status_code == 302
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.WITHDRAWN


def test_organisers_see_amendments_with_their_status(client, manifesto, section, author, bob):
    amendment = services.propose_amendment(
        manifesto, kind=AmendmentKind.DELETE, section=section, rationale="Inutile.", by=author
    )
    client.force_login(bob)
    page = client.get(f"/manifestes/gerer/{manifesto.slug}/").text
    assert amendment.get_absolute_url() in page
    assert "Supprimer une section — Awa" in page
    assert "Ouvert" in page


def test_each_choice_names_the_section_it_acts_on(client, section, author):
    client.force_login(author)
    page = client.get(propose_url(section)).text
    assert "Remplacer le texte de «\u00a0Politique\u00a0»" in page
    assert "Supprimer «\u00a0Politique\u00a0»" in page
    assert "Ajouter une nouvelle section après «\u00a0Politique\u00a0»" in page
