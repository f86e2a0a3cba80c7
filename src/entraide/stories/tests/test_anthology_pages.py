# ruff: noqa: F811 - the fixtures of anthology_scenes are imported by name
"""The editors' anthology pages: the list and a new one, an anthology's page, the printable
page and the files; who may see them; what bad input gets."""

import pytest
from django.core.files.storage import default_storage

from entraide.stories.errors import StoryErrorCode
from entraide.stories.models import Anthology, AnthologyExport, Story
from entraide.stories.services import anthology as services
from entraide.stories.tests.anthology_scenes import (  # noqa: F401
    anthology,
    build_now,
    immediate_tasks,
    public_story,
    stories,
)

pytestmark = pytest.mark.django_db


def titles_in_order(page, titles):
    positions = [page.index(title) for title in titles]
    return positions == sorted(positions)


def test_an_editor_creates_an_anthology_and_lands_on_its_page(client, bob, collection):
    client.force_login(bob)

    response = client.post(
        collection.anthologies_url(), {"title": "Volume 1", "introduction": "Des *voix*."}
    )

    anthology = Anthology.objects.get()
    assert response.status_code == 302
    assert response["Location"] == anthology.manage_url()
    assert anthology.introduction_html == "<p>Des <em>voix</em>.</p>\n"
    page = client.get(collection.anthologies_url()).content.decode()
    assert "Volume 1" in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 10_000}, "title"),
        ({"title": "Deux\nlignes"}, "title"),
        ({"title": "Ok", "introduction": "x" * 20_001}, "introduction"),
    ],
    ids=["empty", "long title", "two lines", "long introduction"],
)
def test_a_bad_anthology_is_refused_beside_its_field_and_nothing_is_saved(
    client, bob, collection, data, field
):
    client.force_login(bob)

    response = client.post(collection.anthologies_url(), data)

    assert response.status_code == 400
    assert response.context["form"].has_error(field)
    assert Anthology.objects.count() == 0


def test_the_page_shows_the_stories_in_order_and_offers_the_others(
    client, bob, anthology, collection, alice, stories
):
    extra = public_story(collection, alice, "Une autre voix", interviewee_name="Zoé Lenoir")
    services.move_story(anthology, stories[2].pk, -1)
    client.force_login(bob)

    page = client.get(anthology.manage_url()).content.decode()

    assert titles_in_order(page, ["Réparer ensemble", "Quitter la tour", "L’énergie des femmes"])
    assert f'<option value="{extra.pk}">Une autre voix — Zoé Lenoir</option>' in page


def test_the_editor_picks_moves_and_takes_out_stories(
    client, bob, anthology, stories, collection, alice
):
    extra = public_story(collection, alice, "Une autre voix")
    client.force_login(bob)
    base = anthology.manage_url()

    assert client.post(base + "recits/", {"story": extra.pk}).status_code == 302
    assert client.post(base + f"recits/{extra.pk}/monter/").status_code == 302
    assert client.post(base + f"recits/{stories[0].pk}/descendre/").status_code == 302
    assert client.post(base + f"recits/{stories[1].pk}/retirer/").status_code == 302

    assert list(anthology.entries.values_list("story__title", flat=True)) == [
        "Réparer ensemble", "Une autre voix", "Quitter la tour"
    ]  # fmt: skip


def test_a_story_that_is_not_public_is_refused_beside_the_field(
    client, bob, anthology, story_by, alice
):
    draft = story_by(alice, title="Brouillon")
    client.force_login(bob)

    response = client.post(anthology.manage_url() + "recits/", {"story": draft.pk})

    assert response.status_code == 400
    assert response.context["pick_form"].has_error("story", StoryErrorCode.NOT_PUBLIC)
    assert anthology.entries.count() == 3


@pytest.mark.parametrize("value", ["", "abc", "-1", "99999999"])
def test_a_forged_story_number_is_refused(client, bob, anthology, value):
    client.force_login(bob)

    response = client.post(anthology.manage_url() + "recits/", {"story": value})

    assert response.status_code == 400
    assert anthology.entries.count() == 3


def test_moving_a_story_that_is_not_in_the_anthology_says_so(client, bob, anthology):
    client.force_login(bob)

    response = client.post(anthology.manage_url() + "recits/99999/monter/", follow=True)

    assert [m.extra_tags for m in response.context["messages"]] == [StoryErrorCode.NOT_PICKED]


