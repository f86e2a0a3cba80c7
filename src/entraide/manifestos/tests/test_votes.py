"""Votes on amendments: for, against or abstain, one per person (an account, or a visitor's
browser session, without a name), changeable with the same form while amendments are open,
only on open amendments shown to everyone; the totals show on the amendment's page and, in a
few words, in the lists of amendments, without a query per amendment."""

import pytest

from entraide.core.errors import DomainError
from entraide.manifestos import services
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import Amendment, AmendmentKind, Phase, Vote, VoteChoice
from entraide.manifestos.services import Person
from entraide.manifestos.tests.conftest import drafting
from entraide.manifestos.tests.test_query_counts import a_manifesto
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit, assert_page_cost

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(manifesto, bob):
    drafting(manifesto, bob)
    section = services.add_section(
        manifesto, title="Politique", body="Le numérique est politique.", by=bob
    )
    services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=bob)
    return section


def amend(section, author, body="Le numérique est collectif."):
    return services.propose_amendment(
        section.manifesto,
        kind=AmendmentKind.REPLACE,
        section=section,
        title=section.title,
        body=body,
        rationale="Plus juste.",
        by=author,
    )


@pytest.fixture
def amendment(section):
    return amend(section, UserFactory(display_name="Awa"))


def vote_url(amendment):
    return f"{amendment.get_absolute_url()}voter/"


def totals(amendment):
    row = Amendment.objects.annotate(**services.vote_totals()).get(pk=amendment.pk)
    return row.votes_for, row.votes_against, row.votes_abstain


def checked(page, choice):
    """Whether the radio button of `choice` is ticked on the page."""
    tag = page.split(f'value="{choice}"')[1].split(">")[0]
    return "checked" in tag


def test_a_visitor_votes_without_an_account_and_gets_a_cookie_only_then(client, amendment):
    page = client.get(amendment.get_absolute_url())
    assert "sessionid" not in client.cookies
    assert "Votre vote" in page.text
    assert "Pas besoin de compte" in page.text
    assert 'name="name"' not in page.text.split('id="votes"')[1].split("</section>")[0]

    response = client.post(vote_url(amendment), {"choice": "pour"})

    assert response.status_code == 302
    assert response["Location"].endswith("#votes")
    assert "sessionid" in client.cookies
    page = client.get(amendment.get_absolute_url()).text
    assert "Votre vote est enregistré." in page
    assert checked(page, "pour")
    assert "Changer mon vote" in page
    assert totals(amendment) == (1, 0, 0)


def test_a_visitor_changes_her_vote_with_the_same_form(client, amendment):
    client.post(vote_url(amendment), {"choice": "pour"})
    client.post(vote_url(amendment), {"choice": "contre"})

    page = client.get(amendment.get_absolute_url()).text
    assert checked(page, "contre")
    assert not checked(page, "pour")
    assert Vote.objects.get().choice == VoteChoice.AGAINST
    assert totals(amendment) == (0, 1, 0)


def test_a_signed_in_person_has_one_vote_across_her_browsers(client_for, amendment, alice):
    services.vote(amendment, choice="pour", person=Person(alice))
    other_browser = client_for(alice)
    other_browser.post(vote_url(amendment), {"choice": "abstention"})
    assert list(Vote.objects.values_list("contributor__user", "choice")) == [
        (alice.pk, "abstention")
    ]


def test_totals_count_each_person_once(section, amendment, alice, bob):
    other = amend(section, alice, body="Autre chose.")
    services.vote(amendment, choice="pour", person=Person(alice))
    services.vote(amendment, choice="pour", person=Person(bob))
    services.vote(amendment, choice="contre", person=Person(visitor_key="v1"))
    services.vote(amendment, choice="abstention", person=Person(visitor_key="v2"))
    services.vote(amendment, choice="pour", person=Person(visitor_key="v2"))  # changed
    services.vote(other, choice="contre", person=Person(alice))
    assert totals(amendment) == (3, 1, 0)
    assert totals(other) == (0, 1, 0)


def test_the_totals_show_on_the_page_and_in_the_lists(client_for, section, amendment, bob):
    for n, choice in enumerate(["pour", "pour", "contre", "abstention"]):
        services.vote(amendment, choice=choice, person=Person(visitor_key=f"v{n}"))
    page = client_for(bob).get(amendment.get_absolute_url()).text
    votes = page.split('id="votes"')[1].split("</ul>")[0]
    assert "<strong>2</strong> pour" in votes
    assert "<strong>1</strong> contre" in votes
    assert "<strong>1</strong> abstention" in votes
    compact = "2\u00a0pour, 1\u00a0contre, 1\u00a0abst."  # each number held to its word
    discussion = f"/manifestes/{section.manifesto.slug}/sections/{section.pk}/discussion/"
    assert compact in client_for(bob).get(discussion).text
    assert compact in client_for(bob).get(f"/manifestes/gerer/{section.manifesto.slug}/").text


def test_no_vote_once_amendments_close(client, manifesto, amendment, bob):
    client.post(vote_url(amendment), {"choice": "pour"})
    services.switch_phase(manifesto, Phase.AMENDMENTS_CLOSED, by=bob)

    response = client.post(vote_url(amendment), {"choice": "contre"})

    assert response.status_code == 400
    assert "Le vote est clos" in response.text
    assert Vote.objects.get().choice == "pour"
    with pytest.raises(DomainError) as refused:
        services.vote(amendment, choice="contre", person=Person(visitor_key="v"))
    assert refused.value.code == ManifestoErrorCode.VOTES_CLOSED
    page = client.get(amendment.get_absolute_url()).text
    assert vote_url(amendment) not in page
    assert "<strong>1</strong> pour" in page


