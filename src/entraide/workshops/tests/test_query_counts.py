"""Every list and detail page of workshops, public and organiser, costs a literal number of
queries, the same with one object or five (tests/querycount.py)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.http import urlencode

from entraide.workshops import services
from entraide.workshops.feeds import personal_feed_token
from entraide.workshops.models import Workshop
from entraide.workshops.tests.conftest import token_of
from tests.factories import PlaceFactory, SeriesFactory, UserFactory, WorkshopFactory, in_days
from tests.querycount import Page, Visit, assert_page_cost

pytestmark = pytest.mark.django_db


def dressed(place=None, *, starts_at=..., seat_taken=True, **fields):
    """A workshop that takes every branch of its card: in a series, on site and online, at La
    Réunion's time, its one seat taken (when it is still to come)."""
    place = place or PlaceFactory()
    fields.setdefault("series", SeriesFactory(place=place))
    if starts_at is not ...:
        fields["starts_at"] = starts_at
    fields = {
        "mode": "hybride",
        "address": "2 rue des Ateliers",
        "time_zone": "Indian/Reunion",
        "capacity": 1,
        **fields,
    }
    workshop = WorkshopFactory(place=place, **fields)
    if seat_taken and workshop.closed_reason() is None:
        services.register(workshop, by=UserFactory())
    return workshop


def waiting(user, workshop):
    (registration,) = services.register(workshop, by=user).created
    assert registration.is_waiting
    return registration


def titles(workshops):
    return [w.title for w in workshops]


# --- Public pages ---------------------------------------------------------------------------


def workshop_list(n, *, page=1, lieu=False, past=False):
    """`n` workshops on the page asked for (20 a page), and `n` whose date is to be decided on
    the first page. The scene with more workshops is dated before the other one, so that its
    workshops fall on that page."""
    place = PlaceFactory()
    day = 10 - n
    WorkshopFactory.create_batch(20 * (page - 1), place=place, starts_at=in_days(day, hour=9))
    shown = [dressed(place, starts_at=in_days(-day if past else day, hour=10)) for _ in range(n)]
    if page == 1 and not past:
        shown += [dressed(place, starts_at=None) for _ in range(n)]
    query = {"page": page, "lieu": place.slug if lieu else "", "quand": "passes" if past else ""}
    return Visit(f"/ateliers/?{urlencode(query)}", shows=titles(shown))


def a_series(n):
    """A series of `n` dated sessions and `n` whose date is to be decided, each full."""
    series = SeriesFactory()
    dated = [dressed(series.place, series=series, position=i) for i in range(1, n + 1)]
    undated = [
        dressed(series.place, series=series, position=n + i, starts_at=None)
        for i in range(1, n + 1)
    ]
    return series, dated, undated


def workshop_page(n, *, viewer=None):
    """A session of a series of `2n` sessions, with `n` seats, `n` people registered and `n`
    waiting; `viewer` ("participant", "organiser") looks at it, else a visitor."""
    series, dated, undated = a_series(n)
    workshop = dated[0]
    Workshop.objects.filter(pk=workshop.pk).update(capacity=n)
    for _ in range(2 * n - 1):
        services.register(workshop, by=UserFactory())
    user = None
    if viewer == "participant":
        user = UserFactory()
        waiting(user, workshop)
    elif viewer == "organiser":
        user = UserFactory()
        series.place.memberships.create(user=user)
    return Visit(workshop.get_absolute_url(), user=user, shows=titles(dated + undated))


def series_page(n, *, participant=False):
    """A series of `2n` full sessions; a participant waiting for each."""
    series, dated, undated = a_series(n)
    user = None
    if participant:
        user = UserFactory()
        for session in dated + undated:
            waiting(user, session)
    return Visit(series.get_absolute_url(), user=user, shows=titles(dated + undated))


