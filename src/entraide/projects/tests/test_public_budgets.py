"""The public pages stay sober at their fullest: at most 30 KB of HTML and 390 elements
(the walk's EcoIndex budget, measured here on the server's HTML) with a page of 12 projects
full of audiences and tags, and a project with many links, hosting places and achievements."""

from html.parser import HTMLParser

import pytest

from entraide.projects.models import Hosting, Output, OutputKind, ProjectLink
from entraide.projects.tests.test_public_query_counts import a_catalogue, a_project
from entraide.projects.tests.test_public_realisations import described, fakes  # noqa: F401
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

MAX_BYTES = 30_000
MAX_ELEMENTS = 390


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag, attrs):
        self.count += 1


def measure(response):
    assert response.status_code == 200
    parser = Elements()
    parser.feed(response.content.decode())
    return {"bytes": len(response.content), "elements": parser.count}


def within_budget(measured):
    return measured["bytes"] <= MAX_BYTES and measured["elements"] <= MAX_ELEMENTS


def test_the_list_of_catalogues_is_within_budget_with_a_full_page(client):
    for _ in range(21):
        a_catalogue(1)

    measured = measure(client.get("/projets/"))

    assert within_budget(measured), measured


def test_a_catalogue_page_is_within_budget_with_12_projects_and_many_tags(client):
    catalogue = a_catalogue(30)
    project = catalogue.projects.first()
    for i in range(30):  # a catalogue with 34 tags to filter on
        project.tags.create(name=f"Une étiquette assez longue n°{i}", slug=f"longue-{i}")

    for address in ("", "?page=2", "?etiquette=sante-mentale&type=recit"):
        measured = measure(client.get(catalogue.get_absolute_url() + address))
        assert within_budget(measured), (address, measured)


def test_a_project_page_is_within_budget_with_100_achievements(client, fakes):  # noqa: F811
    project = a_project(0)
    for i in range(15):
        for kind in ProjectLink.Kind.values:
            ProjectLink.objects.create(
                project=project,
                kind=kind,
                title=f"Un lien utile au titre assez long n°{i}",
                url=f"https://example.org/une/adresse/assez/longue/{i}",
                description="Une description du lien, en une phrase d’une longueur ordinaire.",
            )
    for i in range(10):
        Hosting.objects.create(project=project, place=PlaceFactory(name=f"Lieu n°{i}"))
    stories = fakes[OutputKind.STORY]
    for i in range(100):
        stories.objects[i] = described(
            f"Portrait de quelqu’un qui agit n°{i}", days_ago=i, detail="Récit publié"
        )
        Output.objects.create(project=project, kind=OutputKind.STORY, object_id=i)

    measured = measure(client.get(project.get_absolute_url()))

    assert within_budget(measured), measured
