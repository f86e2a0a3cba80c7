"""One person sends 40 votes at once on one amendment, alternating for, against and abstain,
from a signed-in session and from a visitor's session that has never acted here: the
manifesto's lock and the upsert leave exactly one vote, hers, with one of the choices sent;
every request is answered (302), none fails."""

from collections import Counter

import pytest

from tests.concurrency.harness import App
from tests.concurrency.test_registrations import vendor  # noqa: F401 - the database fixture

pytestmark = pytest.mark.concurrency

SEED = """
import json
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from entraide.accounts.models import User
from entraide.manifestos.models import Amendment, Manifesto, Section
from entraide.places.models import Place
place = Place.objects.create(name="La Verrière", slug="la-verriere", kind="tiers-lieu",
                             region="occitanie", city="Montpellier")
manifesto = Manifesto.objects.create(place=place, title="Manifeste", slug="manifeste",
                                     phase="amendements_ouverts")
section = Section.objects.create(manifesto=manifesto, position=1, title="Titre", body="Texte.")
author = User.objects.create(email="awa@example.org", display_name="Awa")
amendment = Amendment.objects.create(manifesto=manifesto, kind="supprimer", section=section,
                                     rationale="Inutile.", author=author, author_name="Awa",
                                     confirmed_at=timezone.now())
user = User.objects.create(email="amina@example.org", display_name="Amina")
signed_in = SessionStore()
signed_in["_auth_user_id"] = str(user.pk)
signed_in["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
signed_in["_auth_user_hash"] = user.get_session_auth_hash()
signed_in.create()
anonymous = SessionStore()  # a visitor who answered a poll, say, but never came here
anonymous["polls.answered"] = [1]
anonymous.create()
print(json.dumps({"amendment": amendment.pk,
                  "sessions": {"signed in": signed_in.session_key,
                               "visitor": anonymous.session_key}}))
"""

STATE = """
import json
from entraide.manifestos.models import Contributor, Vote
print(json.dumps({"votes": [[v.contributor.user_id is not None, v.choice]
                            for v in Vote.objects.select_related("contributor")],
                  "contributors": Contributor.objects.count()}))
"""

CHOICES = ["pour", "contre", "abstention"]


@pytest.mark.parametrize("who", ["signed in", "visitor"])
def test_forty_votes_at_once_by_one_person_leave_one_vote(vendor, who):  # noqa: F811
    with App(vendor) as app:
        seeded = app.python(SEED)
        app.start()
        session = seeded["sessions"][who]
        url = f"/manifestes/manifeste/amendements/{seeded['amendment']}/voter/"
        requests = [(url, session, {"choice": CHOICES[n % 3]}) for n in range(40)]
        results = app.post_all(requests, clients=40)
        state = app.python(STATE)
        assert Counter(status for status, _seconds in results) == {302: 40}
        assert len(state["votes"]) == 1
        ((signed_in, choice),) = state["votes"]
        assert signed_in is (who == "signed in")
        assert choice in CHOICES
        assert state["contributors"] == 1  # one person, one row
