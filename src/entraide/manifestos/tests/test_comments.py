"""Comments on a section (on its discussion page) and on an amendment (on its page): signed
with a name, remembered for visitors; plain text shown as typed, with its line breaks; one
level of replies; only while the text is drafted or amended; hidden by organisers with a
reason that stays in its place; rate-limited per network like ideas."""

import pytest
from django.test import Client

from entraide.accounts.services import delete_account, what_deletion_does
from entraide.accounts.tests.test_readable_my_data import sections as my_data_sections
from entraide.core.errors import DomainError
from entraide.manifestos import services
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import (
    AmendmentKind,
    Comment,
    Contributor,
    Phase,
    Vote,
)
from entraide.manifestos.services import Person, versions
from entraide.manifestos.tests.conftest import drafting
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


@pytest.fixture
def amendment(section):
    return services.propose_amendment(
        section.manifesto,
        kind=AmendmentKind.REPLACE,
        section=section,
        title=section.title,
        body="Le numérique est collectif.",
        rationale="Plus juste.",
        by=UserFactory(display_name="Awa"),
    )


def discussion_url(section):
    return f"/manifestes/{section.manifesto.slug}/sections/{section.pk}/discussion/"


def section_comment_url(section):
    return f"/manifestes/{section.manifesto.slug}/sections/{section.pk}/commenter/"


def amendment_comment_url(amendment):
    return f"{amendment.get_absolute_url()}commenter/"


def say(section, body, *, name="Lou", key="v1", parent=None):
    return services.post_comment(
        section.manifesto,
        body=body,
        name=name,
        person=Person(visitor_key=key),
        section=section,
        parent=parent,
    )


def field_errors(response, form_key, field):
    form = response.context["error_form"]
    assert form is not None, form_key
    return [e.code for e in form.errors.as_data().get(field, [])]


def test_a_visitor_comments_an_amendment_and_her_name_is_remembered(client, amendment):
    page = client.get(amendment.get_absolute_url()).text
    assert "sessionid" not in client.cookies
    assert "Ajouter un commentaire" in page
    assert "Texte simple, au plus 2\u202f000 caractères." in page

    response = client.post(
        amendment_comment_url(amendment), {"name": "Lou", "body": "D’accord avec ceci."}
    )

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#commentaire-{comment.pk}")
    assert "sessionid" in client.cookies
    assert (comment.amendment, comment.section, comment.author_name) == (amendment, None, "Lou")
    assert comment.contributor.name == "Lou"
    page = client.get(amendment.get_absolute_url()).text
    assert "D’accord avec ceci." in page
    assert 'name="name" value="Lou"' in page  # the next comment is signed the same way


def test_a_section_is_discussed_on_its_own_page_linked_from_the_text(client, section):
    manifesto_page = client.get(section.manifesto.get_absolute_url()).text
    assert f'href="{discussion_url(section)}">Commenter' in manifesto_page

    client.post(section_comment_url(section), {"name": "Lou", "body": "Trop vague."})

    page = client.get(discussion_url(section)).text
    assert "<h1>Discussion de la section 1\u00a0: Politique</h1>" in page
    assert "Le numérique est politique." in page
    assert "Trop vague." in page
    assert "1 commentaire" in client.get(section.manifesto.get_absolute_url()).text


def test_a_script_shows_as_text_with_its_line_breaks(client, section):
    body = "<script>alert(1)</script>\nDeuxième ligne"
    assert client.post(section_comment_url(section), {"name": "Lou", "body": body}).status_code == (
        302
    )
    page = client.get(discussion_url(section)).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Deuxième ligne" in page
    assert "<script>alert" not in page


@pytest.mark.parametrize(
    ("body", "code"),
    [("", "required"), ("   \n ", "required"), ("x" * 200_000, "max_length")],
    ids=["empty", "blank", "200000 characters"],
)
def test_a_bad_comment_is_refused_beside_the_field(client, section, body, code):
    response = client.post(section_comment_url(section), {"name": "Lou", "body": body})
    assert response.status_code == 400
    assert field_errors(response, "comment", "body") == [code]
    assert 'aria-invalid="true"' in response.text
    assert not Comment.objects.exists()
    assert "sessionid" not in client.cookies  # nothing done, no cookie


def test_the_service_refuses_what_the_form_would(section):
    for body, code in [("  ", ManifestoErrorCode.EMPTY_TEXT), ("x" * 2001, "text_too_long")]:
        with pytest.raises(DomainError) as refused:
            say(section, body)
        assert refused.value.code == code
    with pytest.raises(DomainError) as refused:
        say(section, "Bien.", name=" ")
    assert refused.value.code == ManifestoErrorCode.NAME_REQUIRED
    assert not Comment.objects.exists()


def test_a_visitor_must_give_a_name_to_comment(client, section):
    response = client.post(section_comment_url(section), {"name": "", "body": "Bien."})
    assert response.status_code == 400
    assert field_errors(response, "comment", "name") == ["required"]


