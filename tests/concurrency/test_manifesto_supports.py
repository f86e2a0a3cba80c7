"""One person sends 100 dots at once to the ideas of one question, from a signed-in session and
from a visitor's session that has never acted here: the manifesto's lock lets exactly
`dots_per_question` through, one per idea, all counted to one person; the others are refused
with a 400, never a 500."""

from collections import Counter

import pytest

from tests.concurrency.harness import App
from tests.concurrency.test_registrations import vendor  # noqa: F401 - the database fixture

pytestmark = pytest.mark.concurrency

SEED = """
import json
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from entraide.accounts.models import User
from entraide.manifestos.models import Contributor, Idea, Manifesto, Question
from entraide.places.models import Place
place = Place.objects.create(name="La Verrière", slug="la-verriere", kind="tiers-lieu",
                             region="occitanie", city="Montpellier")
manifesto = Manifesto.objects.create(place=place, title="Manifeste", slug="manifeste")
question = Question.objects.create(manifesto=manifesto, position=1, text="Quoi ?")
author = Contributor.objects.create(manifesto=manifesto, name="Autrice")
ideas = [Idea.objects.create(question=question, contributor=author, author_name="Autrice",
                             text=f"Idée {n}") for n in range(20)]
user = User.objects.create(email="amina@example.org", display_name="Amina")
signed_in = SessionStore()
signed_in["_auth_user_id"] = str(user.pk)
signed_in["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
signed_in["_auth_user_hash"] = user.get_session_auth_hash()
signed_in.create()
anonymous = SessionStore()  # a visitor who answered a poll, say, but never came here
anonymous["polls.answered"] = [1]
anonymous.create()
print(json.dumps({"ideas": [i.pk for i in ideas], "dots": manifesto.dots_per_question,
                  "sessions": {"signed in": signed_in.session_key,
                               "visitor": anonymous.session_key}}))
"""

STATE = """
import json
from entraide.manifestos.models import Support
print(json.dumps([[s.contributor.user_id is not None, s.contributor_id, s.idea_id]
                  for s in Support.objects.select_related("contributor")]))
"""


@pytest.mark.parametrize("who", ["signed in", "visitor"])
def test_a_hundred_dots_at_once_respect_the_limit(vendor, who):  # noqa: F811
    with App(vendor) as app:
        seeded = app.python(SEED)
        app.start()
        session = seeded["sessions"][who]
        requests = [
            (f"/manifestes/manifeste/idees/{seeded['ideas'][n % 20]}/soutenir/", session, {})
            for n in range(100)
        ]
        results = app.post_all(requests, clients=50)
        statuses = Counter(status for status, _seconds in results)
        supports = app.python(STATE)
        assert statuses == {302: seeded["dots"], 400: 100 - seeded["dots"]}
        assert len(supports) == seeded["dots"]
        assert len({idea for _signed_in, _who, idea in supports}) == seeded["dots"]  # one per idea
        assert {signed_in for signed_in, _who, _idea in supports} == {who == "signed in"}
        assert len({who for _signed_in, who, _idea in supports}) == 1  # one person, one row
