"""Organisers accept or reject an open amendment with a reason: accepting changes the live
text at once (a replaced section, a deleted one, a new one in its place), the author is told by
mail in her language; an amendment based on an earlier text is refused until its author
updates it; bad input is refused with a clear message and changes nothing."""

import pytest
from django.core import mail

from entraide.core.errors import DomainError
from entraide.manifestos import services
from entraide.manifestos.errors import ManifestoErrorCode as Code
from entraide.manifestos.models import (
    Amendment,
    AmendmentKind,
    AmendmentStatus,
    Phase,
    Section,
)
from entraide.manifestos.services import decisions
from entraide.manifestos.tests.scenes import amend, written
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(manifesto, bob):
    sections = written(manifesto, bob, 3)
    services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=bob)
    return sections


@pytest.fixture
def awa():
    return UserFactory(display_name="Awa", email="awa@example.org", language="fr")


def texts(manifesto):
    return list(manifesto.sections.order_by("position").values_list("title", "body"))


def refused(code, action, *args, **kwargs):
    with pytest.raises(DomainError) as error:
        action(*args, **kwargs)
    assert error.value.code == code
    return error.value


def test_accepting_a_replacement_changes_the_live_text_and_tells_the_author(
    manifesto, sections, bob, awa, django_capture_on_commit_callbacks
):
    amendment = amend(manifesto, sections[1], awa, body="Texte **réécrit**.")
    with django_capture_on_commit_callbacks(execute=True):
        decided = decisions.accept(amendment, reason="Plus clair.", by=bob)
    section = Section.objects.get(pk=sections[1].pk)
    assert (section.body, "<strong>réécrit</strong>" in section.body_html) == (
        "Texte **réécrit**.",
        True,
    )
    decided.refresh_from_db()
    assert (decided.status, decided.decision_reason, decided.decided_by) == (
        AmendmentStatus.ACCEPTED,
        "Plus clair.",
        bob,
    )
    assert decided.applied_key == sections[1].pk
    assert decided.decided_at is not None
    (message,) = mail.outbox
    assert message.to == ["awa@example.org"]
    assert "accepté" in message.subject
    assert "Plus clair." in message.body
    assert decided.get_absolute_url() in message.body


def test_the_decision_mail_is_in_the_authors_language(
    manifesto, sections, bob, django_capture_on_commit_callbacks
):
    ann = UserFactory(display_name="Ann", email="ann@example.org", language="en")
    amendment = amend(manifesto, sections[0], ann)
    with django_capture_on_commit_callbacks(execute=True):
        decisions.reject(amendment, reason="Off topic.", by=bob)
    (message,) = mail.outbox
    assert message.to == ["ann@example.org"]
    assert "Your amendment is rejected" in message.subject
    assert "Their reason:" in message.body
    assert "Off topic." in message.body


def test_a_visitor_author_is_told_at_her_address_in_her_language(
    manifesto, sections, bob, django_capture_on_commit_callbacks
):
    amendment = Amendment.objects.create(
        manifesto=manifesto,
        kind=AmendmentKind.REPLACE,
        section=sections[0],
        title=sections[0].title,
        body="Autre texte.",
        base_title=sections[0].title,
        base_body=sections[0].body,
        rationale="Mieux.",
        author_name="Lou",
        email="lou@example.org",
        language="en",
        confirmed_at="2026-01-01T00:00Z",
    )
    with django_capture_on_commit_callbacks(execute=True):
        decisions.accept(amendment, reason="Agreed.", by=bob)
    (message,) = mail.outbox
    assert (message.to, "Your amendment is accepted" in message.subject) == (
        ["lou@example.org"],
        True,
    )


def test_an_unconfirmed_visitor_amendment_cannot_be_decided(manifesto, sections, bob):
    amendment = Amendment.objects.create(
        manifesto=manifesto,
        kind=AmendmentKind.DELETE,
        section=sections[0],
        base_title=sections[0].title,
        base_body=sections[0].body,
        rationale="Inutile.",
        author_name="Lou",
        email="lou@example.org",
    )
    refused(Code.AMENDMENT_NOT_PUBLIC, decisions.accept, amendment, reason="Oui.", by=bob)
    assert Section.objects.filter(pk=sections[0].pk).exists()


