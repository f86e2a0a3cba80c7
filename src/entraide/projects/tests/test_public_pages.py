"""The public pages of the catalogue as a visitor, a participant and an organiser see them:
the list of catalogues, a catalogue's cards, a project's page with its facts, links, pairs,
achievements and hosting places; drafts hidden from everyone but the catalogue's team."""

import pytest
from django.utils import timezone

from entraide.projects.models import Catalogue, Hosting, ProjectLink
from entraide.projects.tests.conftest import STUDENTS, build_catalogue, build_project, form_pair
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db


def text_of(response):
    return response.content.decode()


def test_the_list_shows_the_site_wide_catalogue_first_then_the_published_ones_with_their_place(
    client, catalogue, stories_project, workshops_project
):
    site = Catalogue.objects.create(
        title="Zéro déchet numérique", slug="reseau", published_at=timezone.now()
    )
    build_project(site, title="Un défi du réseau", slug="defi-reseau")
    build_catalogue(PlaceFactory(name="La Bobine"), title="Ateliers de la Bobine", slug="bobine")
    build_catalogue(PlaceFactory(name="Lieu caché"), title="Brouillon", slug="cache", public=False)

    response = client.get("/projets/")

    page = text_of(response)
    assert response.status_code == 200
    titles = [
        ">Zéro déchet numérique</a>",
        ">Ateliers de la Bobine</a>",
        ">Entraide et action collective</a>",
    ]
    assert sorted(titles, key=page.index) == titles
    assert "Tout le réseau · 1 projet" in page
    assert "La Verrière</a> · 2 projets" in page
    assert "La Bobine</a> · 0 projet" in page
    assert "Brouillon" not in page


def test_a_draft_project_is_not_counted_in_the_list(client, catalogue, stories_project):
    build_project(catalogue, title="Pas encore", slug="pas-encore", published_at=None)

    page = text_of(client.get("/projets/"))

    assert "La Verrière</a> · 1 projet" in page


def test_the_list_says_so_when_no_catalogue_is_published(client, db):
    response = client.get("/projets/")

    assert response.status_code == 200
    assert "Aucun catalogue de projets n’est encore publié." in text_of(response)


def test_a_catalogue_shows_its_projects_as_cards_with_audience_tags_duration_kind_and_pairs(
    client, catalogue, stories_project, workshops_project, alice, bob, charlie
):
    form_pair(stories_project, alice, charlie)
    form_pair(stories_project, bob)  # not formed: not counted

    response = client.get("/projets/entraide-et-action-collective/")

    page = text_of(response)
    assert response.status_code == 200
    assert '<h1 class="words">Entraide et action collective' in page
    assert "Pour un numérique responsable" in page
    assert (
        '<a href="/projets/entraide-et-action-collective/publication-de-recits-de-la-transition/">'
        "Publication de récits de la transition</a>" in page
    )
    assert "Résumé de Publication de récits de la transition" in page
    assert "Un récit · Un entretien et un portrait · en binôme · 1 binôme sur 3" in page
    assert f"Pour\u00a0: {STUDENTS}" in page
    assert "Mots-clés\u00a0: Pouvoir des récits · Récits de la transition" in page
    assert "Un atelier · Trois ateliers d’1h30 · en binôme · 0 binôme, sans limite" in page
    assert "2 projets" in page
    assert page.index("Publication de récits") < page.index("Co-animation d’ateliers")


def test_a_full_project_says_complet_and_a_closed_one_inscriptions_closes(
    client, catalogue, stories_project, workshops_project, alice, bob, charlie
):
    for _ in range(3):
        form_pair(stories_project, UserFactory(), UserFactory())
    workshops_project.enrolment_closed_at = timezone.now()
    workshops_project.save()

    page = text_of(client.get(catalogue.get_absolute_url()))

    assert '· en binôme · <span class="badge full">Complet</span>' in page
    assert '<span class="badge full">Inscriptions closes</span>' in page


