"""300 participants of a challenge check in at the same moment through their private pages,
then tap again to change their answer, each from their own network address, through gunicorn:
every check-in is recorded once, with its last status, and the collective total equals the
rows. Two copies of the periodic command at the same moment mail each reminder once."""

from collections import Counter

import pytest

from tests.concurrency.harness import App
from tests.concurrency.test_registrations import vendor  # noqa: F401 - the database fixture

pytestmark = pytest.mark.concurrency
PEOPLE = 300

SEED_CHALLENGE = """
import json, sys
from entraide.accounts.models import User
from entraide.challenges import services
from entraide.challenges.models import LINK_PURPOSE, Participant
from entraide.challenges.tests.conftest import build_challenge
from entraide.core.tokens import new_keyed_link
from entraide.places.models import Place
args = json.loads(sys.stdin.read())
place = Place.objects.create(name="Maison pour tous Voltaire", slug="voltaire",
                             kind="tiers-lieu", region="occitanie", city="Montpellier")
organiser = User.objects.create(email="malik@example.org", display_name="Malik")
challenge = services.publish(build_challenge(place, organiser))
teams = [None, *challenge.teams.all()]
pledge = challenge.pledges.first()
people = []
for i in range(args["people"]):
    key, digest = new_keyed_link(LINK_PURPOSE)
    people.append(Participant(challenge=challenge, display_name=f"P{i}",
                              email=f"p{i}@example.org", link_key=key, token_digest=digest,
                              team=teams[i % 3], confirmed_at=challenge.created_at,
                              reminder_hour=args["reminder_hour"]))
Participant.objects.bulk_create(people)
people = list(Participant.objects.filter(challenge=challenge).select_related("challenge"))
Participant.pledges.through.objects.bulk_create(
    Participant.pledges.through(participant_id=p.pk, pledge_id=pledge.pk) for p in people)
print(json.dumps({"slug": challenge.slug, "pledge": pledge.pk,
                  "links": [p.private_url() for p in people]}))
"""

CHALLENGE_STATE = """
import json, sys
from collections import Counter
from entraide.challenges import services
from entraide.challenges.models import Challenge, CheckIn
from entraide.challenges.services.checking_in import recount
from entraide.challenges.models import Tally
challenge = Challenge.objects.get(slug=json.loads(sys.stdin.read())["slug"])
total = services.progress(challenge).total
kept = sorted(Tally.objects.filter(challenge=challenge).values_list(
    "team_key", "day", "held", "half", "missed", "people"))
recount(challenge)
counted = sorted(Tally.objects.filter(challenge=challenge).values_list(
    "team_key", "day", "held", "half", "missed", "people"))
print(json.dumps({
    "rows": CheckIn.objects.filter(participant__challenge=challenge).count(),
    "statuses": Counter(CheckIn.objects.values_list("status", flat=True)),
    "total": [total.held, total.half, total.missed],
    "tallies as counted": kept == counted,
}))
"""


def test_300_check_ins_at_the_same_moment_each_recorded_once(vendor):  # noqa: F811
    with App(vendor) as app:
        seeded = app.python(SEED_CHALLENGE, f'{{"people": {PEOPLE}, "reminder_hour": null}}')
        app.start()

        def taps(status):
            return [
                (link, None, {"status": f"{seeded['pledge']}:{status}", "note": ""},
                 f"127.0.{n // 250 + 1}.{n % 250 + 1}")
                for n, link in enumerate(seeded["links"])
            ]  # fmt: skip

        first = app.post_all(taps("tenu"), clients=50)
        second = app.post_all(taps("a-moitie"), clients=50)  # each changes their answer
        state = app.python(CHALLENGE_STATE, f'{{"slug": "{seeded["slug"]}"}}')

    assert Counter(status for status, _seconds in first + second) == {302: 2 * PEOPLE}
    assert state == {
        "rows": PEOPLE,  # one per person: the second tap replaced the first
        "statuses": {"a-moitie": PEOPLE},
        "total": [0, PEOPLE, 0],
        "tallies as counted": True,
    }


def test_two_copies_of_the_periodic_command_mail_each_reminder_once(vendor):  # noqa: F811
    with App(vendor) as app:
        app.python(SEED_CHALLENGE, '{"people": 200, "reminder_hour": 0}')
        outputs = app.run_at_once(["send_challenge_reminders"], ["send_challenge_reminders"])
        reminders = [int(out.split()[0]) for out in outputs]
        mailed = [app.mails_to(f"p{i}@example.org") for i in range(0, 200, 20)]

    assert sum(reminders) == 200, outputs
    assert mailed == [1] * 10
