"""The authors' pages as a person meets them: joining with the code, starting a story, the
partner's invitation (without an account, then signed in), writing with the word count and the
page estimate, the refusal of a save based on an older version, the history and its diff, the
follow-up page (consent status, the consent button, comments and the answer, submitting),
"mes-recits"."""

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.text import slugify

from entraide.stories.models import Comment, Consent, Story, StoryVersion, Writer
from entraide.stories.services import writing
from entraide.stories.tests.conftest import consented

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_by(story_by):
    """The shared fixture, with an address the slug converter matches ("reparer-ensemble", not
    "réparer-ensemble")."""

    def make(author, **fields):
        fields.setdefault("slug", slugify(fields.get("title", "Réparer ensemble")))
        return story_by(author, **fields)

    return make


def _start_data(collection, **changes):
    data = {
        "title": "La réparatrice",
        "kind": "portrait",
        "themes": [collection.themes.first().pk],
        "summary": "Vingt ans de grille-pain.",
        "interviewee_name": "Joséphine Martin",
        "interviewee_email": "josephine@example.org",
        "credit": "pseudonyme",
        "pseudonym": "Jo",
    }
    data.update(changes)
    return data


def _write_data(story, base, **changes):
    data = {"base": base, "title": story.title, "summary": story.summary, "body": story.body}
    data.update(changes)
    return data


# ----------------------------------------------------------------- joining and starting


def test_joining_with_the_code_then_starting_a_story(client, collection, charlie):
    client.force_login(charlie)
    response = client.get(collection.new_story_url())
    assert response.status_code == 403
    assert collection.join_url() in response.text

    response = client.post(collection.join_url(), {"code": "WRONG"})
    assert response.status_code == 400
    assert response.context["form"].has_error("code", "unknown_code")

    response = client.post(collection.join_url(), {"code": "abcd2345"})
    assert response.headers["Location"] == collection.new_story_url()
    client.post(collection.join_url(), {"code": "abcd2345"})
    assert Writer.objects.filter(user=charlie).count() == 1

    response = client.get(collection.new_story_url())
    assert (
        "Privilégiez les questions ouvertes" in response.text or "open questions" in response.text
    )
    assert collection.length_guidance in response.text.replace("&#x27;", "’")

    response = client.post(collection.new_story_url(), _start_data(collection))
    story = Story.objects.get()
    assert response.headers["Location"] == f"/recits/{collection.slug}/{story.slug}/suivi/"
    assert (story.credit, story.pseudonym, story.created_by) == ("pseudonyme", "Jo", charlie)


def test_the_join_page_needs_an_account(client, collection):
    response = client.get(collection.join_url())
    assert response.status_code == 302
    assert "next=" in response.headers["Location"]


def test_a_pseudonym_must_be_given_and_a_foreign_theme_is_refused(client, collection, writer):
    client.force_login(writer.user)
    response = client.post(collection.new_story_url(), _start_data(collection, pseudonym=""))
    assert response.status_code == 400
    assert "pseudonym" in response.context["form"].errors
    response = client.post(collection.new_story_url(), _start_data(collection, themes=[99999]))
    assert response.status_code == 400
    assert not Story.objects.exists()


# ----------------------------------------------------------------- the partner's invitation


def test_the_invitation_works_without_an_account_then_signed_in(client, story_by, alice, charlie):
    story = story_by(alice)
    client.force_login(alice)
    response = client.post(
        f"/recits/{story.collection.slug}/{story.slug}/binome/", {"email": "c@x.org"}
    )
    assert response.status_code == 302
    link = mail.outbox[0].body.split("http://")[1].split()[0]
    link = link[link.index("/recits/") :]
    client.logout()

    response = client.get(link)
    assert response.status_code == 200
    assert "Alice" in response.text
    assert story.title in response.text
    assert f"?next={link}" in response.text.replace("%2F", "/")

    client.force_login(charlie)
    response = client.post(link, {"answer": "accept"})
    assert response.headers["Location"].endswith("/suivi/")
    assert story.authors.filter(user=charlie, accepted_at__isnull=False).exists()
    assert client.get(response.headers["Location"]).status_code == 200

    assert client.get(link).status_code == 410
    assert client.get("/recits/binome/forged/").status_code == 404


def test_inviting_oneself_is_refused_beside_the_field(client, story_by, alice):
    story = story_by(alice)
    client.force_login(alice)
    response = client.post(
        f"/recits/{story.collection.slug}/{story.slug}/binome/", {"email": alice.email}
    )
    assert response.status_code == 400
    assert response.context["invite_form"].has_error("email", "self_invitation")
    assert not mail.outbox