def mine(n):
    """My registrations: a seat in `n` workshops, waiting for `n` others, `n` cancelled."""
    user = UserFactory()
    shown = []
    for _ in range(n):
        seated = dressed(seat_taken=False)
        services.register(seated, by=user)
        in_line = dressed()
        waiting(user, in_line)
        cancelled = dressed(seat_taken=False)
        (registration,) = services.register(cancelled, by=user).created
        services.cancel_own(registration.pk)
        shown += [seated.title, in_line.title, cancelled.title]
    return Visit("/ateliers/mes-inscriptions/", user=user, shows=shown)


def private_link(n):
    """The private link of a request for a series of `2n` full sessions, confirmed: waiting."""
    series, dated, undated = a_series(n)
    services.register_series(series, name="Dominique", email="dominique@example.org")
    token = token_of(mail.outbox[-1])
    services.confirm(token)
    return Visit(f"/ateliers/inscription/{token}/", shows=titles(dated + undated))


def atom_feed(n):
    return Visit("/ateliers/flux.atom", shows=titles(dressed() for _ in range(n)))


def place_calendar(n):
    place = PlaceFactory()
    workshops = [dressed(place) for _ in range(n)]
    return Visit(f"/ateliers/calendrier/lieu/{place.slug}.ics", shows=titles(workshops))


def series_calendar(n):
    series, dated, _undated = a_series(n)
    return Visit(f"/ateliers/cycles/{series.slug}/calendrier.ics", shows=titles(dated))


def personal_calendar(n):
    user = UserFactory()
    workshops = [dressed(seat_taken=False) for _ in range(n)]
    for workshop in workshops:
        services.register(workshop, by=user)
    url = f"/ateliers/calendrier/personnel/{personal_feed_token(user)}.ics"
    return Visit(url, shows=titles(workshops))


# --- Organiser pages ------------------------------------------------------------------------


def organiser_of(place):
    user = UserFactory()
    place.memberships.create(user=user)
    return user


def manage_place(n):
    """The place's workshops page: `n` workshops to come, `n` undated, `n` drafts, each in a
    series of its own."""
    place = PlaceFactory()
    workshops = [dressed(place) for _ in range(n)]
    workshops += [dressed(place, starts_at=None) for _ in range(n)]
    workshops += [dressed(place, status="brouillon") for _ in range(n)]
    return Visit(
        f"/ateliers/gerer/lieu/{place.slug}/",
        user=organiser_of(place),
        shows=titles(workshops) + [w.series.title for w in workshops],
    )


def create_workshop(n):
    """The new workshop form offers the place's `n` series."""
    place = PlaceFactory()
    series = SeriesFactory.create_batch(n, place=place)
    return Visit(
        f"/ateliers/gerer/lieu/{place.slug}/nouvel-atelier/",
        user=organiser_of(place),
        shows=[s.title for s in series],
    )


def edit_workshop(n):
    """The form of a workshop with `n` people registered."""
    workshop = WorkshopFactory(capacity=n)
    for _ in range(n):
        services.register(workshop, by=UserFactory())
    return Visit(
        f"/ateliers/gerer/{workshop.slug}/",
        user=organiser_of(workshop.place),
        shows=[workshop.title],
    )


def edit_series(n):
    series, dated, undated = a_series(n)
    return Visit(
        f"/ateliers/gerer/cycle/{series.slug}/",
        user=organiser_of(series.place),
        shows=titles(dated + undated),
    )


def participants(n, *, after=False, csv=False):
    """The participant cards (or the export) of a workshop with `n` seats taken, `n` people
    waiting, `n` requests to confirm and `n` cancelled; `after`: the workshop has taken place
    (attendance is taken)."""
    workshop = dressed(capacity=n, seat_taken=False)
    people = UserFactory.create_batch(3 * n)
    for person in people:
        services.register(workshop, by=person)
    for person in people[2 * n :]:
        services.cancel_own(workshop.registrations.get(user=person).pk)
    requests = [f"demande-{i}-{workshop.slug}@example.org" for i in range(n)]
    for email in requests:
        services.register(workshop, name="Sans compte", email=email)
    if after:
        start = timezone.now() - timedelta(days=1)
        Workshop.objects.filter(pk=workshop.pk).update(
            starts_at=start, ends_at=start + timedelta(hours=1)
        )
    page = "participants.csv" if csv else "participants/"
    return Visit(
        f"/ateliers/gerer/{workshop.slug}/{page}",
        user=organiser_of(workshop.place),
        shows=[p.email if csv else p.public_name for p in people] + requests,
    )


