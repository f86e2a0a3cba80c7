"""Any two versions compared section by section: added, deleted, changed (a word diff),
moved, unchanged folded; each change with the accepted amendments behind it and their votes.
The page works without JavaScript (a GET form with two selects), says a wrong version number
beside its field with a 400, and costs the same queries with 2 or 20 sections."""

import pytest
from django.utils import timezone

from entraide.manifestos import services
from entraide.manifestos.models import (
    AmendmentKind,
    Contributor,
    Phase,
    Version,
    VersionSection,
    Vote,
    VoteChoice,
)
from entraide.manifestos.services import decisions
from entraide.manifestos.services.compare import compare, text_diff
from entraide.manifestos.services.versions import publish_version
from entraide.manifestos.tests.scenes import two_versions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def compare_url(manifesto, query=""):
    return f"/manifestes/{manifesto.slug}/comparer/{query}"


def test_a_changed_section_shows_its_word_diff_and_the_amendment_behind_it():
    manifesto, _organiser, v0, v1, amendments = two_versions(3, changed=1)
    comparison = compare(manifesto, v0, v1)
    changed, folded = comparison.items
    assert (changed.status, changed.key, changed.amendments) == (
        "changed",
        v0.sections.first().key,
        amendments,
    )
    assert changed.body_diff.startswith(
        'Texte 0 <ins class="mark">'
    )  # "Texte 0." → "Texte 0 amendé…"
    assert "</span>amendé par Awa</ins>" in changed.body_diff
    assert "<del>" not in changed.body_diff
    assert folded.folded
    assert [c.after.title for c in folded.changes] == ["Section 1", "Section 2"]
    assert comparison.counts == {"added": 0, "deleted": 0, "changed": 1, "unchanged": 2, "moved": 0}


def test_added_and_deleted_sections_are_placed_where_they_were():
    organiser = UserFactory()
    manifesto, organiser, v0, v1, _amendments = two_versions(3, changed=0)
    services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=organiser)
    _first, second, third = manifesto.sections.order_by("position")
    author = UserFactory()
    deletion = services.propose_amendment(
        manifesto, kind=AmendmentKind.DELETE, section=second, rationale="Trop long.", by=author
    )
    addition = services.propose_amendment(
        manifesto,
        kind=AmendmentKind.ADD,
        section=third,
        title="Conclusion",
        body="Pour finir.",
        rationale="Il manque une fin.",
        by=author,
    )
    decisions.accept(deletion, reason="Oui.", by=organiser)
    decisions.accept(addition, reason="Oui.", by=organiser)
    services.switch_phase(manifesto, Phase.AMENDMENTS_CLOSED, by=organiser)
    v2 = publish_version(manifesto, by=organiser)
    comparison = compare(manifesto, v1, v2)
    shape = [
        ("fold", len(i.changes)) if i.folded else (i.status, i.section.title)
        for i in comparison.items
    ]
    assert shape == [
        ("fold", 1),
        ("deleted", "Section 1"),
        ("fold", 1),
        ("added", "Conclusion"),
    ]
    deleted, added = comparison.items[1], comparison.items[3]
    assert [a.pk for a in deleted.amendments] == [deletion.pk]
    assert [a.pk for a in added.amendments] == [addition.pk]
    # From V0 to V2: the amendments of V1 and V2 alike.
    assert compare(manifesto, v0, v2).counts["deleted"] == 1


def test_a_moved_section_is_said_moved():
    manifesto, _organiser, v0, _v1, _amendments = two_versions(3, changed=0)
    rows = list(v0.sections.order_by("position"))
    v9 = Version.objects.create(manifesto=manifesto, number=9, published_at=timezone.now())
    for position, row in zip((1, 2, 3), (rows[1], rows[2], rows[0]), strict=True):
        VersionSection.objects.create(
            version=v9, key=row.key, position=position, title=row.title, body=row.body,
            body_html=row.body_html,
        )  # fmt: skip
    comparison = compare(manifesto, v0, v9)
    moved = [i for i in comparison.items if not i.folded]
    assert [(c.section.title, c.moved, c.status) for c in moved] == [
        ("Section 0", True, "unchanged")
    ]


