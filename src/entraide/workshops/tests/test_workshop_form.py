"""The workshop form guides: sections, required fields marked, Markdown explained, the
planned duration following the times, and a draft nobody ever registered for deleted."""

import re

import pytest

from entraide.workshops import services
from entraide.workshops.errors import WorkshopErrorCode
from entraide.workshops.models import Workshop
from entraide.workshops.tests.test_organising import form_data
from tests.factories import WorkshopFactory
from tests.text import squeeze

pytestmark = pytest.mark.django_db

MARKDOWN_HELP = (
    "Mise en forme Markdown : **gras**, *italique*, listes (lignes commençant par -), "
    "liens [texte](https://…). Le HTML est retiré."
)


def text(html):
    return squeeze(re.sub(r"<[^>]+>", "", html))


def test_the_form_is_in_four_sections(client_for, bob, place):
    page = client_for(bob).get(f"/ateliers/gerer/lieu/{place.slug}/nouvel-atelier/").text
    assert re.findall(r"<legend>(.*?)</legend>", page) == ["Quoi", "Quand", "Où", "Inscriptions"]
    assert page.count("<fieldset") == 4


def test_required_fields_are_marked_and_the_mark_is_explained_once(client_for, bob, place):
    page = client_for(bob).get(f"/ateliers/gerer/lieu/{place.slug}/nouvel-atelier/").text
    assert page.count("Les champs marqués * sont obligatoires.") == 1
    marked = re.findall(r'<label for="id_(\w+)"[^>]*>[^<]*<span class="required"', page)
    assert marked == ["title", "theme", "time_zone", "planned_minutes", "mode", "capacity"]
    assert '<span class="required" aria-hidden="true">*</span>' in page
    assert re.search(r'<input type="text" name="title"[^>]* required', page)


@pytest.mark.parametrize(
    "path",
    [
        "/ateliers/gerer/lieu/{place}/nouvel-atelier/",
        "/ateliers/gerer/lieu/{place}/nouveau-cycle/",
        "/sondages/gerer/lieu/{place}/nouveau/",
        "/lieux/gerer/{place}/",
    ],
)
def test_every_markdown_field_says_what_works(client_for, bob, place, path):
    page = client_for(bob).get(path.format(place=place.slug)).text
    help_id = re.search(r'<textarea name="description"[^>]*aria-describedby="([^"]+)"', page)
    assert help_id, "the description field is described by its help"
    help_text = re.search(rf'id="{help_id.group(1)}">(.*?)</div>', page, re.S).group(1)
    assert text(help_text) == MARKDOWN_HELP


def test_the_planned_duration_follows_the_times(client_for, bob, place):
    client = client_for(bob)
    client.post(
        f"/ateliers/gerer/lieu/{place.slug}/nouvel-atelier/",
        form_data(start_time="14:00", end_time="16:15", planned_minutes="90"),
    )
    assert Workshop.objects.get().planned_minutes == 135


def test_without_times_the_planned_duration_is_the_one_given(client_for, bob, place):
    client_for(bob).post(
        f"/ateliers/gerer/lieu/{place.slug}/nouvel-atelier/",
        form_data(date="", start_time="", end_time="", planned_minutes="45"),
    )
    assert Workshop.objects.get().planned_minutes == 45


def test_the_duration_field_says_it_follows_the_times(client_for, bob, place):
    page = client_for(bob).get(f"/ateliers/gerer/lieu/{place.slug}/nouvel-atelier/").text
    assert "Calculée à partir des heures de début et de fin quand elles sont données." in text(page)


def test_an_organiser_deletes_a_draft_nobody_registered_for(client_for, bob, place):
    draft = WorkshopFactory(place=place, status="brouillon", title="Essai")
    client = client_for(bob)
    manage_page = client.get(f"/ateliers/gerer/{draft.slug}/").text
    assert f'href="/ateliers/gerer/{draft.slug}/supprimer/"' in manage_page
    confirm = client.get(f"/ateliers/gerer/{draft.slug}/supprimer/")
    assert confirm.status_code == 200
    assert "<h1>Supprimer le brouillon « Essai » ?</h1>" in confirm.text
    assert Workshop.objects.filter(pk=draft.pk).exists()
    response = client.post(f"/ateliers/gerer/{draft.slug}/supprimer/", follow=True)
    assert response.redirect_chain == [(f"/ateliers/gerer/lieu/{place.slug}/", 302)]
    assert "Le brouillon est supprimé." in response.text
    assert not Workshop.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("status", ["publie", "annule"])
