"""The organisers' pages that build a survey: who may see them, what bad input does, and
what the builder shows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from entraide.surveys import services
from entraide.surveys.errors import SurveyErrorCode
from entraide.surveys.models import Kind, Survey
from entraide.surveys.tests.conftest import build_screens_survey
from tests.factories import PlaceFactory, UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def pages(survey):
    slug, section, question = survey.slug, survey.sections.first(), survey.questions.first()
    return [
        reverse("surveys:manage_place", args=[survey.place.slug]),
        reverse("surveys:create", args=[survey.place.slug]),
        reverse("surveys:manage", args=[slug]),
        reverse("surveys:edit", args=[slug]),
        reverse("surveys:add_section", args=[slug]),
        reverse("surveys:edit_section", args=[slug, section.pk]),
        reverse("surveys:add_question", args=[slug, section.pk]),
        reverse("surveys:edit_question", args=[slug, question.pk]),
    ]


def test_the_place_organisers_see_every_builder_page(client_for, survey, bob):
    client = client_for(bob)

    assert [client.get(url).status_code for url in pages(survey)] == [200] * 8


def test_another_place_organiser_is_refused_every_builder_page(client_for, survey):
    other = UserFactory()
    PlaceFactory(organisers=[other])
    client = client_for(other)

    assert [client.get(url).status_code for url in pages(survey)] == [403] * 8


def test_a_visitor_is_sent_to_sign_in(client, survey):
    statuses = [client.get(url) for url in pages(survey)]

    assert [(r.status_code, r.url.split("?")[0]) for r in statuses] == [
        (302, reverse("account_login"))
    ] * 8


def test_another_place_organiser_cannot_act_on_the_survey(client_for, survey):
    other = UserFactory()
    PlaceFactory(organisers=[other])
    url = reverse("surveys:publish", args=[survey.slug])

    response = client_for(other).post(url)

    survey.refresh_from_db()
    assert (response.status_code, survey.is_published) == (403, False)


def test_creating_a_survey_leads_to_its_builder(client_for, place, bob):
    closes = (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(bob).post(
        reverse("surveys:create", args=[place.slug]),
        {"title": "Bilan de l'atelier", "audience": " étudiants ,, public ", "closes_at": closes},
    )

    survey = Survey.objects.get()
    assert response.url == reverse("surveys:manage", args=[survey.slug])
    assert (survey.title, survey.audience, survey.created_by, survey.sections.count()) == (
        "Bilan de l'atelier", "étudiants, public", bob, 1,
    )  # fmt: skip


def test_a_survey_closing_before_it_opens_is_refused_beside_the_field(client_for, place, bob):
    now = timezone.localtime()
    response = client_for(bob).post(
        reverse("surveys:create", args=[place.slug]),
        {
            "title": "Bilan",
            "opens_at": (now + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
        },
    )

    assert response.status_code == 400
    assert response.context["form"].has_error("closes_at", SurveyErrorCode.DATES_IN_ORDER)
    assert "L’enquête doit se clore après son ouverture." in response.content.decode()
    assert Survey.objects.count() == 0


def test_the_workshop_select_offers_only_the_place_workshops(client_for, place, bob):
    ours = WorkshopFactory(place=place, title="Atelier ici")
    theirs = WorkshopFactory(title="Atelier ailleurs")

    response = client_for(bob).post(
        reverse("surveys:create", args=[place.slug]), {"title": "T", "workshop": theirs.pk}
    )

    page = response.content.decode()
    assert (response.status_code, ours.title in page, theirs.title in page) == (400, True, False)
    assert Survey.objects.count() == 0


def test_a_get_on_an_action_changes_nothing(client_for, survey, bob):
    response = client_for(bob).get(reverse("surveys:publish", args=[survey.slug]))

    survey.refresh_from_db()
    assert (response.status_code, survey.is_published) == (405, False)


def test_publish_close_and_reopen_from_the_builder(client_for, survey, bob):
    client = client_for(bob)
    url = reverse("surveys:manage", args=[survey.slug])

    client.post(reverse("surveys:publish", args=[survey.slug]))
    published = client.get(url).content.decode()
    client.post(reverse("surveys:close", args=[survey.slug]))
    closed = client.get(url).content.decode()
    client.post(reverse("surveys:reopen", args=[survey.slug]))
    reopened = client.get(url).content.decode()

    assert [">Ouverte<" in published, ">Close<" in closed, ">Ouverte<" in reopened] == [True] * 3


def test_reopening_with_a_closing_date_in_the_past_is_refused_beside_the_field(
    client_for, open_survey, bob
):
    Survey.objects.filter(pk=open_survey.pk).update(closes_at=timezone.now() - timedelta(days=1))
    past = (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")

    response = client_for(bob).post(
        reverse("surveys:reopen", args=[open_survey.slug]), {"closes_at": past}
    )

    open_survey.refresh_from_db()
    assert response.status_code == 400
    assert response.context["reopen_form"].has_error("closes_at", SurveyErrorCode.CLOSING_IN_PAST)
    assert open_survey.is_open() is False


def test_duplicating_a_survey_opens_the_copy_builder(client_for, survey, bob):
    response = client_for(bob).post(reverse("surveys:duplicate", args=[survey.slug]), follow=True)

    copy = Survey.objects.exclude(pk=survey.pk).get()
    assert response.redirect_chain == [(reverse("surveys:manage", args=[copy.slug]), 302)]
    assert "<h1>Nos écrans et nous (copie)</h1>" in response.content.decode()


def test_the_builder_says_the_browser_marker_does_not_prevent_answering_twice(
    client_for, place, bob
):
    open_link = build_screens_survey(place, bob)
    invited = build_screens_survey(place, bob, title="Sur invitation", invitation_only=True)
    client = client_for(bob)
    marker = "ne l’empêche pas de répondre deux fois"

    pages = [
        client.get(reverse("surveys:manage", args=[s.slug])).content.decode()
        for s in (open_link, invited)
    ]

    assert [marker in page for page in pages] == [True, False]


def test_text_typed_by_organisers_is_escaped_everywhere(client_for, place, bob):
    script = "<script>alert(1)</script>"
    survey = services.create_survey(
        place, by=bob, fields={"title": script, "audience": script, "description": script}
    )
    section = survey.sections.get()
    services.edit_section(section, title=script, description=script)
    services.add_question(
        section, kind=Kind.SCALE, text=script, help_text=script, scale_min=1, scale_max=5,
        label_min=script, label_max=script,
    )  # fmt: skip
    services.add_question(section, kind=Kind.SINGLE, text="Choix", choices=[script, "B"])
    question = section.questions.first()
    client = client_for(bob)

    urls = [
        reverse("surveys:manage", args=[survey.slug]),
        reverse("surveys:manage_place", args=[place.slug]),
        reverse("surveys:edit", args=[survey.slug]),
        reverse("surveys:edit_section", args=[survey.slug, section.pk]),
        reverse("surveys:edit_question", args=[survey.slug, question.pk]),
    ]

    pages = [client.get(url).content.decode() for url in urls]
    assert [script in page for page in pages] == [False] * 5
    assert ["&lt;script&gt;alert(1)&lt;/script&gt;" in page for page in pages] == [True] * 5


def test_the_builder_shows_the_address_to_share(client_for, open_survey, bob):
    page = client_for(bob).get(reverse("surveys:manage", args=[open_survey.slug])).content.decode()

    assert "http://testserver/enquetes/nos-ecrans-et-nous/" in page


def settings_of(survey, **changes):
    local = lambda moment: moment and timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")  # noqa: E731
    return {
        "title": survey.title,
        "description": survey.description,
        "audience": survey.audience,
        "opens_at": local(survey.opens_at) or "",
        "closes_at": local(survey.closes_at) or "",
    } | changes


def test_a_survey_past_its_closing_date_keeps_it_when_its_title_changes(client_for, survey, bob):
    closed_on = timezone.now().replace(second=0, microsecond=0) - timedelta(days=2)
    Survey.objects.filter(pk=survey.pk).update(closes_at=closed_on)
    survey.refresh_from_db()
    url = reverse("surveys:edit", args=[survey.slug])

    kept = client_for(bob).post(url, settings_of(survey, title="Bilan"))
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    moved = client_for(bob).post(url, settings_of(survey, title="Autre", closes_at=past))

    survey.refresh_from_db()
    assert (kept.status_code, moved.status_code) == (302, 400)
    assert moved.context["form"].has_error("closes_at", SurveyErrorCode.CLOSING_IN_PAST)
    assert (survey.title, survey.closes_at) == ("Bilan", closed_on)