def test_a_withdrawn_invitation_is_gone(client, story_by, alice):
    story = story_by(alice)
    pending = writing.invite_partner(story, alice, "c@x.org")
    client.force_login(alice)
    base = f"/recits/{story.collection.slug}/{story.slug}/"
    assert "c@x.org" in client.get(base + "suivi/").text
    client.post(base + f"binome/{pending.pk}/retirer/")
    assert client.get(pending.invitation_url()).status_code == 404


def test_declining_removes_the_invitation(client, story_by, alice, charlie):
    story = story_by(alice)
    pending = writing.invite_partner(story, alice, "c@x.org")
    client.force_login(charlie)
    client.post(pending.invitation_url(), {"answer": "decline"})
    assert story.authors.count() == 1


# ----------------------------------------------------------------- writing


def test_writing_shows_the_count_and_the_estimate_after_a_save(client, story_by, alice):
    story = story_by(alice, body="")
    client.force_login(alice)
    body = " ".join(["mot"] * 1250)
    response = client.post(story.edit_url(), _write_data(story, 0, body=body))
    assert response.status_code == 302
    response = client.get(story.edit_url())
    assert "1250" in response.text.replace("\u202f", "").replace(" ", "")
    assert "2,5" in response.text
    assert story.collection.length_guidance in response.text.replace("&#x27;", "’")
    assert response.context["form"]["base"].value() == 1
    assert "<script" not in response.text.split("</header>")[-1]


def test_a_stale_save_is_refused_with_the_text_kept_and_the_difference(
    client, story_by, alice, charlie
):
    story = story_by(alice, body="")
    writing.accept_invitation(writing.invite_partner(story, alice, "c@x.org"), charlie)
    writing.save_draft(story, alice, base=0, title=story.title, summary="", body="Version d’Alice.")

    client.force_login(charlie)
    response = client.post(story.edit_url(), _write_data(story, 0, body="Version de Charlie."))

    assert response.status_code == 409
    assert response.context["form"].has_error("body", "stale_version")
    assert "Version de Charlie." in response.text
    assert "?de=0&amp;a=1" in response.text
    assert "<ins>" in response.text
    assert Story.objects.get().body == "Version d’Alice."
    # Having seen the difference, Charlie saves again, from Alice's version.
    assert response.context["form"]["base"].value() == 1
    response = client.post(story.edit_url(), _write_data(story, 1, body="Les deux."))
    assert response.status_code == 302
    assert Story.objects.get().body == "Les deux."


def test_a_story_in_review_cannot_be_written(client, story_by, alice):
    story = story_by(alice, state=Story.State.IN_REVIEW)
    client.force_login(alice)
    assert client.get(story.edit_url()).status_code == 409
    response = client.post(story.edit_url(), _write_data(story, 0, body="x"))
    assert response.status_code == 409
    assert "editors" in response.text or "équipe" in response.text or "relecture" in response.text


def test_someone_elses_story_is_forbidden(client, story_by, alice, charlie):
    story = story_by(alice)
    client.force_login(charlie)
    base = f"/recits/{story.collection.slug}/{story.slug}/"
    for url in ("ecrire/", "suivi/", "versions/"):
        assert client.get(base + url).status_code == 403
    for url in ("ecrire/", "binome/", "repondre/", "soumettre/"):
        assert client.post(base + url, {"email": "x@x.org", "body": "x"}).status_code == 403
    assert client.get(f"/recits/{story.collection.slug}/nothing/suivi/").status_code == 404


# ----------------------------------------------------------------- versions


def test_the_history_shows_who_saved_and_the_last_two_compared(client, story_by, alice):
    story = story_by(alice, body="")
    for n, text in enumerate(["Un.", "Un deux.", "Un deux trois."]):
        story, _ = writing.save_draft(
            story, alice, base=n, title=story.title, summary="", body=text
        )
    client.force_login(alice)
    url = f"/recits/{story.collection.slug}/{story.slug}/versions/"

    response = client.get(url)
    assert (response.context["before"], response.context["after"]) == (2, 3)
    assert "trois" in str(response.context["diff"]["body"])
    assert "Alice" in response.text

    response = client.get(url + "?de=1&a=3")
    assert "deux" in str(response.context["diff"]["body"])
    assert client.get(url + "?de=x&a=<b>").status_code == 200


# ----------------------------------------------------------------- the follow-up page


