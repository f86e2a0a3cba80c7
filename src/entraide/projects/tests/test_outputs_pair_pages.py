"""The pair's page ("binome/<id>/"): the project, both members (a lone member is waiting for a
partner and finds the way to one), what the pair started with its state, and the start form of
the project's kind, prefilled; starting ("binome/<id>/lancer/") leads to the new story's
writing page, or back to the pair's page for a draft the place's team publishes. Someone
else's pair is 403, a forged one 404, and every text is escaped."""

import pytest
from django.apps import apps
from django.contrib.messages import get_messages

from entraide.projects.models import Output, OutputKind
from entraide.projects.tests.conftest import build_project, form_pair
from entraide.stories.models import Author, Story
from entraide.stories.tests.conftest import build_collection
from entraide.workshops.models import Series, Workshop
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection(place):
    return build_collection(place, slug="recits-de-la-transition")


@pytest.fixture
def project(stories_project, collection):
    stories_project.collection_slug = collection.slug
    stories_project.save()
    return stories_project


def _text(response):
    return response.content.decode()


def test_a_member_sees_the_project_both_members_and_the_story_form_prefilled(
    client_for, project, alice, charlie
):
    pair = form_pair(project, alice, charlie)

    response = client_for(alice).get(f"/projets/binome/{pair.pk}/")

    assert response.status_code == 200
    text = _text(response)
    assert "Votre binôme pour «\u00a0Publication de récits de la transition\u00a0»" in text
    assert "Alice" in text
    assert "Charlie" in text
    assert 'value="Publication de récits de la transition"' in text
    assert "Commencer le récit" in text
    assert "Rien pour l’instant." in text
    assert "En attente de votre binôme" not in text
    assert f'href="/projets/binome/{pair.pk}/quitter/"' in text


def test_a_lone_member_waits_for_a_partner_and_is_shown_the_way_to_one(client_for, project, alice):
    pair = form_pair(project, alice)

    response = client_for(alice).get(f"/projets/binome/{pair.pk}/")

    text = _text(response)
    assert response.status_code == 200
    assert "En attente de votre binôme." in text
    assert f'href="/projets/{project.catalogue.slug}/{project.slug}/binome/"' in text
    assert "Commencer le récit" not in text


def test_someone_elses_pair_is_forbidden_and_a_forged_one_not_found(
    client, client_for, project, alice, charlie
):
    pair = form_pair(project, alice, charlie)
    anonymous = client.get(f"/projets/binome/{pair.pk}/")
    assert anonymous.status_code == 302
    assert anonymous.url == f"/compte/connexion/?next=/projets/binome/{pair.pk}/"

    stranger = client_for(UserFactory(email="eve@example.org"))
    assert stranger.get(f"/projets/binome/{pair.pk}/").status_code == 403
    assert stranger.post(f"/projets/binome/{pair.pk}/lancer/", {"title": "X"}).status_code == 403
    assert stranger.get("/projets/binome/999999/").status_code == 404
    assert stranger.post("/projets/binome/999999/lancer/").status_code == 404
    assert Story.objects.count() == 0


def test_the_catalogues_organisers_see_the_pair_but_start_nothing(
    client_for, project, alice, bob, charlie
):
    pair = form_pair(project, alice, charlie)

    response = client_for(bob).get(f"/projets/binome/{pair.pk}/")

    assert response.status_code == 200
    assert "Commencer le récit" not in _text(response)


def test_starting_the_story_leads_to_its_writing_page(
    client_for, project, collection, alice, charlie
):
    pair = form_pair(project, alice, charlie)
    client = client_for(alice)

    response = client.post(
        f"/projets/binome/{pair.pk}/lancer/",
        {"title": "Joséphine répare", "story_kind": "podcast", "interviewee_name": ""},
    )

    story = Story.objects.get()
    assert response.status_code == 302
    assert response.url == f"/recits/{collection.slug}/{story.slug}/ecrire/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Votre récit est lancé, avec vous deux comme auteur·rices."
    ]
    assert (story.title, story.kind) == ("Joséphine répare", "podcast")
    assert sorted(a.user.email for a in Author.objects.filter(story=story)) == [
        "alice@example.org",
        "charlie@example.org",
    ]
    page = _text(client.get(f"/projets/binome/{pair.pk}/"))
    assert f'<a href="/recits/{collection.slug}/{story.slug}/suivi/">Joséphine répare</a>' in page
    assert "Brouillon" in page
    assert client.get(f"/recits/{collection.slug}/{story.slug}/ecrire/").status_code == 200


def test_a_bad_title_is_answered_beside_the_field_and_nothing_is_made(
    client_for, project, alice, charlie
):
    pair = form_pair(project, alice, charlie)
    client = client_for(alice)

    for title in ("", "x" * 10_000, "deux\nlignes"):
        response = client.post(
            f"/projets/binome/{pair.pk}/lancer/", {"title": title, "story_kind": "portrait"}
        )
        assert response.status_code == 400
        assert response.context["form"].errors.keys() == {"title"}
    assert (Story.objects.count(), Output.objects.count()) == (0, 0)


