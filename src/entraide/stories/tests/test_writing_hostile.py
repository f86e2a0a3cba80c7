"""Hostile input on the authors' pages: script and raw HTML in every text (escaped, never run),
10,000-character fields (refused beside the field, 400, nothing saved), double submissions;
and the pages' query counts, which do not grow with the versions or the stories."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify

from entraide.stories.models import Comment, Story, StoryVersion
from entraide.stories.services import writing

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
LONG = "x" * 10_000


@pytest.fixture
def story_by(story_by):
    def make(author, **fields):
        fields.setdefault("slug", slugify(fields.get("title", "Réparer ensemble")))
        return story_by(author, **fields)

    return make


def _start(collection, **changes):
    data = {
        "title": "Titre",
        "kind": "portrait",
        "summary": "",
        "interviewee_name": "Jo",
        "interviewee_email": "",
        "credit": "nom",
        "pseudonym": "",
    }
    data.update(changes)
    return data


def test_script_in_every_field_of_a_new_story_is_shown_as_text(client, collection, writer):
    client.force_login(writer.user)
    fields = ("title", "summary", "interviewee_name", "pseudonym")
    data = _start(collection, credit="pseudonyme", **dict.fromkeys(fields, SCRIPT))
    response = client.post(collection.new_story_url(), data)
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.slug.isascii()
    assert "<" not in story.slug
    for url in (response.headers["Location"], story.edit_url(), "/recits/mes-recits/"):
        page = client.get(url).text
        assert "&lt;script&gt;" in page
        assert "<script>alert" not in page
        assert "<img src=x" not in page


def test_script_in_the_text_is_sanitised_and_in_the_diff_escaped(client, story_by, alice, bob):
    story = story_by(alice, body="")
    client.force_login(alice)
    data = {"base": 0, "title": SCRIPT, "summary": SCRIPT, "body": SCRIPT + "\n\n**gras**"}
    assert client.post(story.edit_url(), data).status_code == 302
    story.refresh_from_db()
    assert "<script" not in story.body_html
    assert "<img" not in story.body_html
    Comment.objects.create(story=story, author=bob, by_editor=True, body=SCRIPT)
    client.post(f"/recits/{story.collection.slug}/{story.slug}/repondre/", {"body": SCRIPT})
    for url in ("suivi/", "versions/", "ecrire/"):
        page = client.get(f"/recits/{story.collection.slug}/{story.slug}/{url}").text
        assert "<script>alert" not in page, url
        assert "<img src=x" not in page, url
    assert all("<script>" in m.body for m in mail.outbox)  # plain text mails keep the text


@pytest.mark.parametrize("field", ["title", "summary", "interviewee_name", "interviewee_email"])
def test_a_10000_character_field_of_a_new_story_is_refused_beside_it(
    client, collection, writer, field
):
    client.force_login(writer.user)
    response = client.post(collection.new_story_url(), _start(collection, **{field: LONG}))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Story.objects.exists()


@pytest.mark.parametrize("field", ["title", "summary"])
def test_a_10000_character_field_of_the_text_is_refused(client, story_by, alice, field):
    story = story_by(alice)
    client.force_login(alice)
    data = {"base": 0, "title": "T", "summary": "", "body": "b", field: LONG}
    response = client.post(story.edit_url(), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not StoryVersion.objects.exists()


def test_bad_values_are_refused_not_crashed(client, story_by, alice, collection):
    story = story_by(alice)
    client.force_login(alice)
    assert client.post(story.edit_url(), {"base": "x", "title": "T"}).status_code == 400
    assert client.post(story.edit_url(), {"base": "-3", "title": "T"}).status_code == 400
    assert (
        client.post(collection.new_story_url(), _start(collection, kind="poem")).status_code == 400
    )
    assert client.post(collection.join_url(), {"code": LONG}).status_code == 400
    base = f"/recits/{story.collection.slug}/{story.slug}/"
    assert client.post(base + "binome/", {"email": "not an address"}).status_code == 400
    assert client.post(base + "repondre/", {"body": LONG}).status_code == 400
    assert client.post(base + "binome/99999/retirer/").status_code == 404
    assert client.get(base + "soumettre/").status_code == 405
    assert not mail.outbox


def test_a_double_submission_of_the_same_save_makes_one_version(client, story_by, alice):
    story = story_by(alice, body="")
    client.force_login(alice)
    data = {"base": 0, "title": story.title, "summary": "", "body": "Le texte."}
    assert client.post(story.edit_url(), data).status_code == 302
    assert client.post(story.edit_url(), data).status_code == 409
    assert StoryVersion.objects.count() == 1


# ----------------------------------------------------------------- query counts


def test_the_writing_pages_cost_the_same_with_more_versions(client, story_by, alice, charlie):
    story = story_by(alice, body="")
    writing.accept_invitation(writing.invite_partner(story, alice, "c@x.org"), charlie)
    client.force_login(alice)
    base = f"/recits/{story.collection.slug}/{story.slug}/"
    counts = []
    for size in (2, 12):
        while StoryVersion.objects.count() < size:
            n = StoryVersion.objects.count()
            who = alice if n % 2 else charlie
            story, _ = writing.save_draft(
                story, who, base=n, title=story.title, summary="", body=f"Texte {n}."
            )
            Comment.objects.create(story=story, author=who, by_editor=bool(n % 2), body="c")
        row = []
        for url in ("ecrire/", "versions/", "suivi/"):
            with CaptureQueriesContext(connection) as context:
                assert client.get(base + url).status_code == 200
            row.append(len(context.captured_queries))
        counts.append(row)
    assert counts[0] == counts[1]


def test_my_stories_cost_the_same_with_more_stories(client, story_by, alice, charlie):
    counts = []
    for size in (1, 6):
        while Story.objects.count() < size:
            n = Story.objects.count()
            story = story_by(alice, title=f"Récit {n}")
            writing.invite_partner(story, alice, f"p{n}@x.org")
            Comment.objects.create(story=story, author=None, by_editor=True, body="c")
        client.force_login(alice)
        with CaptureQueriesContext(connection) as context:
            assert client.get("/recits/mes-recits/").status_code == 200
        counts.append(len(context.captured_queries))
    assert counts[0] == counts[1]
