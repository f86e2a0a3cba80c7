"""Every list and detail page of polls, public and organiser, costs a literal number of
queries, the same with one object or five (tests/querycount.py)."""

import pytest

from entraide.polls import services
from entraide.polls.services.registering import registration_url
from entraide.polls.tests.conftest import slot_times
from entraide.workshops import services as workshops
from tests.factories import PlaceFactory, SeriesFactory, UserFactory, WorkshopFactory
from tests.querycount import Page, Visit, assert_page_cost

pytestmark = pytest.mark.django_db


def a_poll(n, *, people=None, organisers=1, workshop=None, title="Dispos"):
    """A poll of `n` slots answered by `people` (`n` by default), with an address each."""
    team = UserFactory.create_batch(organisers)
    place = PlaceFactory(organisers=team)
    poll = services.create_poll(
        place, by=team[0], fields={"title": title, "workshop": workshop}, slots=slot_times(n)
    )
    slots = list(poll.slots.values_list("pk", flat=True))
    answers = []
    for i in range(n if people is None else people):
        choices = {slot: ("oui", "non", "si-besoin")[(i + j) % 3] for j, slot in enumerate(slots)}
        name = f"Personne {i} de {poll.slug}"
        answers.append(
            services.answer(poll, name=name, email=f"p{i}-{poll.slug}@example.org", choices=choices)
        )
    return poll, team, answers


def names(answers):
    return [a.name for a in answers]


def undated_workshop(place):
    return WorkshopFactory(place=place, starts_at=None, ends_at=None)


def polls_of_each_kind(place, organiser):
    """An open poll, a closed one, and one whose date is fixed, each for a workshop."""
    polls = []
    for kind in ("ouvert", "clos", "fixé"):
        poll = services.create_poll(
            place,
            by=organiser,
            fields={
                "title": f"Sondage {kind} de {place.slug}",
                "workshop": undated_workshop(place),
            },
            slots=slot_times(2),
        )
        if kind == "clos":
            services.close(poll, by=organiser)
        elif kind == "fixé":
            services.fix_slot(poll, poll.slots.first().pk, by=organiser)
        polls.append(poll)
    return polls


def poll_list(n):
    """`n` places with an open, a closed and a fixed poll each."""
    polls = []
    for _ in range(n):
        organiser = UserFactory()
        polls += polls_of_each_kind(PlaceFactory(organisers=[organiser]), organiser)
    return Visit("/sondages/", shows=[p.title for p in polls])


def poll_page(n, *, viewer=None, page=1, fixed=False):
    """A poll for a workshop with `n` slots, `n` answers (on the grid's `page`, 25 a page) and
    `n` comments, seen by a visitor, by someone who answered with her account, or by an
    organiser; `fixed`: its date is fixed."""
    poll, team, answers = a_poll(
        n, people=25 * (page - 1) + n, workshop=WorkshopFactory(starts_at=None, ends_at=None)
    )
    if fixed:
        services.fix_slot(poll, poll.slots.first().pk, by=team[0])
    answers = answers[25 * (page - 1) :]
    comments = [
        services.add_comment(poll, name=f"Auteur {i}", body=f"Commentaire {i} de {poll.slug}")
        for i in range(n)
    ]
    user = None
    if viewer == "participant":
        user = UserFactory()
        slots = poll.slots.values_list("pk", flat=True)
        services.answer(poll, name="Moi", choices=dict.fromkeys(slots, "oui"), by=user)
    elif viewer == "organiser":
        user = team[0]
    return Visit(
        f"{poll.get_absolute_url()}?page={page}",
        user=user,
        shows=names(answers) + [c.body for c in comments],
    )


def answer_page(n):
    """The page a private link opens to change one's answer to a poll of `n` slots."""
    _poll, _team, answers = a_poll(n)
    return Visit(answers[0].edit_url(), shows=[answers[0].name])


def register_page(n):
    """The one-click registration of someone who answered, once the date is fixed, for a
    session of a series of `n` workshops."""
    series = SeriesFactory()
    sessions = WorkshopFactory.create_batch(
        n, place=series.place, series=series, starts_at=None, ends_at=None
    )
    poll, team, answers = a_poll(n, workshop=sessions[0])
    services.fix_slot(poll, poll.slots.first().pk, by=team[0])
    return Visit(registration_url(answers[0]), shows=[answers[0].name, sessions[0].title])


