"""A regional hub's view of its region (/projets/accueils/<hub>/): which projects the places of
its region host, and where their workshops stand; for the hub's team only."""

import pytest

from entraide.places.models import PlaceKind, Region
from entraide.projects.models import OutputKind
from entraide.projects.services.hosting import host
from entraide.projects.tests.conftest import build_project
from entraide.workshops import services as workshop_services
from entraide.workshops.models import Workshop
from tests.factories import PlaceFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def hub(charlie, place):
    return PlaceFactory(
        name="Hub Occitanie", slug="hub-occitanie", kind=PlaceKind.REGIONAL_HUB,
        region=place.region, organisers=[charlie],
    )  # fmt: skip


def test_the_hub_s_team_sees_which_projects_are_hosted_where_with_their_dates(
    client_for, hub, catalogue, workshops_project, place, bob, charlie
):
    fresque = build_project(catalogue, title="Fresque du numérique", kind=OutputKind.WORKSHOP)
    elsewhere = PlaceFactory(name="Tiers-lieu breton", region=Region.BRETAGNE, organisers=[bob])
    host(workshops_project, place, by=bob)
    hosting = host(fresque, place, by=bob)
    host(fresque, elsewhere, by=bob)
    workshop = Workshop.objects.get(pk=hosting.workshop_id)
    workshop_services.fix_date(workshop, starts_at=in_days(7), ends_at=in_days(7, 20), by=bob)

    response = client_for(charlie).get("/projets/accueils/hub-occitanie/")

    page = response.content.decode()
    assert response.status_code == 200
    assert [(r.place.name, r.project.title) for r in response.context["rows"]] == [
        ("La Verrière", "Co-animation d’ateliers participatifs et préventifs"),
        ("La Verrière", "Fresque du numérique"),
    ]
    assert "Tiers-lieu breton" not in page
    assert page.count("date à fixer") == 3
    assert f'href="/ateliers/{workshop.slug}/"' in page
    assert "Publié" in page


def test_a_region_without_hostings_says_so(client_for, hub, charlie):
    response = client_for(charlie).get("/projets/accueils/hub-occitanie/")

    assert response.status_code == 200
    assert "Aucun lieu de la région n’accueille encore de projet." in response.content.decode()


def test_someone_outside_the_hub_s_team_is_forbidden(client_for, hub, bob):
    assert client_for(bob).get("/projets/accueils/hub-occitanie/").status_code == 403


def test_a_place_that_is_not_a_hub_has_no_such_page(client_for, place, bob):
    assert client_for(bob).get(f"/projets/accueils/{place.slug}/").status_code == 404


def test_an_unknown_place_is_not_found(client_for, bob):
    assert client_for(bob).get("/projets/accueils/nulle-part/").status_code == 404


def test_script_in_names_is_shown_as_text(client_for, hub, catalogue, place, bob, charlie):
    project = build_project(catalogue, title="<script>alert(1)</script>", kind=OutputKind.WORKSHOP)
    host(project, place, by=bob)
    catalogue.title = "<script>alert(2)</script>"
    catalogue.save()

    page = client_for(charlie).get("/projets/accueils/hub-occitanie/").content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page


def test_the_hub_s_space_leads_to_its_region_s_hostings(client_for, hub, charlie):
    page = client_for(charlie).get("/espace/").content.decode()

    assert 'href="/projets/accueils/hub-occitanie/"' in page
