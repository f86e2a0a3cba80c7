"""A hostile user on "Accueillir cet atelier dans mon lieu": garbage in every field (a place
that is no number, too large for the database, or run by others; an unknown time zone; an
impossible date), the form sent twice, GET with the form's fields. Always a 4xx beside the
field or a 403, never a 500, nothing made twice."""

import pytest

from entraide.projects.models import Hosting
from entraide.projects.tests.test_hosting_pages import _counts, posted, url
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"place": "abc"}, "place"),
        ({"place": "9" * 30}, "place"),
        ({"place": ""}, "place"),
        ({"minutes": "9" * 30}, "minutes"),
        ({"capacity": "-1"}, "capacity"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"open_poll": "on", "slot_1_date": "2099-13-45", "slot_1_time": "10:00"}, "slot_1_date"),
        ({"open_poll": "on", "slot_1_date": "2099-01-10", "slot_1_time": "25:61"}, "slot_1_time"),
    ],
)
def test_garbage_in_the_hosting_form_is_refused_beside_its_field(
    client_for, workshops_project, place, bob, changes, field
):
    response = client_for(bob).post(url(workshops_project), {**posted(place), **changes})
    assert response.status_code == 400
    assert response.context["form"].has_error(field)
    assert _counts() == (0, 0, 0, 0)


def test_hosting_at_a_place_run_by_others_is_forbidden_even_next_to_ones_own(
    client_for, workshops_project, place, bob
):
    others = PlaceFactory(name="Ailleurs", organisers=[UserFactory()])
    response = client_for(bob).post(url(workshops_project), posted(others))
    assert response.status_code == 403
    assert _counts() == (0, 0, 0, 0)


def test_the_hosting_form_sent_twice_makes_one_draft(client_for, workshops_project, place, bob):
    client = client_for(bob)
    assert client.post(url(workshops_project), posted(place)).status_code == 302
    made = _counts()
    response = client.post(url(workshops_project), posted(place))
    assert response.status_code == 400
    assert response.context["form"].has_error("place")
    assert _counts() == made
    assert Hosting.objects.count() == 1


def test_get_with_the_forms_fields_makes_nothing(client_for, workshops_project, place, bob):
    response = client_for(bob).get(url(workshops_project), posted(place))
    assert response.status_code == 200
    assert _counts() == (0, 0, 0, 0)


@pytest.mark.parametrize("slug", ["inconnu", "%3Cscript%3E", "a" * 300])
def test_a_forged_hub_is_not_found(client_for, bob, slug):
    assert client_for(bob).get(f"/projets/accueils/{slug}/").status_code == 404
