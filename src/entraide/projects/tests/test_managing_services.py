"""The organisers' services: catalogues, projects with their audiences, tags and links,
publication, enrolment; each refusal by its code, and nothing saved when one is refused."""

import pytest

from entraide.core.errors import DomainError
from entraide.projects.errors import ProjectErrorCode as Code
from entraide.projects.models import (
    LINKS_MAX,
    TAGS_MAX,
    TITLE_MAX,
    Audience,
    Catalogue,
    OutputKind,
    Project,
    ProjectLink,
    Tag,
)
from entraide.projects.services import catalogues as services
from entraide.projects.tests.conftest import STUDENTS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FIELDS = {"title": "Récits de la transition", "summary": "Écrire un portrait en binôme."}


def refused(code, call, *args, **kwargs):
    with pytest.raises(DomainError) as excinfo:
        call(*args, **kwargs)
    assert excinfo.value.code == code
    return excinfo.value


def test_an_organiser_creates_a_catalogue_of_her_place_not_yet_public(place, bob):
    catalogue = services.create_catalogue(
        place, by=bob, fields={"title": "Entraide et action collective", "summary": "Cours"}
    )
    assert (catalogue.place, catalogue.slug, catalogue.is_public, catalogue.created_by) == (
        place,
        "entraide-et-action-collective",
        False,
        bob,
    )


def test_someone_not_running_the_place_cannot_create_its_catalogue(place, alice):
    refused(Code.OTHER_PLACE, services.create_catalogue, place, by=alice, fields=FIELDS)
    assert Catalogue.objects.count() == 0


def test_only_the_staff_create_the_site_wide_catalogue_and_only_one(bob):
    refused(Code.OTHER_PLACE, services.create_catalogue, None, by=bob, fields=FIELDS)
    staff = UserFactory(is_staff=True)
    catalogue = services.create_catalogue(None, by=staff, fields=FIELDS)
    assert catalogue.is_site_wide
    refused(Code.SITE_CATALOGUE_EXISTS, services.create_catalogue, None, by=staff, fields=FIELDS)
    assert Catalogue.objects.count() == 1


def test_a_catalogue_takes_a_free_address_never_a_word_of_the_site(place, bob):
    first = services.create_catalogue(place, by=bob, fields={"title": "Cours"})
    second = services.create_catalogue(place, by=bob, fields={"title": "Cours"})
    reserved = services.create_catalogue(place, by=bob, fields={"title": "Nouveau"})
    assert (first.slug, second.slug, reserved.slug) == ("cours", "cours-2", "catalogue-nouveau")


def test_a_title_too_long_or_empty_is_refused_beside_the_field(place, bob, catalogue):
    error = refused(
        Code.TOO_LONG, services.create_catalogue, place, by=bob, fields={"title": "x" * 10_000}
    )
    assert error.field == "title"
    refused(Code.EMPTY, services.update_catalogue, catalogue, by=bob, fields={"title": "  "})
    catalogue.refresh_from_db()
    assert catalogue.title == "Entraide et action collective"
    assert Catalogue.objects.count() == 1


def test_publishing_and_unpublishing_a_catalogue(catalogue, bob, alice):
    services.unpublish_catalogue(catalogue, by=bob)
    assert Catalogue.objects.get().published_at is None
    services.publish_catalogue(catalogue, by=bob)
    assert Catalogue.objects.get().published_at is not None
    refused(Code.OTHER_PLACE, services.unpublish_catalogue, catalogue, by=alice)