def test_accepting_a_deletion_removes_the_section_and_keeps_its_key(manifesto, sections, bob, awa):
    amendment = amend(manifesto, sections[1], awa, kind=AmendmentKind.DELETE)
    decisions.accept(amendment, reason="Redondant.", by=bob)
    assert texts(manifesto) == [("Section 0", "Texte 0."), ("Section 2", "Texte 2.")]
    amendment.refresh_from_db()
    assert (amendment.applied_key, amendment.section_id) == (sections[1].pk, None)


@pytest.mark.parametrize(("after", "expected_rank"), [(None, 0), (0, 1), (1, 2), (2, 3)])
def test_accepting_an_addition_inserts_it_after_its_section(
    manifesto, sections, bob, awa, after, expected_rank
):
    anchor = sections[after] if after is not None else None
    amendment = services.propose_amendment(
        manifesto,
        kind=AmendmentKind.ADD,
        section=anchor,
        title="Nouvelle",
        body="Un texte neuf.",
        rationale="Il manquait.",
        by=awa,
    )
    decisions.accept(amendment, reason="Oui.", by=bob)
    order = [title for title, _body in texts(manifesto)]
    assert order.index("Nouvelle") == expected_rank
    assert len(order) == 4
    amendment.refresh_from_db()
    assert amendment.applied_key == Section.objects.get(title="Nouvelle").pk


def test_rejecting_leaves_the_text_as_it_is(manifesto, sections, bob, awa):
    before = texts(manifesto)
    amendment = amend(manifesto, sections[0], awa)
    decisions.reject(amendment, reason="Hors sujet.", by=bob)
    amendment.refresh_from_db()
    assert (amendment.status, amendment.applied_key) == (AmendmentStatus.REJECTED, None)
    assert texts(manifesto) == before


def test_decisions_are_taken_once_amendments_are_closed_too(manifesto, sections, bob, awa):
    amendment = amend(manifesto, sections[0], awa)
    services.switch_phase(manifesto, Phase.AMENDMENTS_CLOSED, by=bob)
    decisions.accept(amendment, reason="Oui.", by=bob)
    assert Section.objects.get(pk=sections[0].pk).body == "Texte 0. Amendé."


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_decision_without_a_reason_is_refused(manifesto, sections, bob, awa, reason):
    amendment = amend(manifesto, sections[0], awa)
    error = refused(Code.EMPTY_TEXT, decisions.accept, amendment, reason=reason, by=bob)
    assert error.field == "reason"
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.OPEN


def test_deciding_twice_is_refused(manifesto, sections, bob, awa):
    amendment = amend(manifesto, sections[0], awa)
    decisions.reject(amendment, reason="Non.", by=bob)
    refused(Code.ALREADY_DECIDED, decisions.accept, amendment, reason="Si.", by=bob)
    amendment.refresh_from_db()
    assert (amendment.status, amendment.decision_reason) == (AmendmentStatus.REJECTED, "Non.")


def test_a_withdrawn_amendment_cannot_be_decided(manifesto, sections, bob, awa):
    amendment = amend(manifesto, sections[0], awa)
    services.withdraw_amendment(amendment, by=awa)
    refused(Code.AMENDMENT_WITHDRAWN, decisions.accept, amendment, reason="Oui.", by=bob)
    assert Section.objects.get(pk=sections[0].pk).body == "Texte 0."


def test_only_organisers_decide(manifesto, sections, awa):
    amendment = amend(manifesto, sections[0], awa)
    refused(Code.NOT_ORGANISER, decisions.accept, amendment, reason="Oui.", by=awa)


def test_no_decision_while_drafting_or_after_publishing(manifesto, sections, bob, awa):
    from entraide.manifestos.services.versions import publish_version

    amendment = amend(manifesto, sections[0], awa)
    services.switch_phase(manifesto, Phase.AMENDMENTS_CLOSED, by=bob)
    publish_version(manifesto, by=bob)
    refused(Code.DECISIONS_CLOSED, decisions.accept, amendment, reason="Oui.", by=bob)


