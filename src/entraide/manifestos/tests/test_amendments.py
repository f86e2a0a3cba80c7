"""While amendments are open, a signed-in person proposes to replace, delete or add a section,
with a rationale, and may withdraw her own amendment."""

import pytest
from django.db import IntegrityError, transaction

from entraide.core.errors import DomainError
from entraide.manifestos import services
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import (
    SECTION_BODY_MAX,
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Phase,
)
from entraide.manifestos.tests.conftest import drafting
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def text(manifesto, bob):
    drafting(manifesto, bob)
    return [
        services.add_section(manifesto, title=title, body=f"Le numérique est {word}.", by=bob)
        for title, word in (("Politique", "politique"), ("Données", "concentré"))
    ]


@pytest.fixture
def amendable(manifesto, bob, text):
    services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=bob)
    return manifesto


@pytest.fixture
def author():
    return UserFactory(display_name="Awa")


def replace(manifesto, section, author, body="Le numérique est collectif.", **kwargs):
    return services.propose_amendment(
        manifesto,
        kind=AmendmentKind.REPLACE,
        section=section,
        title=section.title,
        body=body,
        rationale=kwargs.pop("rationale", "Plus juste."),
        by=author,
    )


def test_a_replacement_keeps_the_text_it_was_based_on(amendable, text, author):
    amendment = replace(amendable, text[0], author)
    assert amendment.status == AmendmentStatus.OPEN
    assert (amendment.base_title, amendment.base_body) == (
        "Politique",
        "Le numérique est politique.",
    )
    assert amendment.author_name == "Awa"


def test_deleting_and_adding_sections(amendable, text, author):
    deletion = services.propose_amendment(
        amendable, kind=AmendmentKind.DELETE, section=text[1], rationale="Redondant.", by=author
    )
    assert (deletion.title, deletion.body, deletion.base_title) == ("", "", "Données")
    first = services.propose_amendment(
        amendable,
        kind=AmendmentKind.ADD,
        section=None,
        title="Préambule",
        body="Pourquoi ce texte.",
        rationale="Une entrée en matière.",
        by=author,
    )
    assert first.section is None
    assert first.base_body == ""


def test_no_amendment_outside_its_phase(manifesto, text, author):
    with pytest.raises(DomainError) as refused:
        replace(manifesto, text[0], author)
    assert refused.value.code == ManifestoErrorCode.AMENDMENTS_CLOSED
    assert not Amendment.objects.exists()


def test_a_replacement_identical_to_the_text_is_refused_beside_the_body(amendable, text, author):
    with pytest.raises(DomainError) as refused:
        replace(amendable, text[0], author, body="  Le numérique est politique.\n")
    assert (refused.value.code, refused.value.field) == (ManifestoErrorCode.SAME_TEXT, "body")
    assert not Amendment.objects.exists()


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("   ", ManifestoErrorCode.EMPTY_TEXT),
        ("x" * (SECTION_BODY_MAX + 1), ManifestoErrorCode.TEXT_TOO_LONG),
        ("Voir <script>alert(1)</script>", ManifestoErrorCode.HTML_NOT_ALLOWED),
    ],
)
def test_bad_text_is_refused_beside_the_body(amendable, text, author, body, code):
    with pytest.raises(DomainError) as refused:
        replace(amendable, text[0], author, body=body)
    assert (refused.value.code, refused.value.field) == (code, "body")


def test_a_rationale_is_required(amendable, text, author):
    with pytest.raises(DomainError) as refused:
        replace(amendable, text[0], author, rationale=" ")
    assert (refused.value.code, refused.value.field) == (ManifestoErrorCode.EMPTY_TEXT, "rationale")


def test_a_section_of_another_manifesto_is_refused(amendable, author, place, bob):
    other = services.create_manifesto(place, by=bob, fields={"title": "Autre"})
    drafting(other, bob)
    foreign = services.add_section(other, title="Ailleurs", body="Texte.", by=bob)
    with pytest.raises(DomainError) as refused:
        replace(amendable, foreign, author)
    assert refused.value.code == ManifestoErrorCode.SECTION_NOT_IN_MANIFESTO


def test_only_its_author_withdraws_an_amendment(amendable, text, author):
    amendment = replace(amendable, text[0], author)
    with pytest.raises(DomainError) as refused:
        services.withdraw_amendment(amendment, by=UserFactory())
    assert refused.value.code == ManifestoErrorCode.NOT_THE_AUTHOR
    services.withdraw_amendment(amendment, by=author)
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.WITHDRAWN
    with pytest.raises(DomainError) as again:
        services.withdraw_amendment(amendment, by=author)
    assert again.value.code == ManifestoErrorCode.AMENDMENT_NOT_OPEN


def test_the_database_refuses_a_replacement_without_text_or_rationale(amendable, text, author):
    base = {"manifesto": amendable, "section": text[0], "author_name": "Awa"}
    for fields in (
        {"kind": AmendmentKind.REPLACE, "title": "T", "body": "", "rationale": "R"},
        {"kind": AmendmentKind.DELETE, "title": "T", "body": "B", "rationale": "R"},
        {"kind": AmendmentKind.ADD, "title": "T", "body": "B", "rationale": " "},
        {"kind": "fusionner", "title": "T", "body": "B", "rationale": "R"},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Amendment.objects.create(**base, **fields)
    assert not Amendment.objects.exists()
