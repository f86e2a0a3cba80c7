"""A hostile user's input in every form of the project catalogue: huge texts and lists, line
breaks in what ends up in a mail's subject, script and HTML (escaped on every page, as text in
the mails, never a formula in the CSV), `javascript:`, `data:`, `vbscript:` links however they
are disguised. Each refused beside its field with a 4xx, nothing half-saved."""

import csv
import io

import pytest
from django.core import mail

from entraide.projects.models import Member, Pair, Project, ProjectLink, Seeker
from entraide.projects.services import catalogues as services
from entraide.projects.tests.conftest import form_pair, looking
from entraide.projects.tests.test_managing_pages import links, project_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
FORMULA = "=cmd|' /C calc'!A0"
LONG = "x" * 10_000


def _join(project):
    return f"{project.get_absolute_url()}binome/"


@pytest.mark.parametrize(
    "url",
    [
        " javascript:alert(1)",
        "\njavascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "java\nscript:alert(1)",
        "java\tscript:alert(1)",
        "javascript://example.org/%0Aalert(1)",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        " DATA:text/html;base64,PHNjcmlwdD4=",
        "//evil.example/x",
        "ftp://example.org/x",
        "https://exa mple.org/",
        "https://example.org/\njavascript:alert(1)",
    ],
)
def test_disguised_script_links_are_refused_beside_the_field(client_for, bob, catalogue, url):
    data = project_data(**links([{"kind": "exemple", "title": "x", "url": url}]))
    response = client_for(bob).post(f"/projets/gerer/{catalogue.slug}/nouveau/", data)
    assert response.status_code == 400
    assert response.context["formset"].forms[0].has_error("url")
    assert Project.objects.count() == 0
    assert ProjectLink.objects.count() == 0


def test_huge_texts_in_every_field_of_a_project_are_refused_nothing_saved(
    client_for, bob, stories_project
):
    client = client_for(bob)
    for name in ("title", "summary", "duration", "collection_slug", "audiences", "tags"):
        response = client.post(stories_project.manage_url(), project_data(**{name: LONG + "1"}))
        assert response.status_code == 400, name
        assert response.context["form"].has_error(name), name
    response = client.post(stories_project.manage_url(), project_data(description="y" * 20_001))
    assert response.status_code == 400
    for name in ("title", "url", "description"):
        row = {"kind": "exemple", "title": "t", "url": "https://example.org/", name: LONG}
        if name == "url":
            row["url"] = "https://example.org/" + LONG
        response = client.post(stories_project.manage_url(), project_data(**links([row])))
        assert response.status_code == 400, name
        assert response.context["formset"].forms[0].has_error(name), name
    stories_project.refresh_from_db()
    assert stories_project.title == "Publication de récits de la transition"
    assert ProjectLink.objects.count() == 1


