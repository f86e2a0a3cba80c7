"""Organisers move a manifesto through its phases, forward, back to ideas while drafting, and
to amendments again after a version; any other jump is refused and changes nothing."""

import pytest

from entraide.core.errors import DomainError
from entraide.manifestos import services
from entraide.manifestos.errors import ManifestoErrorCode
from entraide.manifestos.models import Manifesto, Phase

pytestmark = pytest.mark.django_db


def phase_of(manifesto):
    return Manifesto.objects.get(pk=manifesto.pk).phase


def test_a_new_manifesto_collects_ideas(manifesto):
    assert phase_of(manifesto) == Phase.IDEAS


def test_the_whole_cycle_then_amendments_reopen_after_a_version(manifesto, bob):
    from entraide.manifestos.services.versions import publish_version

    for phase in (Phase.DRAFTING, Phase.AMENDMENTS_OPEN, Phase.AMENDMENTS_CLOSED):
        if phase == Phase.AMENDMENTS_OPEN:
            services.add_section(manifesto, title="Un", body="Texte.", by=bob)
        services.switch_phase(manifesto, phase, by=bob)
        assert phase_of(manifesto) == phase
    with pytest.raises(DomainError) as refused:  # a version is published, not switched to
        services.switch_phase(manifesto, Phase.PUBLISHED, by=bob)
    assert refused.value.code == ManifestoErrorCode.PUBLISH_TO_PUBLISH
    publish_version(manifesto, by=bob)
    assert phase_of(manifesto) == Phase.PUBLISHED
    services.switch_phase(manifesto, Phase.AMENDMENTS_OPEN, by=bob)
    assert phase_of(manifesto) == Phase.AMENDMENTS_OPEN


def test_drafting_may_go_back_to_ideas(manifesto, bob):
    services.switch_phase(manifesto, Phase.DRAFTING, by=bob)
    services.switch_phase(manifesto, Phase.IDEAS, by=bob)
    assert phase_of(manifesto) == Phase.IDEAS


@pytest.mark.parametrize(
    ("target", "code"),
    [
        (Phase.PUBLISHED, ManifestoErrorCode.PHASE_NOT_ALLOWED),
        (Phase.AMENDMENTS_OPEN, ManifestoErrorCode.PHASE_NOT_ALLOWED),
        (Phase.IDEAS, ManifestoErrorCode.SAME_PHASE),
        ("n-importe-quoi", ManifestoErrorCode.PHASE_NOT_ALLOWED),
    ],
)
def test_a_jump_the_cycle_does_not_allow_is_refused(manifesto, bob, target, code):
    with pytest.raises(DomainError) as refused:
        services.switch_phase(manifesto, target, by=bob)
    assert refused.value.code == code
    assert phase_of(manifesto) == Phase.IDEAS


def test_a_series_of_another_place_is_refused(place, bob):
    from tests.factories import SeriesFactory

    with pytest.raises(DomainError) as refused:
        services.create_manifesto(place, by=bob, fields={"title": "M", "series": SeriesFactory()})
    assert (refused.value.code, refused.value.field) == (
        ManifestoErrorCode.SERIES_NOT_OF_PLACE,
        "series",
    )
    assert Manifesto.objects.count() == 0


def test_a_question_tied_to_a_workshop_outside_the_series_is_refused(manifesto, bob):
    from tests.factories import WorkshopFactory

    with pytest.raises(DomainError) as refused:
        services.pose_question(manifesto, text="Q ?", workshop=WorkshopFactory(), by=bob)
    assert refused.value.code == ManifestoErrorCode.WORKSHOP_NOT_IN_SERIES
    assert manifesto.questions.count() == 0


def test_questions_are_numbered_in_the_order_they_are_posed(manifesto, bob):
    first = services.pose_question(manifesto, text="Première ?", by=bob)
    second = services.pose_question(manifesto, text="Deuxième ?", by=bob)
    assert [q.text for q in manifesto.questions.all()] == [first.text, second.text]