def test_an_unknown_choice_is_refused_beside_the_field(client, amendment):
    response = client.post(vote_url(amendment), {"choice": "peut-être"})
    assert response.status_code == 400
    assert [e.code for e in response.context["vote_form"].errors.as_data()["choice"]] == [
        "invalid_choice"
    ]
    assert 'aria-describedby="vote' in response.text
    assert client.post(vote_url(amendment), {}).status_code == 400
    with pytest.raises(DomainError) as refused:
        services.vote(amendment, choice="peut-être", person=Person(visitor_key="v"))
    assert refused.value.code == ManifestoErrorCode.UNKNOWN_CHOICE
    assert not Vote.objects.exists()


def test_no_vote_on_a_withdrawn_amendment(client, section, alice):
    amendment = amend(section, alice)
    services.withdraw_amendment(amendment, by=alice)

    response = client.post(vote_url(amendment), {"choice": "pour"})

    assert response.status_code == 400
    assert "plus ouvert" in response.text
    assert not Vote.objects.exists()
    assert vote_url(amendment) not in client.get(amendment.get_absolute_url()).text


def test_a_forged_address_to_another_manifestos_amendment_is_not_found(
    client, manifesto, amendment
):
    organiser = UserFactory()
    other = services.create_manifesto(
        PlaceFactory(organisers=[organiser]), by=organiser, fields={"title": "Autre"}
    )
    forged = f"/manifestes/{other.slug}/amendements/{amendment.pk}/voter/"
    assert client.post(forged, {"choice": "pour"}).status_code == 404
    assert not Vote.objects.exists()


def test_an_amendment_not_yet_confirmed_takes_no_vote(client, manifesto, section):
    hidden = Amendment.objects.create(
        manifesto=manifesto,
        kind=AmendmentKind.DELETE,
        section=section,
        rationale="Inutile.",
        author_name="Sans compte",
        email="x@example.org",
    )
    assert client.post(vote_url(hidden), {"choice": "pour"}).status_code == 404
    with pytest.raises(DomainError) as refused:
        services.vote(hidden, choice="pour", person=Person(visitor_key="v"))
    assert refused.value.code == ManifestoErrorCode.AMENDMENT_NOT_PUBLIC
    assert not Vote.objects.exists()


# Literal query counts (added to test_query_counts.PAGES): the lists show each amendment's
# totals without a query per amendment, the page its totals with the amendment.


def voted(manifesto, n, people):
    """`n` votes on each amendment of `manifesto`."""
    amendments = list(manifesto.amendments.order_by("pk"))
    for amendment in amendments:
        for person in people[:n]:
            services.vote(amendment, choice="contre", person=Person(person))
    return amendments


def section_voted(n):
    """A section with `n` amendments, each with `n` votes, on its discussion page."""
    manifesto, _organiser, people, _shows = a_manifesto(n, phase=Phase.AMENDMENTS_OPEN)
    section = manifesto.sections.order_by("position").first()
    for i in range(1, n):
        services.propose_amendment(
            manifesto, kind=AmendmentKind.DELETE, section=section, rationale=f"Trop {i}.",
            by=people[i],
        )  # fmt: skip
    amendments = voted(manifesto, n, people)
    listed = [a.get_absolute_url() for a in amendments if a.section_id == section.pk]
    assert len(listed) == n
    return Visit(
        f"/manifestes/{manifesto.slug}/sections/{section.pk}/discussion/",
        shows=[*listed, f"0\u00a0pour, {n}\u00a0contre, 0\u00a0abst."],
    )


def manage_voted(n):
    manifesto, organiser, people, _shows = a_manifesto(n, phase=Phase.AMENDMENTS_OPEN)
    voted(manifesto, n, people)
    urls = [a.get_absolute_url() for a in manifesto.amendments.all()]
    return Visit(
        f"/manifestes/gerer/{manifesto.slug}/",
        user=organiser,
        shows=[*urls, f"0\u00a0pour, {n}\u00a0contre, 0\u00a0abst."],
    )


def amendment_voted(n):
    manifesto, _organiser, people, _shows = a_manifesto(n, phase=Phase.AMENDMENTS_OPEN)
    (amendment, *_rest) = voted(manifesto, n, people)
    return Visit(amendment.get_absolute_url(), shows=[f"<strong>{n}</strong> contre"])


def amendment_by_a_voter(n):
    """Seen by someone who voted: her vote is ticked (+ session, user, menu, organiser check,
    her contributor, her vote)."""
    manifesto, _organiser, people, _shows = a_manifesto(n, phase=Phase.AMENDMENTS_OPEN)
    (amendment, *_rest) = voted(manifesto, n, people)
    return Visit(
        amendment.get_absolute_url(), user=people[0], shows=["Changer mon vote", "checked"]
    )


VOTE_PAGES = [
    # the manifesto, its sections, the section's amendments with their totals, its comments
    Page("manifestos:section_discussion with votes on its amendments", 4, section_voted),
    Page("manifestos:manage with votes on its amendments", 8, manage_voted),
    Page("manifestos:amendment with votes", 3, amendment_voted),
    Page("manifestos:amendment seen by a voter", 9, amendment_by_a_voter),
]


@pytest.mark.parametrize("page", VOTE_PAGES, ids=str)
def test_pages_with_votes_cost_the_same_literal_queries_with_1_or_5(client, page):
    assert_page_cost(client, page)