def test_a_thousand_tags_or_audiences_are_refused(client_for, bob, stories_project):
    client = client_for(bob)
    many = ",".join(f"t{n}" for n in range(1000))
    response = client.post(stories_project.manage_url(), project_data(tags=many))
    assert response.status_code == 400
    assert response.context["form"].has_error("tags")
    response = client.post(
        stories_project.manage_url(), project_data(audiences=many.replace(",", "\n"))
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("audiences")
    assert stories_project.tags.count() == 2


def test_a_negative_number_of_link_rows_does_not_drop_the_links_silently(
    client_for, bob, stories_project
):
    row = {"kind": "exemple", "title": "Nouveau", "url": "https://example.org/nouveau"}
    data = project_data(title="Changé", **{**links([row]), "links-TOTAL_FORMS": "-1"})
    response = client_for(bob).post(stories_project.manage_url(), data)
    assert response.status_code == 400
    assert response.context["formset"].non_form_errors() == [
        "Le formulaire a été modifié\u00a0: rechargez la page et réessayez."
    ]
    stories_project.refresh_from_db()
    assert stories_project.title == "Publication de récits de la transition"
    assert list(ProjectLink.objects.values_list("title", flat=True)) == ["Nouvelle Conscience"]


def test_ten_thousand_link_rows_are_refused_and_31_links_too(client_for, bob, stories_project):
    client = client_for(bob)
    rows = [{"kind": "exemple", "title": f"l{n}", "url": f"https://e.org/{n}"} for n in range(31)]
    for data in (
        project_data(**links([], total=10_000)),
        project_data(**links(rows[:1] * 10_000, total=10_000)),
        project_data(**links(rows)),
        project_data(**{**links(rows[:1]), "links-TOTAL_FORMS": "-1"}),
        project_data(**{**links(rows[:1]), "links-TOTAL_FORMS": "9" * 30}),
    ):
        assert client.post(stories_project.manage_url(), data).status_code == 400
    assert ProjectLink.objects.count() == 1


def test_empty_forms_are_refused_beside_their_fields(client_for, bob, alice, catalogue, place):
    client = client_for(bob)
    assert client.post(f"/projets/gerer/{catalogue.slug}/nouveau/", {}).status_code == 400
    assert client.post(f"/projets/nouveau/?lieu={place.slug}", {}).status_code == 400
    assert client.post(catalogue.manage_url(), {}).status_code == 400
    assert (
        client.post(
            f"/projets/gerer/{catalogue.slug}/nouveau/", project_data(title="   ", summary="\n")
        ).status_code
        == 400
    )
    assert Project.objects.count() == 0


def test_a_line_break_in_a_project_title_is_refused_as_it_would_break_every_mail(
    client_for, bob, stories_project
):
    response = client_for(bob).post(
        stories_project.manage_url(), project_data(title="Récits\nBcc: everyone@example.org")
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("title", code="line_break")
    stories_project.refresh_from_db()
    assert stories_project.title == "Publication de récits de la transition"


def test_a_line_break_in_a_catalogue_title_is_refused(client_for, bob, catalogue, place):
    client = client_for(bob)
    response = client.post(catalogue.manage_url(), {"title": "Cat\r\nBcc: x@example.org"})
    assert response.status_code == 400
    assert response.context["form"].has_error("title")
    response = client.post(f"/projets/nouveau/?lieu={place.slug}", {"title": "a\rb"})
    assert response.status_code == 400
    catalogue.refresh_from_db()
    assert catalogue.title == "Entraide et action collective"


def test_the_service_refuses_a_line_break_in_a_title_too(bob, catalogue, stories_project):
    from entraide.core.errors import DomainError

    with pytest.raises(DomainError) as refused:
        services.update_project(stories_project, by=bob, fields={"title": "a\nb"})
    assert refused.value.field == "title"
    with pytest.raises(DomainError):
        services.update_catalogue(catalogue, by=bob, fields={"title": "a\nb"})


def test_huge_input_in_the_pairing_forms_is_refused_beside_the_field(
    client_for, alice, stories_project
):
    client = client_for(alice)
    for data, field, form in (
        (
            {"action": "invite", "invite-name": LONG, "invite-email": "c@example.org"},
            "name",
            "invite_form",
        ),
        (
            {"action": "invite", "invite-name": "C", "invite-email": LONG + "@example.org"},
            "email",
            "invite_form",
        ),
        ({"action": "invite", "invite-name": "", "invite-email": ""}, "name", "invite_form"),
        ({"action": "look", "look-note": LONG}, "note", "look_form"),
    ):
        response = client.post(_join(stories_project), data)
        assert response.status_code == 400, field
        assert response.context[form].has_error(field), field
    assert Pair.objects.count() == 0
    assert Seeker.objects.count() == 0
    assert mail.outbox == []


def test_script_in_names_and_words_is_escaped_on_the_pairing_pages_and_plain_in_mails(
    client_for, alice, stories_project
):
    eve = UserFactory(display_name=SCRIPT, email="eve@example.org")
    looking(stories_project, eve, note=SCRIPT)
    client = client_for(alice)
    response = client.get(_join(stories_project))
    assert SCRIPT not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()
    response = client.post(
        _join(stories_project),
        {"action": "invite", "invite-name": SCRIPT, "invite-email": "c@example.org"},
    )
    assert response.status_code == 302
    assert "&lt;" not in mail.outbox[0].body
    for url in (_join(stories_project), "/projets/mes-projets/"):
        text = client.get(url).content.decode()
        assert SCRIPT not in text, url
    member = Member.objects.get(email="c@example.org")
    text = client_for(eve).get(member.invitation_url()).content.decode()
    assert SCRIPT not in text


def test_formulas_in_names_and_titles_are_never_run_by_the_spreadsheet(
    client_for, bob, catalogue, stories_project
):
    Project.objects.filter(pk=stories_project.pk).update(title=FORMULA)
    person = UserFactory(display_name=FORMULA)
    pair = form_pair(stories_project, person)
    Member.objects.create(
        pair=pair, project=stories_project, email="+1@example.org", name="@SUM(1)"
    )
    project_csv = stories_project.manage_url() + "binomes.csv"
    for url in (f"/projets/gerer/{catalogue.slug}/binomes.csv", project_csv):
        response = client_for(bob).get(url)
        assert response.status_code == 200, url
        rows = list(csv.reader(io.StringIO(response.content.decode()[1:]), delimiter=";"))
        cells = [cell for row in rows[1:] for cell in row]
        assert all(not cell.startswith(("=", "+", "-", "@")) for cell in cells), cells
        assert "'" + FORMULA in cells
