"""The organisers' pages: creating a catalogue, its page, a project's form with its links,
the pairs' page and its actions; who may see them."""

import pytest
from django.core import mail

from entraide.projects.errors import ProjectErrorCode as Code
from entraide.projects.models import Catalogue, Member, Output, OutputKind, Pair, Project
from entraide.projects.tests.conftest import form_pair, looking
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def links(rows, *, total=None):
    data = {
        "links-TOTAL_FORMS": str(total if total is not None else len(rows)),
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"links-{index}-{name}"] = value
    return data


def project_data(**changes):
    return {
        "title": "Récits de la transition",
        "summary": "Un portrait en binôme.",
        "description": "Une **description**.",
        "audiences": "Étudiants, en lettres\nBénévoles",
        "tags": "Impacts du numérique, Santé mentale",
        "duration": "Un entretien et un portrait",
        "output_kind": "recit",
        "in_pairs": "on",
        "max_pairs": "4",
        "collection_slug": "",
        "workshop_minutes": "90",
        "workshop_capacity": "15",
        "workshop_sessions": "1",
        **links([{"kind": "exemple", "title": "Portrait", "url": "https://example.org/p"}]),
        **changes,
    }


def test_an_organiser_creates_a_catalogue_for_her_place(client_for, bob, place):
    client = client_for(bob)
    page = client.get(f"/projets/nouveau/?lieu={place.slug}")
    assert page.status_code == 200
    response = client.post(
        f"/projets/nouveau/?lieu={place.slug}",
        {"title": "Mon cours", "summary": "", "description": ""},
    )
    catalogue = Catalogue.objects.get()
    assert (response.status_code, response["Location"]) == (302, "/projets/gerer/mon-cours/")
    assert (catalogue.place, catalogue.is_public) == (place, False)


def test_creating_a_catalogue_for_a_place_one_does_not_run_is_forbidden(client_for, alice, place):
    client = client_for(alice)
    assert client.get(f"/projets/nouveau/?lieu={place.slug}").status_code == 403
    assert client.post(f"/projets/nouveau/?lieu={place.slug}", {"title": "x"}).status_code == 403
    assert client.get("/projets/nouveau/?lieu=inconnu").status_code == 404
    assert client.get("/projets/nouveau/").status_code == 403
    assert Catalogue.objects.count() == 0


def test_the_staff_create_the_site_wide_catalogue_once(client_for):
    staff = UserFactory(is_staff=True)
    client = client_for(staff)
    assert client.post("/projets/nouveau/", {"title": "Le réseau"}).status_code == 302
    again = client.post("/projets/nouveau/", {"title": "Encore"})
    assert again.status_code == 400
    assert again.context["form"].has_error("__all__", Code.SITE_CATALOGUE_EXISTS)
    assert Catalogue.objects.count() == 1


