"""The literal query counts of the public pages (tests/querycount.py), gathered by
test_query_counts.py: `n` challenges for the list; for a challenge, `n` teams of people who
checked in, `n` pledges, `n` testimonies and `n` workshops of each kind."""

from entraide.challenges import services
from entraide.challenges.tests.conftest import build_challenge
from tests.factories import PlaceFactory, UserFactory, WorkshopFactory
from tests.querycount import Page, Visit


def a_challenge(n):
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    challenge = build_challenge(place, organiser, teams=[f"Équipe {i}" for i in range(n)])
    for i in range(n):
        services.add_pledge(challenge, f"Engagement n°{i}")
    services.publish(challenge)
    today = challenge.today()
    for i, team in enumerate(challenge.teams.all()):
        for j in range(3):
            outcome = services.join(
                challenge,
                name=f"P{i}-{j}",
                email=f"p{i}-{j}@example.org",
                pledges=list(challenge.pledges.all()[:2]),
                team_code=team.code,
            )
            participant = services.confirm(outcome.participant)
            services.check_in(participant, today, dict.fromkeys(participant.pledges.all(), "tenu"))
            if j == 0:
                services.publish_testimony(services.leave_testimony(participant, f"Récit {i}"))
    services.set_workshops(
        challenge,
        preparatory=[WorkshopFactory(place=place, title=f"Prépa {i}") for i in range(n)],
        activities=[WorkshopFactory(place=place, title=f"Sortie {i}") for i in range(n)],
    )
    return challenge


def challenge_list(n):
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    for i in range(n):
        services.publish(build_challenge(place, organiser, title=f"Défi n°{i}"))
    return Visit("/defis/", shows=[f"Défi n°{n - 1}", "journée sur 1\u00a0000"])


def detail(n):
    challenge = a_challenge(n)
    return Visit(
        challenge.get_absolute_url(),
        shows=[f"Équipe {n - 1}", f"Engagement n°{n - 1}", f"Prépa {n - 1}", f"Sortie {n - 1}"],
    )


def join(n):
    challenge = a_challenge(n)
    return Visit(challenge.join_url(), shows=[f"Engagement n°{n - 1}"])


def join_signed_in(n):
    challenge = a_challenge(n)
    return Visit(challenge.join_url(), user=UserFactory(), shows=[f"Engagement n°{n - 1}"])


def check_mailbox(n):
    challenge = a_challenge(1)
    return Visit(f"{challenge.join_url()}courrier/", shows=[challenge.title])


def testimonies(n):
    challenge = a_challenge(n)
    return Visit(challenge.testimonies_url(), shows=[f"Récit {n - 1}", "Récit 0"])


PAGES = [
    Page("challenges:list", 3, challenge_list),  # the count, the page, their tallies
    # challenge, pledges, progress (3), preparatory workshops, activity workshops, testimonies
    Page("challenges:detail", 8, detail),
    Page("challenges:join", 2, join),  # the challenge, its pledges
    # session, user, the places they run (the menu), then as a visitor
    Page("challenges:join signed in", 5, join_signed_in),
    Page("challenges:check_mailbox", 1, check_mailbox),
    Page("challenges:testimonies", 3, testimonies),  # the challenge, the count, the page
]
