"""Hostile input on the organisers' pages: script in every text field is shown escaped,
`javascript:` links refused, a 10 000-character title answered beside its field, someone
else's catalogue forbidden (403), forged addresses and ids not found (404), a tampered formset
answered 400; never a 500, never half a record."""

import pytest

from entraide.projects.models import Catalogue, Member, Pair, Project, ProjectLink
from entraide.projects.services import catalogues as services
from entraide.projects.tests.conftest import form_pair, looking
from entraide.projects.tests.test_managing_pages import links, project_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


def test_script_in_every_text_is_escaped_on_every_page(client_for, bob, catalogue):
    services.update_catalogue(
        catalogue, by=bob, fields={"title": SCRIPT, "summary": SCRIPT, "description": SCRIPT}
    )
    project = services.create_project(
        catalogue,
        by=bob,
        fields={
            "title": SCRIPT + " projet",
            "summary": SCRIPT,
            "description": SCRIPT,
            "duration": SCRIPT,
        },
        audiences=SCRIPT,
        tags=SCRIPT,
        links=[{"title": SCRIPT, "url": "https://example.org/?q=<script>", "description": SCRIPT}],
    )
    person = UserFactory(display_name=SCRIPT, email="s@example.org")
    pair = form_pair(project, person)
    Member.objects.create(pair=pair, project=project, email="t@example.org", name=SCRIPT)
    looking(project, UserFactory(display_name=SCRIPT), note=SCRIPT)
    client = client_for(bob)
    for url in (
        catalogue.manage_url(),
        f"/projets/gerer/{catalogue.slug}/nouveau/",
        project.manage_url(),
        project.manage_url() + "binomes/",
        f"{project.manage_url()}binomes/{pair.members.first().pk}/retirer/",
    ):
        response = client.get(url)
        text = response.content.decode()
        assert response.status_code == 200, url
        assert "<script>alert" not in text, url
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(project.manage_url()).content.decode()
    )


def test_a_10000_character_title_is_refused_beside_the_field_nothing_saved(
    client_for, bob, catalogue, place
):
    client = client_for(bob)
    response = client.post(
        f"/projets/gerer/{catalogue.slug}/nouveau/", project_data(title="x" * 10_000)
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("title")
    assert Project.objects.count() == 0
    response = client.post(f"/projets/nouveau/?lieu={place.slug}", {"title": "x" * 10_000})
    assert response.status_code == 400
    assert response.context["form"].has_error("title")
    assert Catalogue.objects.count() == 1


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4="]
)
def test_a_javascript_or_data_link_is_refused_and_the_project_unchanged(
    client_for, bob, stories_project, url
):
    data = project_data(title="Changé", **links([{"kind": "exemple", "title": "x", "url": url}]))
    response = client_for(bob).post(stories_project.manage_url(), data)
    assert response.status_code == 400
    assert response.context["formset"].forms[0].has_error("url")
    stories_project.refresh_from_db()
    assert stories_project.title == "Publication de récits de la transition"
    assert list(ProjectLink.objects.values_list("url", flat=True)) == [
        "https://podcast.ausha.co/nouvelle-conscience"
    ]


def test_a_tampered_formset_is_answered_400(client_for, bob, catalogue):
    client = client_for(bob)
    data = project_data()
    del data["links-TOTAL_FORMS"]
    assert client.post(f"/projets/gerer/{catalogue.slug}/nouveau/", data).status_code == 400
    many = project_data(**links([], total=10_000))
    assert client.post(f"/projets/gerer/{catalogue.slug}/nouveau/", many).status_code == 400
    assert Project.objects.count() == 0


def test_someone_elses_catalogue_is_forbidden_on_every_page(
    client_for, charlie, alice, catalogue, stories_project
):
    pair = form_pair(stories_project, UserFactory(), UserFactory())
    member = pair.members.first()
    base = stories_project.manage_url()
    gets = [
        catalogue.manage_url(),
        f"/projets/gerer/{catalogue.slug}/nouveau/",
        base,
        base + "binomes/",
        f"{base}binomes/{member.pk}/retirer/",
    ]
    posts = [
        catalogue.manage_url(),
        f"/projets/gerer/{catalogue.slug}/publication/",
        f"/projets/gerer/{catalogue.slug}/nouveau/",
        base,
        base + "publication/",
        base + "inscriptions/",
        base + "binomes/former/",
        f"{base}binomes/{member.pk}/retirer/",
    ]
    for person in (charlie, alice):
        client = client_for(person)
        for url in gets:
            assert client.get(url).status_code == 403, url
        for url in posts:
            assert client.post(url, {"title": "x", "close": "1"}).status_code == 403, url
    assert Pair.objects.get().is_formed
    assert Project.objects.get(pk=stories_project.pk).enrolment_open
    assert Catalogue.objects.get().title == "Entraide et action collective"


def test_forged_addresses_and_ids_are_not_found(client_for, bob, catalogue, stories_project):
    staff = UserFactory(is_staff=True)
    other = services.create_catalogue(None, by=staff, fields={"title": "Réseau"})
    elsewhere = services.create_project(
        other, by=staff, fields={"title": "Ailleurs", "summary": "Un autre projet"}
    )
    foreign = form_pair(elsewhere, UserFactory()).members.get()
    client = client_for(bob)
    base = stories_project.manage_url()
    for url in (
        "/projets/gerer/inconnu/",
        "/projets/gerer/inconnu/nouveau/",
        f"/projets/gerer/{catalogue.slug}/inconnu/",
        f"/projets/gerer/{catalogue.slug}/inconnu/binomes/",
        f"/projets/gerer/{catalogue.slug}/{elsewhere.slug}/binomes/",
        f"{base}binomes/999999/retirer/",
        f"{base}binomes/{foreign.pk}/retirer/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{base}binomes/{foreign.pk}/retirer/").status_code == 404
    assert Member.objects.filter(pk=foreign.pk).exists()


def test_forged_people_to_pair_are_refused_400(client_for, bob, stories_project, alice):
    looking(stories_project, alice)
    client = client_for(bob)
    for data in (
        {"first": alice.pk, "second": 999999},
        {"first": alice.pk, "second": "x" * 50},
        {"first": "", "second": ""},
        {"first": alice.pk, "second": UserFactory().pk},
    ):
        response = client.post(stories_project.manage_url() + "binomes/former/", data)
        assert response.status_code == 400, data
    assert Pair.objects.count() == 0