def test_the_consent_status_and_button(client, story_by, alice):
    story = story_by(alice, interviewee_email="")
    client.force_login(alice)
    url = f"/recits/{story.collection.slug}/{story.slug}/suivi/"
    response = client.get(url)
    assert response.context["consent_key"] == "none"
    assert "/consentement/" not in response.text
    Story.objects.filter(pk=story.pk).update(interviewee_email="j@x.org")
    response = client.get(url)
    assert f'action="/recits/{story.collection.slug}/{story.slug}/consentement/"' in response.text
    assert "/episode/" in response.text
    assert "/photo/" in response.text

    consent = consented(story, voice=False)
    assert client.get(url).context["consent_key"] == "agreed"
    Consent.objects.filter(pk=consent.pk).update(withdrawn_at=timezone.now())
    assert client.get(url).context["consent_key"] == "withdrawn"
    consented(story, text=False, voice=False, photo=False)
    assert client.get(url).context["consent_key"] == "refused"


def test_answering_the_editors_and_submitting(client, story_by, alice, bob):
    story = story_by(alice)
    Comment.objects.create(story=story, author=bob, by_editor=True, body="Plus court ?")
    client.force_login(alice)
    base = f"/recits/{story.collection.slug}/{story.slug}/"

    assert client.post(base + "repondre/", {"body": ""}).status_code == 400
    assert client.post(base + "repondre/", {"body": "Fait."}).status_code == 302
    assert Comment.objects.filter(by_editor=False, body="Fait.").exists()

    assert client.post(base + "soumettre/").status_code == 302
    assert Story.objects.get().state == Story.State.IN_REVIEW
    response = client.post(base + "soumettre/")
    assert response.status_code == 409
    assert len(mail.outbox) == 2


def test_an_empty_story_is_not_submitted(client, story_by, alice):
    story = story_by(alice, body="")
    client.force_login(alice)
    response = client.post(f"/recits/{story.collection.slug}/{story.slug}/soumettre/")
    assert response.status_code == 400
    assert Story.objects.get().state == Story.State.DRAFT


# ----------------------------------------------------------------- my stories


def test_my_stories_show_what_awaits_me(client, story_by, alice, charlie):
    first = story_by(alice, title="Premier")
    second = story_by(alice, title="Second", state=Story.State.CHANGES_REQUESTED)
    Comment.objects.create(story=second, author=None, by_editor=True, body="À reprendre")
    writing.invite_partner(first, alice, charlie.email)
    other = story_by(charlie, title="Celui de Charlie")
    writing.invite_partner(other, charlie, alice.email)
    client.force_login(alice)

    response = client.get("/recits/mes-recits/")

    stories = {s.title: s for s in response.context["stories"]}
    assert set(stories) == {"Premier", "Second"}
    assert stories["Premier"].awaiting_partner
    assert not stories["Second"].awaiting_partner
    assert stories["Second"].editors_spoke_last
    assert [i.story.title for i in response.context["invitations"]] == ["Celui de Charlie"]
    assert first.collection.new_story_url() in response.text
    assert StoryVersion.objects.count() == 0


def test_the_interviewee_is_corrected_while_the_story_is_a_draft(client, story_by, alice):
    story = story_by(alice, interviewee_email="")
    client.force_login(alice)
    url = f"/recits/{story.collection.slug}/{story.slug}/interviewe/"
    data = {"interviewee_name": "Jo M.", "interviewee_email": "jo@x.org", "credit": "pseudonyme"}

    response = client.post(url, {**data, "pseudonym": ""})
    assert response.status_code == 400
    assert response.context["interviewee_form"].has_error("pseudonym", "required")

    assert client.post(url, {**data, "pseudonym": "Jo"}).status_code == 302
    story.refresh_from_db()
    assert (story.interviewee_email, story.pseudonym) == ("jo@x.org", "Jo")

    Story.objects.filter(pk=story.pk).update(state=Story.State.IN_REVIEW)
    assert client.post(url, {**data, "credit": "nom", "pseudonym": ""}).status_code == 409
    assert Story.objects.get().credit == "pseudonyme"


def test_the_reading_step_shows_on_the_follow_up_page(client, story_by, alice):
    story = story_by(alice, state=Story.State.IN_REVIEW)
    consent = consented(story)
    client.force_login(alice)
    url = f"/recits/{story.collection.slug}/{story.slug}/suivi/"
    response = client.get(url)
    assert f'action="/recits/{story.collection.slug}/{story.slug}/consentement/relecture/"' in (
        response.text
    )
    assert f'name="next" value="{url}"' in response.text
    now = timezone.now()
    Consent.objects.filter(pk=consent.pk).update(
        reading_requested_at=now, corrections_at=now, corrections="<b>Mon prénom</b> est Jo."
    )
    response = client.get(url)
    assert "&lt;b&gt;Mon prénom&lt;/b&gt; est Jo." in response.text
