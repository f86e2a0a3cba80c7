import pytest

from entraide.manifestos import services
from entraide.manifestos.models import Phase
from entraide.manifestos.services import Person
from tests.factories import SeriesFactory, WorkshopFactory


@pytest.fixture
def series(place):
    return SeriesFactory(place=place, title="Vers un manifeste")


@pytest.fixture
def manifesto(place, bob, series):
    return services.create_manifesto(
        place, by=bob, fields={"title": "Manifeste du numérique responsable", "series": series}
    )


@pytest.fixture
def question(manifesto, bob, series):
    workshop = WorkshopFactory(place=manifesto.place, series=series, title="Atelier 1")
    return services.pose_question(
        manifesto, text="C’est quoi un numérique responsable ?", workshop=workshop, by=bob
    )


def ideas(question, count, *, prefix="Idée"):
    """`count` ideas under `question`, each by a different visitor."""
    return [
        services.post_idea(
            question, text=f"{prefix} {n}", name=f"Personne {n}", person=Person(visitor_key=f"v{n}")
        )
        for n in range(count)
    ]


def drafting(manifesto, bob):
    return services.switch_phase(manifesto, Phase.DRAFTING, by=bob)


# The `version` fixture of the signatures and exports tests: published as organisers do
# (tests/publishing.py).
from entraide.manifestos.tests.publishing import version  # noqa: E402, F401
