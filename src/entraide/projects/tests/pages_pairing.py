"""Scenes of the pairing pages for their literal query counts (tests/querycount.py): each
builder makes its own catalogue with `n` of what the page lists."""

import itertools

from entraide.core.tokens import keyed_token
from entraide.projects.models import INVITATION_PURPOSE
from entraide.projects.services import pairing
from entraide.projects.tests.conftest import build_catalogue, build_project, form_pair, looking
from tests.factories import PlaceFactory, UserFactory
from tests.querycount import Page, Visit

_scene = itertools.count(1)


def a_project(**fields):
    n = next(_scene)
    place = PlaceFactory(organisers=[UserFactory()])
    catalogue = build_catalogue(place, slug=f"catalogue-pairing-{n}")
    return build_project(catalogue, title=f"Projet {n}", slug=f"projet-{n}", **fields)


def join_page(n):
    """The viewer looks for a partner; `n` others look too, and `n` proposed to them."""
    project = a_project()
    viewer = UserFactory(display_name="Camille Roux")
    mine = looking(project, viewer, note="Moi")
    names = []
    for i in range(n):
        other = UserFactory(display_name=f"Seeker{i} Nom{i}")
        looking(project, other, note=f"Mot {i}")
        proposer = UserFactory(display_name=f"Proposer{i} Nom")
        pairing.propose(project, by=proposer, seeker=mine)
        names += [f"Seeker{i}", f"Mot {i}", f"Proposer{i}"]
    return Visit(f"/projets/{project.catalogue.slug}/{project.slug}/binome/", viewer, names)


def join_page_paired(n):
    """The viewer's pair is formed; `n` others look for a partner."""
    project = a_project()
    viewer = UserFactory(display_name="Camille")
    form_pair(project, viewer, UserFactory(display_name="Dominique"))
    for i in range(n):
        looking(project, UserFactory(display_name=f"Seeker{i}"))
    return Visit(f"/projets/{project.catalogue.slug}/{project.slug}/binome/", viewer, ["Dominique"])


def invitation_page(n):
    project = a_project()
    for _ in range(n):
        form_pair(project, UserFactory(), UserFactory())
    member = pairing.invite_partner(
        project, by=UserFactory(display_name="Inès"), email="zoe@example.org", name="Zoé"
    )
    token = keyed_token(INVITATION_PURPOSE, member.link_key)
    return Visit(f"/projets/invitation/{token}/", None, ["Inès", project.title])


def leave_page(n):
    project = a_project()
    viewer = UserFactory()
    pair = form_pair(project, viewer, UserFactory(display_name="Dominique"))
    for _ in range(n):
        form_pair(project, UserFactory(), UserFactory())
    return Visit(f"/projets/binome/{pair.pk}/quitter/", viewer, ["Dominique"])


def my_projects(n):
    """`n` pairs, `n` searches, `n` proposals and `n` invitations of one person."""
    viewer = UserFactory()
    shows = []
    for i in range(n):
        paired = a_project()
        form_pair(paired, viewer, UserFactory(display_name=f"Partner{i}"))
        searched = a_project()
        seeker = looking(searched, viewer)
        pairing.propose(searched, by=UserFactory(display_name=f"Proposer{i}"), seeker=seeker)
        invited = a_project()
        pairing.invite_partner(
            invited, by=UserFactory(display_name=f"Inviter{i}"), email=viewer.email, name="V"
        )
        shows += [f"Partner{i}", f"Proposer{i}", f"Inviter{i}", searched.title, invited.title]
    return Visit("/projets/mes-projets/", viewer, shows)


PAGES = [
    Page("projects:join", 7, join_page),
    Page("projects:join when paired", 7, join_page_paired),
    Page("projects:invitation", 1, invitation_page),
    Page("projects:leave", 5, leave_page),
    Page("projects:mine", 8, my_projects),
]
