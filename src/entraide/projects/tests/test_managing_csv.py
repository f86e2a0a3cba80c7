"""The CSV export of the pairs, per catalogue and per project: read back with csv, as a French
spreadsheet opens it (semicolons, UTF-8 with its mark), no cell run as a formula."""

import csv
import io

import pytest

from entraide.projects.models import Member, Output, OutputKind
from entraide.projects.tests.conftest import form_pair
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = [
    "Projet",
    "Binôme",
    "État",
    "Membre 1",
    "Courriel 1",
    "Membre 2",
    "Courriel 2",
    "Formé le",
    "Ce qu’il a lancé",
]


def read(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_catalogue_export_lists_every_pair_of_every_project(
    client_for, bob, catalogue, stories_project, workshops_project, alice
):
    dana = UserFactory(display_name="Dana", email="dana@example.org")
    formed = form_pair(stories_project, alice, dana)
    Output.objects.create(project=stories_project, pair=formed, kind=OutputKind.OTHER, object_id=3)
    waiting = form_pair(workshops_project, UserFactory(display_name="Eve", email="eve@e.org"))
    Member.objects.create(
        pair=waiting, project=workshops_project, email="fred@example.org", name="Fred"
    )
    response = client_for(bob).get(f"/projets/gerer/{catalogue.slug}/binomes.csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="binomes-entraide-et-action-collective.csv"'
    )
    rows = read(response)
    assert rows[0] == HEADER
    assert [row[:7] + row[8:] for row in rows[1:]] == [
        [
            "Publication de récits de la transition",
            str(formed.pk),
            "Formé",
            "Alice",
            "alice@example.org",
            "Dana",
            "dana@example.org",
            "Autre chose",
        ],
        [
            "Co-animation d’ateliers participatifs et préventifs",
            str(waiting.pk),
            "En attente",
            "Eve",
            "eve@e.org",
            "Fred (sollicité·e)",
            "fred@example.org",
            "",
        ],
    ]
    assert len(rows[1][7]) == len("27/11/2026 01:30")
    assert rows[2][7] == ""


def test_the_project_export_lists_only_its_pairs(
    client_for, bob, stories_project, workshops_project, alice
):
    form_pair(stories_project, alice, UserFactory())
    form_pair(workshops_project, UserFactory(), UserFactory())
    rows = read(client_for(bob).get(stories_project.manage_url() + "binomes.csv"))
    assert [row[0] for row in rows[1:]] == ["Publication de récits de la transition"]


def test_a_cell_that_looks_like_a_formula_is_not_run(client_for, bob, stories_project):
    hostile = UserFactory(display_name='=HYPERLINK("http://evil";"x")', email="h@e.org")
    stories_project.title = "+SUM(A1;A2)"
    stories_project.save()
    form_pair(stories_project, hostile)
    rows = read(client_for(bob).get(stories_project.manage_url() + "binomes.csv"))
    assert rows[1][0] == "'+SUM(A1;A2)"
    assert rows[1][3] == '\'=HYPERLINK("http://evil";"x")'


def test_only_the_team_exports(client_for, alice, charlie, catalogue, stories_project):
    for person in (alice, charlie):
        client = client_for(person)
        assert client.get(f"/projets/gerer/{catalogue.slug}/binomes.csv").status_code == 403
        assert client.get(stories_project.manage_url() + "binomes.csv").status_code == 403
    assert client.get("/projets/gerer/inconnu/binomes.csv").status_code == 404
