"""Participants post ideas under the questions and support them with a few dots per question,
with or without an account; organisers set ideas aside with a reason and group them."""

import pytest

from entraide.core.errors import DomainError
from entraide.manifestos import services
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import IDEA_MAX, Idea, Phase, Support
from entraide.manifestos.services import Person
from entraide.manifestos.tests.conftest import drafting, ideas

pytestmark = pytest.mark.django_db


def refusal(call, *args, **kwargs):
    with pytest.raises(DomainError) as refused:
        call(*args, **kwargs)
    return refused.value.code, refused.value.field


def test_an_idea_is_posted_signed_with_the_name_given(question, alice):
    idea = services.post_idea(
        question, text="  Des outils libres  ", name="Alice", person=Person(alice)
    )
    assert (idea.text, idea.author_name, idea.contributor.user) == (
        "Des outils libres",
        "Alice",
        alice,
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("   ", ManifestoErrorCode.EMPTY_TEXT),
        ("x" * (IDEA_MAX + 1), ManifestoErrorCode.TEXT_TOO_LONG),
        ("x" * 200_000, ManifestoErrorCode.TEXT_TOO_LONG),
        ("<script>alert(1)</script>", ManifestoErrorCode.HTML_NOT_ALLOWED),
        ("Un <b>gras</b> en HTML", ManifestoErrorCode.HTML_NOT_ALLOWED),
    ],
)
def test_bad_idea_text_is_refused_beside_the_field_and_nothing_is_saved(question, text, code):
    assert refusal(
        services.post_idea, question, text=text, name="Alice", person=Person(visitor_key="v")
    ) == (
        code,
        "text",
    )
    assert Idea.objects.count() == 0


def test_a_comparison_sign_is_not_taken_for_html(question):
    idea = services.post_idea(
        question, text="sobriété < confort ? a<3", name="A", person=Person(visitor_key="v")
    )
    assert idea.text == "sobriété < confort ? a<3"


def test_an_idea_needs_a_name(question):
    assert refusal(
        services.post_idea, question, text="Idée", name=" ", person=Person(visitor_key="v")
    ) == (
        ManifestoErrorCode.NAME_REQUIRED,
        "name",
    )


def test_no_idea_and_no_dot_outside_the_ideas_phase(manifesto, question, bob):
    (idea,) = ideas(question, 1)
    drafting(manifesto, bob)
    code, _field = refusal(
        services.post_idea, question, text="Tard", name="A", person=Person(visitor_key="v")
    )
    assert code == ManifestoErrorCode.IDEAS_CLOSED
    code, _field = refusal(services.support, idea, person=Person(bob))
    assert code == ManifestoErrorCode.SUPPORTS_CLOSED
    assert (Idea.objects.count(), Support.objects.count()) == (1, 0)


def test_a_visitor_supports_then_takes_back_her_dot(question):
    idea, other = ideas(question, 2)
    visitor = services.support(idea, person=Person(visitor_key="session-a"))
    services.support(other, person=Person(visitor_key="session-a"))
    assert services.dots_used(visitor, question) == 2
    services.support(other, person=Person(visitor_key="session-b"))  # someone else
    services.unsupport(idea, person=Person(visitor_key="session-a"))
    assert list(Support.objects.values_list("idea", flat=True)) == [other.pk, other.pk]


def test_one_dot_per_idea_and_per_person(question, alice):
    (idea,) = ideas(question, 1)
    services.support(idea, person=Person(alice))
    assert refusal(services.support, idea, person=Person(alice))[0] == (
        ManifestoErrorCode.ALREADY_SUPPORTED
    )
    assert Support.objects.count() == 1


def test_the_dots_per_question_run_out(manifesto, question, alice):
    wall = ideas(question, manifesto.dots_per_question + 1)
    for idea in wall[:-1]:
        services.support(idea, person=Person(alice))
    assert refusal(services.support, wall[-1], person=Person(alice))[0] == (
        ManifestoErrorCode.NO_DOTS_LEFT
    )
    assert Support.objects.count() == manifesto.dots_per_question