def test_a_reply_to_a_reply_goes_under_the_first_comment(client, section):
    first = say(section, "Premier.")
    reply = say(section, "Réponse.", key="v2", parent=first)
    response = client.post(
        section_comment_url(section),
        {"name": "Sam", "body": "Réponse à la réponse.", "parent": reply.pk},
    )
    assert response.status_code == 302
    assert Comment.objects.get(body="Réponse à la réponse.").parent == first
    page = client.get(discussion_url(section)).text
    replies = page.split('class="replies"')[1].split("</ol>")[0]
    assert "Réponse." in replies
    assert "Réponse à la réponse." in replies


def test_a_reply_to_a_comment_elsewhere_is_refused(client, manifesto, section, amendment, bob):
    on_amendment = services.post_comment(
        manifesto, body="Sur l’amendement.", name="Lou", person=Person(bob), amendment=amendment
    )
    organiser = UserFactory()
    other = services.create_manifesto(
        PlaceFactory(organisers=[organiser]), by=organiser, fields={"title": "Autre"}
    )
    drafting(other, organiser)
    elsewhere = services.add_section(other, title="Ailleurs", body="Texte.", by=organiser)
    foreign = say(elsewhere, "Ailleurs.")
    for parent in (foreign, on_amendment):
        response = client.post(
            section_comment_url(section), {"name": "Sam", "body": "Hop.", "parent": parent.pk}
        )
        assert response.status_code == 400
        assert "Répondez à un commentaire de cette discussion." in response.text
    assert (
        client.post(
            section_comment_url(section), {"name": "Sam", "body": "Hop.", "parent": 99999}
        ).status_code
        == 400
    )
    assert not Comment.objects.filter(body="Hop.").exists()


@pytest.mark.parametrize(
    ("phases", "open"),
    [
        ([], True),  # amendments open
        ([Phase.AMENDMENTS_CLOSED], True),
        ([Phase.AMENDMENTS_CLOSED, Phase.PUBLISHED], False),
    ],
)
def test_comments_are_taken_while_the_text_is_discussed(client, section, bob, phases, open):
    for phase in phases:
        if phase == Phase.PUBLISHED:
            versions.publish_version(section.manifesto, by=bob)
        else:
            services.switch_phase(section.manifesto, phase, by=bob)
    response = client.post(section_comment_url(section), {"name": "Lou", "body": "Bien."})
    assert response.status_code == (302 if open else 400)
    assert Comment.objects.exists() is open
    page = client.get(discussion_url(section)).text
    assert ("Ajouter un commentaire" in page) is open
    if not open:
        assert "Les commentaires sont fermés dans cette phase du manifeste." in page


def test_no_comment_while_ideas_are_collected(manifesto, bob):
    drafting(manifesto, bob)
    section = services.add_section(manifesto, title="T", body="B.", by=bob)
    say(section, "Pendant la rédaction.")  # drafting: allowed
    services.switch_phase(manifesto, Phase.IDEAS, by=bob)
    with pytest.raises(DomainError) as refused:
        say(section, "Pendant les idées.")
    assert refused.value.code == ManifestoErrorCode.COMMENTS_CLOSED


def hide_url(comment):
    return f"/manifestes/gerer/{comment.manifesto.slug}/commentaires/{comment.pk}/masquer/"


def test_an_organiser_hides_a_comment_its_reason_stays_then_shows_it_again(
    client_for, section, bob
):
    comment = say(section, "Propos injurieux.")
    organiser, client = client_for(bob), Client()
    assert "Masquer ce commentaire" in organiser.get(discussion_url(section)).text

    response = organiser.post(hide_url(comment), {"reason": "Injurieux"})

    assert response.status_code == 302
    page = client.get(discussion_url(section)).text
    assert "Masqué par l’équipe\u00a0: Injurieux" in page
    assert "Propos injurieux." not in page
    show = f"/manifestes/gerer/{section.manifesto.slug}/commentaires/{comment.pk}/remettre/"
    assert organiser.post(show).status_code == 302
    comment.refresh_from_db()
    assert (comment.hidden, comment.hide_reason) == (False, "")
    assert "Propos injurieux." in client.get(discussion_url(section)).text


def test_hiding_needs_a_reason(client_for, amendment, bob):
    comment = services.post_comment(
        amendment.manifesto, body="Bof.", name="Lou", person=Person(visitor_key="v"),
        amendment=amendment,
    )  # fmt: skip
    response = client_for(bob).post(hide_url(comment), {"reason": "  "})
    assert response.status_code == 400
    assert field_errors(response, "hide", "reason") == ["required"]
    assert f'id="masquer{comment.pk}_reason"' in response.text
    assert Comment.objects.get().hidden is False
    with pytest.raises(DomainError) as refused:
        services.hide_comment(comment, reason="", by=bob)
    assert refused.value.code == ManifestoErrorCode.EMPTY_TEXT


def test_only_organisers_hide_comments(client_for, section, alice):
    comment = say(section, "Bien.")
    assert Client().post(hide_url(comment), {"reason": "Non"}).status_code == 302  # to sign in
    assert client_for(alice).post(hide_url(comment), {"reason": "Non"}).status_code == 403
    assert "Masquer ce commentaire" not in client_for(alice).get(discussion_url(section)).text
    assert Comment.objects.get().hidden is False