def cancel_workshop(n):
    """What cancelling tells: a workshop with `n` seats taken and `n` people waiting."""
    workshop = WorkshopFactory(capacity=n)
    for _ in range(2 * n):
        services.register(workshop, by=UserFactory())
    return Visit(
        f"/ateliers/gerer/{workshop.slug}/annuler/",
        user=organiser_of(workshop.place),
        shows=[f"{n} personne", workshop.title],
    )


def cancel_series(n):
    """What cancelling tells: `2n` sessions, each with a seat taken and someone waiting."""
    series, dated, undated = a_series(n)
    for session in dated + undated:
        waiting(UserFactory(), session)
    return Visit(
        f"/ateliers/gerer/cycle/{series.slug}/annuler/",
        user=organiser_of(series.place),
        shows=titles(dated + undated),
    )


def withdraw(n):
    """Withdrawing the last of `n` people waiting says their rank."""
    workshop = dressed()
    line = [waiting(UserFactory(), workshop) for _ in range(n)]
    last = line[-1]
    return Visit(
        f"/ateliers/gerer/{workshop.slug}/participants/{last.pk}/annuler/",
        user=organiser_of(workshop.place),
        shows=[last.name, f"{n}"],
    )


# A visitor's page costs what it lists; a signed-in person adds the session and the user, and
# the menu asks whether she runs a place ("Mon espace").
PAGES = [
    Page("workshops:list", 2, workshop_list),  # the count, the page (place and series joined)
    # + the page's ids, read from the list's index (core.pagination.IndexPaginator), so that
    # page 250 does not read the 4 980 rows before it.
    Page("workshops:list page 2", 3, lambda n: workshop_list(n, page=2)),
    Page("workshops:list of a place", 3, lambda n: workshop_list(n, lieu=True)),  # + the place
    Page("workshops:list of past workshops", 2, lambda n: workshop_list(n, past=True)),
    Page("workshops:detail", 4, workshop_page),  # the workshop, sessions, surveys, challenges
    Page("workshops:detail by a participant", 9, lambda n: workshop_page(n, viewer="participant")),
    Page("workshops:detail by an organiser", 8, lambda n: workshop_page(n, viewer="organiser")),
    # the series, its sessions, what relates to it (a manifesto written in it)
    Page("workshops:series", 3, series_page),
    Page("workshops:series by a participant", 7, lambda n: series_page(n, participant=True)),
    # The ranks in line come with the registrations (with_waiting_position); a query per rank
    # made "Mes inscriptions" cost 6 with one place in line and 10 with five.
    Page("workshops:mine", 5, mine),  # + the registrations, the calendar's key
    Page("workshops:registration", 1, private_link),  # the registrations of the link
    Page("workshops:feed", 1, atom_feed),
    Page("workshops:place_feed", 2, place_calendar),
    Page("workshops:series_feed", 2, series_calendar),
    Page("workshops:personal_feed", 3, personal_calendar),
    Page("workshops:manage_place", 6, manage_place),
    Page("workshops:create", 5, create_workshop),
    Page("workshops:manage", 6, edit_workshop),
    Page("workshops:manage_series", 6, edit_series),
    Page("workshops:participants", 6, participants),
    Page("workshops:participants after the workshop", 6, lambda n: participants(n, after=True)),
    Page("workshops:participants_csv", 5, lambda n: participants(n, csv=True)),
    Page("workshops:cancel", 5, cancel_workshop),
    Page("workshops:cancel_series", 6, cancel_series),
    Page("workshops:withdraw", 6, withdraw),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_page_costs_the_same_literal_queries_with_1_or_5_objects(client, page):
    assert_page_cost(client, page)
