"""A catalogue's filters: by audience, tag and kind of output, each alone and together, with
only the values present in the catalogue offered; unknown values refused next to their field
(400) while the other filters still apply; a helpful sentence when nothing matches; pages of
12 projects that keep the filters."""

import re

import pytest

from entraide.projects.models import OutputKind
from entraide.projects.tests.conftest import build_catalogue, build_project
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

VOLUNTEERS = "Bénévoles d’associations"


@pytest.fixture
def projects(catalogue, stories_project, workshops_project):
    """The two projects of the fixtures, a survey for volunteers tagged "Santé mentale", and,
    in another catalogue, a challenge for another audience with another tag."""
    survey = build_project(
        catalogue,
        title="Enquête sur les usages",
        slug="enquete",
        kind=OutputKind.SURVEY,
        audiences=[VOLUNTEERS],
        tags=["Santé mentale"],
        position=2,
    )
    other = build_catalogue(PlaceFactory(), slug="ailleurs")
    build_project(
        other,
        title="Défi d’ailleurs",
        slug="defi",
        kind=OutputKind.CHALLENGE,
        audiences=["Lycéens"],
        tags=["Sobriété"],
    )
    return stories_project, workshops_project, survey


def titles(response):
    return re.findall(r'<h3><a href="[^"]+">([^<]+)</a>', response.content.decode())


def options(response, name):
    page = response.content.decode()
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def get(client, **filters):
    return client.get("/projets/entraide-et-action-collective/", filters)


ALL = [
    "Publication de récits de la transition",
    "Co-animation d’ateliers participatifs et préventifs",
    "Enquête sur les usages",
]


def test_without_filters_every_project_is_listed_and_no_clearing_is_offered(client, projects):
    response = get(client)

    assert titles(response) == ALL
    assert "Effacer les filtres" not in response.content.decode()


def test_the_filters_offer_only_the_values_present_in_this_catalogue(client, projects):
    response = get(client)

    assert options(response, "public") == ["", "benevoles-dassociations", STUDENTS_SLUG]
    assert options(response, "etiquette") == [
        "",
        "economie-de-lattention",
        "pouvoir-des-recits",
        "recits-de-la-transition",
        "sante-mentale",
    ]
    assert options(response, "type") == ["", "recit", "atelier", "enquete"]


STUDENTS_SLUG = "etudiants-en-lettres-langues-arts-ou-sciences-humaines-et-sociales"


def test_the_filter_by_audience_keeps_the_projects_for_that_audience(client, projects):
    response = get(client, public="benevoles-dassociations")

    assert response.status_code == 200
    assert titles(response) == ["Enquête sur les usages"]
    assert "1 projet" in response.content.decode()
    assert 'href="/projets/entraide-et-action-collective/">Effacer les filtres' in (
        response.content.decode()
    )


def test_the_filter_by_tag_keeps_the_projects_with_that_tag(client, projects):
    response = get(client, etiquette="sante-mentale")

    assert titles(response) == ALL[1:]


def test_the_filter_by_kind_keeps_the_projects_leading_to_that_kind(client, projects):
    response = get(client, type="recit")

    assert titles(response) == ALL[:1]


def test_the_filters_combine(client, projects):
    assert titles(get(client, public=STUDENTS_SLUG, etiquette="sante-mentale")) == ALL[1:2]
    assert titles(get(client, etiquette="sante-mentale", type="enquete")) == ALL[2:]
    assert titles(get(client, public=STUDENTS_SLUG, etiquette="sante-mentale", type="recit")) == []


def test_the_chosen_filters_stay_selected(client, projects):
    page = get(client, public=STUDENTS_SLUG, type="atelier").content.decode()

    assert f'<option value="{STUDENTS_SLUG}" selected>' in page
    assert '<option value="atelier" selected>Un atelier</option>' in page


def test_no_match_says_so_and_offers_to_clear_the_filters(client, projects):
    response = get(client, public=STUDENTS_SLUG, type="enquete")

    page = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == []
    assert "0 projet" in page
    assert (
        "Aucun projet ne correspond à ces filtres. Choisissez un autre public, un autre "
        'mot-clé ou un autre type, ou <a href="/projets/entraide-et-action-collective/">'
        "effacez les filtres</a>" in page
    )


@pytest.mark.parametrize(
    "filters",
    [
        {"public": "lyceens"},  # an audience of another catalogue
        {"etiquette": "sobriete"},  # a tag of another catalogue
        {"type": "defi"},  # a kind absent here
        {"type": "<script>"},
        {"public": "x" * 5000},
    ],
)
def test_an_unknown_value_is_refused_next_to_its_field_with_400(client, projects, filters):
    response = get(client, **filters)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Sélectionnez un choix valide" in page
    assert 'aria-invalid="true"' in page
    assert "<script>" not in page.replace("&lt;script&gt;", "")
    assert titles(response) == ALL  # the filter is ignored
    assert "Effacer les filtres" in page


def test_an_unknown_value_does_not_stop_the_other_filters(client, projects):
    response = get(client, public="inconnu", type="recit")

    assert response.status_code == 400
    assert titles(response) == ALL[:1]


def test_draft_projects_give_no_filter_value_to_visitors(client, catalogue, projects):
    build_project(
        catalogue,
        title="Brouillon",
        slug="b",
        tags=["Secret"],
        kind=OutputKind.CHALLENGE,
        published_at=None,
    )

    response = get(client)

    assert "secret" not in options(response, "etiquette")
    assert "defi" not in options(response, "type")
    assert get(client, etiquette="secret").status_code == 400


def test_the_catalogue_is_paginated_by_12_and_the_pages_keep_the_filters(client, catalogue):
    for i in range(30):
        build_project(
            catalogue,
            title=f"Projet n°{i:02}",
            slug=f"p{i}",
            tags=["Pair" if i % 2 == 0 else "Impair"],
            position=i,
        )

    first = get(client, etiquette="pair")
    second = get(client, etiquette="pair", page=2)

    assert titles(first) == [f"Projet n°{i:02}" for i in range(0, 24, 2)]
    assert titles(second) == [f"Projet n°{i:02}" for i in range(24, 30, 2)]
    assert "15 projets" in first.content.decode()
    assert 'href="?etiquette=pair&amp;page=2" rel="next"' in first.content.decode()
    assert "Page 2 sur 2" in second.content.decode()
    assert titles(get(client, page=3)) == [f"Projet n°{i:02}" for i in range(24, 30)]


@pytest.mark.parametrize("page", ["4", "0", "abc", "-1"])
def test_a_page_out_of_range_is_404(client, projects, page):
    assert get(client, page=page).status_code == 404