def test_a_workshop_once_published_cannot_be_deleted(client_for, bob, place, status):
    workshop = WorkshopFactory(place=place, status=status)
    client = client_for(bob)
    assert "supprimer/" not in client.get(f"/ateliers/gerer/{workshop.slug}/").text
    response = client.post(f"/ateliers/gerer/{workshop.slug}/supprimer/", follow=True)
    assert response.redirect_chain == [(f"/ateliers/gerer/{workshop.slug}/", 302)]
    codes = [m.extra_tags for m in response.context["messages"]]
    assert codes == [WorkshopErrorCode.NOT_A_BLANK_DRAFT]
    assert Workshop.objects.filter(pk=workshop.pk).exists()


def test_a_draft_someone_once_registered_for_cannot_be_deleted(client_for, bob, alice, place):
    workshop = WorkshopFactory(place=place)
    registration = services.register(workshop, by=alice)
    services.withdraw(Workshop.objects.get().registrations.get().pk)
    services.set_published(workshop, False)
    assert registration is not None
    client = client_for(bob)
    response = client.post(f"/ateliers/gerer/{workshop.slug}/supprimer/", follow=True)
    codes = [m.extra_tags for m in response.context["messages"]]
    assert codes == [WorkshopErrorCode.NOT_A_BLANK_DRAFT]
    assert Workshop.objects.filter(pk=workshop.pk).exists()


def test_someone_who_does_not_organise_the_place_cannot_delete_its_draft(client_for, alice, place):
    draft = WorkshopFactory(place=place, status="brouillon")
    assert client_for(alice).post(f"/ateliers/gerer/{draft.slug}/supprimer/").status_code in (
        403,
        404,
    )
    assert Workshop.objects.filter(pk=draft.pk).exists()


def test_the_time_zones_are_offered_by_name_never_by_code(client_for, bob, place):
    page = client_for(bob).get(f"/ateliers/gerer/lieu/{place.slug}/nouvel-atelier/").text
    options = re.findall(r'<option value="([\w/]+)"[^>]*>([^<]*)</option>', page)
    zones = [(value, label) for value, label in options if "/" in value]
    assert zones == [
        ("Europe/Paris", "Heure de Paris"),
        ("America/Guadeloupe", "Heure de la Guadeloupe"),
        ("America/Martinique", "Heure de la Martinique"),
        ("America/Cayenne", "Heure de la Guyane"),
        ("Indian/Reunion", "Heure de La Réunion"),
        ("Indian/Mayotte", "Heure de Mayotte"),
    ]


def test_asking_to_delete_a_published_workshop_says_why_before_any_confirmation(
    client_for, bob, place
):
    workshop = WorkshopFactory(place=place, status="publie")
    response = client_for(bob).get(f"/ateliers/gerer/{workshop.slug}/supprimer/", follow=True)
    assert response.redirect_chain == [(f"/ateliers/gerer/{workshop.slug}/", 302)]
    codes = [m.extra_tags for m in response.context["messages"]]
    assert codes == [WorkshopErrorCode.NOT_A_BLANK_DRAFT]
    assert "Seul un brouillon" in squeeze(response.text)


@pytest.mark.parametrize(
    ("cancelled", "past", "code"),
    [
        (True, False, WorkshopErrorCode.ALREADY_CANCELLED),
        (False, True, WorkshopErrorCode.WORKSHOP_PAST),
    ],
)
def test_asking_to_cancel_a_registration_that_cannot_be_says_why_with_the_services_rule(
    client_for, bob, alice, place, cancelled, past, code
):
    workshop = WorkshopFactory(place=place)
    services.register(workshop, by=alice)
    registration = workshop.registrations.get()
    if cancelled:
        services.withdraw(registration.pk)
    if past:
        Workshop.objects.filter(pk=workshop.pk).update(
            starts_at=workshop.starts_at.replace(year=2020),
            ends_at=workshop.ends_at.replace(year=2020),
        )
    pages = [  # the organiser's, then the participant's
        (bob, f"/ateliers/gerer/{workshop.slug}/participants/{registration.pk}/annuler/"),
        (alice, f"/ateliers/mes-inscriptions/{registration.pk}/annuler/"),
    ]
    for person, url in pages:
        response = client_for(person).get(url, follow=True)
        assert response.redirect_chain, url  # no confirmation page
        assert [m.extra_tags for m in response.context["messages"]] == [code]
