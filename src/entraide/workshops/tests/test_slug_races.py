"""Two organisers (or one double click) creating or duplicating the same title at once: both
succeed, each with an address of its own."""

import pytest
from django.test import Client

from entraide.workshops.models import Series, Workshop
from tests.threads import at_once, computing_slugs_together, skip_on_sqlite

pytestmark = pytest.mark.django_db(transaction=True)

SLUG_MODULES = ("entraide.core.slugs", "entraide.workshops.services.organising")


def signed_in_clients(user, n=2):
    clients = [Client(raise_request_exception=False) for _ in range(n)]
    for client in clients:
        client.force_login(user)
    return clients


def test_duplicating_twice_at_once_makes_two_copies_with_their_own_addresses(
    monkeypatch, bob, place
):
    skip_on_sqlite(pytest)
    from tests.factories import WorkshopFactory

    workshop = WorkshopFactory(place=place, title="Le numérique est politique")
    first, second = signed_in_clients(bob)
    computing_slugs_together(monkeypatch, 2, SLUG_MODULES)
    url = f"/ateliers/gerer/{workshop.slug}/dupliquer/"
    responses = at_once(lambda: first.post(url), lambda: second.post(url))
    assert sorted(r.status_code for r in responses) == [302, 302]
    assert sorted(r["Location"] for r in responses) == [
        "/ateliers/gerer/le-numerique-est-politique-2/",
        "/ateliers/gerer/le-numerique-est-politique/",
    ]
    assert Workshop.objects.filter(status="brouillon").count() == 2


def test_creating_the_same_series_twice_at_once_gives_each_its_own_address(monkeypatch, bob, place):
    skip_on_sqlite(pytest)
    first, second = signed_in_clients(bob)
    computing_slugs_together(monkeypatch, 2, SLUG_MODULES)
    url = f"/ateliers/gerer/lieu/{place.slug}/nouveau-cycle/"
    data = {"title": "Vers un manifeste", "theme": "numerique-responsable"}
    responses = at_once(lambda: first.post(url, data), lambda: second.post(url, data))
    assert sorted(r.status_code for r in responses) == [302, 302]
    assert sorted(Series.objects.values_list("slug", flat=True)) == [
        "vers-un-manifeste",
        "vers-un-manifeste-2",
    ]
