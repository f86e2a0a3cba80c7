""" "My data" shows my ideas and my dots; deleting my account leaves the ideas on the wall,
signed with the name I gave, and the dots counted, with nothing tying them to me."""

import pytest

from entraide.accounts.services import delete_account, what_deletion_does
from entraide.accounts.tests.test_readable_my_data import sections
from entraide.manifestos import services
from entraide.manifestos.models import Contributor, Idea, Support
from entraide.manifestos.services import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def contributed(question, alice):
    idea = services.post_idea(
        question, text="Des outils libres", name="Alice", person=Person(alice)
    )
    services.support(idea, person=Person(alice))
    return idea


def test_my_ideas_and_my_dots_read_in_french(client_for, alice, contributed):
    page = sections(client_for(alice).get("/compte/mes-donnees/").text)
    (idea,) = page["Mes idées pour des manifestes"]
    assert idea[0] == "Manifeste du numérique responsable"
    assert ("Idée", "Des outils libres") in idea[1]
    assert ("Gommettes reçues", "1") in idea[1]
    (dot,) = page["Mes gommettes sur les idées des manifestes"]
    assert ("Idée soutenue", "Des outils libres") in dot[1]


def test_the_export_holds_my_ideas_and_dots(client_for, alice, contributed):
    data = client_for(alice).get("/compte/mes-donnees/export.json").json()["data"]
    assert [(i["idea"], i["name"], i["dots"]) for i in data["manifesto_ideas"]] == [
        ("Des outils libres", "Alice", 1)
    ]
    assert [s["idea"] for s in data["manifesto_supports"]] == ["Des outils libres"]


def test_deleting_says_what_becomes_of_them(alice, contributed):
    assert what_deletion_does(alice) == [
        "Votre idée sur le mur d’un manifeste reste, signée du nom que vous aviez donné, sans "
        "lien avec votre compte.",
        "Votre gommette reste comptée sur son idée, sans lien avec vous.",
    ]


def test_deleting_the_account_keeps_the_idea_and_the_dot_without_the_person(alice, contributed):
    delete_account(alice)
    idea = Idea.objects.get()
    assert (idea.text, idea.author_name) == ("Des outils libres", "Alice")
    assert Support.objects.count() == 1
    assert list(Contributor.objects.values_list("user", "name")) == [(None, "")]


@pytest.fixture
def amended(manifesto, bob, alice):
    from entraide.manifestos.models import AmendmentKind, Phase
    from entraide.manifestos.tests.conftest import drafting

    drafting(manifesto, bob)
    section = services.add_section(manifesto, title="Politique", body="Texte.", by=bob)
    services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=bob)
    alice.display_name = "Alice"
    alice.save()
    return services.propose_amendment(
        manifesto,
        kind=AmendmentKind.REPLACE,
        section=section,
        title="Politique",
        body="Texte amendé.",
        rationale="Plus clair.",
        by=alice,
    )


def test_my_amendments_are_in_my_data(client_for, alice, amended):
    page = sections(client_for(alice).get("/compte/mes-donnees/").text)
    (amendment,) = page["Mes amendements aux manifestes"]
    assert ("Texte proposé", "Texte amendé.") in amendment[1]
    assert ("Justification", "Plus clair.") in amendment[1]


def test_deleting_the_account_keeps_the_amendment_signed_with_the_name(alice, amended):
    from entraide.manifestos.models import Amendment

    assert what_deletion_does(alice)[-1] == (
        "Votre amendement à un manifeste reste, signé du nom affiché, sans lien avec votre compte."
    )
    delete_account(alice)
    amendment = Amendment.objects.get()
    assert (amendment.author, amendment.author_name, amendment.body) == (
        None,
        "Alice",
        "Texte amendé.",
    )
