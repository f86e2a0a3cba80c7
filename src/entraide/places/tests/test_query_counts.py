"""Every list and detail page of places costs a literal number of queries, the same with one
object or five (tests/querycount.py)."""

import pytest

from entraide.places import services
from entraide.places.models import PlaceKind, PlaceStatus, Region
from entraide.polls import services as polls
from entraide.polls.tests.conftest import slot_times
from entraide.workshops import services as workshops
from entraide.workshops.models import Workshop
from tests.factories import PlaceFactory, UserFactory, WorkshopFactory, in_days
from tests.querycount import Page, Visit, assert_page_cost

pytestmark = pytest.mark.django_db


def directory(n, *, page=1, **filters):
    """`n` places on the page asked for (20 a page), and a regional hub. The scene with more
    places sorts before the other one, so that its `n` places fall on that page."""
    first = chr(ord("M") - n)
    for i in range(20 * (page - 1)):
        PlaceFactory(name=f"{first}a {i:02}", region=Region.CORSE, city="Bastia")
    places = [
        PlaceFactory(name=f"{first}b {i:02}", region=Region.CORSE, city="Bastia") for i in range(n)
    ]
    PlaceFactory(region=Region.CORSE, kind=PlaceKind.REGIONAL_HUB, name="Z, le hub corse")
    query = "&".join(f"{key}={value}" for key, value in {"page": page, **filters}.items())
    return Visit(f"/lieux/?{query}", shows=[p.name for p in places])


def place_page(n, *, by_organiser=False):
    organisers = UserFactory.create_batch(n)
    place = PlaceFactory(organisers=organisers)
    workshops = WorkshopFactory.create_batch(n, place=place)
    return Visit(
        place.get_absolute_url(),
        user=organisers[0] if by_organiser else None,
        shows=[u.public_name for u in organisers] + [w.title for w in workshops],
    )


def space(n):
    """Mon espace: `n` places, each with a workshop to come where a seat is free while someone
    waits, an undated one, an open poll, a closed one and an invitation."""
    organiser = UserFactory()
    places = PlaceFactory.create_batch(n, organisers=[organiser])
    shown = []
    for place in places:
        freed = WorkshopFactory(place=place, starts_at=in_days(3), capacity=1)
        seated, in_line = UserFactory.create_batch(2)
        workshops.register(freed, by=seated)
        workshops.register(freed, by=in_line)
        Workshop.objects.filter(pk=freed.pk).update(confirmed_count=0)  # the line did not move
        undated = WorkshopFactory(place=place, starts_at=None)
        fields = {"title": f"Dispos de {place.slug}"}
        poll = polls.create_poll(place, by=organiser, fields=fields, slots=slot_times(1))
        fields = {"title": f"Dispos closes de {place.slug}"}
        closed = polls.create_poll(place, by=organiser, fields=fields, slots=slot_times(1))
        polls.close(closed, by=organiser)
        email = f"{place.slug}@example.org"
        services.invite_organiser(place, email=email, by=organiser, site_url="")
        shown += [place.name, freed.title, undated.title, poll.title, closed.title, email]
    return Visit("/espace/", user=organiser, shows=shown)


def manage(n):
    """The place's own organiser page: `n` organisers and `n` pending invitations."""
    organisers = UserFactory.create_batch(n)
    place = PlaceFactory(organisers=organisers)
    emails = [f"invite-{i}-{place.slug}@example.org" for i in range(n)]
    for email in emails:
        services.invite_organiser(place, email=email, by=organisers[0], site_url="")
    return Visit(
        f"/lieux/gerer/{place.slug}/",
        user=organisers[0],
        shows=[u.email for u in organisers] + emails,
    )


def propose(n):
    """The proposal page of someone with `n` proposals awaiting approval."""
    person = UserFactory()
    pending = PlaceFactory.create_batch(n, status=PlaceStatus.PROPOSED, proposed_by=person)
    return Visit("/lieux/proposer/", user=person, shows=[p.name for p in pending])


def propose_when_running(n):
    person = UserFactory()
    places = PlaceFactory.create_batch(n, organisers=[person])
    return Visit("/lieux/proposer/", user=person, shows=[p.name for p in places])


def invitation(n):
    """The invitation page, for the place of `n` organisers."""
    organisers = UserFactory.create_batch(n)
    place = PlaceFactory(organisers=organisers)
    services.invite_organiser(place, email="sam@example.org", by=organisers[0], site_url="")
    from django.core import mail

    link = mail.outbox[-1].body.split("/lieux/invitation/", 1)[1].split("/", 1)[0]
    return Visit(f"/lieux/invitation/{link}/", shows=[place.name])


# A signed-in person costs two queries on every page (the session, the user) and a third for the
# menu ("Mon espace" shows only to those who run a place).
PAGES = [
    Page("places:directory", 2, directory),  # the count, the page
    Page("places:directory page 2", 2, lambda n: directory(n, page=2)),
    Page("places:directory by region", 3, lambda n: directory(n, region=Region.CORSE)),  # + hub
    Page("places:directory by city", 2, lambda n: directory(n, q="bastia")),
    # the place, its organisers, its coming workshops, its manifestos
    # + the manifestos it signed, its surveys, challenges, collections of stories, catalogues
    Page("places:detail", 9, place_page),
    Page("places:detail by its organiser", 12, lambda n: place_page(n, by_organiser=True)),
    Page(
        "space", 12, space
    ),  # + places, workshops, polls, manifestos, surveys, invitations, challenges, stories,
    # catalogues
    Page("places:manage", 6, manage),  # + the place, the access check, organisers, invitations
    Page("places:propose", 5, propose),  # + the places run, the proposals
    Page("places:propose by an organiser", 5, propose_when_running),
    Page("places:invitation", 1, invitation),  # the invitation with its place
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_page_costs_the_same_literal_queries_with_1_or_5_objects(client, page):
    assert_page_cost(client, page)
