import pytest

from entraide.places.models import Place

pytestmark = pytest.mark.django_db


def form_data(place, **changes):
    data = {
        "name": place.name,
        "kind": place.kind,
        "region": place.region,
        "city": place.city,
        "summary": place.summary,
        "website": place.website,
        "description": place.description,
        "accessibility": place.accessibility,
    }
    return {**data, **changes}


def test_an_organiser_edits_the_page_of_their_place(client_for, bob, place):
    client = client_for(bob)
    assert "Gérer ce lieu" in client.get(place.get_absolute_url()).text
    response = client.post(
        f"/lieux/gerer/{place.slug}/",
        form_data(place, summary="Ateliers du mardi", website="laverriere.example.org"),
    )
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.summary == "Ateliers du mardi"
    assert place.website == "https://laverriere.example.org"


def test_someone_else_cannot_manage_the_place(client_for, alice, place):
    response = client_for(alice).get(f"/lieux/gerer/{place.slug}/")
    assert response.status_code == 403
    assert "réservée aux personnes qui animent ce lieu" in response.text
    post = client_for(alice).post(f"/lieux/gerer/{place.slug}/", form_data(place, name="Pris"))
    assert post.status_code == 403
    assert Place.objects.get().name == "La Verrière"


def test_a_visitor_is_asked_to_sign_in(client, place):
    response = client.get(f"/lieux/gerer/{place.slug}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/?next=")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "x" * 10_000}, "name", "au plus 200 caractères"),
        ({"website": "javascript:alert(1)"}, "website", "URL valide"),
        ({"name": ""}, "name", "obligatoire"),
        ({"region": "atlantide"}, "region", "choix valide"),
        ({"name": "La Verrière\r\nBcc: tout@example.org"}, "name", "sur une seule ligne"),
    ],
)
def test_bad_place_input_gets_a_400_and_changes_nothing(
    client_for, bob, place, changes, field, message
):
    response = client_for(bob).post(f"/lieux/gerer/{place.slug}/", form_data(place, **changes))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert Place.objects.get().name == "La Verrière"
    assert response.context["place"].name == "La Verrière"  # the title shows the saved name


def test_script_in_a_description_is_rendered_harmless(client_for, bob, place):
    client_for(bob).post(
        f"/lieux/gerer/{place.slug}/",
        form_data(place, description='<script>alert("x")</script><b onclick="x()">gras</b>'),
    )
    page = client_for(bob).get(place.get_absolute_url()).text
    assert "<script>alert" not in page
    assert "<b onclick" not in page
    assert "&lt;script&gt;" in page
