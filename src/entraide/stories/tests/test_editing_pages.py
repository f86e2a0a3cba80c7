"""The editors' pages: creating a collection, its settings page (themes, code, writers,
consent form and its versions, publication); who may see them; hostile input."""

import pytest
from django.core import mail

from entraide.stories.models import Collection, ConsentForm, Theme, Writer
from entraide.stories.tests.conftest import build_collection, consented
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script><b>gras</b>"


def test_a_person_running_a_place_creates_a_collection_there(client_for, bob, place):
    page = client_for(bob).get("/recits/nouveau/")
    assert page.status_code == 200
    assert "La Verrière" in page.text
    response = client_for(bob).post(
        "/recits/nouveau/", {"place": place.pk, "title": "Récits", "code_open": "on"}
    )
    collection = Collection.objects.get()
    assert response["Location"] == collection.manage_url() == "/recits/recits/gerer/"
    assert (collection.place, collection.code_open, collection.published_at) == (place, True, None)
    assert collection.themes.count() == 6


def test_a_person_running_no_place_is_told_clearly(client_for, alice):
    page = client_for(alice).get("/recits/nouveau/")
    assert page.status_code == 403
    assert "Seule l’équipe d’un lieu peut créer une collection" in page.text
    assert client_for(alice).post("/recits/nouveau/", {"title": "x"}).status_code == 403


def test_nobody_creates_a_collection_for_a_place_they_do_not_run(client_for, charlie, place):
    PlaceFactory(organisers=[charlie])
    response = client_for(charlie).post("/recits/nouveau/", {"place": place.pk, "title": "x"})
    assert response.status_code == 400
    assert Collection.objects.count() == 0


def test_the_settings_page_shows_the_code_writers_themes_and_consent_versions(
    client_for, bob, collection, writer, story_by, alice
):
    Writer.objects.create(
        collection=collection, email="lea@example.org", invited_at=writer.joined_at
    )
    consented(story_by(alice))
    page = client_for(bob).get(collection.manage_url()).text
    assert '<p class="team-code">ABCD2345</p>' in page
    assert "Alice" in page
    assert "lea@example.org" in page
    assert "Sobriété" in page
    assert "<td>1</td><td>" in page  # version 1 …
    assert "<td>1</td></tr>" in page  # … and the one consent given to it


@pytest.mark.parametrize("who", ["alice", "charlie"])
def test_only_the_team_of_the_place_sees_the_settings_page(request, client_for, collection, who):
    PlaceFactory(organisers=[request.getfixturevalue("charlie")])
    client = client_for(request.getfixturevalue(who))
    assert client.get(collection.manage_url()).status_code == 403
    assert client.post(collection.manage_url(), {"title": "x"}).status_code == 403
    assert client.post(f"{collection.manage_url()}publication/").status_code == 403
    assert (
        client.post(f"{collection.manage_url()}redacteurs/", {"addresses": "a@b.org"}).status_code
        == 403
    )
    assert client.get("/recits/inconnu/gerer/").status_code == 404
    assert mail.outbox == []


def test_script_in_every_field_is_kept_as_text_never_run(client_for, bob, collection):
    client = client_for(bob)
    response = client.post(
        collection.manage_url(),
        {
            "title": SCRIPT,
            "description": SCRIPT,
            "interview_guide": SCRIPT,
            "length_guidance": SCRIPT,
        },
    )
    assert response.status_code == 302
    client.post(f"{collection.manage_url()}themes/", {"name": "<i>t</i>"})
    client.post(f"{collection.manage_url()}consentement/", {"text": SCRIPT})
    page = client.get(collection.manage_url()).text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;i&gt;t&lt;/i&gt;" in page


def test_overlong_fields_are_refused_beside_the_field_nothing_saved(client_for, bob, collection):
    client = client_for(bob)
    response = client.post(collection.manage_url(), {"title": "x" * 10_000, "interview_guide": "g"})
    assert response.status_code == 400
    assert response.context["form"].has_error("title")
    collection.refresh_from_db()
    assert collection.title == "Récits de la transition"
    response = client.post(f"{collection.manage_url()}themes/", {"name": "t" * 10_000})
    assert response.status_code == 400
    assert response.context["theme_form"].has_error("name")
    response = client.post(f"{collection.manage_url()}consentement/", {"text": "c" * 30_000})
    assert response.status_code == 400
    assert ConsentForm.objects.filter(collection=collection).count() == 1


def test_bad_addresses_are_listed_beside_the_field(client_for, bob, collection):
    response = client_for(bob).post(
        f"{collection.manage_url()}redacteurs/", {"addresses": "ok@example.org\n<b>nope</b>"}
    )
    assert response.status_code == 400
    assert response.context["invite_form"].has_error("addresses", "bad_address")
    assert "&lt;b&gt;nope&lt;/b&gt;" in response.text
    assert mail.outbox == []
    assert not Writer.objects.exists()


def test_inviting_then_removing_a_writer_from_the_page(client_for, bob, collection):
    client = client_for(bob)
    response = client.post(
        f"{collection.manage_url()}redacteurs/", {"addresses": "a@example.org\na@example.org"}
    )
    assert response.status_code == 302
    writer = Writer.objects.get()
    assert len(mail.outbox) == 1
    client.post(f"{collection.manage_url()}redacteurs/{writer.pk}/retirer/")
    assert not Writer.objects.exists()


def test_removing_a_used_theme_says_how_many_stories_lose_it(
    client_for, bob, collection, story_by, alice
):
    theme = collection.themes.first()
    story_by(alice).themes.add(theme)
    url = f"{collection.manage_url()}themes/{theme.pk}/retirer/"
    confirm = client_for(bob).get(url)
    assert "1 récit" in confirm.text
    assert Theme.objects.filter(pk=theme.pk).exists()  # GET changes nothing
    client_for(bob).post(url)
    assert not Theme.objects.filter(pk=theme.pk).exists()


def test_a_theme_of_another_collection_is_not_found(client_for, bob, collection, place):
    other = build_collection(place, slug="autre", code="ZZZZ2345")
    theme = other.themes.first()
    url = f"{collection.manage_url()}themes/{theme.pk}/retirer/"
    assert client_for(bob).post(url).status_code == 404


def test_publishing_the_collection_from_its_page(client_for, bob, place):
    collection = build_collection(place, public=False)
    client_for(bob).post(f"{collection.manage_url()}publication/", {"publish": "1"})
    collection.refresh_from_db()
    assert collection.is_public
    client_for(bob).post(f"{collection.manage_url()}publication/")
    collection.refresh_from_db()
    assert not collection.is_public


def test_a_new_code_from_the_page(client_for, bob, collection):
    client_for(bob).post(f"{collection.manage_url()}code/")
    collection.refresh_from_db()
    assert collection.code != "ABCD2345"
    assert client_for(bob).get(f"{collection.manage_url()}code/").status_code == 405


def test_the_settings_page_costs_the_same_queries_with_many_writers_and_themes(
    client_for, bob, collection, django_assert_num_queries
):
    client = client_for(bob)
    client.get(collection.manage_url())
    with django_assert_num_queries(QUERIES):
        client.get(collection.manage_url())
    for n in range(30):
        Writer.objects.create(collection=collection, email=f"p{n}@example.org")
        Theme.objects.create(collection=collection, name=f"T{n}", slug=f"t{n}")
    with django_assert_num_queries(QUERIES):
        client.get(collection.manage_url())


QUERIES = 8
