"""A hostile user playing with the pairing flow and the public pages: pairing with oneself
(one's own address in any case, proposing to oneself, accepting one's own proposal), altered,
used or expired invitations, leaving twice, sending the same form twice, a closed, full or
unpublished project reached by its address, garbage in the filters and pages, `next=` sending
elsewhere. Each answered with a clear message and a 4xx (or a redirect with the message),
never a 500, never half a record."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from entraide.projects.errors import ProjectErrorCode as Code
from entraide.projects.models import Member, Pair, Seeker
from entraide.projects.tests.conftest import build_catalogue, build_project, form_pair, looking
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _join(project):
    return f"{project.get_absolute_url()}binome/"


def tags(response):
    return [m.extra_tags for m in response.wsgi_request._messages]


@pytest.mark.parametrize(
    "address",
    ["alice@example.org", "ALICE@EXAMPLE.ORG", " Alice@Example.org ", "alice@EXAMPLE.org"],
)
def test_inviting_ones_own_address_in_any_case_is_refused(
    client_for, alice, stories_project, address
):
    alice.email = "alice@example.org"
    alice.save()
    response = client_for(alice).post(
        _join(stories_project),
        {"action": "invite", "invite-name": "Moi", "invite-email": address},
    )
    assert response.status_code == 400
    assert response.context["invite_form"].has_error("email", code=Code.SELF_PAIRING)
    assert Pair.objects.count() == 0
    assert Member.objects.count() == 0
    assert mail.outbox == []


def test_proposing_to_oneself_is_refused(client_for, alice, stories_project):
    seeker = looking(stories_project, alice)
    response = client_for(alice).post(
        _join(stories_project), {"action": "propose", "seeker": seeker.pk}
    )
    assert response.status_code == 302
    assert tags(response) == [Code.SELF_PAIRING]
    assert Pair.objects.count() == 0


def test_accepting_ones_own_proposal_or_invitation_is_refused(
    client_for, alice, charlie, stories_project
):
    looking(stories_project, charlie)
    client = client_for(alice)
    client.post(_join(stories_project), {"action": "propose", "seeker": Seeker.objects.get().pk})
    asked = Member.objects.get(user=charlie)
    response = client.post(_join(stories_project), {"action": "accept", "member": asked.pk})
    assert tags(response)[-1] == Code.NOT_FOR_YOU
    mine = Member.objects.get(user=alice)
    response = client.post(_join(stories_project), {"action": "accept", "member": mine.pk})
    assert response.status_code == 302
    assert Pair.objects.get().formed_at is None
    assert Member.objects.filter(accepted_at__isnull=False).count() == 1


def test_an_altered_invitation_link_is_not_found(client, client_for, alice, stories_project):
    client_for(alice).post(
        _join(stories_project),
        {"action": "invite", "invite-name": "C", "invite-email": "c@example.org"},
    )
    url = Member.objects.get(email="c@example.org").invitation_url()
    token = url.rstrip("/").rsplit("/", 1)[1]
    changed = token[:-1] + ("A" if token[-1] != "A" else "B")
    for bad in (changed, token + "x", token.upper(), "x" * 5000, "%00", "..%2F..%2F"):
        response = client.get(f"/projets/invitation/{bad}/")
        assert response.status_code in (400, 404), bad
    charlie = UserFactory(email="c@example.org")
    response = client_for(charlie).post(f"/projets/invitation/{changed}/", {"answer": "accept"})
    assert response.status_code == 404
    assert Pair.objects.get().formed_at is None


def test_an_expired_or_used_invitation_cannot_be_accepted_twice(
    client_for, alice, charlie, stories_project
):
    client_for(alice).post(
        _join(stories_project),
        {"action": "invite", "invite-name": "C", "invite-email": "c@example.org"},
    )
    member = Member.objects.get(email="c@example.org")
    url = member.invitation_url()
    Member.objects.filter(pk=member.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client_for(charlie).post(url, {"answer": "accept"})
    assert response.status_code == 410
    assert Pair.objects.get().formed_at is None
    Member.objects.filter(pk=member.pk).update(expires_at=timezone.now() + timedelta(days=1))
    assert client_for(charlie).post(url, {"answer": "accept"}).status_code == 302
    other = UserFactory()
    assert client_for(other).post(url, {"answer": "accept"}).status_code == 410
    assert client_for(other).post(url, {"answer": "decline"}).status_code == 410
    assert list(Pair.objects.get().members.values_list("user", flat=True)) == [alice.pk, charlie.pk]


def test_leaving_twice_is_not_found_the_second_time(client_for, alice, charlie, stories_project):
    pair = form_pair(stories_project, alice, charlie)
    client = client_for(alice)
    url = f"/projets/binome/{pair.pk}/quitter/"
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 404
    assert list(Pair.objects.get().members.values_list("user", flat=True)) == [charlie.pk]
    assert len(mail.outbox) == 1


def test_sending_the_same_form_twice_makes_one_record(client_for, alice, charlie, stories_project):
    client = client_for(alice)
    invite = {"action": "invite", "invite-name": "C", "invite-email": "c@example.org"}
    assert client.post(_join(stories_project), invite).status_code == 302
    response = client.post(_join(stories_project), invite)
    assert response.status_code == 400
    assert response.context["invite_form"].has_error("__all__", code=Code.ALREADY_ASKED) or (
        tags(response) == [Code.ALREADY_ASKED]
    )
    assert Member.objects.filter(email="c@example.org").count() == 1
    assert len(mail.outbox) == 1
    look = {"action": "look", "look-note": "Bonjour"}
    charlie_client = client_for(charlie)
    assert charlie_client.post(_join(stories_project), look).status_code == 302
    assert charlie_client.post(_join(stories_project), look).status_code == 302
    assert Seeker.objects.count() == 1


def test_proposing_twice_to_the_same_person_asks_once(client_for, alice, charlie, stories_project):
    seeker = looking(stories_project, charlie)
    client = client_for(alice)
    for _ in range(2):
        client.post(_join(stories_project), {"action": "propose", "seeker": seeker.pk})
    assert Member.objects.filter(user=charlie).count() == 1
    assert len(mail.outbox) == 1


def test_accepting_twice_forms_one_pair(client_for, alice, charlie, stories_project):
    looking(stories_project, charlie)
    client_for(alice).post(
        _join(stories_project), {"action": "propose", "seeker": Seeker.objects.get().pk}
    )
    asked = Member.objects.get(user=charlie)
    client = client_for(charlie)
    assert (
        client.post(_join(stories_project), {"action": "accept", "member": asked.pk}).status_code
        == 302
    )
    response = client.post(_join(stories_project), {"action": "accept", "member": asked.pk})
    assert response.status_code == 302
    assert Pair.objects.filter(formed_at__isnull=False).count() == 1
    assert Member.objects.count() == 2


def test_closed_full_or_not_in_pairs_projects_refuse_every_way_in(
    client_for, alice, charlie, stories_project, catalogue
):
    seeker = looking(stories_project, charlie)
    cases = {
        "closed": {"enrolment_closed_at": timezone.now()},
        "solo": {"in_pairs": False},
        "full": {"max_pairs": 1},
    }
    for name, change in cases.items():
        project = build_project(catalogue, title=name, slug=name, **change)
        seeker = looking(project, charlie)
        if name == "full":
            form_pair(project, UserFactory(), UserFactory())
        client = client_for(alice)
        for data in (
            {"action": "invite", "invite-name": "C", "invite-email": "c@example.org"},
            {"action": "look", "look-note": ""},
            {"action": "propose", "seeker": seeker.pk},
        ):
            response = client.post(_join(project), data)
            assert response.status_code in (302, 400), (name, data)
            assert Member.objects.filter(project=project, user=alice).count() == 0, (name, data)
            assert Seeker.objects.filter(project=project, user=alice).count() == 0, (name, data)
    assert mail.outbox == []


def test_an_unpublished_project_or_catalogue_is_not_found_for_visitors_by_any_address(
    client, client_for, alice, place, catalogue
):
    hidden = build_catalogue(place, title="Brouillon", slug="brouillon", public=False)
    in_hidden = build_project(hidden, title="Dedans", slug="dedans")
    draft = build_project(catalogue, title="Brouillon", slug="brouillon-p", published_at=None)
    for project in (in_hidden, draft):
        for url in (
            project.get_absolute_url(),
            _join(project),
            f"{project.get_absolute_url()}accueillir/",
        ):
            assert client_for(alice).get(url).status_code == 404, url
            assert client_for(alice).post(url, {"action": "look"}).status_code == 404, url
        assert client.get(project.get_absolute_url()).status_code == 404
    assert client.get("/projets/brouillon/").status_code == 404
    assert Seeker.objects.count() == 0


@pytest.mark.parametrize(
    "query",
    [
        "?public=<script>alert(1)</script>",
        "?etiquette=%00",
        "?type=inexistant",
        "?type[]=recit",
        "?page=-1",
        "?page=0",
        "?page=99999",
        "?page=abc",
        "?page=" + "9" * 40,
        "?page=1e3",
        "?public=x&public=y&page=2",
    ],
)
def test_garbage_in_the_filters_and_pages_is_never_a_500(client, catalogue, stories_project, query):
    response = client.get(catalogue.get_absolute_url() + query)
    assert response.status_code in (200, 400, 404)
    assert "<script>alert(1)" not in response.content.decode()
    response = client.get("/projets/" + query)
    assert response.status_code in (200, 400, 404)


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"],
)
def test_next_never_sends_elsewhere(client, stories_project, next_url):
    response = client.post(f"{_join(stories_project)}?next={next_url}", {"action": "look"})
    assert response.status_code == 302
    assert response["Location"].startswith("/")
    assert not response["Location"].startswith("//")
    assert "evil" not in response["Location"].split("?next=")[0]
    login = client.get(response["Location"])
    assert "evil.example" not in login.content.decode().split("next")[0]


def test_starting_the_story_twice_by_a_double_click_makes_one_story(
    client_for, place, alice, charlie, stories_project
):
    from entraide.projects.models import Output
    from entraide.stories.models import Story
    from entraide.stories.tests.conftest import build_collection

    collection = build_collection(place, slug="recits-de-la-transition")
    stories_project.collection_slug = collection.slug
    stories_project.save()
    pair = form_pair(stories_project, alice, charlie)
    data = {"title": "Joséphine répare", "story_kind": "podcast", "interviewee_name": ""}
    first = client_for(alice).post(f"/projets/binome/{pair.pk}/lancer/", data)
    second = client_for(charlie).post(f"/projets/binome/{pair.pk}/lancer/", data)
    assert first.status_code == 302
    assert second.status_code == 302
    assert second.url == f"/projets/binome/{pair.pk}/"
    assert tags(second)[-1] == Code.ALREADY_STARTED
    assert Story.objects.count() == 1
    assert Output.objects.count() == 1
    for title in ("x" * 10_000, "a\nBcc: x@example.org", ""):
        response = client_for(alice).post(
            f"/projets/binome/{pair.pk}/lancer/", {**data, "title": title}
        )
        assert response.status_code == 400, title
        assert response.context["form"].has_error("title"), title
    assert Story.objects.count() == 1