def test_the_catalogue_page_lists_projects_with_pairs_and_people_looking(
    client_for, bob, catalogue, stories_project, workshops_project, alice
):
    form_pair(stories_project, UserFactory(), UserFactory())
    form_pair(stories_project, UserFactory())  # not formed
    looking(stories_project, alice)
    page = client_for(bob).get(catalogue.manage_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert "Binômes formés\u00a0: 1 / 3" in text
    assert "1 personne cherche un binôme" in text
    assert "Binômes formés\u00a0: 0 (sans limite)" in text


def test_the_catalogue_settings_are_saved_or_refused_beside_the_field(client_for, bob, catalogue):
    client = client_for(bob)
    response = client.post(catalogue.manage_url(), {"title": "Nouveau nom", "summary": "S"})
    assert (response.status_code, Catalogue.objects.get().title) == (302, "Nouveau nom")
    refused = client.post(catalogue.manage_url(), {"title": "x" * 10_000})
    assert refused.status_code == 400
    assert refused.context["form"].has_error("title")
    assert Catalogue.objects.get().title == "Nouveau nom"


def test_publishing_the_catalogue_and_a_project(client_for, bob, catalogue, stories_project):
    client = client_for(bob)
    client.post(f"/projets/gerer/{catalogue.slug}/publication/", {})
    assert Catalogue.objects.get().published_at is None
    client.post(f"/projets/gerer/{catalogue.slug}/publication/", {"publish": "1"})
    assert Catalogue.objects.get().published_at is not None
    client.post(stories_project.manage_url() + "publication/", {})
    assert Project.objects.get(pk=stories_project.pk).published_at is None
    response = client.post(stories_project.manage_url() + "publication/", {"publish": "1"})
    assert (response.status_code, response["Location"]) == (302, catalogue.manage_url())
    assert Project.objects.get(pk=stories_project.pk).is_public


def test_a_project_is_created_from_its_form_with_its_links(client_for, bob, catalogue):
    client = client_for(bob)
    page = client.get(f"/projets/gerer/{catalogue.slug}/nouveau/")
    assert page.status_code == 200
    assert page.context["formset"].total_form_count() == 3
    response = client.post(f"/projets/gerer/{catalogue.slug}/nouveau/", project_data())
    assert (response.status_code, response["Location"]) == (302, catalogue.manage_url())
    project = Project.objects.get()
    assert (project.title, project.output_kind, project.max_pairs, project.is_public) == (
        "Récits de la transition",
        OutputKind.STORY,
        4,
        False,
    )
    assert sorted(project.audiences.values_list("name", flat=True)) == [
        "Bénévoles",
        "Étudiants, en lettres",
    ]
    assert list(project.links.values_list("title", flat=True)) == ["Portrait"]


def test_editing_a_project_shows_its_links_and_a_few_empty_rows(client_for, bob, stories_project):
    page = client_for(bob).get(stories_project.manage_url())
    assert page.status_code == 200
    assert page.context["formset"].total_form_count() == 4
    text = page.content.decode()
    assert "https://podcast.ausha.co/nouvelle-conscience" in text
    assert "Pouvoir des récits\nRécits de la transition" in text


def test_editing_a_project_replaces_its_links(client_for, bob, stories_project):
    data = project_data(
        title="Titre changé",
        **links(
            [
                {"kind": "utile", "title": "Guide", "url": "https://example.org/g"},
                {"kind": "exemple", "title": "", "url": ""},
            ]
        ),
    )
    response = client_for(bob).post(stories_project.manage_url(), data)
    assert response.status_code == 302
    stories_project.refresh_from_db()
    assert stories_project.title == "Titre changé"
    assert list(stories_project.links.values_list("kind", "title")) == [("utile", "Guide")]


def test_a_javascript_link_is_refused_beside_its_field_and_nothing_is_saved(
    client_for, bob, catalogue
):
    data = project_data(
        **links(
            [
                {"kind": "exemple", "title": "Bon", "url": "https://example.org"},
                {"kind": "exemple", "title": "Piège", "url": "javascript:alert(1)"},
            ]
        )
    )
    response = client_for(bob).post(f"/projets/gerer/{catalogue.slug}/nouveau/", data)
    assert response.status_code == 400
    assert response.context["formset"].forms[1].has_error("url", Code.BAD_LINK)
    assert Project.objects.count() == 0


def test_the_pairs_page_shows_members_outputs_and_people_looking(
    client_for, bob, stories_project, alice
):
    dana = UserFactory(display_name="Dana", email="dana@example.org")
    pair = form_pair(stories_project, alice, dana)
    Output.objects.create(project=stories_project, pair=pair, kind=OutputKind.OTHER, object_id=7)
    waiting = form_pair(stories_project, UserFactory(display_name="Eve"))
    Member.objects.create(
        pair=waiting, project=stories_project, email="fred@example.org", name="Fred"
    )
    looking(stories_project, UserFactory(display_name="Gaspard"), note="Disponible le mardi")
    page = client_for(bob).get(stories_project.manage_url() + "binomes/")
    text = page.content.decode()
    assert page.status_code == 200
    for shown in (
        "Alice",
        "alice@example.org",
        "dana@example.org",
        "Formé",
        "En attente",
        "Fred",
        "fred@example.org",
        "Gaspard",
        "Disponible le mardi",
        "Binômes formés\u00a0: 1 / 3",
    ):
        assert shown in text, shown


def test_the_team_removes_a_member_after_a_confirmation(client_for, bob, stories_project, alice):
    pair = form_pair(stories_project, alice, UserFactory())
    member = pair.members.get(user=alice)
    client = client_for(bob)
    url = f"{stories_project.manage_url()}binomes/{member.pk}/retirer/"
    assert client.get(url).status_code == 200
    assert Member.objects.filter(pk=member.pk).exists()
    response = client.post(url)
    assert (response.status_code, response["Location"]) == (
        302,
        stories_project.manage_url() + "binomes/",
    )
    assert not Member.objects.filter(pk=member.pk).exists()
    assert len(mail.outbox) == 2


def test_the_team_pairs_two_people_from_the_pairs_page(client_for, bob, stories_project, alice):
    dana = UserFactory()
    looking(stories_project, alice)
    looking(stories_project, dana)
    client = client_for(bob)
    page = client.get(stories_project.manage_url() + "binomes/")
    assert page.context["can_pair"] is True
    response = client.post(
        stories_project.manage_url() + "binomes/former/", {"first": alice.pk, "second": dana.pk}
    )
    assert response.status_code == 302
    assert Pair.objects.get().is_formed


def test_pairing_refused_is_shown_beside_the_field(client_for, bob, stories_project, alice):
    looking(stories_project, alice)
    response = client_for(bob).post(
        stories_project.manage_url() + "binomes/former/", {"first": alice.pk, "second": alice.pk}
    )
    assert response.status_code == 400
    assert response.context["pair_form"].has_error("second", Code.SELF_PAIRING)
    assert Pair.objects.count() == 0


def test_closing_and_reopening_enrolment_from_the_pairs_page(client_for, bob, stories_project):
    client = client_for(bob)
    url = stories_project.manage_url() + "inscriptions/"
    response = client.post(url, {"close": "1", "back": "pairs"})
    assert response["Location"] == stories_project.manage_url() + "binomes/"
    assert not Project.objects.get(pk=stories_project.pk).enrolment_open
    client.post(url, {})
    assert Project.objects.get(pk=stories_project.pk).enrolment_open


def test_the_actions_answer_only_to_post(client_for, bob, stories_project, catalogue):
    client = client_for(bob)
    for url in (
        stories_project.manage_url() + "inscriptions/",
        stories_project.manage_url() + "publication/",
        stories_project.manage_url() + "binomes/former/",
        f"/projets/gerer/{catalogue.slug}/publication/",
    ):
        assert client.get(url).status_code == 405, url
    assert Project.objects.get(pk=stories_project.pk).enrolment_open


def test_a_visitor_is_sent_to_sign_in(client, catalogue, stories_project):
    for url in (catalogue.manage_url(), stories_project.manage_url(), "/projets/nouveau/"):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (
            302,
            f"/compte/connexion/?next={url}",
        )