def test_the_dots_are_counted_per_question(manifesto, question, alice, bob):
    other_question = services.pose_question(manifesto, text="Et ensuite ?", by=bob)
    for idea in ideas(question, manifesto.dots_per_question):
        services.support(idea, person=Person(alice))
    (elsewhere,) = ideas(other_question, 1)
    services.support(elsewhere, person=Person(alice))
    assert Support.objects.filter(contributor__user=alice).count() == 6


def test_taking_back_a_dot_gives_it_back(manifesto, question, alice):
    wall = ideas(question, manifesto.dots_per_question + 1)
    for idea in wall[:-1]:
        services.support(idea, person=Person(alice))
    services.unsupport(wall[0], person=Person(alice))
    services.support(wall[-1], person=Person(alice))
    assert Support.objects.filter(contributor__user=alice).count() == 5


def test_taking_back_a_dot_never_given_is_refused(question, alice):
    (idea,) = ideas(question, 1)
    assert refusal(services.unsupport, idea, person=Person(alice))[0] == (
        ManifestoErrorCode.NOT_SUPPORTED
    )


def test_an_idea_set_aside_says_why_cannot_be_supported_and_gives_its_dots_back(
    manifesto, question, alice, bob
):
    wall = ideas(question, manifesto.dots_per_question + 1)
    for idea in wall[:-1]:
        services.support(idea, person=Person(alice))
    services.hide_idea(wall[0], reason="Hors sujet", by=bob)
    assert Idea.objects.get(pk=wall[0].pk).hide_reason == "Hors sujet"
    assert refusal(services.support, wall[0], person=Person(bob))[0] == (
        ManifestoErrorCode.IDEA_HIDDEN
    )
    services.support(wall[-1], person=Person(alice))  # the dot came back
    assert services.dots_used(wall[1].contributor, question) == 0


def test_setting_aside_needs_a_reason(question, bob):
    (idea,) = ideas(question, 1)
    assert refusal(services.hide_idea, idea, reason="  ", by=bob) == (
        ManifestoErrorCode.EMPTY_TEXT,
        "reason",
    )
    assert Idea.objects.get(pk=idea.pk).hidden is False


def test_an_idea_set_aside_comes_back(question, bob):
    (idea,) = ideas(question, 1)
    services.hide_idea(idea, reason="Doublon", by=bob)
    services.show_idea(idea, by=bob)
    assert Idea.objects.filter(pk=idea.pk, hidden=False, hide_reason="").exists()


def test_ideas_are_grouped_under_a_label(manifesto, question, bob):
    first, second, third = ideas(question, 3)
    assert services.group_ideas(manifesto, [first.pk, second.pk], group="Outils", by=bob) == 2
    assert dict(Idea.objects.values_list("pk", "group")) == {
        first.pk: "Outils",
        second.pk: "Outils",
        third.pk: "",
    }


def test_grouping_an_idea_of_another_manifesto_is_refused(manifesto, question, place, bob):
    other = services.create_manifesto(place, by=bob, fields={"title": "Autre"})
    other_question = services.pose_question(other, text="Q ?", by=bob)
    (mine,), (theirs,) = ideas(question, 1), ideas(other_question, 1)
    assert refusal(services.group_ideas, manifesto, [mine.pk, theirs.pk], group="G", by=bob)[0] == (
        ManifestoErrorCode.IDEA_NOT_IN_MANIFESTO
    )
    assert set(Idea.objects.values_list("group", flat=True)) == {""}


def test_the_wall_sorts_ideas_by_dots_in_groups(manifesto, question, alice, bob, charlie):
    low, high, grouped = ideas(question, 3)
    services.group_ideas(manifesto, [grouped.pk], group="Outils", by=bob)
    for person in (alice, bob):
        services.support(high, person=Person(person))
    services.support(low, person=Person(charlie))
    (item,) = services.wall(
        manifesto, contributor=services.find_contributor(manifesto, Person(alice))
    )
    assert [(g.label, [(i.idea.text, i.dots, i.mine) for i in g.ideas]) for g in item.groups] == [
        ("Outils", [("Idée 2", 0, False)]),
        ("", [("Idée 1", 2, True), ("Idée 0", 1, False)]),
    ]
    assert item.dots_used == 1
    assert manifesto.phase == Phase.IDEAS
