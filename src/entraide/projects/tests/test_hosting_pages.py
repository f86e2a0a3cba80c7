"""The page "Accueillir cet atelier dans mon lieu" (/projets/<catalogue>/<project>/accueillir/):
what it offers the team of a place, what it makes, and what it refuses."""

import pytest

from entraide.places.models import Place
from entraide.polls.models import Poll, Slot
from entraide.projects.errors import ProjectErrorCode
from entraide.projects.models import Hosting, OutputKind
from entraide.projects.services.hosting import host
from entraide.projects.tests.conftest import build_project
from entraide.workshops.models import Series, Workshop
from tests.factories import PlaceFactory, in_days

pytestmark = pytest.mark.django_db


def url(project):
    return f"{project.get_absolute_url()}accueillir/"


def posted(place, **changes):
    return {
        "place": place.pk,
        "title": "Lève les yeux",
        "minutes": "90",
        "capacity": "15",
        "sessions": "3",
        "time_zone": "Europe/Paris",
        **changes,
    }


def _counts():
    return (
        Hosting.objects.count(),
        Series.objects.count(),
        Workshop.objects.count(),
        Poll.objects.count(),
    )


def test_the_page_shows_the_project_the_places_one_runs_and_the_prefilled_fields(
    client_for, workshops_project, place, bob
):
    PlaceFactory(name="Maison pour tous Voltaire", organisers=[bob])
    PlaceFactory(name="Le lieu d’à côté")

    response = client_for(bob).get(url(workshops_project))

    page = response.content.decode()
    assert response.status_code == 200
    assert workshops_project.summary in page
    assert ("La Verrière" in page, "Maison pour tous Voltaire" in page) == (True, True)
    assert "Le lieu d’à côté" not in page
    assert response.context["form"]["sessions"].value() == 3
    assert response.context["form"]["minutes"].value() == 90
    assert 'name="open_poll"' in page


def test_the_only_place_one_runs_is_chosen_already(client_for, workshops_project, place, bob):
    response = client_for(bob).get(url(workshops_project))

    assert response.context["form"]["place"].value() == place.pk
    assert f'value="{place.pk}" required id="id_place_0" checked' in response.content.decode()


def test_among_several_places_none_is_chosen_for_the_person(
    client_for, workshops_project, place, bob
):
    PlaceFactory(name="Maison pour tous Voltaire", organisers=[bob])

    response = client_for(bob).get(url(workshops_project))

    assert response.context["form"]["place"].value() is None


def test_a_place_team_member_makes_the_draft_series_and_its_poll_and_lands_on_the_poll(
    client_for, workshops_project, place, bob
):
    day = in_days(10)
    data = posted(
        place,
        open_poll="on",
        slot_1_date=day.date().isoformat(),
        slot_1_time="18:00",
        slot_2_date=in_days(12).date().isoformat(),
        slot_2_time="14:30",
    )

    response = client_for(bob).post(url(workshops_project), data, follow=True)

    poll = Poll.objects.get()
    assert response.redirect_chain == [(f"/sondages/gerer/{poll.slug}/", 302)]
    assert _counts() == (1, 1, 3, 1)
    assert [str(m) for m in response.context["messages"]] == [
        "Brouillon créé à La Verrière, sa date à fixer\u00a0: le sondage de disponibilité est "
        "ouvert. Fixer l’un de ses créneaux donne sa date à l’atelier."
    ]
    assert list(Slot.objects.values_list("starts_at", "ends_at")) == [
        (day, in_days(10, 19).replace(minute=30)),
        (in_days(12, 14).replace(minute=30), in_days(12, 16)),
    ]
    assert poll.workshop == Workshop.objects.get(position=1)
    assert Hosting.objects.get().poll_id == poll.pk


def test_without_a_poll_the_draft_workshop_s_page_follows(client_for, catalogue, place, bob):
    project = build_project(catalogue, title="Fresque du numérique", kind=OutputKind.WORKSHOP)

    response = client_for(bob).post(url(project), posted(place, sessions="1"))

    workshop = Workshop.objects.get()
    assert response.status_code == 302
    assert response.url == f"/ateliers/gerer/{workshop.slug}/"
    assert (workshop.title, workshop.starts_at, Poll.objects.count()) == ("Lève les yeux", None, 0)