def test_comments_are_rate_limited_per_network(client, section, settings):
    settings.ENTRAIDE_POSTS_PER_NETWORK = 2
    for n in range(2):
        data = {"name": "Lou", "body": f"Commentaire {n}"}
        assert client.post(section_comment_url(section), data).status_code == 302
    response = client.post(section_comment_url(section), {"name": "Lou", "body": "Encore"})
    assert response.status_code == 429
    assert Comment.objects.count() == 2


# "Mes données" and account deletion


@pytest.fixture
def discussed(section, amendment, alice):
    services.vote(amendment, choice="contre", person=Person(alice))
    return services.post_comment(
        section.manifesto, body="Mon avis.", name="Alice", person=Person(alice), section=section
    )


def test_my_votes_and_comments_are_in_my_data(client_for, alice, discussed):
    page = my_data_sections(client_for(alice).get("/compte/mes-donnees/").text)
    (vote,) = page["Mes votes sur les amendements"]
    assert ("Vote", "Contre") in vote[1]
    (comment,) = page["Mes commentaires sur les manifestes"]
    assert ("Commentaire", "Mon avis.") in comment[1]
    assert ("Sur", "Politique") in comment[1]
    data = client_for(alice).get("/compte/mes-donnees/export.json").json()["data"]
    assert [v["choice"] for v in data["manifesto_votes"]] == ["contre"]
    assert [(c["comment"], c["name"]) for c in data["manifesto_comments"]] == [
        ("Mon avis.", "Alice")
    ]


def test_deleting_the_account_keeps_the_comment_signed_and_the_vote_counted(alice, discussed):
    said = what_deletion_does(alice)
    assert (
        "Votre commentaire sur un manifeste reste, signé du nom que vous aviez donné, sans lien "
        "avec votre compte." in said
    )
    assert "Votre vote sur un amendement reste compté, sans lien avec vous." in said
    delete_account(alice)
    comment = Comment.objects.get()
    assert (comment.author_name, comment.body) == ("Alice", "Mon avis.")
    assert Vote.objects.get().contributor.user is None
    assert list(Contributor.objects.values_list("user", "name")) == [(None, "")]


# Literal query counts: the section's discussion page is in test_query_counts.PAGES; the
# amendment's page with its comments is counted here.


def discussed_section(n, *, viewer=None):
    """A section with `n` comments, each with `n` replies, one hidden."""
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    manifesto = services.create_manifesto(place, by=organiser, fields={"title": "Discuté"})
    drafting(manifesto, organiser)
    section = services.add_section(manifesto, title="Titre", body="Texte.", by=organiser)
    shows = []
    for i in range(n):
        top = say(section, f"Commentaire {i}", key=f"k{i}")
        shows.append(top.body)
        for j in range(n):
            shows.append(say(section, f"Réponse {i}.{j}", key=f"r{j}", parent=top).body)
    hidden = say(section, "Caché", key="x")
    services.hide_comment(hidden, reason="Raison du masquage", by=organiser)
    shows.append("Raison du masquage")
    user = organiser if viewer == "organiser" else None
    if user is not None:
        shows.append("Masquer ce commentaire")
    return Visit(discussion_url(section), user=user, shows=shows)


def discussed_amendment(n):
    organiser = UserFactory()
    place = PlaceFactory(organisers=[organiser])
    manifesto = services.create_manifesto(place, by=organiser, fields={"title": "Amendé"})
    drafting(manifesto, organiser)
    section = services.add_section(manifesto, title="Titre", body="Texte.", by=organiser)
    services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=organiser)
    amendment = services.propose_amendment(
        manifesto, kind=AmendmentKind.DELETE, section=section, rationale="Inutile.",
        by=organiser,
    )  # fmt: skip
    shows = []
    for i in range(n):
        top = services.post_comment(
            manifesto, body=f"Avis {i}", name=f"P{i}", person=Person(visitor_key=f"k{i}"),
            amendment=amendment,
        )  # fmt: skip
        reply = services.post_comment(
            manifesto, body=f"Réponse {i}", name="R", person=Person(visitor_key="r"),
            amendment=amendment, parent=top,
        )  # fmt: skip
        shows += [top.body, reply.body]
    return Visit(amendment.get_absolute_url(), shows=shows)


SECTION_PAGES = [
    # the manifesto (place joined), its sections, its amendments, the comments
    Page("manifestos:section_discussion", 4, discussed_section),
    # + session, user, her contributor, the organiser check
    Page(
        "manifestos:section_discussion by an organiser",
        8,
        lambda n: discussed_section(n, viewer="organiser"),
    ),
]


@pytest.mark.parametrize(
    "page", [Page("manifestos:amendment with comments", 3, discussed_amendment)], ids=str
)
def test_the_amendment_page_costs_the_same_with_1_or_5_comments(client, page):
    assert_page_cost(client, page)