def test_a_second_amendment_of_a_changed_section_is_refused_until_updated(
    manifesto, sections, bob, awa, alice
):
    first = amend(manifesto, sections[0], awa, body="Version d’Awa.")
    second = amend(manifesto, sections[0], alice, body="Version d’Alice.")
    decisions.accept(first, reason="Oui.", by=bob)
    second.refresh_from_db()
    assert decisions.based_on_earlier_text(second)
    error = refused(Code.SECTION_CHANGED, decisions.accept, second, reason="Oui.", by=bob)
    assert "changed since the amendment was proposed" in str(error.message) or (
        "a changé depuis" in str(error.message)
    )
    assert Section.objects.get(pk=sections[0].pk).body == "Version d’Awa."
    second.refresh_from_db()
    assert second.status == AmendmentStatus.OPEN

    decisions.update_amendment(
        second, title="Section 0", body="Version d’Alice, reprise.", rationale="Rebasé.", by=alice
    )
    second.refresh_from_db()
    assert (second.base_body, decisions.based_on_earlier_text(second)) == (
        "Version d’Awa.",
        False,
    )
    decisions.accept(second, reason="Oui.", by=bob)
    assert Section.objects.get(pk=sections[0].pk).body == "Version d’Alice, reprise."


def test_an_amendment_to_a_deleted_section_can_only_be_withdrawn(
    manifesto, sections, bob, awa, alice
):
    deletion = amend(manifesto, sections[2], awa, kind=AmendmentKind.DELETE)
    change = amend(manifesto, sections[2], alice)
    decisions.accept(deletion, reason="Oui.", by=bob)
    change.refresh_from_db()
    assert decisions.section_gone(change)
    assert decisions.based_on_earlier_text(change)
    refused(Code.SECTION_GONE, decisions.accept, change, reason="Oui.", by=bob)
    refused(
        Code.SECTION_GONE,
        decisions.update_amendment,
        change,
        title="T",
        body="B",
        rationale="R",
        by=alice,
    )
    services.withdraw_amendment(change, by=alice)
    change.refresh_from_db()
    assert change.status == AmendmentStatus.WITHDRAWN


def test_only_its_author_updates_an_amendment(manifesto, sections, bob, awa, alice):
    amendment = amend(manifesto, sections[0], awa)
    refused(
        Code.NOT_THE_AUTHOR,
        decisions.update_amendment,
        amendment,
        title="T",
        body="B",
        rationale="R",
        by=alice,
    )
    refused(  # the private link is for authors without an account
        Code.NOT_THE_AUTHOR,
        decisions.update_amendment,
        amendment,
        title="T",
        body="B",
        rationale="R",
        by=decisions.PRIVATE_LINK,
    )


def test_a_visitor_author_updates_through_her_private_link(manifesto, sections, bob, awa):
    visitor = Amendment.objects.create(
        manifesto=manifesto,
        kind=AmendmentKind.REPLACE,
        section=sections[0],
        title="Section 0",
        body="Proposé par Lou.",
        base_title="Section 0",
        base_body="Texte 0.",
        rationale="Mieux.",
        author_name="Lou",
        email="lou@example.org",
        confirmed_at="2026-01-01T00:00Z",
    )
    decisions.accept(amend(manifesto, sections[0], awa, body="Texte d’Awa."), reason="Oui", by=bob)
    decisions.update_amendment(
        visitor,
        title="Section 0",
        body="Lou, reprise.",
        rationale="Mieux.",
        by=decisions.PRIVATE_LINK,
    )
    visitor.refresh_from_db()
    assert visitor.base_body == "Texte d’Awa."


@pytest.mark.parametrize("deleted", [0, 1])
def test_a_section_proposed_after_a_deleted_one_keeps_its_place(
    manifesto, sections, bob, awa, alice, deleted
):
    addition = services.propose_amendment(
        manifesto,
        kind=AmendmentKind.ADD,
        section=sections[deleted],
        title="Nouvelle",
        body="Un texte neuf.",
        rationale="Il manquait.",
        by=alice,
    )
    decisions.accept(
        amend(manifesto, sections[deleted], awa, kind=AmendmentKind.DELETE), reason="Oui.", by=bob
    )
    decisions.accept(addition, reason="Oui.", by=bob)
    order = [title for title, _body in texts(manifesto)]
    assert order == (
        ["Nouvelle", "Section 1", "Section 2"]
        if deleted == 0
        else ["Section 0", "Nouvelle", "Section 2"]
    )