def test_posting_a_place_one_does_not_run_is_forbidden(client_for, workshops_project, place, bob):
    other = PlaceFactory(name="Pas le sien")

    response = client_for(bob).post(url(workshops_project), posted(other))

    assert response.status_code == 403
    assert _counts() == (0, 0, 0, 0)


def test_someone_running_no_place_is_told_only_a_place_team_can_host(
    client_for, workshops_project, alice
):
    response = client_for(alice).get(url(workshops_project))

    assert response.status_code == 403
    assert "Seule l’équipe d’un lieu peut accueillir un atelier" in response.content.decode()
    assert 'href="/lieux/"' in response.content.decode()


def test_a_visitor_is_sent_to_sign_in(client, workshops_project):
    response = client.get(url(workshops_project))

    assert response.status_code == 302
    assert "/connexion/" in response.url or "login" in response.url


@pytest.mark.parametrize(
    "address",
    [
        "/projets/entraide-et-action-collective/n-existe-pas/accueillir/",
        "/projets/faux-catalogue/co-animation-d-ateliers-participatifs-et-preventifs/accueillir/",
    ],
)
def test_a_forged_project_is_not_found(client_for, workshops_project, bob, address):
    assert client_for(bob).get(address).status_code == 404


def test_a_project_not_leading_to_a_workshop_has_no_hosting_page(client_for, stories_project, bob):
    assert client_for(bob).get(url(stories_project)).status_code == 404


def test_a_second_hosting_at_the_same_place_is_refused_beside_the_place(
    client_for, workshops_project, place, bob
):
    host(workshops_project, place, by=bob)

    response = client_for(bob).post(url(workshops_project), posted(place))

    assert response.status_code == 400
    assert response.context["form"].has_error("place", ProjectErrorCode.ALREADY_HOSTED)
    assert _counts() == (1, 1, 3, 0)


def test_a_slot_in_the_past_is_refused_and_nothing_is_made(
    client_for, workshops_project, place, bob
):
    data = posted(
        place, open_poll="on", slot_1_date=in_days(-3).date().isoformat(), slot_1_time="18:00"
    )

    response = client_for(bob).post(url(workshops_project), data)

    assert response.status_code == 400
    assert response.context["form"].has_error("slot_1_date", "slot_in_past")
    assert _counts() == (0, 0, 0, 0)


def test_a_poll_without_slots_is_refused(client_for, workshops_project, place, bob):
    response = client_for(bob).post(url(workshops_project), posted(place, open_poll="on"))

    assert response.status_code == 400
    assert response.context["form"].has_error("slot_1_date", "no_slot")
    assert _counts() == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "x" * 10_000}, "title"),
        ({"title": "Deux\nlignes"}, "title"),
        ({"capacity": "0"}, "capacity"),
        ({"sessions": "500"}, "sessions"),
        ({"minutes": "quatre-vingt-dix"}, "minutes"),
    ],
)
def test_bad_fields_are_refused_beside_them(
    client_for, workshops_project, place, bob, changes, field
):
    response = client_for(bob).post(url(workshops_project), posted(place, **changes))

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert _counts() == (0, 0, 0, 0)


def test_script_in_the_project_and_the_title_is_shown_as_text(client_for, catalogue, place, bob):
    project = build_project(
        catalogue,
        title="<script>alert(1)</script>",
        summary="<script>alert(2)</script>",
        kind=OutputKind.WORKSHOP,
    )
    place.name = "<script>alert(3)</script>"
    place.save()

    page = client_for(bob).get(url(project)).content.decode()

    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page


def test_the_place_s_team_can_host_a_draft_project_of_its_own_catalogue(
    client_for, catalogue, place, bob
):
    draft = build_project(catalogue, title="Brouillon", kind=OutputKind.WORKSHOP, published_at=None)

    assert client_for(bob).get(url(draft)).status_code == 200
    assert Place.objects.count() == 1


def test_without_the_polls_app_no_poll_is_offered_and_the_draft_is_still_made(
    client_for, workshops_project, place, bob, monkeypatch
):
    monkeypatch.setattr("entraide.projects.services.hosting.can_open_poll", lambda: False)
    client = client_for(bob)

    page = client.get(url(workshops_project)).content.decode()
    response = client.post(url(workshops_project), posted(place, open_poll="on"))

    assert ('name="open_poll"' in page, 'name="slot_1_date"' in page) == (False, False)
    assert response.status_code == 302
    assert _counts() == (1, 1, 3, 0)
