"""Two organisers accept, at the same moment, two amendments that change the same section
(ten sections, twenty requests at once): the manifesto's lock decides one after the other, so
that for each section exactly one is accepted and applied; the other is refused with a 409 and
the message that the section changed, stays open, now based on an earlier text; nothing is
half-applied, nothing answers 500."""

from collections import Counter

import pytest

from tests.concurrency.harness import App
from tests.concurrency.test_registrations import vendor  # noqa: F401 - the database fixture

pytestmark = pytest.mark.concurrency

SECTIONS = 10

SEED = """
import json
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from entraide.accounts.models import User
from entraide.manifestos.models import Amendment, Manifesto, Section
from entraide.places.models import Membership, Place
place = Place.objects.create(name="La Verrière", slug="la-verriere", kind="tiers-lieu",
                             region="occitanie", city="Montpellier")
manifesto = Manifesto.objects.create(place=place, title="Manifeste", slug="manifeste",
                                     phase="amendements_ouverts")
awa = User.objects.create(email="awa@example.org", display_name="Awa")
lou = User.objects.create(email="lou@example.org", display_name="Lou")
pairs = []
for n in range(SECTIONS_COUNT):
    section = Section.objects.create(manifesto=manifesto, position=n + 1, title=f"S{n}",
                                     body=f"Texte {n}.")
    pair = [Amendment.objects.create(manifesto=manifesto, kind="remplacer", section=section,
                                     title=f"S{n}", body=f"Texte {n} selon {who.display_name}.",
                                     base_title=f"S{n}", base_body=f"Texte {n}.",
                                     rationale="Mieux.", author=who,
                                     author_name=who.display_name,
                                     confirmed_at=timezone.now()).pk
            for who in (awa, lou)]
    pairs.append([section.pk, *pair])
sessions = []
for email in ("bob@example.org", "cleo@example.org"):
    user = User.objects.create(email=email, display_name=email.split("@")[0])
    Membership.objects.create(place=place, user=user)
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    sessions.append(session.session_key)
print(json.dumps({"pairs": pairs, "sessions": sessions}))
""".replace("SECTIONS_COUNT", str(SECTIONS))

STATE = """
import json
from entraide.manifestos.models import Amendment, Section
print(json.dumps({
    "sections": {s.pk: s.body for s in Section.objects.all()},
    "amendments": {a.pk: [a.status, a.applied_key, a.base_body, a.body]
                   for a in Amendment.objects.all()},
}))
"""


def test_two_conflicting_acceptances_at_once_apply_one_and_refuse_the_other(vendor):  # noqa: F811
    with App(vendor) as app:
        seeded = app.python(SEED)
        app.start()
        bob, cleo = seeded["sessions"]
        requests = []
        for _section, first, second in seeded["pairs"]:
            for amendment, session in ((first, bob), (second, cleo)):
                path = f"/manifestes/gerer/manifeste/amendements/{amendment}/decider/"
                requests.append((path, session, {"decision": "accepter", "reason": "Oui."}))
        results = app.post_all(requests)
        statuses = Counter(status for status, _seconds in results)
        state = app.python(STATE)
        assert statuses == {302: SECTIONS, 409: SECTIONS}, statuses
        amendments = {int(pk): row for pk, row in state["amendments"].items()}
        for section, first, second in seeded["pairs"]:
            rows = [amendments[first], amendments[second]]
            accepted = [row for row in rows if row[0] == "accepte"]
            still_open = [row for row in rows if row[0] == "ouvert"]
            assert (len(accepted), len(still_open)) == (1, 1)
            (winner,), (loser,) = accepted, still_open
            assert winner[1] == section  # applied_key
            assert state["sections"][str(section)] == winner[3]  # the winner's text, whole
            assert loser[1] is None
            assert loser[2] != state["sections"][str(section)]
