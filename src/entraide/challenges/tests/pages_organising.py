"""The literal query counts of the organisers' pages (tests/querycount.py), gathered by
test_query_counts.py: each the same with 1 or 5 places, pledges, teams, workshops,
participants, days and testimonies."""

from datetime import timedelta

from entraide.challenges import services
from entraide.challenges.models import Challenge, Status
from entraide.challenges.tests.conftest import build_challenge, joined
from tests.factories import PlaceFactory, UserFactory, WorkshopFactory
from tests.querycount import Page, Visit


def _team():
    organiser = UserFactory()
    return organiser, PlaceFactory(organisers=[organiser])


def create(n):
    """The person runs `n` places: each is offered."""
    organiser = UserFactory()
    places = [PlaceFactory(organisers=[organiser]) for _ in range(n)]
    return Visit("/defis/nouveau/", user=organiser, shows=[p.name for p in places])


def _running(n):
    """A published challenge started `n` days ago, `n` teams, `n` people in each team (and one
    without a team) checking in every day so far."""
    organiser, place = _team()
    teams = [f"Équipe {i}" for i in range(n)]
    challenge = services.publish(build_challenge(place, organiser, started_days_ago=n, teams=teams))
    people = []
    for t, team in enumerate(challenge.teams.all()):
        people += [joined(challenge, f"{t}-{i}", team=team) for i in range(n)]
    people.append(joined(challenge, "seul"))
    for person in people:
        for day in range(n + 1):
            pledges = person.pledges.all()
            services.check_in(
                person, challenge.starts_on + timedelta(days=day),
                {p.pk: Status.HELD for p in pledges},
            )  # fmt: skip
    return organiser, challenge, people, teams


def edit(n):
    """`n` pledges (chosen by someone), `n` teams (one joined), `n` workshops of the place."""
    organiser, place = _team()
    pledges = [f"Engagement {i}" for i in range(n)]
    teams = [f"Équipe {i}" for i in range(n)]
    today = Challenge(time_zone="Europe/Paris").today()
    challenge = services.create_challenge(
        place,
        by=organiser,
        fields={
            "title": "Défi",
            "starts_on": today,
            "ends_on": today + timedelta(days=9),
            "goal": 100,
        },
        pledges=pledges,
        teams=teams,
    )
    services.publish(challenge)
    joined(challenge, 0, pledges=list(challenge.pledges.all()), team=challenge.teams.first())
    workshops = WorkshopFactory.create_batch(n, place=place)
    services.set_workshops(challenge, preparatory=workshops[:1], activities=workshops)
    codes = list(challenge.teams.values_list("code", flat=True))
    shows = [*pledges, *teams, *codes, *(w.title for w in workshops)]
    return Visit(f"/defis/{challenge.slug}/modifier/", user=organiser, shows=shows)


def manage(n):
    organiser, challenge, people, teams = _running(n)
    for person in people[:n]:
        services.leave_testimony(person, f"Témoignage de {person.display_name}")
    return Visit(challenge.manage_url(), user=organiser, shows=teams)


def moderate(n):
    """`n` testimonies waiting, `n` published, `n` hidden."""
    organiser, challenge, people, _teams = _running(n)
    texts = []
    for i, person in enumerate(people[:n]):
        waiting, shown, hidden = (
            services.leave_testimony(person, f"{kind} {i}")
            for kind in ("En attente", "Publié", "Masqué")
        )
        services.publish_testimony(shown)
        services.hide_testimony(hidden, f"Raison {i}")
        texts += [waiting.text, shown.text, hidden.text, f"Raison {i}"]
    return Visit(f"{challenge.manage_url()}temoignages/", user=organiser, shows=texts)


def write(n):
    organiser, challenge, people, _teams = _running(n)
    return Visit(
        f"{challenge.manage_url()}ecrire/", user=organiser, shows=[f"{len(people)} personne"]
    )


def export(n):
    organiser, challenge, _people, teams = _running(n)
    return Visit(f"{challenge.manage_url()}chiffres.csv", user=organiser, shows=teams)


PAGES = [
    Page("challenges:create", 5, create),
    Page("challenges:edit", 9, edit),
    Page("challenges:manage", 11, manage),
    Page("challenges:moderate", 6, moderate),
    Page("challenges:write", 6, write),
    Page("challenges:export", 6, export),
]
