"""Two editors of a collection act on the same stories at the same moment, through gunicorn:
twelve stories published by both at once (each published once: one 302, one 409 "already
published"), then each unpublished by one while the other publishes it again. Every story ends
in one state, whole (`published_at` set exactly when published), and nothing answers 500."""

from collections import Counter

import pytest

from tests.concurrency.harness import App
from tests.concurrency.test_registrations import vendor  # noqa: F401 - the database fixture

pytestmark = pytest.mark.concurrency
STORIES = 12

SEED = """
import json
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from entraide.accounts.models import User
from entraide.places.models import Membership, Place
from entraide.stories.models import Story
from entraide.stories.tests.conftest import build_collection, build_story, consented
place = Place.objects.create(name="Université Paul-Valéry", slug="upv", kind="universite",
                             region="occitanie", city="Montpellier")
collection = build_collection(place, slug="recits")
author = User.objects.create(email="lea@example.org", display_name="Léa")
slugs = []
for n in range(STORIES_COUNT):
    story = build_story(collection, author, title=f"Portrait {n}", slug=f"portrait-{n}")
    consented(story)
    story.state = Story.State.ACCEPTED
    story.save(update_fields=["state"])
    slugs.append(story.slug)
sessions = []
for email in ("ines@example.org", "paul@example.org"):
    user = User.objects.create(email=email, display_name=email.split("@")[0])
    Membership.objects.create(place=place, user=user)
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    sessions.append(session.session_key)
print(json.dumps({"slugs": slugs, "sessions": sessions}))
""".replace("STORIES_COUNT", str(STORIES))

STATE = """
import json
from entraide.stories.models import Story
print(json.dumps({s.slug: [s.state, s.published_at is not None]
                  for s in Story.objects.filter(collection__slug="recits")}))
"""


def test_two_editors_publishing_and_unpublishing_at_once_leave_each_story_whole(
    vendor,  # noqa: F811
):
    with App(vendor) as app:
        seeded = app.python(SEED)
        app.start()
        ines, paul = seeded["sessions"]

        def act(slug, action, session):
            return (f"/recits/recits/{slug}/relire/{action}/", session, {})

        both_publish = app.post_all(
            [act(slug, "publier", who) for slug in seeded["slugs"] for who in (ines, paul)]
        )
        published = app.python(STATE)
        crossed = app.post_all(
            [
                request
                for slug in seeded["slugs"]
                for request in (act(slug, "depublier", ines), act(slug, "publier", paul))
            ]
        )
        final = app.python(STATE)

    assert Counter(status for status, _s in both_publish) == {302: STORIES, 409: STORIES}
    assert set(map(tuple, published.values())) == {("publiee", True)}
    for n, slug in enumerate(seeded["slugs"]):
        unpublish, publish = (status for status, _s in crossed[2 * n : 2 * n + 2])
        assert unpublish == 302  # the story was published: unpublishing it always works
        # publishing again worked if it came after the unpublishing, else "already published"
        if publish == 302:
            assert final[slug] == ["publiee", True]
        else:
            assert publish == 409
            assert final[slug] == ["acceptee", False]
