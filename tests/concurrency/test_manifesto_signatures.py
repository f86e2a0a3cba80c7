"""The same address signs the same version of a manifesto several times at the same moment,
without an account (the same person pressing twice, or two tabs): one signature, one answer
for all ("check your mailbox"), never a 500."""

from collections import Counter

import pytest

from tests.concurrency.harness import App
from tests.concurrency.test_registrations import vendor  # noqa: F401 - the database fixture

pytestmark = pytest.mark.concurrency

SEED = """
import json
from django.utils import timezone
from entraide.manifestos.models import Manifesto, Version
from entraide.places.models import Place
place = Place.objects.create(name="La Verrière", slug="la-verriere", kind="tiers-lieu",
                             region="occitanie", city="Montpellier")
manifesto = Manifesto.objects.create(place=place, title="Manifeste", slug="manifeste")
version = Version.objects.create(manifesto=manifesto, number=0, published_at=timezone.now())
print(json.dumps({"number": version.number}))
"""

STATE = """
import json
from entraide.core.models import OutgoingMail
from entraide.manifestos.models import Signature
mails = [m.payload for m in OutgoingMail.objects.exclude(payload=None)]
print(json.dumps({"signatures": list(Signature.objects.values_list("email", "name")),
                  "mails": sum("amina@example.org" in m["to"] for m in mails)}))
"""


def test_the_same_address_signing_at_the_same_moment_makes_one_signature(vendor):  # noqa: F811
    with App(vendor) as app:
        seeded = app.python(SEED)
        app.start()
        form = {"version": seeded["number"], "name": "Amina", "email": "amina@example.org"}
        # at most ENTRAIDE_MAILS_PER_ADDRESS (5) sendings to one address an hour
        requests = [("/manifestes/manifeste/signer/", None, form) for _ in range(5)]

        results = app.post_all(requests)

        assert Counter(status for status, _seconds in results) == {302: 5}  # the same answer
        state = app.python(STATE)
        assert state["signatures"] == [["amina@example.org", "Amina"]]
        assert state["mails"] == 5  # one link per request, all to the one signature