def organiser_page(path, n, **options):
    poll, team, answers = a_poll(n, **options)
    return poll, Visit(f"/sondages/gerer/{poll.slug}/{path}", user=team[0], shows=names(answers))


def manage_place(n):
    """The place's polls: `n` open, `n` closed, `n` fixed, each for a workshop."""
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    polls = [poll for _ in range(n) for poll in polls_of_each_kind(place, organiser)]
    return Visit(
        f"/sondages/gerer/lieu/{place.slug}/",
        user=organiser,
        shows=[p.title for p in polls] + [p.workshop.title for p in polls],
    )


def create(n):
    """The new poll form offers the place's `n` workshops whose date is to be decided."""
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    undated = WorkshopFactory.create_batch(n, place=place, starts_at=None, ends_at=None)
    return Visit(
        f"/sondages/gerer/lieu/{place.slug}/nouveau/",
        user=organiser,
        shows=[w.title for w in undated],
    )


def fix(n):
    """What fixing a slot tells: `n` people who answered, `n` registered for the workshop's
    series, `n` other organisers."""
    series = SeriesFactory()
    workshop = WorkshopFactory(place=series.place, series=series, starts_at=None, ends_at=None)
    registered = UserFactory.create_batch(n)
    for person in registered:
        workshops.register(workshop, by=person)
    poll, visit = organiser_page("fixer/", n, organisers=n + 1, workshop=workshop)
    others = [
        m.user.public_name
        for m in poll.place.memberships.select_related("user").exclude(user=visit.user)
    ]
    url = f"{visit.url}?slot={poll.slots.first().pk}"
    shows = [*visit.shows, *(p.email for p in registered), *others]
    return Visit(url, user=visit.user, shows=shows)


def close(n):
    """What closing tells: `n` answers, `n` other organisers."""
    poll, visit = organiser_page("clore/", n, organisers=n + 1)
    others = [
        m.user.public_name
        for m in poll.place.memberships.select_related("user").exclude(user=visit.user)
    ]
    return Visit(visit.url, user=visit.user, shows=[f"{n} r", *others])


def remove_slots(n):
    poll, visit = organiser_page("creneaux/retirer/", n)
    return Visit(visit.url, user=visit.user, shows=[poll.title])


def manage_fixed(n):
    """The organiser's page of a poll whose date is fixed for a workshop."""
    poll, visit = organiser_page("", n, workshop=WorkshopFactory(starts_at=None, ends_at=None))
    services.fix_slot(poll, poll.slots.first().pk, by=visit.user)
    return Visit(visit.url, user=visit.user, shows=[poll.workshop.title])


def organiser(path, shown=None):
    def build(n):
        poll, visit = organiser_page(path, n)
        return visit if shown is None else Visit(visit.url, user=visit.user, shows=shown(poll))

    return build


# A visitor's page costs what it lists; a signed-in person adds the session and the user, and
# the menu asks whether she runs a place ("Mon espace").
PAGES = [
    Page("polls:list", 2, poll_list),  # the count, the page (place and chosen slot joined)
    # the poll, its slots, the answers per slot, the count, the page and the grid of answers,
    # the comments
    Page("polls:detail", 7, poll_page),
    Page("polls:detail page 2", 7, lambda n: poll_page(n, page=2)),
    Page("polls:detail of a fixed poll", 8, lambda n: poll_page(n, fixed=True)),
    # + session, user, menu, the access check, her own answer
    Page("polls:detail by a participant", 11, lambda n: poll_page(n, viewer="participant")),
    Page("polls:detail by an organiser", 11, lambda n: poll_page(n, viewer="organiser")),
    Page("polls:edit", 4, answer_page),  # the poll, the answer, the slots, the choices
    Page("polls:register", 3, register_page),  # the poll, the answer, the workshop's place
    Page("polls:manage_place", 5, manage_place),
    Page("polls:create", 5, create),
    Page("polls:manage", 6, organiser("", lambda poll: [poll.title])),
    Page("polls:manage of a fixed poll", 7, manage_fixed),
    Page("polls:edit_poll", 5, organiser("modifier/", lambda poll: [poll.title])),
    Page("polls:remove_slots", 6, remove_slots),
    Page("polls:csv", 7, organiser("reponses.csv")),
    Page("polls:fix", 9, fix),  # + who is told: those who answered, registered, organisers
    Page("polls:close", 6, close),
]


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_a_page_costs_the_same_literal_queries_with_1_or_5_objects(client, page):
    assert_page_cost(client, page)
