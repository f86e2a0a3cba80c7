"""A challenge at scale: 5 000 participants in 20 teams with 50 000 check-ins, beside a small
one (10 participants, 2 teams, 30 check-ins). For the collective progress (the public page's
figures) and a participant's calendar (their page's), then for the pages themselves (the
challenge's public page and a participant's private page, page cache off, through Django's
test client): the SQL queries (the same for both) and the server time (median of --repeat).
Then the reminders of the 5 000, queued by two copies of the periodic command at once: the
time, and that each participant got one.

    .venv/bin/python bench/challenge_at_scale.py [--postgresql URL] [--repeat 20]

--postgresql URL names a database FOR THE BENCH ALONE: it is dropped and made again at the
start and dropped at the end.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
parser.add_argument("--postgresql", metavar="URL")
parser.add_argument("--repeat", type=int, default=20)
parser.add_argument("--people", type=int, default=5_000)
parser.add_argument("--vendor", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
args = parser.parse_args()

if args.vendor is None:  # the parent: one child process per database
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _setup import run_per_database

    run_per_database(args.postgresql)

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["ENTRAIDE_PAGE_CACHE_SECONDS"] = "0"
from _setup import prepare  # noqa: E402

data_dir = prepare(database_url=args.postgresql if args.vendor == "postgresql" else None)

import shutil  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.utils import timezone  # noqa: E402


def seed(place, title, people, teams, days):
    from entraide.challenges import services
    from entraide.challenges.models import LINK_PURPOSE, Challenge, CheckIn, Participant, Status
    from entraide.core.tokens import new_keyed_link

    today = Challenge(time_zone="Europe/Paris").today()
    challenge = services.publish(
        services.create_challenge(
            place,
            by=None,
            fields={
                "title": title,
                "starts_on": today - timedelta(days=days),
                "ends_on": today + timedelta(days=9 - days),
                "goal": 100_000,
            },
            pledges=["Pas de réseaux sociaux", "Pas d'écran pendant les repas"],
            teams=[f"Équipe {n:02}" for n in range(teams)],
        )
    )
    team_list = list(challenge.teams.all())
    rows = []
    for n in range(people):
        key, digest = new_keyed_link(LINK_PURPOSE)
        rows.append(
            Participant(
                challenge=challenge,
                display_name=f"P{n}",
                email=f"p{n}@{challenge.slug}.example.org",
                link_key=key,
                token_digest=digest,
                team=team_list[n % len(team_list)],
                confirmed_at=timezone.now(),
                reminder_hour=0,
            )
        )
    Participant.objects.bulk_create(rows, batch_size=1000)
    participants = list(challenge.participants.values_list("pk", flat=True))
    pledges = list(challenge.pledges.values_list("pk", flat=True))
    Participant.pledges.through.objects.bulk_create(
        [
            Participant.pledges.through(participant_id=p, pledge_id=q)
            for p in participants
            for q in pledges
        ],
        batch_size=2000,
    )
    statuses = [Status.HELD, Status.HALF, Status.MISSED]
    check_ins = [
        CheckIn(
            participant_id=p,
            pledge_id=q,
            day=challenge.starts_on + timedelta(days=d),
            status=statuses[(p + d) % 3],
        )
        for p in participants
        for d in range(days)
        for q in pledges
    ]
    CheckIn.objects.bulk_create(check_ins, batch_size=2000)
    services.recount(challenge)
    return challenge, len(check_ins)


def measure(call):
    """(queries of one call, median ms of --repeat calls); queries counted as the database
    connection runs them (a request empties Django's log of queries)."""
    count = []

    def counted(execute, sql, params, many, context):
        count.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        call()
    times = []
    for _n in range(args.repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return len(count), statistics.median(times) * 1000


def main():
    call_command("migrate", verbosity=0)
    from entraide.challenges import services
    from entraide.challenges.models import Participant
    from entraide.core.models import OutgoingMail
    from entraide.places.models import Place

    place = Place.objects.create(
        name="La Verrière",
        slug="la-verriere",
        kind="tiers-lieu",
        region="occitanie",
        city="Montpellier",
    )
    started = time.perf_counter()
    small, small_rows = seed(place, "Petit défi", 10, 2, 3)  # days checked in, before today
    large, large_rows = seed(place, "Grand défi", args.people, 20, 5)
    seconds = time.perf_counter() - started
    print(f"{connection.vendor}: {small_rows} and {large_rows} check-ins seeded in {seconds:.0f} s")

    def journey_of(challenge):
        participants = Participant.objects.select_related("challenge").filter(challenge=challenge)
        participant = participants.last()
        return lambda: services.journey(participant)

    for name, of in (("progress", lambda c: lambda: services.progress(c)), ("journey", journey_of)):
        (q_small, t_small), (q_large, t_large) = measure(of(small)), measure(of(large))
        print(
            f"  {name:9} queries {q_small} / {q_large}, "
            f"median {t_small:.2f} ms / {t_large:.2f} ms (small / large)"
        )
        if q_small != q_large:
            raise SystemExit(f"{name}: the query count grows with the data")
    from django.test import Client

    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(HTTP_HOST="127.0.0.1")

    def page(url):
        def get():
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")

        return get

    def private_page(challenge):
        return page(Participant.objects.filter(challenge=challenge).last().private_url())

    for name, of in (
        ("public page", lambda c: page(c.get_absolute_url())),
        ("private page", private_page),
    ):
        (q_small, t_small), (q_large, t_large) = measure(of(small)), measure(of(large))
        print(
            f"  {name:12} queries {q_small} / {q_large}, "
            f"median {t_small:.2f} ms / {t_large:.2f} ms (small / large)"
        )
        if q_small != q_large:
            raise SystemExit(f"{name}: the query count grows with the data")
    OutgoingMail.objects.all().delete()
    results = []

    def run():
        try:
            results.append(services.send_reminders())
        finally:
            connections.close_all()

    started = time.perf_counter()
    threads = [threading.Thread(target=run) for _n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    mails = OutgoingMail.objects.count()
    recipients = len(
        {tuple(p["to"]) for p in OutgoingMail.objects.values_list("payload", flat=True)}
    )
    print(
        f"  reminders: two copies of the command at once queued {results}: {mails} mails "
        f"to {recipients} addresses in {wall:.1f} s"
    )
    if not mails == recipients == args.people + 10:
        raise SystemExit("some participant got no reminder, or two")


try:
    main()
finally:
    shutil.rmtree(data_dir, ignore_errors=True)
