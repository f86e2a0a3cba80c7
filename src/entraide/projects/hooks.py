"""What the project catalogue brings to the shared pages: the menu, the home page, the organiser
space, a place's pages, the account page, "My data" and account deletion, its private links and
the accessibility statement. register() is all AppConfig.ready() calls."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from entraide.core import registry
from entraide.core.personal_data import Row
from entraide.core.registry import (
    AccountLink,
    Action,
    Feature,
    Item,
    MenuEntry,
    PersonalDataSection,
    SpaceSection,
    TestedPage,
)
from entraide.projects.models import Catalogue, Member, Pair, Seeker
from entraide.projects.services import pairing

DEMO = "/projets/entraide-et-action-collective-universite-paul-valery/"
DEMO_PROJECT = f"{DEMO}publication-de-recits-de-la-transition/"


def _projects_count(count):
    return ngettext("%(count)s project", "%(count)s projects", count) % {"count": count}


def place_activities(place):
    """A place's public catalogues, with their number of public projects: one query."""
    catalogues = (
        Catalogue.objects.filter(place=place, published_at__isnull=False)
        .annotate(public=Count("projects", filter=Q(projects__published_at__isnull=False)))
        .order_by("title", "pk")[:10]
    )
    return [
        Item(c.title, c.get_absolute_url(), detail=_projects_count(c.public)) for c in catalogues
    ]


def organiser_space(places):
    """Per place: its catalogues with their projects, formed pairs and people looking for a
    partner, in one query."""
    catalogues = (
        Catalogue.objects.filter(place__in=places)
        .annotate(
            projects_count=Count("projects", distinct=True),
            formed=Count(
                "projects__pairs",
                filter=Q(projects__pairs__formed_at__isnull=False),
                distinct=True,
            ),
            looking=Count("projects__seekers", distinct=True),
        )
        .order_by("title", "pk")
    )
    by_place = {}
    for catalogue in catalogues:
        by_place.setdefault(catalogue.place_id, []).append(catalogue)
    sections = {}
    for place in places:
        items, attention = [], []
        for c in by_place.get(place.pk, [])[:10]:
            state = _("Public") if c.is_public else _("Not public yet")
            pairs = ngettext("%(count)s pair", "%(count)s pairs", c.formed) % {"count": c.formed}
            items.append(
                Item(
                    c.title,
                    c.manage_url(),
                    detail=f"{state} · {_projects_count(c.projects_count)} · {pairs}",
                )
            )
            if c.looking:
                attention.append(
                    Item(
                        ngettext(
                            "%(count)s person looking for a partner",
                            "%(count)s people looking for a partner",
                            c.looking,
                        )
                        % {"count": c.looking},
                        c.manage_url(),
                        detail=c.title,
                    )
                )
        actions = [
            Action(_("New project catalogue"), f"/projets/nouveau/?lieu={place.slug}"),
            Action(_("Host a project's workshop here"), "/projets/"),
        ]
        if place.is_regional_hub:
            actions.append(
                Action(_("Projects hosted in the region"), f"/projets/accueils/{place.slug}/")
            )
        sections[place.pk] = SpaceSection(
            title=gettext_lazy("Project catalogue"),
            items=items,
            attention=attention,
            actions=actions,
            empty=_("No project catalogue."),
        )
    return sections


def _memberships(user):
    return Member.objects.filter(user=user).select_related("project__catalogue", "pair")


def collect_projects(user):
    rows = []
    for member in _memberships(user):
        pair = member.pair
        rows.append(
            Row()
            .add("project", None, member.project.title, heading=True)
            .add("catalogue", gettext_lazy("Catalogue"), member.project.catalogue.title)
            .add(
                "pair",
                gettext_lazy("Pair"),
                _("Formed") if pair.is_formed else _("Waiting for the partner"),
            )
            .add("accepted", gettext_lazy("Accepted on"), member.accepted_at)
        )
    for member in Member.objects.filter(invited_by=user, accepted_at__isnull=True).exclude(
        user=user
    ):
        rows.append(
            Row()
            .add("invitation", None, _("Invitation you sent"), heading=True)
            .add("name", gettext_lazy("Name"), member.name)
            .add("email", gettext_lazy("Email address"), member.email)
            .add("sent", gettext_lazy("Sent on"), member.invited_at)
        )
    for seeker in Seeker.objects.filter(user=user).select_related("project"):
        rows.append(
            Row()
            .add("looking", None, seeker.project.title, heading=True)
            .add("since", gettext_lazy("Looking for a partner since"), seeker.created_at)
            .add("note", gettext_lazy("A word about you"), seeker.note)
        )
    return rows


def erase_projects(user):
    """The person leaves their pairs as by the pair's page (services/pairing.leave: the partner
    stays, alone, and is told by mail; a pair left empty goes); the invitations and proposals
    they sent that no one accepted, those made to them, and the lists of people looking for a
    partner lose them."""
    for member in list(_memberships(user).filter(accepted_at__isnull=False)):
        pairing.leave(member.pair, user=user)
    pending_pairs = list(_memberships(user).values_list("pair_id", flat=True))
    Member.objects.filter(invited_by=user, accepted_at__isnull=True).exclude(user=user).delete()
    Member.objects.filter(user=user).delete()
    Pair.objects.filter(pk__in=pending_pairs, members__isnull=True).delete()
    Seeker.objects.filter(user=user).delete()


def describe_projects_erasure(user):
    count = _memberships(user).filter(pair__formed_at__isnull=False).count()  # with a partner
    if not count:
        return []
    return [
        ngettext(
            "You leave your pair; your partner is told by mail and stays enrolled in the "
            "project, alone.",
            "You leave your %(count)s pairs; your partners are told by mail and stay enrolled "
            "in the projects, alone.",
            count,
        )
        % {"count": count}
    ]


def register():
    registry.register_menu(
        MenuEntry("projects", gettext_lazy("Projects"), "projects:catalogues", 5)
    )
    registry.register_feature(
        Feature(
            "projects",
            gettext_lazy("Project catalogue"),
            gettext_lazy(
                "Choose a project for your audience (a story to write, workshops to run, a "
                "survey, a challenge), find a partner to do it in a pair, and start it. A place "
                "can host a project's workshop in a few clicks."
            ),
            "projects:catalogues",
            5,
        )
    )
    registry.register_account_link(
        AccountLink("projects", gettext_lazy("My projects"), "projects:mine", 55)
    )
    registry.register_organiser_space(organiser_space)
    registry.register_place_activities(place_activities)
    registry.register_private_paths(("projets", "invitation"))
    registry.register_accessibility(
        pages=[
            TestedPage(gettext_lazy("Project catalogues"), "/projets/", 5),
            TestedPage(gettext_lazy("A project catalogue and its filters"), DEMO, 6),
            TestedPage(gettext_lazy("A project and what it produced"), DEMO_PROJECT, 7),
        ],
    )
    registry.register_personal_data(
        PersonalDataSection(
            "projects",
            gettext_lazy("My projects"),
            collect_projects,
            erase_projects,
            describe_projects_erasure,
        )
    )