def test_script_in_the_title_and_introduction_is_escaped_on_the_pages(
    client, bob, anthology, stories
):
    anthology.title = "<script>alert(1)</script>"
    anthology.introduction = "<script>alert(2)</script> <b>gras</b>"
    anthology.save()
    client.force_login(bob)

    for url in (anthology.manage_url(), anthology.manage_url() + "imprimer/"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url


def test_the_printable_page_holds_the_public_stories_in_order_and_its_date(
    client, bob, anthology, stories
):
    Story.objects.filter(pk=stories[1].pk).update(consented_text=False)
    client.force_login(bob)

    response = client.get(anthology.manage_url() + "imprimer/")

    page = response.content.decode()
    assert response.status_code == 200
    assert titles_in_order(page, ["Réparer ensemble", "Quitter la tour", "Ce recueil contient"])
    assert "L’énergie des femmes" not in page
    assert "Portrait de Le Méditant" in page
    assert "Exporté le" in page


def test_building_shows_the_export_then_its_download_for_the_editor_only(
    client,
    bob,
    charlie,
    alice,
    anthology,
    stories,
    immediate_tasks,
    django_capture_on_commit_callbacks,
):
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(anthology.manage_url() + "exporter/", {"format": "epub"})
    assert response.status_code == 302
    export = AnthologyExport.objects.get()
    download = anthology.manage_url() + f"fichiers/{export.pk}/"

    page = client.get(anthology.manage_url()).content.decode()
    got = client.get(download)

    assert download in page
    assert "Il contient 3 récits" in page
    assert got.status_code == 200
    assert got["Content-Type"] == "application/epub+zip"
    assert b"".join(got.streaming_content) == default_storage.open(export.file.name).read()
    for person, status in ((charlie, 403), (alice, 403)):
        client.force_login(person)
        assert client.get(download).status_code == status
    client.logout()
    assert client.get(download).status_code == 302  # to sign in


def test_a_waiting_export_shows_its_progress_and_a_second_one_is_refused(
    client, bob, anthology, stories
):
    client.force_login(bob)
    client.post(anthology.manage_url() + "exporter/", {"format": "pdf"})  # the worker is away
    AnthologyExport.objects.update(status="en-cours", progress=40)

    again = client.post(anthology.manage_url() + "exporter/", {"format": "pdf"})

    assert again.status_code == 400
    page = again.content.decode()
    assert 'value="40"' in page
    assert "Actualiser" in page
    assert AnthologyExport.objects.count() == 1


def test_a_bad_format_is_refused(client, bob, anthology):
    client.force_login(bob)

    response = client.post(anthology.manage_url() + "exporter/", {"format": "docx"})

    assert response.status_code == 400
    assert AnthologyExport.objects.count() == 0


def test_an_empty_anthology_cannot_be_exported(client, bob, collection):
    anthology = services.create_anthology(collection, title="Vide")
    client.force_login(bob)

    response = client.post(anthology.manage_url() + "exporter/", {"format": "epub"})

    assert response.status_code == 400
    assert AnthologyExport.objects.count() == 0


def test_a_failed_export_tells_the_editor_and_can_be_deleted(client, bob, anthology, stories):
    export = AnthologyExport.objects.create(
        anthology=anthology, format="pdf", status="echec", error="OSError"
    )
    client.force_login(bob)

    page = client.get(anthology.manage_url()).content.decode()
    deleted = client.post(anthology.manage_url() + f"fichiers/{export.pk}/supprimer/")

    assert "La fabrication a échoué" in page
    assert client.get(anthology.manage_url() + f"fichiers/{export.pk}/").status_code == 404
    assert deleted.status_code == 302
    assert AnthologyExport.objects.count() == 0


def test_deleting_a_ready_export_deletes_its_file(
    client, bob, anthology, stories, immediate_tasks, django_capture_on_commit_callbacks
):
    export = build_now(anthology, "epub", bob, django_capture_on_commit_callbacks)
    client.force_login(bob)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(anthology.manage_url() + f"fichiers/{export.pk}/supprimer/")

    assert not default_storage.exists(export.file.name)


@pytest.mark.parametrize(
    "suffix", ["", "imprimer/", "recits/", "exporter/", "fichiers/1/", "recits/1/monter/"]
)
def test_other_people_are_refused_and_unknown_anthologies_not_found(
    client, charlie, alice, bob, anthology, suffix
):
    url = anthology.manage_url() + suffix
    get = client.post if suffix in ("recits/", "exporter/", "recits/1/monter/") else client.get
    for person in (charlie, alice):
        client.force_login(person)
        assert get(url).status_code == 403
    client.force_login(bob)
    other = url.replace(f"/recueils/{anthology.pk}/", "/recueils/99999/")
    assert get(other).status_code == 404
    assert get(url.replace("/recits-de-la-transition/", "/inconnue/")).status_code == 404


def test_an_anthology_of_another_collection_is_not_found_through_this_one(
    client, bob, anthology, place
):
    from entraide.stories.tests.conftest import build_collection

    other = build_collection(place, title="Autre", slug="autre", code="ZZZZ2345")
    client.force_login(bob)

    assert client.get(f"{other.anthologies_url()}{anthology.pk}/").status_code == 404


def test_the_list_is_refused_to_other_people(client, charlie, collection):
    client.force_login(charlie)

    assert client.get(collection.anthologies_url()).status_code == 403


def test_a_second_anthology_with_the_same_title_is_refused(client, bob, collection):
    client.force_login(bob)
    client.post(collection.anthologies_url(), {"title": "Volume 1"})

    again = client.post(collection.anthologies_url(), {"title": "volume 1 "})

    assert again.status_code == 400
    assert again.context["form"].has_error("title", StoryErrorCode.SAME_TITLE)
    assert Anthology.objects.count() == 1


def test_renaming_like_another_anthology_is_refused_and_nothing_is_saved(client, bob, collection):
    first = services.create_anthology(collection, title="Volume 1")
    second = services.create_anthology(collection, title="Volume 2", introduction="Avant.")
    client.force_login(bob)

    response = client.post(second.manage_url(), {"title": "Volume 1", "introduction": "Après."})

    second.refresh_from_db()
    assert response.status_code == 400
    assert response.context["form"].has_error("title", StoryErrorCode.SAME_TITLE)
    assert (second.title, second.introduction) == ("Volume 2", "Avant.")
    assert first.title == "Volume 1"


def test_printing_an_anthology_without_public_story_says_so(client, bob, collection):
    anthology = services.create_anthology(collection, title="Vide")
    client.force_login(bob)

    response = client.get(anthology.manage_url() + "imprimer/", follow=True)

    assert [m.extra_tags for m in response.context["messages"]] == [StoryErrorCode.NO_STORY]