def test_the_amendment_behind_a_change_shows_its_votes(client):
    manifesto, _organiser, v0, v1, (amendment,) = two_versions(1)
    for n, choice in enumerate(["pour", "pour", "contre", "abstention"]):
        contributor = Contributor.objects.create(manifesto=manifesto, visitor_key=f"k{n}")
        Vote.objects.create(amendment=amendment, contributor=contributor, choice=choice)
    (change,) = compare(manifesto, v0, v1).items
    (behind,) = change.amendments
    assert dict(behind.tally) == {
        VoteChoice.FOR.label: 2,
        VoteChoice.AGAINST.label: 1,
        VoteChoice.ABSTAIN.label: 1,
    }
    page = client.get(compare_url(manifesto, "?de=0&a=1")).text
    assert "Pour\u00a0: 2" in page
    assert "Contre\u00a0: 1" in page
    assert amendment.get_absolute_url() in page
    assert "Awa" in page


def test_the_page_compares_the_last_two_versions_by_default_without_javascript(client):
    manifesto, *_ = two_versions(2, changed=1)
    response = client.get(compare_url(manifesto))
    assert response.status_code == 200
    assert '<select name="de"' in response.text
    assert '<select name="a"' in response.text
    assert "De V0 à V1" in response.text
    assert '<ins class="mark">' in response.text
    assert "1 section inchangée" in response.text
    assert "<script" not in response.text


@pytest.mark.parametrize("query", ["?de=0&a=7", "?de=abc&a=1", "?de=&a=1", "?de=-1&a=0"])
def test_a_wrong_version_is_said_beside_its_field(client, query):
    manifesto, *_ = two_versions(1)
    response = client.get(compare_url(manifesto, query))
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors
    assert "Cette version n’existe pas\u00a0: choisissez parmi V0, V1." in response.text or (
        "Ce champ est obligatoire" in response.text
    )


def test_comparing_a_version_with_itself_says_nothing_changed(client):
    manifesto, *_ = two_versions(1)
    response = client.get(compare_url(manifesto, "?de=1&a=1"))
    assert response.status_code == 200
    assert "Le texte est le même dans les deux versions." in response.text


def test_a_manifesto_without_versions_says_so(client, manifesto):
    response = client.get(compare_url(manifesto))
    assert response.status_code == 200
    assert "Aucune version de ce manifeste n’est encore publiée." in response.text


def test_what_changed_since_v0_from_a_version_page(client):
    manifesto, *_ = two_versions(2)
    page = client.get(f"/manifestes/{manifesto.slug}/versions/1/").text
    assert "Ce qui a changé depuis V0" in page
    assert "De V0 à V1" in client.get(compare_url(manifesto, "?de=0&a=1")).text


def test_the_diff_marks_and_escapes_like_the_amendment_diff():
    html = text_diff("Un <b>texte</b>. Deux mots.", "Un <b>texte</b>. Deux autres mots.")
    assert "&lt;b&gt;" in html
    assert "<b>" not in html
    assert (
        '<ins class="mark"><span class="visually-hidden">ajouté\u00a0: </span>autres</ins>' in html
    )
    assert text_diff("Pareil.", "Pareil.") == "Pareil."


@pytest.mark.parametrize("count", [2, 20])
def test_the_page_costs_the_same_queries_with_2_or_20_sections(
    client, django_assert_num_queries, count
):
    manifesto, *_ = two_versions(count)
    # the manifesto, its versions, the frozen sections of both, the amendments with votes
    with django_assert_num_queries(4):
        response = client.get(compare_url(manifesto, "?de=0&a=1"))
    assert response.status_code == 200
    assert response.text.count("amendé par Awa") == count