def test_a_workshop_proposed_elsewhere_goes_back_to_the_pair_page_listing_it(
    client_for, workshops_project, alice, charlie
):
    voltaire = PlaceFactory(name="Maison pour tous Voltaire", organisers=[UserFactory()])
    pair = form_pair(workshops_project, alice, charlie)
    client = client_for(charlie)

    response = client.post(
        f"/projets/binome/{pair.pk}/lancer/",
        {"place": voltaire.pk, "title": "Écrans et santé", "theme": "sante-ecrans"},
    )

    assert response.status_code == 302
    assert response.url == f"/projets/binome/{pair.pk}/"
    series = Series.objects.get()
    assert (series.place, series.theme, Workshop.objects.filter(series=series).count()) == (
        voltaire,
        "sante-ecrans",
        3,
    )
    page = _text(client.get(response.url))
    assert "Écrans et santé" in page
    assert "Brouillon, date à fixer" in page
    assert "Un cycle de 3 ateliers de 90 minutes pour 15 personnes" in page
    assert "Maison pour tous Voltaire" in page
    assert f"/ateliers/gerer/cycle/{series.slug}/" not in page  # the team's page, not the pair's


def test_the_places_organiser_in_a_pair_goes_to_the_drafts_page(
    client_for, workshops_project, place, bob, charlie
):
    pair = form_pair(workshops_project, bob, charlie)

    response = client_for(bob).post(
        f"/projets/binome/{pair.pk}/lancer/",
        {"place": place.pk, "title": "Chez nous", "theme": "autre"},
    )

    assert response.url == f"/ateliers/gerer/cycle/{Series.objects.get().slug}/"


def test_a_place_not_in_the_directory_is_refused_beside_the_field(
    client_for, workshops_project, alice, charlie
):
    from entraide.places.models import PlaceStatus

    proposal = PlaceFactory(status=PlaceStatus.PROPOSED)
    pair = form_pair(workshops_project, alice, charlie)

    response = client_for(alice).post(
        f"/projets/binome/{pair.pk}/lancer/",
        {"place": proposal.pk, "title": "Non", "theme": "autre"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"place"}
    assert (Workshop.objects.count(), Output.objects.count()) == (0, 0)


def test_the_start_address_takes_only_a_post(client_for, project, alice, charlie):
    pair = form_pair(project, alice, charlie)

    assert client_for(alice).get(f"/projets/binome/{pair.pk}/lancer/").status_code == 405


def test_script_in_every_text_is_shown_as_text(client_for, catalogue, collection, alice):
    script = "<script>alert(1)</script>"
    alice.display_name = script
    alice.save()
    partner = UserFactory(email="mallory@example.org", display_name=script)
    project = build_project(
        catalogue,
        title=script,
        kind=OutputKind.STORY,
        summary=script,
        duration=script,
        collection_slug=collection.slug,
    )
    catalogue.title = script
    catalogue.save()
    pair = form_pair(project, alice, partner)
    client = client_for(alice)
    client.post(f"/projets/binome/{pair.pk}/lancer/", {"title": script, "story_kind": "portrait"})
    assert Story.objects.get().title == script

    text = _text(client.get(f"/projets/binome/{pair.pk}/"))

    assert "<script>alert" not in text
    assert text.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 6


def test_without_the_stories_app_a_story_project_offers_nothing_to_start(
    client_for, project, alice, charlie, monkeypatch
):
    pair = form_pair(project, alice, charlie)
    Output.objects.create(project=project, pair=pair, kind=OutputKind.STORY, object_id=12345)
    installed = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name != "entraide.stories" and installed(name)
    )
    client = client_for(alice)

    page = client.get(f"/projets/binome/{pair.pk}/")
    start = client.post(
        f"/projets/binome/{pair.pk}/lancer/", {"title": "Non", "story_kind": "portrait"}
    )

    assert page.status_code == 200
    assert "Commencer le récit" not in _text(page)
    assert "N’est plus disponible sur ce site." in _text(page)
    assert start.status_code == 302
    assert [m.extra_tags for m in get_messages(start.wsgi_request)] == ["capability_absent"]
    assert Story.objects.count() == 0


def test_a_story_project_without_a_collection_says_so(client_for, stories_project, alice, charlie):
    pair = form_pair(stories_project, alice, charlie)
    client = client_for(alice)

    page = _text(client.get(f"/projets/binome/{pair.pk}/"))
    start = client.post(f"/projets/binome/{pair.pk}/lancer/", {"title": "Non"})

    assert "Ce projet n’a pas encore de collection de récits" in page
    assert "Commencer le récit" not in page
    assert [m.extra_tags for m in get_messages(start.wsgi_request)] == ["no_collection"]
