"""While drafting, organisers add, edit, reorder and delete the sections of the text; a section
cites the ideas it came from, and those ideas show in which section they were taken up."""

import pytest

from entraide.core.errors import DomainError
from entraide.manifestos import services
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import SECTION_BODY_MAX, Section
from entraide.manifestos.tests.conftest import drafting, ideas

pytestmark = pytest.mark.django_db


def titles(manifesto):
    return [s.title for s in services.numbered_sections(manifesto)]


@pytest.fixture
def text(manifesto, bob):
    drafting(manifesto, bob)
    return [
        services.add_section(manifesto, title=title, body=f"Texte de {title}.", by=bob)
        for title in ("Politique", "Données", "Récits")
    ]


def test_sections_are_added_at_the_end(manifesto, text):
    assert titles(manifesto) == ["Politique", "Données", "Récits"]


def test_no_section_outside_drafting(manifesto, bob):
    with pytest.raises(DomainError) as refused:
        services.add_section(manifesto, title="Trop tôt", body="Texte", by=bob)
    assert refused.value.code == ManifestoErrorCode.NOT_DRAFTING
    assert Section.objects.count() == 0


def test_moving_up_and_down_swaps_with_the_neighbour(manifesto, text, bob):
    services.move_section(text[2], up=True, by=bob)
    assert titles(manifesto) == ["Politique", "Récits", "Données"]
    services.move_section(text[0], up=False, by=bob)
    assert titles(manifesto) == ["Récits", "Politique", "Données"]


def test_the_first_cannot_go_up_nor_the_last_down(manifesto, text, bob):
    for section, up in ((text[0], True), (text[2], False)):
        with pytest.raises(DomainError) as refused:
            services.move_section(section, up=up, by=bob)
        assert refused.value.code == ManifestoErrorCode.CANNOT_MOVE
    assert titles(manifesto) == ["Politique", "Données", "Récits"]


def test_deleting_a_section_renumbers_those_after_it(manifesto, text, bob):
    services.delete_section(text[0], by=bob)
    numbered = services.numbered_sections(manifesto)
    assert [(s.number, s.title) for s in numbered] == [(1, "Données"), (2, "Récits")]


def test_an_edit_changes_the_text_and_its_rendering(manifesto, text, bob):
    services.edit_section(text[1], title="Nos données", body="Des **outils** libres.", by=bob)
    section = Section.objects.get(pk=text[1].pk)
    assert (section.title, section.body_html) == (
        "Nos données",
        "<p>Des <strong>outils</strong> libres.</p>\n",
    )


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("body", "x" * 200_000, ManifestoErrorCode.TEXT_TOO_LONG),
        ("body", "x" * (SECTION_BODY_MAX + 1), ManifestoErrorCode.TEXT_TOO_LONG),
        ("body", "Texte <script>alert(1)</script>", ManifestoErrorCode.HTML_NOT_ALLOWED),
        ("body", "<img src=x onerror=alert(1)>", ManifestoErrorCode.HTML_NOT_ALLOWED),
        ("body", "  \n ", ManifestoErrorCode.EMPTY_TEXT),
        ("title", "", ManifestoErrorCode.EMPTY_TEXT),
    ],
)
def test_bad_text_is_refused_beside_its_field_and_nothing_changes(
    manifesto, text, bob, field, value, code
):
    fields = {"title": "Titre", "body": "Texte", field: value}
    with pytest.raises(DomainError) as refused:
        services.edit_section(text[0], **fields, by=bob)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert Section.objects.get(pk=text[0].pk).body == "Texte de Politique."


def test_a_section_at_the_limit_is_accepted(manifesto, text, bob):
    services.edit_section(text[0], title="Long", body="x" * SECTION_BODY_MAX, by=bob)
    assert len(Section.objects.get(pk=text[0].pk).body) == SECTION_BODY_MAX


def test_cited_ideas_say_in_which_section_they_were_taken_up(manifesto, question, bob):
    first, second, _third = ideas(question, 3)
    drafting(manifesto, bob)
    services.add_section(manifesto, title="Intro", body="Texte", by=bob)
    services.add_section(
        manifesto, title="Outils", body="Texte", cited_ideas=[first.pk, second.pk], by=bob
    )
    services.add_section(manifesto, title="Suite", body="Texte", cited_ideas=[first.pk], by=bob)
    sections = services.numbered_sections(manifesto)
    (item,) = services.wall(manifesto, sections=sections)
    assert {i.idea.text: i.sections for i in item.ideas} == {
        "Idée 0": [2, 3],
        "Idée 1": [2],
        "Idée 2": [],
    }


def test_citing_an_idea_of_another_manifesto_is_refused(manifesto, place, bob):
    other = services.create_manifesto(place, by=bob, fields={"title": "Autre"})
    (foreign,) = ideas(services.pose_question(other, text="Q ?", by=bob), 1)
    drafting(manifesto, bob)
    with pytest.raises(DomainError) as refused:
        services.add_section(manifesto, title="T", body="B", cited_ideas=[foreign.pk], by=bob)
    assert (refused.value.code, refused.value.field) == (
        ManifestoErrorCode.IDEA_NOT_IN_MANIFESTO,
        "cited_ideas",
    )
    assert Section.objects.count() == 0