def test_a_project_is_created_with_its_audiences_tags_and_links(catalogue, bob):
    project = services.create_project(
        catalogue,
        by=bob,
        fields={**FIELDS, "output_kind": OutputKind.STORY, "max_pairs": 4, "in_pairs": True},
        audiences=f"{STUDENTS}\nBénévoles",
        tags="Impacts du numérique, Réseaux sociaux\nSanté mentale, réseaux SOCIAUX",
        links=[
            {"title": "Portrait", "url": "https://example.org/p", "kind": "exemple"},
            {"title": "", "url": "", "description": ""},
            {"title": "Guide", "url": "http://example.org/g", "kind": "utile", "description": "d"},
        ],
    )
    assert (project.slug, project.is_public, project.position, project.max_pairs) == (
        "recits-de-la-transition",
        False,
        0,
        4,
    )
    assert sorted(project.audiences.values_list("name", flat=True)) == ["Bénévoles", STUDENTS]
    assert sorted(project.tags.values_list("name", flat=True)) == [
        "Impacts du numérique",
        "Réseaux sociaux",
        "Santé mentale",
    ]
    assert list(project.links.values_list("kind", "title", "url", "description")) == [
        ("exemple", "Portrait", "https://example.org/p", ""),
        ("utile", "Guide", "http://example.org/g", "d"),
    ]


def test_an_audience_or_tag_already_known_is_reused_whatever_its_case(catalogue, bob):
    Tag.objects.create(name="Santé mentale", slug="sante-mentale")
    project = services.create_project(catalogue, by=bob, fields=FIELDS, tags="santé MENTALE")
    assert list(project.tags.values_list("slug", flat=True)) == ["sante-mentale"]
    assert Tag.objects.count() == 1


def test_two_projects_of_the_same_title_get_two_addresses(catalogue, bob):
    first = services.create_project(catalogue, by=bob, fields=FIELDS)
    second = services.create_project(catalogue, by=bob, fields=FIELDS)
    assert (first.slug, second.slug, second.position) == (
        "recits-de-la-transition",
        "recits-de-la-transition-2",
        1,
    )


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>", "ftp://x.org"])
def test_a_project_with_a_bad_link_is_not_created_at_all(catalogue, bob, url):
    links = [
        {"title": "Bon", "url": "https://example.org"},
        {"title": "Mauvais", "url": url},
    ]
    error = refused(
        Code.BAD_LINK,
        services.create_project,
        catalogue,
        by=bob,
        fields=FIELDS,
        tags="Nouveau tag",
        links=links,
    )
    assert error.field == "links-1-url"
    assert (Project.objects.count(), ProjectLink.objects.count(), Tag.objects.count()) == (0, 0, 0)


def test_an_update_with_a_bad_link_keeps_the_project_as_it_was(stories_project, bob):
    refused(
        Code.BAD_LINK,
        services.update_project,
        stories_project,
        by=bob,
        fields={"title": "Nouveau titre"},
        links=[{"title": "x", "url": "javascript:alert(1)"}],
    )
    stories_project.refresh_from_db()
    assert stories_project.title == "Publication de récits de la transition"
    assert list(stories_project.links.values_list("title", flat=True)) == ["Nouvelle Conscience"]


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"title": "x" * 10_000}, Code.TOO_LONG, "title"),
        ({"title": "x" * (TITLE_MAX + 1)}, Code.TOO_LONG, "title"),
        ({"title": ""}, Code.EMPTY, "title"),
        ({"summary": ""}, Code.EMPTY, "summary"),
        ({"summary": "x" * 501}, Code.TOO_LONG, "summary"),
        ({"description": "x" * 20_001}, Code.TOO_LONG, "description"),
        ({"duration": "x" * 201}, Code.TOO_LONG, "duration"),
        ({"output_kind": "bombe"}, Code.BAD_CHOICE, "output_kind"),
        ({"max_pairs": 0}, Code.BAD_NUMBER, "max_pairs"),
        ({"max_pairs": "deux"}, Code.BAD_NUMBER, "max_pairs"),
        ({"workshop_minutes": 0}, Code.BAD_NUMBER, "workshop_minutes"),
        ({"workshop_capacity": 10**12}, Code.BAD_NUMBER, "workshop_capacity"),
        ({"collection_slug": "pas une adresse"}, Code.BAD_CHOICE, "collection_slug"),
    ],
)
def test_every_limit_of_a_project_is_refused_beside_its_field(
    stories_project, bob, fields, code, field
):
    error = refused(code, services.update_project, stories_project, by=bob, fields=fields)
    assert error.field == field
    stories_project.refresh_from_db()
    assert stories_project.title == "Publication de récits de la transition"


