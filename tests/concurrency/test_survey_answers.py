"""Many people answer one survey at the same moment, each from their own network address: every
response is recorded whole, none lost, no error. Two people sending one invitation link at the
same moment: exactly one response, the other told the link has served."""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.concurrency.harness import App
from tests.concurrency.test_registrations import vendor  # noqa: F401 - the database fixture

pytestmark = pytest.mark.concurrency
PEOPLE = 200

SEED_SURVEY = """
import json
from entraide.accounts.models import User
from entraide.places.models import Place
from entraide.surveys.services import invitations, publish
from entraide.surveys.services.answering import field_name
from entraide.surveys.tests.conftest import build_screens_survey
place = Place.objects.create(name="La Verrière", slug="la-verriere", kind="tiers-lieu",
                             region="occitanie", city="Montpellier")
organiser = User.objects.create(email="bob@example.org", display_name="Bob")
survey = publish(build_screens_survey(place, organiser))
data = {"page": "2", "aller": "envoyer"}
for question in survey.questions.prefetch_related("choices"):
    choices = [str(c.pk) for c in question.choices.all()]
    data[field_name(question)] = {
        "choix-unique": choices[:1], "choix-multiples": choices[:2], "oui-non": choices[:1],
        "nombre": "4.5", "echelle": "3", "texte-court": "Trop", "texte-long": "Lire.",
    }[question.kind]
invitations.invite(survey, ["lea@example.org"])
token = survey.invitations.get().private_token()
print(json.dumps({"slug": survey.slug, "data": data, "token": token}))
"""

SURVEY_STATE = """
import json, sys
from entraide.surveys.models import Answer, Invitation, Response, Survey
from entraide.surveys.services.tallies import counted_from_answers, kept
slug = json.loads(sys.stdin.read())["slug"]
survey = Survey.objects.get(slug=slug)
print(json.dumps({
    "tallies as counted": kept(survey) == counted_from_answers(survey),
    "responses": Response.objects.filter(survey__slug=slug).count(),
    "answers": Answer.objects.filter(response__survey__slug=slug).count(),
    "used": Invitation.objects.filter(survey__slug=slug, used_on__isnull=False).count(),
}))
"""


def test_200_concurrent_answers_are_all_recorded(vendor):  # noqa: F811
    with App(vendor) as app:
        seeded = app.python(SEED_SURVEY)
        app.start()
        path = f"/enquetes/{seeded['slug']}/"
        requests = [
            (path, None, seeded["data"], f"127.0.{n // 250 + 1}.{n % 250 + 1}")
            for n in range(PEOPLE)
        ]
        results = app.post_all(requests, clients=50)
        assert Counter(status for status, _seconds in results) == {302: PEOPLE}
        state = app.python(SURVEY_STATE, f'{{"slug": "{seeded["slug"]}"}}')
        # 8 answers each: one choice, a number, two choices, a scale, yes/no, two texts
        assert state == {
            "tallies as counted": True,  # no count lost between answers at the same moment
            "responses": PEOPLE,
            "answers": PEOPLE * 8,
            "used": 0,
        }


def test_one_invitation_link_sent_twice_at_once_records_one_response(vendor):  # noqa: F811
    with App(vendor) as app:
        seeded = app.python(SEED_SURVEY)
        app.start()
        link = f"/enquetes/invitation/{seeded['token']}/"
        requests = [(link, None, seeded["data"], f"127.0.9.{n + 1}") for n in range(2)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            with_bodies = list(pool.map(lambda r: app.post_page(r[0], r[2], r[3]), requests))
        statuses = sorted(status for status, _body in with_bodies)
        assert statuses == [302, 410]
        refused = next(body for status, body in with_bodies if status == 410)
        assert "Ce lien a déjà servi" in refused
        state = app.python(SURVEY_STATE, f'{{"slug": "{seeded["slug"]}"}}')
        assert state == {"tallies as counted": True, "responses": 1, "answers": 8, "used": 1}
