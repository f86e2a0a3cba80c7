"""What people see and do on the pages of manifestos, without JavaScript: the phase and what
one can do now, the ideas wall with its buttons, the projection, the organiser pages; bad
input gets a message beside its field and a 4xx, and saves nothing."""

import re

import pytest

from entraide.manifestos import services
from entraide.manifestos.models import Idea, Phase, Section, Support
from entraide.manifestos.services import Person
from entraide.manifestos.tests.conftest import drafting, ideas

pytestmark = pytest.mark.django_db


def wall_url(manifesto):
    return manifesto.get_absolute_url()


def post_idea_url(question):
    return f"/manifestes/{question.manifesto.slug}/questions/{question.pk}/idee/"


def support_url(idea, action="soutenir"):
    return f"/manifestes/{idea.question.manifesto.slug}/idees/{idea.pk}/{action}/"


def field_errors(response, field):
    """The error messages shown beside `field` (of the form in the response's context)."""
    forms = [response.context.get("error_form") or response.context.get("form")]
    return [e.code for form in forms for e in form.errors.as_data().get(field, [])]


def test_a_visitor_reads_the_phase_and_what_she_can_do_now(client, manifesto, question):
    page = client.get(wall_url(manifesto)).text
    assert "Phase\u00a0: Idées" in page
    assert "Maintenant\u00a0: déposez vos idées" in page
    assert "(5 par question)" in page
    assert question.text in page


def test_a_visitor_posts_an_idea_then_supports_it_without_javascript(client, manifesto, question):
    response = client.post(post_idea_url(question), {"name": "Amina", "text": "Des outils libres"})
    (idea,) = Idea.objects.all()
    assert response.status_code == 302
    assert response["Location"] == f"{wall_url(manifesto)}#idee-{idea.pk}"
    assert client.post(support_url(idea)).status_code == 302
    page = client.get(wall_url(manifesto)).text
    assert "Vos gommettes sur cette question\u00a0: 1 sur 5." in page
    assert "Retirer ma gommette" in page
    assert Support.objects.get().contributor == idea.contributor  # the same visitor
    client.post(support_url(idea, "retirer"))
    assert Support.objects.count() == 0


def test_another_visitor_does_not_share_the_dots(client, manifesto, question, django_user_model):
    (idea,) = ideas(question, 1)
    client.post(support_url(idea))
    client.cookies.clear()
    assert client.post(support_url(idea)).status_code == 302
    assert Idea.objects.get().supports.count() == 2


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("x" * 200_000, "max_length"),
        ("<script>alert('x')</script>", "html_not_allowed"),
        ("   ", "required"),
    ],
)
def test_a_bad_idea_gets_a_message_beside_its_field_and_a_400(client, question, text, code):
    response = client.post(post_idea_url(question), {"name": "Amina", "text": text})
    assert response.status_code == 400
    assert field_errors(response, "text") == [code]
    assert Idea.objects.count() == 0


def test_the_sixth_dot_is_refused_with_a_message_and_a_400(client, manifesto, question, alice):
    wall = ideas(question, 6)
    client.force_login(alice)
    for idea in wall[:5]:
        assert client.post(support_url(idea)).status_code == 302
    response = client.post(support_url(wall[5]))
    assert response.status_code == 400
    refusals = [m.extra_tags for m in response.context["messages"] if m.level_tag == "error"]
    assert refusals == ["no_dots_left"]
    assert "Vous avez utilisé vos 5 gommettes sur cette question" in response.text
    assert Support.objects.count() == 5


def test_no_dot_once_the_wall_is_closed(client, manifesto, question, bob):
    (idea,) = ideas(question, 1)
    drafting(manifesto, bob)
    response = client.post(support_url(idea))
    assert response.status_code == 400
    assert Support.objects.count() == 0
    page = client.get(wall_url(manifesto)).text
    assert "Soutenir" not in page
    assert "Déposer une idée" not in page


def test_the_wall_sorts_by_dots_and_says_where_ideas_were_taken_up(
    client, manifesto, question, alice, bob
):
    few, many = ideas(question, 2)
    services.support(many, person=Person(alice))
    services.support(many, person=Person(bob))
    drafting(manifesto, bob)
    services.add_section(manifesto, title="Outils", body="Texte", cited_ideas=[many.pk], by=bob)
    page = client.get(wall_url(manifesto)).text
    assert page.index(many.text) < page.index(few.text)
    assert re.search(
        r"2 gommettes</strong> · reprise dans la section <a href=\"#section-1\">1</a>", page
    )


def test_an_idea_set_aside_shows_its_reason(client, manifesto, question, bob):
    (idea,) = ideas(question, 1)
    services.hide_idea(idea, reason="Publicité, hors sujet", by=bob)
    page = client.get(wall_url(manifesto)).text
    assert "1 idée mise de côté par l’équipe du lieu" in page
    assert "raison\u00a0: Publicité, hors sujet" in page