def test_too_many_tags_or_links_or_a_too_long_name_is_refused(catalogue, bob):
    tags = ",".join(f"tag {i}" for i in range(TAGS_MAX + 1))
    assert (
        refused(
            Code.TOO_MANY, services.create_project, catalogue, by=bob, fields=FIELDS, tags=tags
        ).field
        == "tags"
    )
    assert (
        refused(
            Code.TOO_LONG,
            services.create_project,
            catalogue,
            by=bob,
            fields=FIELDS,
            audiences="a" * 151,
        ).field
        == "audiences"
    )
    links = [{"title": f"L{i}", "url": f"https://e.org/{i}"} for i in range(LINKS_MAX + 1)]
    assert (
        refused(
            Code.TOO_MANY, services.create_project, catalogue, by=bob, fields=FIELDS, links=links
        ).field
        == "links"
    )
    assert (Project.objects.count(), Audience.objects.count(), Tag.objects.count()) == (0, 0, 0)


def test_a_link_without_title_or_address_is_refused_beside_it(catalogue, bob):
    assert (
        refused(
            Code.EMPTY,
            services.create_project,
            catalogue,
            by=bob,
            fields=FIELDS,
            links=[{"url": "https://e.org"}],
        ).field
        == "links-0-title"
    )
    assert (
        refused(
            Code.EMPTY,
            services.create_project,
            catalogue,
            by=bob,
            fields=FIELDS,
            links=[{"title": "x", "description": "sans adresse"}],
        ).field
        == "links-0-url"
    )


def test_updating_replaces_audiences_tags_and_links_only_when_given(stories_project, bob):
    services.update_project(stories_project, by=bob, fields={"duration": "Deux mois"})
    assert stories_project.tags.count() == 2
    assert stories_project.links.count() == 1
    services.update_project(
        stories_project, by=bob, fields={}, audiences="", tags="Un seul", links=[]
    )
    assert list(stories_project.tags.values_list("name", flat=True)) == ["Un seul"]
    assert (stories_project.audiences.count(), stories_project.links.count()) == (0, 0)
    stories_project.refresh_from_db()
    assert stories_project.slug == "publication-de-recits-de-la-transition"


def test_someone_else_cannot_change_a_project(stories_project, charlie, alice):
    for person in (charlie, alice):
        refused(Code.OTHER_PLACE, services.update_project, stories_project, by=person, fields={})
        refused(Code.OTHER_PLACE, services.close_enrolment, stories_project, person)
        refused(Code.OTHER_PLACE, services.publish_project, stories_project, by=person)
        refused(
            Code.OTHER_PLACE,
            services.create_project,
            stories_project.catalogue,
            by=person,
            fields=FIELDS,
        )


def test_publishing_a_project_and_closing_then_reopening_its_enrolment(stories_project, bob):
    services.unpublish_project(stories_project, by=bob)
    assert Project.objects.get(pk=stories_project.pk).published_at is None
    services.publish_project(stories_project, by=bob)
    assert Project.objects.get(pk=stories_project.pk).is_public
    services.close_enrolment(stories_project, bob)
    assert not Project.objects.get(pk=stories_project.pk).enrolment_open
    services.reopen_enrolment(stories_project, bob)
    assert Project.objects.get(pk=stories_project.pk).enrolment_open


def test_the_description_is_rendered_without_its_script(stories_project, bob):
    services.update_project(
        stories_project, by=bob, fields={"description": "**Gras** <script>alert(1)</script>"}
    )
    stories_project.refresh_from_db()
    assert "<strong>Gras</strong>" in stories_project.description_html
    assert "<script>" not in stories_project.description_html
