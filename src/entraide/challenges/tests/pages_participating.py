"""The literal query counts of a participant's private pages (tests/querycount.py), gathered by
test_query_counts.py: a participant of `n` pledges (at most ten, as joining allows), with a
team and a buddy, who checked in each pledge on each of `n` days, with a note each day, and
left `n` testimonies; `n` participations for "My challenges"."""

from datetime import timedelta

from entraide.challenges import services
from entraide.challenges.models import Challenge
from entraide.challenges.services.joining import MAX_PLEDGES
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit


def a_challenge(days_done, *, pledges=1, slug_hint=""):
    """A published challenge whose day `days_done` (from 0) is today, of `pledges` pledges."""
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    today = Challenge(time_zone="Europe/Paris").today()
    starts_on = today - timedelta(days=days_done)
    challenge = services.create_challenge(
        place,
        by=organiser,
        fields={
            "title": f"Défi {place.slug}{slug_hint}",
            "starts_on": starts_on,
            "ends_on": starts_on + timedelta(days=days_done + 5),
            "goal": 100,
        },
        pledges=[f"Engagement {i}" for i in range(pledges)],
        teams=["Les Lucioles"],
    )
    return services.publish(challenge)


def a_participant(n, *, user=None):
    """A participant of min(n, 10) pledges who checked each in on the n days before today."""
    challenge = a_challenge(n, pledges=min(n, MAX_PLEDGES))
    pledges = list(challenge.pledges.all())
    team = challenge.teams.get()
    buddy = services.confirm(
        services.join(
            challenge, name="Sam", email="sam@example.org", pledges=pledges[:1]
        ).participant
    )
    me = services.confirm(
        services.join(
            challenge,
            name="Léa",
            email="lea@example.org",
            pledges=pledges,
            team_code=team.code,
            reminder_hour=20,
        ).participant
    )
    services.choose_buddy(me, buddy.email)
    for d in range(n):
        day = challenge.starts_on + timedelta(days=d)
        statuses = dict.fromkeys(pledges, "tenu" if d % 2 else "a-moitie")
        services.check_in(me, day, statuses, f"Note du jour {d}")
    for i in range(min(n, 3)):
        services.leave_testimony(me, f"Témoignage {i}")
    me.refresh_from_db()
    return me


def private_page(n):
    me = a_participant(n)
    return Visit(
        me.private_url(),
        shows=[f"Engagement {min(n, MAX_PLEDGES) - 1}", "Les Lucioles", "Sam", "Ensemble"],
    )


def a_day(n):
    me = a_participant(n)
    day = me.challenge.starts_on
    return Visit(f"{me.private_url()}jour/{day}/", shows=[f"Engagement {min(n, 10) - 1}"])


def reminders(n):
    me = a_participant(n)
    return Visit(me.stop_reminders_url(), shows=["Arrêter les rappels"])


def buddy(n):
    me = a_participant(n)
    return Visit(f"{me.private_url()}binome/", shows=["Sam"])


def testify(n):
    me = a_participant(n)
    return Visit(f"{me.private_url()}temoigner/", shows=["Envoyer mon témoignage"])


def after(n):
    me = a_participant(n)
    return Visit(f"{me.private_url()}bilan/", shows=["Après le défi"])


def leave(n):
    me = a_participant(n)
    return Visit(f"{me.private_url()}quitter/", shows=["Oui, quitter le défi"])


def erase(n):
    me = a_participant(n)
    return Visit(f"{me.private_url()}effacer/", shows=["Oui, effacer ma participation"])


def my_data(n):
    me = a_participant(n)
    return Visit(f"{me.private_url()}mes-donnees.json", shows=["Léa", "Note du jour 0"])


def mine(n):
    user = UserFactory()
    for i in range(n):
        challenge = a_challenge(1, slug_hint=f" {i}")
        services.join(challenge, by=user, pledges=list(challenge.pledges.all()))
    return Visit("/defis/mes-defis/", user=user, shows=["Mes défis", "Défi "])


PAGES = [
    # challenge, participant (+ challenge, place, team, buddy), pledges, journey (check-ins,
    # notes), the group's total and people (one query)
    Page("challenges:participant", 6, private_page),
    Page("challenges:day", 5, a_day),
    Page("challenges:reminders", 2, reminders),
    Page("challenges:buddy", 2, buddy),
    Page("challenges:testify", 2, testify),
    Page("challenges:after", 2, after),
    Page("challenges:leave", 2, leave),
    Page("challenges:erase", 2, erase),
    Page("challenges:my_data", 6, my_data),  # + pledges, check-ins, notes, testimonies
    Page("challenges:mine", 4, mine),  # session, user, participations (challenge, place)
]
