"""What surveys bring to the shared pages: the menu, the home page, the organiser space, a
place's pages, a workshop's page, "My data" and account deletion, its private links, the
accessibility statement, and the moments its pages change by time alone. register() is all
AppConfig.ready() calls."""

from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from entraide.accounts.services import verified_email
from entraide.core import registry
from entraide.core.personal_data import Row
from entraide.core.registry import (
    Feature,
    Item,
    Link,
    MenuEntry,
    PersonalDataSection,
    PlaceLinks,
    TestedPage,
)
from entraide.surveys import space
from entraide.surveys.listing import open_surveys
from entraide.surveys.models import Invitation, Survey


def _open_item(survey, with_place=True):
    parts = [survey.place.name] if with_place else []
    parts.append(_("Survey open: answer anonymously"))
    return Item(
        title=survey.title,
        url=survey.get_absolute_url(),
        when=survey.closes_at,
        detail=" · ".join(parts),
    )


def _results_item(survey, with_place=True):
    parts = [survey.place.name] if with_place else []
    parts.append(_("Results published"))
    return Item(
        title=_("Results: %(title)s") % {"title": survey.title},
        url=reverse("surveys:results", args=[survey.slug]),
        detail=" · ".join(parts),
    )


def upcoming(limit):
    """Open surveys, those closing soonest first."""
    surveys = open_surveys().select_related("place").order_by("closes_at", "pk")[:limit]
    return [_open_item(s) for s in surveys]


def place_activities(place):
    """A place's open surveys, then its published results: one query."""
    now = timezone.now()
    surveys = list(
        Survey.objects.filter(place=place, published_at__isnull=False)
        .select_related("place")
        .order_by("-published_at", "-pk")[:50]  # the most recent: a place runs a few at once
    )
    return [_open_item(s, with_place=False) for s in surveys if s.is_open(now)][:10] + [
        _results_item(s, with_place=False) for s in surveys if s.results_are_public(now)
    ][:10]


def surveys_of_workshop(workshop):
    """Open surveys about a workshop or its series, then those whose results are published:
    one query."""
    about = Q(workshop=workshop)
    if workshop.series_id:
        about |= Q(series_id=workshop.series_id)
    now = timezone.now()
    surveys = list(
        Survey.objects.filter(about, published_at__isnull=False)
        .select_related("place")
        .order_by("pk")
    )
    return [_open_item(s, with_place=False) for s in surveys if s.is_open(now)] + [
        _results_item(s, with_place=False) for s in surveys if s.results_are_public(now)
    ]


def management_place_links(place):
    return [
        Link(
            _("Surveys of %(name)s") % {"name": place.name},
            reverse("surveys:manage_place", args=[place.slug]),
        )
    ]


def next_time_transition(now):
    """The next moment a survey opens or closes by its dates."""
    moments = Survey.objects.filter(published_at__isnull=False).aggregate(
        opens=Min("opens_at", filter=Q(opens_at__gt=now)),
        closes=Min("closes_at", filter=Q(closes_at__gt=now)),
    )
    return min((moment for moment in moments.values() if moment), default=None)


def my_invitations(user):
    """Invitations mailed to the account's verified address. Answers are anonymous: nothing
    else about the person is held."""
    email = verified_email(user)
    if not email:
        return Invitation.objects.none()
    return Invitation.objects.filter(email__iexact=email)


def collect_invitations(user):
    invitations = my_invitations(user).select_related("survey", "survey__place")
    return [
        Row()
        .add("survey", None, i.survey.title, heading=True)
        .add("place", gettext_lazy("Place"), i.survey.place.name)
        .add("email", gettext_lazy("Email"), i.email)
        .add("invited_on", gettext_lazy("Invited on"), i.invited_on)
        .add("reminded_on", gettext_lazy("Reminded on"), i.reminded_on)
        .add(
            "used",
            gettext_lazy("Link used"),
            i.used_on is not None,
            _("Yes") if i.used_on else _("No"),
        )
        for i in invitations.order_by("pk")
    ]


def erase_invitations(user):
    my_invitations(user).delete()


def describe_invitations_erasure(user):
    count = my_invitations(user).count()
    if not count:
        return []
    return [
        ngettext(
            "Your invitation to a survey is deleted; an answer you gave stays counted, "
            "anonymous as it always was.",
            "Your %(count)s invitations to surveys are deleted; answers you gave stay counted, "
            "anonymous as they always were.",
            count,
        )
        % {"count": count}
    ]


def register():
    registry.register_menu(MenuEntry("surveys", gettext_lazy("Surveys"), "surveys:list", 40))
    registry.register_feature(
        Feature(
            "surveys",
            gettext_lazy("Surveys"),
            gettext_lazy(
                "Ask students, staff and the public, anonymously; publish results everyone can "
                "read, print and reuse, with small counts protected."
            ),
            "surveys:list",
            40,
        )
    )
    registry.register_organiser_space(space.organiser_space)
    registry.register_upcoming(upcoming)
    registry.register_place_activities(place_activities)
    registry.register_related("workshops.workshop", surveys_of_workshop)
    registry.register_place_links(PlaceLinks("surveys", manage=management_place_links, order=40))
    registry.register_time_transitions(next_time_transition)
    registry.register_private_paths(("enquetes", "invitation"))
    registry.register_accessibility(
        pages=[
            TestedPage(gettext_lazy("Surveys"), "/enquetes/", 40),
            TestedPage(gettext_lazy("A survey"), "/enquetes/nos-ecrans-et-nous/", 41),
            TestedPage(
                gettext_lazy("The results of a survey"),
                "/enquetes/nos-ecrans-et-nous/resultats/",
                42,
            ),
        ],
        journeys=[gettext_lazy("answering a survey")],
    )
    registry.register_personal_data(
        PersonalDataSection(
            "survey_invitations",
            gettext_lazy("My invitations to surveys"),
            collect_invitations,
            erase_invitations,
            describe_invitations_erasure,
        )
    )
