"""The pairing pages: the join page, the invitation's private link, leaving, "mes-projets"."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from entraide.core.tokens import keyed_token
from entraide.projects.errors import ProjectErrorCode
from entraide.projects.models import INVITATION_PURPOSE, Member, Pair, Seeker
from entraide.projects.services import pairing
from entraide.projects.tests.conftest import build_project, form_pair, looking
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

JOIN = "/projets/entraide-et-action-collective/publication-de-recits-de-la-transition/binome/"
SCRIPT = "<script>alert(1)</script>"


def text(response):
    return response.content.decode()


def invitation_path(member):
    return f"/projets/invitation/{keyed_token(INVITATION_PURPOSE, member.link_key)}/"


def error_tags(response):
    return [m.extra_tags for m in response.wsgi_request._messages]


def test_a_visitor_is_offered_to_sign_in_and_come_back(client, stories_project):
    response = client.get(JOIN)

    assert response.status_code == 200
    assert f"/comptes/connexion/?next={JOIN.replace('/', '%2F')}" in text(response) or (
        "?next=%2Fprojets%2F" in text(response)
    )
    response = client.post(JOIN, {"action": "look"})
    assert response.status_code == 302
    assert "next=/projets/" in response.url


def test_the_seekers_list_shows_first_names_and_words_only(client_for, stories_project, alice):
    for n, name in enumerate(["Léa Fontaine", "Marc Oliveira", ""]):
        user = UserFactory(email=f"seeker{n}@example.org", display_name=name)
        looking(stories_project, user, note=f"Mot {n}")

    page = text(client_for(alice).get(JOIN))

    for shown in ("Léa", "Marc", "Membre", "Mot 0", "Mot 1", "Mot 2"):
        assert shown in page
    for hidden in ("Fontaine", "Oliveira", "seeker0@example.org", "seeker1@", "seeker2@"):
        assert hidden not in page
    assert page.count('value="propose"') == 3


def test_inviting_a_partner_sends_the_mail_and_shows_the_pending_invitation(
    client_for, stories_project, alice
):
    client = client_for(alice)
    response = client.post(
        JOIN,
        {"action": "invite", "invite-name": "Zoé", "invite-email": "zoe@example.org"},
    )

    assert response.status_code == 302
    assert response.url == JOIN
    assert [m.to for m in mail.outbox] == [["zoe@example.org"]]
    page = text(client.get(JOIN))
    assert "zoe@example.org" in page
    assert 'value="cancel"' in page
    assert 'value="invite"' not in page  # one request at a time


def test_a_bad_address_or_ones_own_is_refused_beside_the_field(client_for, stories_project, alice):
    client = client_for(alice)
    bad = client.post(JOIN, {"action": "invite", "invite-name": "Z", "invite-email": "nope"})
    own = client.post(
        JOIN, {"action": "invite", "invite-name": "Z", "invite-email": "alice@example.org"}
    )

    assert bad.status_code == 400
    assert bad.context["invite_form"].has_error("email")
    assert own.status_code == 400
    assert own.context["invite_form"].has_error("email", ProjectErrorCode.SELF_PAIRING)
    assert Pair.objects.count() == 0
    assert mail.outbox == []


def test_a_ten_thousand_character_name_is_refused(client_for, stories_project, alice):
    response = client_for(alice).post(
        JOIN, {"action": "invite", "invite-name": "x" * 10_000, "invite-email": "z@example.org"}
    )

    assert response.status_code == 400
    assert Member.objects.count() == 0


def test_looking_proposing_and_accepting_leads_to_the_pairs_page(
    client_for, stories_project, alice, charlie
):
    client = client_for(charlie)
    assert client.post(JOIN, {"action": "look", "look-note": "Podcasts"}).status_code == 302
    seeker = Seeker.objects.get()

    client = client_for(alice)
    assert client.post(JOIN, {"action": "propose", "seeker": seeker.pk}).status_code == 302
    assert "Vous avez proposé" in text(client.get(JOIN))

    client = client_for(charlie)
    page = text(client.get(JOIN))
    assert "Alice" in page
    assert 'value="accept"' in page
    proposal = Member.objects.get(user=charlie)
    response = client.post(JOIN, {"action": "accept", "member": proposal.pk})

    pair = Pair.objects.get()
    assert response.status_code == 302
    assert response.url == pair.get_absolute_url()
    assert pair.is_formed
    assert Seeker.objects.count() == 0


def test_accepting_in_a_full_project_tells_why_and_saves_nothing(
    client_for, stories_project, alice, charlie
):
    proposal = pairing.propose(stories_project, by=alice, seeker=looking(stories_project, charlie))
    for _ in range(3):
        form_pair(stories_project, UserFactory(), UserFactory())

    client = client_for(charlie)
    response = client.post(JOIN, {"action": "accept", "member": proposal.pk})

    assert response.status_code == 302
    assert response.url == JOIN
    assert error_tags(response) == [ProjectErrorCode.PROJECT_FULL]
    assert Member.objects.get(pk=proposal.pk).accepted_at is None
    assert "complet" in text(client.get(JOIN))


def test_answering_someone_elses_proposal_is_refused(
    client_for, stories_project, alice, bob, charlie
):
    proposal = pairing.propose(stories_project, by=alice, seeker=looking(stories_project, charlie))

    response = client_for(bob).post(JOIN, {"action": "accept", "member": proposal.pk})

    assert error_tags(response) == [ProjectErrorCode.NOT_FOR_YOU]
    assert Member.objects.get(pk=proposal.pk).accepted_at is None


def test_an_unknown_action_is_a_bad_request(client_for, stories_project, alice):
    assert client_for(alice).post(JOIN, {"action": "x"}).status_code == 400
    assert client_for(alice).post(JOIN, {"action": "accept", "member": "x"}).status_code == 302


def test_a_closed_project_says_so(client_for, stories_project, alice):
    stories_project.enrolment_closed_at = timezone.now()
    stories_project.save()

    page = text(client_for(alice).get(JOIN))

    assert "fermée" in page
    assert 'value="invite"' not in page


def test_the_join_page_of_an_unpublished_project_is_not_found(client_for, catalogue, alice):
    build_project(catalogue, title="Brouillon", slug="brouillon", published_at=None)

    response = client_for(alice).get("/projets/entraide-et-action-collective/brouillon/binome/")
    assert response.status_code == 404


# ----------------------------------------------------------------- the invitation's link


def test_the_invitation_works_without_an_account_then_after_signing_in(
    client, stories_project, alice, charlie
):
    member = pairing.invite_partner(stories_project, by=alice, email="c@example.org", name="C")
    path = invitation_path(member)

    page = client.get(path)
    assert page.status_code == 200
    assert "Alice" in text(page)
    assert "/comptes/inscription/?next=%2Fprojets%2Finvitation%2F" in text(page) or (
        "next=%2Fprojets%2Finvitation%2F" in text(page)
    )
    anonymous = client.post(path, {"answer": "accept"})
    assert anonymous.status_code == 302
    assert anonymous.url.endswith(f"?next={path}")

    client.force_login(charlie)
    response = client.post(path, {"answer": "accept"})
    pair = Pair.objects.get()
    assert response.url == pair.get_absolute_url()
    assert pair.is_formed


def test_a_forged_invitation_is_not_found(client):
    assert client.get("/projets/invitation/forged-token/").status_code == 404


def test_a_used_or_expired_invitation_says_so(client_for, stories_project, alice, charlie):
    used = pairing.invite_partner(stories_project, by=alice, email="c@example.org", name="C")
    pairing.accept_invitation(keyed_token(INVITATION_PURPOSE, used.link_key), user=charlie)
    expired = pairing.invite_partner(
        stories_project, by=UserFactory(), email="d@example.org", name="D"
    )
    Member.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))

    client = client_for(UserFactory())
    assert client.get(invitation_path(used)).status_code == 410
    assert client.post(invitation_path(expired), {"answer": "accept"}).status_code == 410
    assert Pair.objects.filter(formed_at__isnull=False).count() == 1


def test_the_inviter_cannot_accept_their_own_invitation(client_for, stories_project, alice):
    member = pairing.invite_partner(stories_project, by=alice, email="c@example.org", name="C")

    response = client_for(alice).post(invitation_path(member), {"answer": "accept"})

    assert response.status_code == 400
    assert response.context["error"].code == ProjectErrorCode.SELF_PAIRING


def test_declining_the_invitation(client_for, stories_project, alice, charlie):
    member = pairing.invite_partner(stories_project, by=alice, email="c@example.org", name="C")

    response = client_for(charlie).post(invitation_path(member), {"answer": "decline"})

    assert response.status_code == 302
    assert not Member.objects.filter(pk=member.pk).exists()


# ----------------------------------------------------------------- leaving, my projects


def test_leaving_asks_for_confirmation_then_frees_the_partner(
    client_for, stories_project, alice, charlie
):
    pair = form_pair(stories_project, alice, charlie)
    client = client_for(alice)

    page = client.get(f"/projets/binome/{pair.pk}/quitter/")
    assert page.status_code == 200
    assert "Charlie" in text(page)
    response = client.post(f"/projets/binome/{pair.pk}/quitter/")

    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.formed_at is None
    assert [m.to for m in mail.outbox] == [["charlie@example.org"]]


def test_leaving_someone_elses_pair_is_not_found(client_for, stories_project, alice, bob, charlie):
    pair = form_pair(stories_project, alice, charlie)

    assert client_for(bob).post(f"/projets/binome/{pair.pk}/quitter/").status_code == 404
    assert Pair.objects.get(pk=pair.pk).is_formed


def test_my_projects_lists_pairs_searches_proposals_and_invitations(
    client_for, stories_project, workshops_project, alice, charlie
):
    form_pair(stories_project, alice, charlie)
    looking(workshops_project, alice)
    other = build_project(stories_project.catalogue, title="Enquête", slug="enquete")
    pairing.invite_partner(other, by=charlie, email="alice@example.org", name="Alice")

    page = text(client_for(alice).get("/projets/mes-projets/"))

    assert "Publication de récits de la transition" in page
    assert "Charlie" in page
    assert "Co-animation d’ateliers participatifs et préventifs" in page
    assert "Enquête" in page
    assert "/projets/invitation/" in page


def test_script_in_every_text_is_escaped(client_for, catalogue, alice):
    project = build_project(catalogue, title=SCRIPT, slug="script", summary=SCRIPT)
    evil = UserFactory(display_name=SCRIPT)
    looking(project, evil, note=SCRIPT)
    member = pairing.invite_partner(project, by=evil, email="alice@example.org", name=SCRIPT)
    join = "/projets/entraide-et-action-collective/script/binome/"

    client = client_for(alice)
    pages = [
        client.get(join),
        client.get(invitation_path(member)),
        client.get("/projets/mes-projets/"),
    ]
    client = client_for(evil)
    pages.append(client.get(join))
    pair = Pair.objects.get()
    pages.append(client.get(f"/projets/binome/{pair.pk}/quitter/"))

    for page in pages:
        assert page.status_code == 200
        assert SCRIPT not in text(page)
        assert "&lt;script&gt;" in text(page)


def test_the_word_about_oneself_is_kept_in_the_form_to_change_it(
    client_for, stories_project, alice
):
    looking(stories_project, alice, note="Disponible le mardi")

    page = client_for(alice).get(JOIN).text

    assert 'value="Disponible le mardi"' in page