def test_the_projection_refreshes_itself_once_started_without_javascript(
    client, manifesto, question
):
    ideas(question, 2)
    url = f"/manifestes/{manifesto.slug}/questions/{question.pk}/projection/"
    still = client.get(url)
    assert still.status_code == 200
    assert 'http-equiv="refresh"' not in still.text  # nobody asked: it does not move
    assert '<input type="hidden" name="rafraichir" value="15">' in still.text
    moving = client.get(url + "?rafraichir=15")
    assert '<meta http-equiv="refresh" content="15">' in moving.text
    assert f'<a href="{url}">Arrêter la mise à jour</a>' in moving.text
    assert "script-src 'self'" in moving["Content-Security-Policy"]
    assert "<script" not in moving.text


def test_the_series_and_its_manifesto_link_to_each_other(client, manifesto, series):
    assert manifesto.get_absolute_url() in client.get(series.get_absolute_url()).text
    assert series.get_absolute_url() in client.get(wall_url(manifesto)).text


def test_the_place_page_and_the_organiser_space_show_the_manifesto(client_for, manifesto, bob):
    client = client_for(bob)
    assert manifesto.title in client.get(manifesto.place.get_absolute_url()).text
    space = client.get("/espace/").text
    assert f"/manifestes/gerer/{manifesto.slug}/" in space
    assert "Nouveau manifeste" in space


def test_an_organiser_creates_a_manifesto_poses_a_question_and_drafts(
    client_for, place, bob, series
):
    client = client_for(bob)
    response = client.post(
        f"/manifestes/gerer/lieu/{place.slug}/nouveau/",
        {"title": "Manifeste", "series": series.pk, "description": "", "dots_per_question": 3},
    )
    manage = "/manifestes/gerer/manifeste/"
    assert response["Location"] == manage
    client.post(manage + "questions/ajouter/", {"text": "Quoi ?"})
    client.post(manage + "phase/", {"phase": Phase.DRAFTING})
    for title in ("Un", "Deux"):
        client.post(manage + "sections/ajouter/", {"title": title, "body": "Texte"})
    first, _second = Section.objects.order_by("position")
    assert client.post(manage + f"sections/{first.pk}/descendre/").status_code == 302
    assert [s.title for s in services.numbered_sections(first.manifesto)] == ["Deux", "Un"]
    page = client.get(manage).text
    assert "Phase\u00a0: Rédaction" in page
    assert "Monter" in page


def test_a_huge_or_scripted_section_is_refused_beside_its_field(client_for, manifesto, bob):
    drafting(manifesto, bob)
    client = client_for(bob)
    url = f"/manifestes/gerer/{manifesto.slug}/sections/ajouter/"
    huge = client.post(url, {"title": "Long", "body": "x" * 200_000})
    assert (huge.status_code, field_errors(huge, "body")) == (400, ["max_length"])
    assert "Au plus 20\u202f000 caractères" in huge.text
    scripted = client.post(url, {"title": "Script", "body": "<script>alert(1)</script>"})
    assert (scripted.status_code, field_errors(scripted, "body")) == (400, ["html_not_allowed"])
    assert Section.objects.count() == 0


def test_a_phase_the_cycle_does_not_allow_is_refused_with_a_message(client_for, manifesto, bob):
    response = client_for(bob).post(
        f"/manifestes/gerer/{manifesto.slug}/phase/", {"phase": Phase.PUBLISHED}, follow=True
    )
    assert [m.extra_tags for m in response.context["messages"]] == ["phase_not_allowed"]
    manifesto.refresh_from_db()
    assert manifesto.phase == Phase.IDEAS


def test_setting_aside_without_a_reason_is_refused_beside_the_field(
    client_for, manifesto, question, bob
):
    (idea,) = ideas(question, 1)
    url = f"/manifestes/gerer/{manifesto.slug}/idees/{idea.pk}/masquer/"
    response = client_for(bob).post(url, {"reason": ""})
    assert (response.status_code, field_errors(response, "reason")) == (400, ["required"])
    assert Idea.objects.get().hidden is False
    assert client_for(bob).post(url, {"reason": "Doublon"}).status_code == 302
    assert Idea.objects.get().hide_reason == "Doublon"


def test_ideas_are_rate_limited_per_network_address(client, question, settings):
    settings.ENTRAIDE_POSTS_PER_NETWORK = 3
    for n in range(3):
        idea = {"name": f"P{n}", "text": f"Idée {n}"}
        assert client.post(post_idea_url(question), idea).status_code == 302
    response = client.post(post_idea_url(question), {"name": "P3", "text": "Idée 3"})
    assert response.status_code == 429
    assert "<h1>Trop de demandes depuis votre réseau</h1>" in response.text
    assert Idea.objects.count() == 3
    elsewhere = {"name": "P4", "text": "Idée 4"}
    assert (
        client.post(post_idea_url(question), elsewhere, REMOTE_ADDR="192.0.2.7").status_code == 302
    )


def test_the_limits_beside_the_fields_speak_the_visitors_language(client, question):
    client.cookies["django_language"] = "en"
    page = client.get(question.manifesto.get_absolute_url()).text
    assert "At most 500 characters." in page
    client.cookies["django_language"] = "fr"
    page = client.get(question.manifesto.get_absolute_url()).text
    assert "Au plus 500 caractères." in page