def test_a_catalogue_without_projects_says_so(client, catalogue):
    page = text_of(client.get(catalogue.get_absolute_url()))

    assert "Ce catalogue n’a pas encore de projet. Revenez bientôt\u00a0!" in page


def test_a_draft_catalogue_is_hidden_from_visitors_and_participants_but_not_its_organisers(
    client, client_for, place, alice, bob
):
    draft = build_catalogue(place, slug="en-preparation", public=False)
    build_project(draft, title="Projet préparé", slug="projet-prepare")

    assert client.get("/projets/en-preparation/").status_code == 404
    assert client.get("/projets/en-preparation/projet-prepare/").status_code == 404
    assert client_for(alice).get("/projets/en-preparation/").status_code == 404
    response = client_for(bob).get("/projets/en-preparation/")
    assert response.status_code == 200
    assert '<span class="badge danger">Brouillon</span>' in text_of(response)
    assert client_for(bob).get("/projets/en-preparation/projet-prepare/").status_code == 200


def test_a_draft_project_is_hidden_from_visitors_and_shown_to_organisers_as_a_draft(
    client, client_for, catalogue, stories_project, alice, bob
):
    build_project(catalogue, title="Projet en cours d’écriture", slug="ecriture", published_at=None)

    assert "Projet en cours d’écriture" not in text_of(client.get(catalogue.get_absolute_url()))
    assert client.get("/projets/entraide-et-action-collective/ecriture/").status_code == 404
    assert client_for(alice).get(catalogue.get_absolute_url() + "ecriture/").status_code == 404
    page = text_of(client_for(bob).get(catalogue.get_absolute_url()))
    assert 'Projet en cours d’écriture</a> <span class="badge danger">Brouillon</span>' in page
    assert "2 projets" in page
    assert 'href="/projets/gerer/entraide-et-action-collective/">Gérer ce catalogue' in page
    response = client_for(bob).get(catalogue.get_absolute_url() + "ecriture/")
    assert response.status_code == 200
    assert '<span class="badge danger">Brouillon</span>' in text_of(response)


def test_a_site_wide_draft_catalogue_is_shown_to_staff_only(client_for, alice, bob):
    Catalogue.objects.create(title="Réseau", slug="reseau")
    staff = UserFactory(is_staff=True)

    assert client_for(bob).get("/projets/reseau/").status_code == 404
    assert client_for(staff).get("/projets/reseau/").status_code == 200


def test_an_unknown_catalogue_or_project_is_404(client, catalogue, stories_project):
    assert client.get("/projets/nulle-part/").status_code == 404
    assert client.get("/projets/entraide-et-action-collective/nulle-part/").status_code == 404
    elsewhere = "/projets/nulle-part/publication-de-recits-de-la-transition/"
    assert client.get(elsewhere).status_code == 404


def test_a_project_page_shows_everything_its_organisers_entered(client, stories_project):
    stories_project.description = "Écrire **à deux** un portrait."
    stories_project.save()
    ProjectLink.objects.create(
        project=stories_project,
        kind=ProjectLink.Kind.USEFUL,
        title="Guide de l’entretien",
        url="https://example.org/guide",
        description="pour préparer ses questions",
    )

    response = client.get(stories_project.get_absolute_url())

    page = text_of(response)
    assert response.status_code == 200
    assert '<h1 class="words">Publication de récits de la transition</h1>' in page
    assert '<p class="lead words">Résumé de Publication de récits de la transition</p>' in page
    assert f"<dt>Public recommandé</dt>\n<dd>{STUDENTS}</dd>" in page
    assert "<dd>Pouvoir des récits · Récits de la transition</dd>" in page
    assert "<dd>Un entretien et un portrait</dd>" in page
    assert "<dd>Un récit</dd>" in page
    assert "<strong>à deux</strong>" in page
    assert (
        '<a href="https://podcast.ausha.co/nouvelle-conscience" rel="noopener">Nouvelle Conscience'
        "</a> · par Manon Sala" in page
    )
    assert (
        '<a href="https://example.org/guide" rel="noopener">Guide de l’entretien</a>'
        " · pour préparer ses questions" in page
    )
    assert page.index("Exemples") < page.index("Liens utiles")


