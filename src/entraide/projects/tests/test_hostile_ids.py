"""A hostile user forging ids and addresses: numbers too large for the database, another
pair's or another project's ids, a project of another catalogue under one's own catalogue's
address, a missing CSRF token, GET on the addresses that only take POST. Always a 4xx (or a
harmless page), never a 500, nothing changed."""

import pytest
from django.test import Client

from entraide.projects.models import Member, Output, Pair, Seeker
from entraide.projects.tests.conftest import build_catalogue, build_project, form_pair, looking
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HUGE = "9" * 30  # more than any database integer


def test_ids_too_large_for_the_database_are_not_found(client_for, alice, bob, stories_project):
    client = client_for(alice)
    for url in (f"/projets/binome/{HUGE}/", f"/projets/binome/{HUGE}/quitter/"):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code in (404, 405), url
    assert client.post(f"/projets/binome/{HUGE}/lancer/").status_code == 404
    assert (
        client_for(bob).get(f"{stories_project.manage_url()}binomes/{HUGE}/retirer/").status_code
        == 404
    )


def test_posted_ids_too_large_for_the_database_are_refused_with_a_message(
    client_for, alice, charlie, stories_project
):
    looking(stories_project, charlie)
    join = f"{stories_project.get_absolute_url()}binome/"
    client = client_for(alice)
    for action, name in (
        ("propose", "seeker"),
        ("accept", "member"),
        ("decline", "member"),
        ("cancel", "member"),
    ):
        response = client.post(join, {"action": action, name: HUGE}, follow=True)
        assert response.status_code == 200, action
        assert len(list(response.context["messages"])) == 1, action
    assert Pair.objects.count() == 0
    assert Member.objects.count() == 0


def test_a_hosting_place_too_large_for_the_database_is_refused(client_for, bob, workshops_project):
    response = client_for(bob).post(
        f"{workshops_project.get_absolute_url()}accueillir/", {"place": HUGE, "title": "x"}
    )
    assert response.status_code == 400


def test_the_organisers_pairs_form_with_huge_ids_is_refused(client_for, bob, stories_project):
    response = client_for(bob).post(
        f"{stories_project.manage_url()}binomes/former/", {"first": HUGE, "second": HUGE}
    )
    assert response.status_code == 400
    assert Pair.objects.count() == 0


def test_another_pairs_page_is_forbidden_and_its_start_too(
    client_for, alice, bob, charlie, stories_project
):
    theirs = form_pair(stories_project, bob, charlie)
    client = client_for(alice)
    assert client.get(theirs.get_absolute_url()).status_code == 403
    assert client.post(f"/projets/binome/{theirs.pk}/lancer/", {"title": "x"}).status_code == 403
    assert client.get(f"/projets/binome/{theirs.pk}/quitter/").status_code == 404
    assert client.post(f"/projets/binome/{theirs.pk}/quitter/").status_code == 404
    assert Output.objects.count() == 0
    assert Pair.objects.get().is_formed


def test_a_member_of_another_project_in_the_remove_address_is_not_found(
    client_for, bob, alice, charlie, stories_project, workshops_project
):
    other = form_pair(workshops_project, alice, charlie)
    member = other.members.first()
    client = client_for(bob)
    url = f"{stories_project.manage_url()}binomes/{member.pk}/retirer/"
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Pair.objects.get().is_formed


def test_a_project_of_another_catalogue_under_ones_own_catalogue_is_not_found(
    client_for, bob, catalogue, place
):
    staff = UserFactory(is_staff=True)
    other = build_catalogue(None, title="Réseau", slug="reseau")
    foreign = build_project(other, title="Ailleurs", slug="ailleurs")
    pair = form_pair(foreign, UserFactory(), UserFactory())
    client = client_for(bob)
    base = f"/projets/gerer/{catalogue.slug}/{foreign.slug}/"
    for url in (
        base,
        base + "binomes/",
        base + "binomes.csv",
        f"{base}binomes/{pair.members.first().pk}/retirer/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        base,
        base + "publication/",
        base + "inscriptions/",
        base + "binomes/former/",
        f"{base}binomes/{pair.members.first().pk}/retirer/",
    ):
        assert client.post(url, {"close": "1", "publish": "1"}).status_code == 404, url
    foreign.refresh_from_db()
    assert foreign.enrolment_open
    assert Pair.objects.get().is_formed
    assert client_for(staff).get(f"/projets/gerer/reseau/{foreign.slug}/").status_code == 200


def test_without_the_csrf_token_nothing_changes(alice, charlie, bob, stories_project):
    looking(stories_project, charlie)
    pair = form_pair(stories_project, alice)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    join = f"{stories_project.get_absolute_url()}binome/"
    assert client.post(join, {"action": "look"}).status_code == 403
    assert (
        client.post(join, {"action": "propose", "seeker": Seeker.objects.get().pk}).status_code
        == 403
    )
    assert client.post(f"/projets/binome/{pair.pk}/quitter/").status_code == 403
    organiser = Client(enforce_csrf_checks=True)
    organiser.force_login(bob)
    assert (
        organiser.post(f"{stories_project.manage_url()}inscriptions/", {"close": "1"}).status_code
        == 403
    )
    assert Member.objects.count() == 1
    assert Seeker.objects.count() == 1
    stories_project.refresh_from_db()
    assert stories_project.enrolment_open


def test_get_on_the_post_only_addresses_changes_nothing(
    client_for, alice, bob, charlie, catalogue, stories_project
):
    pair = form_pair(stories_project, alice, charlie)
    member = pair.members.get(user=charlie)
    client = client_for(bob)
    base = stories_project.manage_url()
    for url in (
        f"/projets/gerer/{catalogue.slug}/publication/",
        base + "publication/",
        base + "inscriptions/",
        base + "binomes/former/",
    ):
        assert client.get(url + "?publish=1&close=1").status_code == 405, url
    assert client.get(f"{base}binomes/{member.pk}/retirer/").status_code == 200
    assert client_for(alice).get(f"/projets/binome/{pair.pk}/lancer/").status_code == 405
    assert client_for(alice).get(f"/projets/binome/{pair.pk}/quitter/").status_code == 200
    assert (
        client_for(alice)
        .get(f"{stories_project.get_absolute_url()}binome/?action=look")
        .status_code
        == 200
    )
    assert Pair.objects.get().is_formed
    assert Seeker.objects.count() == 0
    stories_project.refresh_from_db()
    assert stories_project.enrolment_open
    catalogue.refresh_from_db()
    assert catalogue.is_public


def test_unknown_methods_are_refused(client_for, alice, stories_project):
    client = client_for(alice)
    assert client.put(f"{stories_project.get_absolute_url()}binome/").status_code == 405
    assert client.delete("/projets/invitation/abc/").status_code == 405
