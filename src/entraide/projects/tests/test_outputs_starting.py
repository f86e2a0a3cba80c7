"""start_output: only an accepted member of a formed pair starts the project's output, of the
project's kind, when its capability is installed; each refusal carries its code and leaves
nothing behind. The other member is told by mail, in their language."""

import pytest
from django.apps import apps
from django.core import mail

from entraide.core.errors import DomainError
from entraide.projects import outputs
from entraide.projects.errors import ProjectErrorCode
from entraide.projects.models import Member, Output, OutputKind
from entraide.projects.services.starting import start_output
from entraide.projects.tests.conftest import form_pair
from entraide.workshops.models import Series, Workshop

pytestmark = pytest.mark.django_db


def _refused(code, pair, by, kind=OutputKind.WORKSHOP, **choices):
    choices.setdefault("title", "Un atelier")
    with pytest.raises(DomainError) as excinfo:
        start_output(pair, by=by, kind=kind, **choices)
    assert excinfo.value.code == code
    assert (Output.objects.count(), Workshop.objects.count(), Series.objects.count()) == (0, 0, 0)
    assert mail.outbox == []


def test_a_lone_member_cannot_start_yet(workshops_project, place, alice):
    pair = form_pair(workshops_project, alice)

    _refused(ProjectErrorCode.PAIR_INCOMPLETE, pair, alice, place=place)


def test_someone_outside_the_pair_cannot_start_its_output(
    workshops_project, place, alice, bob, charlie
):
    pair = form_pair(workshops_project, alice, charlie)

    _refused(ProjectErrorCode.NOT_A_MEMBER, pair, bob, place=place)


def test_a_member_still_asked_is_not_a_member_yet(workshops_project, place, alice, bob, charlie):
    pair = form_pair(workshops_project, alice, charlie)
    Member.objects.filter(pair=pair, user=charlie).update(accepted_at=None)

    _refused(ProjectErrorCode.NOT_A_MEMBER, pair, charlie, place=place)


def test_only_the_projects_kind_of_output(workshops_project, place, alice, charlie):
    pair = form_pair(workshops_project, alice, charlie)

    _refused(ProjectErrorCode.WRONG_KIND, pair, alice, kind=OutputKind.SURVEY, place=place)


def test_a_kind_with_no_capability_is_refused(
    workshops_project, place, alice, charlie, monkeypatch
):
    pair = form_pair(workshops_project, alice, charlie)
    installed = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name != "entraide.workshops" and installed(name)
    )

    _refused(ProjectErrorCode.CAPABILITY_ABSENT, pair, alice, place=place)
    assert outputs.available_kinds() == [OutputKind.STORY, OutputKind.SURVEY, OutputKind.CHALLENGE]


def test_something_else_has_nothing_to_start(catalogue, place, alice, charlie):
    from entraide.projects.tests.conftest import build_project

    project = build_project(catalogue, title="Autre chose", kind=OutputKind.OTHER)
    pair = form_pair(project, alice, charlie)

    _refused(ProjectErrorCode.CAPABILITY_ABSENT, pair, alice, kind=OutputKind.OTHER, place=place)


def test_the_other_member_is_told_in_their_language(workshops_project, place, alice, charlie):
    charlie.language = "en"
    charlie.save()
    pair = form_pair(workshops_project, alice, charlie)

    start_output(pair, by=alice, kind=OutputKind.WORKSHOP, place=place, title="Écrans")

    to_charlie = [m for m in mail.outbox if m.to == ["charlie@example.org"]]
    assert len(to_charlie) == 1
    assert to_charlie[0].subject.endswith(
        "Your pair has started its output for “Co-animation d’ateliers participatifs et préventifs”"
    )
    assert "Alice has started your pair's output" in to_charlie[0].body
    assert f"/projets/binome/{pair.pk}/" in to_charlie[0].body
    assert [m.to for m in mail.outbox if m not in to_charlie] == [["bob@example.org"]]


def test_a_pair_may_start_several_outputs_each_recorded(workshops_project, place, alice, charlie):
    pair = form_pair(workshops_project, alice, charlie)

    first = start_output(pair, by=alice, kind=OutputKind.WORKSHOP, place=place, title="Un")
    second = start_output(pair, by=charlie, kind=OutputKind.WORKSHOP, place=place, title="Deux")

    assert list(Output.objects.filter(pair=pair).order_by("pk")) == [first, second]
    assert Series.objects.count() == 2