def test_a_project_page_says_how_many_pairs_and_offers_to_join_while_places_are_left(
    client, stories_project, alice, charlie
):
    form_pair(stories_project, alice, charlie)

    page = text_of(client.get(stories_project.get_absolute_url()))

    assert "<dd>En binôme. 1 binôme sur 3</dd>" in page
    assert (
        '<a class="button" href="/projets/entraide-et-action-collective/'
        'publication-de-recits-de-la-transition/binome/">Rejoindre en binôme</a>' in page
    )
    assert "Accueillir cet atelier" not in page


def test_a_full_project_offers_no_joining(client, stories_project):
    for _ in range(3):
        form_pair(stories_project, UserFactory(), UserFactory())

    page = text_of(client.get(stories_project.get_absolute_url()))

    assert '<span class="badge full">Complet</span>' in page
    assert "Ce projet ne prend plus de binôme pour le moment." in page
    assert "Rejoindre en binôme" not in page


def test_a_closed_project_says_enrolment_is_closed(client, stories_project):
    stories_project.enrolment_closed_at = timezone.now()
    stories_project.save()

    page = text_of(client.get(stories_project.get_absolute_url()))

    assert "Les inscriptions à ce projet sont fermées." in page
    assert "Rejoindre en binôme" not in page


def test_a_workshop_project_offers_to_host_it_and_lists_the_places_hosting_it(
    client, workshops_project
):
    voltaire = PlaceFactory(name="Maison pour tous Voltaire", city="Montpellier")
    hidden = PlaceFactory(name="Lieu proposé", status="propose")
    Hosting.objects.create(project=workshops_project, place=voltaire)
    Hosting.objects.create(project=workshops_project, place=hidden)

    page = text_of(client.get(workshops_project.get_absolute_url()))

    assert (
        '<a class="button secondary" href="/projets/entraide-et-action-collective/'
        'co-animation-d-ateliers-participatifs-et-preventifs/accueillir/">'
        "Accueillir cet atelier dans mon lieu</a>" in page
    )
    assert "Lieux qui accueillent ce projet" in page
    assert f'<a href="/lieux/{voltaire.slug}/">Maison pour tous Voltaire</a> · Montpellier' in page
    assert "Lieu proposé" not in page


def test_a_workshop_project_nobody_hosts_yet_says_so(client, workshops_project):
    page = text_of(client.get(workshops_project.get_absolute_url()))

    assert "Aucun lieu n’accueille encore cet atelier." in page


def test_a_project_without_achievements_says_what_will_appear(client, stories_project):
    page = text_of(client.get(stories_project.get_absolute_url()))

    assert '<h2 id="realisations">Réalisations</h2>' in page
    assert "Rien pour l’instant" in page


def test_no_page_sets_a_cookie_for_a_visitor(client, catalogue, stories_project):
    for address in (
        "/projets/",
        catalogue.get_absolute_url(),
        f"{catalogue.get_absolute_url()}?public=nimporte",
        stories_project.get_absolute_url(),
    ):
        response = client.get(address)
        assert response.cookies == {}, address
        assert "Set-Cookie" not in response, address


def test_the_pages_are_in_english_for_an_english_reader(client, catalogue, stories_project):
    client.cookies["django_language"] = "en"

    page = text_of(client.get(catalogue.get_absolute_url()))

    assert "Clear the filters" not in page  # nothing filtered yet
    assert "A story · Un entretien et un portrait · in pairs · 0 pairs of 3" in page


def test_hosting_is_offered_to_a_places_team_and_to_visitors_not_to_other_people(
    client, client_for, workshops_project, bob, alice
):
    host = f"{workshops_project.get_absolute_url()}accueillir/"

    assert host in client.get(workshops_project.get_absolute_url()).text
    assert host in client_for(bob).get(workshops_project.get_absolute_url()).text
    assert host not in client_for(alice).get(workshops_project.get_absolute_url()).text
