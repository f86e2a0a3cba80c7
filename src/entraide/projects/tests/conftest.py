"""Projects shared by the tests: the catalogue "Entraide et action collective" of La Verrière
(run by bob), public, with two public projects: `stories_project` (leads to a story, in pairs,
at most 3 pairs, for "Étudiants en Lettres…", tagged "Récits de la transition") and
`workshops_project` (leads to a workshop, three workshops of 1 h 30 for 15, tagged "Santé
mentale"). `form_pair(project, alice, charlie)` makes a formed pair directly."""

import pytest
from django.utils import timezone

from entraide.projects.models import (
    Audience,
    Catalogue,
    Member,
    OutputKind,
    Pair,
    Project,
    ProjectLink,
    Seeker,
    Tag,
)

STUDENTS = "Étudiants en Lettres, Langues, Arts ou Sciences Humaines et Sociales"


def build_catalogue(place, *, title="Entraide et action collective", public=True, **fields):
    return Catalogue.objects.create(
        place=place,
        title=title,
        slug=fields.pop("slug", None) or f"catalogue-{Catalogue.objects.count() + 1}",
        summary=fields.pop("summary", "Pour un numérique responsable"),
        published_at=timezone.now() if public else None,
        **fields,
    )


def build_project(catalogue, *, title, kind=OutputKind.OTHER, audiences=(), tags=(), **fields):
    project = Project.objects.create(
        catalogue=catalogue,
        title=title,
        slug=fields.pop("slug", None) or f"projet-{Project.objects.count() + 1}",
        summary=fields.pop("summary", f"Résumé de {title}"),
        output_kind=kind,
        published_at=fields.pop("published_at", timezone.now()),
        **fields,
    )
    for name in audiences:
        project.audiences.add(
            Audience.objects.get_or_create(name=name, defaults={"slug": _slug(name)})[0]
        )
    for name in tags:
        project.tags.add(Tag.objects.get_or_create(name=name, defaults={"slug": _slug(name)})[0])
    return project


def _slug(name):
    from django.utils.text import slugify

    return slugify(name)[:80]


def form_pair(project, first, second=None):
    """A pair of `first` and `second`, both accepted (formed); `second=None`: `first` alone."""
    now = timezone.now()
    pair = Pair.objects.create(project=project, formed_at=now if second else None)
    for user in filter(None, [first, second]):
        Member.objects.create(
            pair=pair, project=project, user=user, email=user.email, accepted_at=now
        )
    return pair


def looking(project, user, note=""):
    return Seeker.objects.create(project=project, user=user, note=note)


@pytest.fixture
def catalogue(place):
    return build_catalogue(place, slug="entraide-et-action-collective")


@pytest.fixture
def stories_project(catalogue):
    project = build_project(
        catalogue,
        title="Publication de récits de la transition",
        slug="publication-de-recits-de-la-transition",
        kind=OutputKind.STORY,
        audiences=[STUDENTS],
        tags=["Récits de la transition", "Pouvoir des récits"],
        duration="Un entretien et un portrait",
        max_pairs=3,
    )
    ProjectLink.objects.create(
        project=project,
        title="Nouvelle Conscience",
        url="https://podcast.ausha.co/nouvelle-conscience",
        description="par Manon Sala",
    )
    return project


@pytest.fixture
def workshops_project(catalogue):
    return build_project(
        catalogue,
        title="Co-animation d’ateliers participatifs et préventifs",
        slug="co-animation-d-ateliers-participatifs-et-preventifs",
        kind=OutputKind.WORKSHOP,
        audiences=[STUDENTS],
        tags=["Santé mentale", "Économie de l'attention"],
        duration="Trois ateliers d’1h30",
        workshop_sessions=3,
        workshop_minutes=90,
        workshop_capacity=15,
        position=1,
    )
