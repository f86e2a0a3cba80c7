"""A new question in two steps, without JavaScript: its kind first (each described), then a
form with that kind's fields alone; editing shows the question's kind's fields alone. And no
"Section 1" where a survey has a single section without a title."""

import re

import pytest
from django.urls import reverse

from entraide.surveys import services
from entraide.surveys.models import Kind
from entraide.surveys.tests.conftest import record

pytestmark = pytest.mark.django_db

KIND_FIELDS = ["choices", "max_choices", "allow_other", "scale", "label_min", "label_max"]
KIND_FIELDS += ["number_min", "number_max"]


def add_url(section, query=""):
    return reverse("surveys:add_question", args=[section.survey.slug, section.pk]) + query


def fields_shown(html):
    names = set(re.findall(r'<(?:input|select|textarea)[^>]* name="([^"]+)"', html))
    return sorted(names & set(KIND_FIELDS))


def test_adding_a_question_starts_with_its_kind_each_described(client_for, survey, bob):
    section = survey.sections.first()

    html = client_for(bob).get(add_url(section)).content.decode()

    links = re.findall(r'<li><a href="\?type=([^"]+)">([^<]+)</a> <span class="meta">', html)
    assert links == [(kind.value, str(kind.label)) for kind in Kind]
    assert "Quel type de réponse attendez-vous\u00a0?" in html
    assert "Une note de 1 à 5 ou de 0 à 10" in html
    assert fields_shown(html) == []
    assert 'name="text"' not in html


@pytest.mark.parametrize(
    ("kind", "fields"),
    [
        (Kind.SINGLE, ["allow_other", "choices"]),
        (Kind.MULTIPLE, ["allow_other", "choices", "max_choices"]),
        (Kind.SCALE, ["label_max", "label_min", "scale"]),
        (Kind.NUMBER, ["number_max", "number_min"]),
        (Kind.YES_NO, []),
        (Kind.SHORT_TEXT, []),
        (Kind.LONG_TEXT, []),
    ],
)
def test_the_form_of_a_kind_shows_its_fields_alone(client_for, survey, bob, kind, fields):
    html = client_for(bob).get(add_url(survey.sections.first(), f"?type={kind}")).content.decode()

    assert fields_shown(html) == fields
    assert 'name="text"' in html
    assert 'name="kind"' not in html
    assert f"Type de question\u00a0: <strong>{kind.label}</strong>" in html


def test_the_kind_saved_is_the_one_of_the_address_not_a_posted_field(client_for, survey, bob):
    section = survey.sections.first()
    url = add_url(section, f"?type={Kind.SCALE}")

    response = client_for(bob).post(
        url, {"kind": Kind.SINGLE, "text": "Votre humeur", "scale": "0-10", "choices": "A\nB"}
    )

    added = section.questions.last()
    assert response.status_code == 302
    assert (added.text, added.kind, added.scale_max, added.choices.count()) == (
        "Votre humeur", Kind.SCALE, 10, 0,
    )  # fmt: skip


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_kind_is_refused_with_a_message_and_nothing_saved(client_for, survey, bob, method):
    url = add_url(survey.sections.first(), "?type=sondage")

    client = client_for(bob)
    response = client.post(url, {"text": "Piège"}) if method == "post" else client.get(url)

    assert response.status_code == 400
    assert "Ce type de question n’existe pas\u00a0: choisissez-en un ci-dessous." in (
        response.content.decode()
    )
    assert survey.questions.count() == 7


def test_editing_a_question_shows_its_kind_fields_and_may_change_its_kind(client_for, survey, bob):
    scale = survey.questions.get(kind=Kind.SCALE)
    url = reverse("surveys:edit_question", args=[survey.slug, scale.pk])
    client = client_for(bob)

    form = client.get(url).content.decode()
    choice = client.get(f"{url}?changer=1").content.decode()
    response = client.post(f"{url}?type={Kind.NUMBER}", {"text": scale.text, "number_max": "7"})

    assert fields_shown(form) == ["label_max", "label_min", "scale"]
    assert 'href="?changer=1">Changer de type</a>' in form
    assert f'href="?type={Kind.SCALE}"' not in choice
    assert f'href="?type={Kind.NUMBER}"' in choice
    scale.refresh_from_db()
    assert response.status_code == 302
    assert (scale.kind, scale.scale_min, scale.number_max) == (Kind.NUMBER, None, 7)


def test_the_kind_of_an_answered_question_cannot_change_even_by_its_address(
    client_for, survey, bob
):
    single = survey.questions.get(text="Vous êtes…")
    record(survey, {"Vous êtes…": "Public"})
    url = reverse("surveys:edit_question", args=[survey.slug, single.pk])
    client = client_for(bob)

    page = client.get(url).content.decode()
    response = client.post(f"{url}?type={Kind.NUMBER}", {"text": "Piège"})

    assert "Changer de type" not in page
    assert response.status_code == 400
    assert "Cette question a déjà des réponses\u00a0: son type ne peut pas changer." in (
        response.content.decode()
    )
    single.refresh_from_db()
    assert (single.kind, single.text) == (Kind.SINGLE, "Vous êtes…")


def test_a_single_untitled_section_is_never_called_section_1(client_for, place, bob):
    survey = services.create_survey(place, by=bob, fields={"title": "Bilan"})
    section = survey.sections.get()
    services.add_question(section, kind=Kind.YES_NO, text="Revenez-vous ?")
    client = client_for(bob)
    question = survey.questions.get()

    pages = [
        client.get(reverse("surveys:manage", args=[survey.slug])),
        client.get(add_url(section)),
        client.get(add_url(section, f"?type={Kind.YES_NO}")),
        client.get(reverse("surveys:edit_question", args=[survey.slug, question.pk])),
    ]

    assert [p.status_code for p in pages] == [200] * 4
    assert not any("Section 1" in p.content.decode() for p in pages)
    assert '<h3 id="section-' not in pages[0].content.decode()  # no heading of its own
    second = services.add_section(survey)
    builder = client.get(reverse("surveys:manage", args=[survey.slug])).content.decode()
    form = client.get(add_url(second, f"?type={Kind.YES_NO}")).content.decode()
    assert "Section 1 sur 2" in builder
    assert "Section 2 sur 2" in builder
    assert "Section 2" in form
