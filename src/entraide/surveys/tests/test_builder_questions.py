"""The question form and the builder's question buttons: add, edit (only the wording once
answers came), move, duplicate, delete."""

import pytest
from django.urls import reverse

from entraide.surveys.errors import SurveyErrorCode
from entraide.surveys.models import Kind
from entraide.surveys.tests.conftest import record

pytestmark = pytest.mark.django_db


def question_data(**changes):
    return {"kind": Kind.SINGLE, "text": "Votre âge ?", "choices": "Moins de 20\n20 et plus"} | (
        changes
    )


def add_url(section, kind):
    """The form of a new question of `kind` (chosen on the page before)."""
    return reverse("surveys:add_question", args=[section.survey.slug, section.pk]) + (
        f"?type={kind}"
    )


def test_adding_a_question_puts_it_at_the_end_of_its_section(client_for, survey, bob):
    section = survey.sections.first()
    url = add_url(section, Kind.SINGLE)

    response = client_for(bob).post(url, question_data(max_choices="", scale="0-10"))

    added = section.questions.last()
    assert response.status_code == 302
    labels = [c.label for c in added.choices.all()]
    assert (added.text, added.position, added.scale_max, labels) == (
        "Votre âge ?", 3, None, ["Moins de 20", "20 et plus"],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        (question_data(choices="Une seule"), "choices", SurveyErrorCode.NO_CHOICES),
        (question_data(kind=Kind.SCALE), "scale", SurveyErrorCode.BAD_SCALE),
        (
            question_data(kind=Kind.NUMBER, number_min="10", number_max="2"),
            "number_max",
            SurveyErrorCode.BAD_BOUNDS,
        ),
        (question_data(text=""), "text", "required"),
    ],
    ids=["one choice", "no scale", "bounds upside down", "no text"],
)
def test_a_bad_question_is_refused_beside_its_field_and_nothing_saved(
    client_for, survey, bob, data, field, code
):
    section = survey.sections.first()
    url = add_url(section, data["kind"])

    response = client_for(bob).post(url, data)

    assert response.status_code == 400
    assert response.context["form"].has_error(field, code)
    assert f'id="id_{field}_error"' in response.content.decode()
    assert survey.questions.count() == 7


def test_a_question_with_answers_shows_only_its_wording_as_editable(client_for, survey, bob):
    single = survey.questions.get(text="Vous êtes…")
    record(survey, {"Vous êtes…": "Public"})
    record(survey, {"Vous êtes…": "Personnel"})
    url = reverse("surveys:edit_question", args=[survey.slug, single.pk])

    page = client_for(bob).get(url).content.decode()

    assert (
        "Cette question a déjà 2 réponses\u00a0: seule la formulation peut changer, pour que les "
        "résultats restent justes."
    ) in page
    assert "Type de question\u00a0: <strong>Choix unique</strong>" in page
    assert "Changer de type" not in page


def test_relabelling_a_choice_of_an_answered_question_is_saved(client_for, survey, bob):
    single = survey.questions.get(text="Vous êtes…")
    record(survey, {"Vous êtes…": "Public"})
    url = reverse("surveys:edit_question", args=[survey.slug, single.pk])

    response = client_for(bob).post(
        url,
        {
            "kind": Kind.MULTIPLE,
            "text": "Vous êtes :",
            "choices": "Étudiant·e\nPersonnel\nVisiteur",
        },
    )

    single.refresh_from_db()
    assert response.status_code == 302
    assert (single.kind, single.text, [c.label for c in single.choices.all()]) == (
        Kind.SINGLE, "Vous êtes :", ["Étudiant·e", "Personnel", "Visiteur"],
    )  # fmt: skip


def test_adding_a_choice_to_an_answered_question_is_refused(client_for, survey, bob):
    single = survey.questions.get(text="Vous êtes…")
    record(survey, {"Vous êtes…": "Public"})
    url = reverse("surveys:edit_question", args=[survey.slug, single.pk])

    response = client_for(bob).post(
        url, {"text": "Vous êtes…", "choices": "Étudiant·e\nPersonnel\nPublic\nAutre"}
    )

    assert response.status_code == 400
    assert response.context["form"].has_error("choices", SurveyErrorCode.HAS_ANSWERS)
    assert single.choices.count() == 3


def test_the_builder_buttons_move_duplicate_and_delete(client_for, survey, bob):
    client = client_for(bob)
    first, second = survey.questions.all()[:2]

    client.post(reverse("surveys:question_down", args=[survey.slug, first.pk]))
    client.post(reverse("surveys:duplicate_question", args=[survey.slug, second.pk]))
    client.post(reverse("surveys:delete_question", args=[survey.slug, first.pk]))

    assert [q.text for q in survey.sections.first().questions.order_by("position")] == [
        "Heures d'écran par jour", "Heures d'écran par jour", "Quelles applications ?",
    ]  # fmt: skip


def test_deleting_an_answered_question_is_refused_with_a_message(client_for, survey, bob):
    single = survey.questions.get(text="Vous êtes…")
    record(survey, {"Vous êtes…": "Public"})

    response = client_for(bob).post(
        reverse("surveys:delete_question", args=[survey.slug, single.pk]), follow=True
    )

    assert [m.extra_tags for m in response.context["messages"]] == [SurveyErrorCode.HAS_ANSWERS]
    assert survey.questions.count() == 7


def test_answered_questions_and_their_section_offer_no_delete_button(client_for, survey, bob):
    single = survey.questions.get(text="Vous êtes…")
    second = survey.sections.last()
    record(survey, {"Vous êtes…": "Public"})

    page = client_for(bob).get(reverse("surveys:manage", args=[survey.slug])).content.decode()

    deletes = [
        reverse("surveys:delete_question", args=[survey.slug, single.pk]),
        reverse("surveys:delete_section", args=[survey.slug, single.section_id]),
        reverse("surveys:delete_question", args=[survey.slug, second.questions.first().pk]),
        reverse("surveys:delete_section", args=[survey.slug, second.pk]),
    ]
    assert [url in page for url in deletes] == [False, False, True, True]


EVERY_ANSWER = {
    "Vous êtes…": "Public",
    "Heures d'écran par jour": 5,
    "Quelles applications ?": ["Vidéo", "Jeux"],
    "Dépendance ressentie": 3,
    "Souhaitez-vous réduire ?": "Oui",
    "Un mot pour le dire": "Trop",
    "Une heure de plus, vous feriez quoi ?": "Dormir",
}


@pytest.mark.parametrize("text", list(EVERY_ANSWER), ids=range(7))
def test_the_wording_of_an_answered_question_of_any_kind_can_change(client_for, survey, bob, text):
    question = survey.questions.get(text=text)
    record(survey, EVERY_ANSWER)
    labels = [c.label for c in question.choices.all()]
    url = reverse("surveys:edit_question", args=[survey.slug, question.pk])

    response = client_for(bob).post(
        url, {"text": f"{text} (reformulée)", "help_text": "Aide", "choices": "\n".join(labels)}
    )

    question.refresh_from_db()
    assert response.status_code == 302
    assert (question.text, question.help_text, [c.label for c in question.choices.all()]) == (
        f"{text} (reformulée)", "Aide", labels,
    )  # fmt: skip
