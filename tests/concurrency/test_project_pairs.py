"""Two people accepting the last pair slot of a project at the same moment, through gunicorn,
on a SQLite file and on PostgreSQL: in each of several projects that take one pair, two
proposals are pending and both people asked accept at once. Exactly one pair is formed per
project; the other person is sent back to the join page, which tells them the project is full;
their proposal stays unanswered and their pair unformed (nothing half-saved), and nothing
answers 500."""

import json
import socket
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie

import pytest

from tests.concurrency.harness import CSRF, App
from tests.concurrency.test_registrations import vendor  # noqa: F401 - the database fixture

pytestmark = pytest.mark.concurrency
PROJECTS = 6

SEED = """
import json
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from entraide.accounts.models import User
from entraide.places.models import Place
from entraide.projects.services import pairing
from entraide.projects.tests.conftest import build_catalogue, build_project, looking
place = Place.objects.create(name="Université Paul-Valéry", slug="upv", kind="universite",
                             region="occitanie", city="Montpellier")
catalogue = build_catalogue(place, slug="cours")

def session_of(user):
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return session.session_key

projects = []
for n in range(PROJECTS_COUNT):
    project = build_project(catalogue, title=f"Projet {n}", slug=f"projet-{n}", max_pairs=1)
    asked = []
    for side in "ab":
        proposer = User.objects.create(email=f"p{n}{side}@example.org", display_name=f"P{n}{side}")
        seeker = User.objects.create(email=f"s{n}{side}@example.org", display_name=f"S{n}{side}")
        member = pairing.propose(project, by=proposer, seeker=looking(project, seeker))
        asked.append({"member": member.pk, "session": session_of(seeker), "email": seeker.email})
    projects.append({"slug": project.slug, "asked": asked})
print(json.dumps(projects))
""".replace("PROJECTS_COUNT", str(PROJECTS))

STATE = """
import json
from entraide.projects.models import Member, Pair
pairs = Pair.objects.filter(project__catalogue__slug="cours")
print(json.dumps({
    "formed": {p.project.slug: [m.user.email for m in p.members.all()]
               for p in pairs.filter(formed_at__isnull=False)},
    "pairs": pairs.count(),
    "accepted": Member.objects.filter(pair__in=pairs, accepted_at__isnull=False).count(),
    "pending": sorted(Member.objects.filter(pair__in=pairs, accepted_at__isnull=True)
                      .values_list("user__email", flat=True)),
}))
"""


def a_port(app):
    """A port of 8131-8139 (this area's servers) when one is free, else the harness's."""
    for port in range(8131, 8140):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        app.port, app.base = port, f"http://127.0.0.1:{port}"
        return


def accept(app, slug, asked):
    status, headers, _body, _s = app.request(
        "POST",
        f"/projets/cours/{slug}/binome/",
        data={"csrfmiddlewaretoken": CSRF, "action": "accept", "member": asked["member"]},
        headers={
            "Cookie": f"csrftoken={CSRF}; sessionid={asked['session']}",
            "Referer": app.base + "/",
        },
    )
    cookies = SimpleCookie()
    for value in headers.get_all("Set-Cookie") or []:
        cookies.load(value)
    return status, headers.get("Location"), cookies


def page_after(app, location, asked, cookies):
    """The page the redirect leads to, as that person (with the message it carries)."""
    sent = {"sessionid": asked["session"], "csrftoken": CSRF}
    sent.update({name: morsel.value for name, morsel in cookies.items()})
    cookie = "; ".join(f"{name}={value}" for name, value in sent.items())
    status, _headers, body, _s = app.request("GET", location, headers={"Cookie": cookie})
    return status, body


def test_two_people_accepting_the_last_pair_slot_at_once_form_one_pair(vendor):  # noqa: F811
    with App(vendor) as app:
        projects = app.python(SEED)
        a_port(app)
        app.start()
        requests = [(p["slug"], asked) for p in projects for asked in p["asked"]]
        with ThreadPoolExecutor(max_workers=len(requests)) as pool:
            results = list(pool.map(lambda r: accept(app, *r), requests))
        state = app.python(STATE)
        losers = [
            page_after(app, location, asked, cookies)
            for (slug, asked), (_status, location, cookies) in zip(requests, results, strict=True)
            if location == f"/projets/cours/{slug}/binome/"
        ]

    assert Counter(status for status, _l, _c in results) == {302: 2 * PROJECTS}  # no 500
    winners = Counter(location.startswith("/projets/binome/") for _s, location, _c in results)
    assert winners == {True: PROJECTS, False: PROJECTS}
    assert sorted(state["formed"]) == sorted(p["slug"] for p in projects)
    for n, project in enumerate(projects):
        members = state["formed"][project["slug"]]
        assert len(members) == 2
        assert members[0] in {f"p{n}a@example.org", f"p{n}b@example.org"}
    # the losers: their proposal unanswered, their proposer's pair unformed, nothing half-saved
    assert state["pairs"] == 2 * PROJECTS
    assert state["accepted"] == 3 * PROJECTS
    assert len(state["pending"]) == PROJECTS
    for status, body in losers:
        assert status == 200
        assert "complet" in body
    assert json.dumps(state)  # readable when it fails
