"""What challenges bring to the shared pages: the menu, the home page, the organiser space, a
place's pages, a workshop's page, "My data" and account deletion, its private links, the
accessibility statement, and the moments its pages change by time alone. register() is all
AppConfig.ready() calls."""

import zoneinfo
from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from entraide.accounts.services import verified_email
from entraide.challenges import services
from entraide.challenges.models import Challenge, Feeling, Participant, TestimonyStatus
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

DEMO = "/defis/defi-solidaire-de-deconnexion-10-jours/"


def _dates(challenge):
    return _("from %(start)s to %(end)s") % {
        "start": formats.date_format(challenge.starts_on, "j F"),
        "end": formats.date_format(challenge.ends_on, "j F Y"),
    }


def _item(challenge, with_place=True):
    today = challenge.today()
    parts = [challenge.place.name] if with_place else []
    if challenge.is_over(today):
        parts.append(_("Challenge over: what we did together"))
    elif challenge.has_started(today):
        parts.append(_("Challenge under way, until %(end)s: join in") % {
            "end": formats.date_format(challenge.ends_on, "j F"),
        })  # fmt: skip
    else:
        parts.append(_("Disconnection challenge %(dates)s") % {"dates": _dates(challenge)})
    return Item(title=challenge.title, url=challenge.get_absolute_url(), detail=" · ".join(parts))


def _published():
    return Challenge.objects.filter(published_at__isnull=False).select_related("place")


def _not_over():
    # the day before today (UTC) may still be the last day somewhere: each checks its own zone
    return _published().filter(ends_on__gte=timezone.now().date() - timedelta(days=1))


def upcoming(limit):
    """Challenges under way or to come, the soonest first."""
    challenges = list(_not_over().order_by("starts_on", "pk")[: limit + 5])
    return [_item(c) for c in challenges if not c.is_over()][:limit]


def place_activities(place):
    """A place's challenges under way or to come, then its last finished one: one query."""
    challenges = list(_published().filter(place=place).order_by("-starts_on", "-pk")[:20])
    current = [c for c in reversed(challenges) if not c.is_over()]
    over = [c for c in challenges if c.is_over()][:1]
    return [_item(c, with_place=False) for c in current + over]


def challenges_of_workshop(workshop):
    """The challenges a workshop prepares or accompanies: one query."""
    challenges = (
        _published()
        .filter(Q(preparatory_workshops=workshop) | Q(activity_workshops=workshop))
        .distinct()
        .order_by("starts_on", "pk")
    )
    return [_item(c, with_place=False) for c in challenges]


def _state(challenge, today):
    if not challenge.is_published:
        return _("Draft")
    if challenge.is_over(today):
        return _("Over")
    if challenge.has_started(today):
        return _("Under way")
    return _("Coming")


def organiser_space(places):
    """Per place: its challenges with their state, people and testimonies to moderate, in one
    query."""
    challenges = (
        Challenge.objects.filter(place__in=places)
        .annotate(
            taking_part=Count(
                "participants",
                filter=Q(participants__confirmed_at__isnull=False, participants__left_at=None),
                distinct=True,
            ),
            waiting=Count(
                "testimonies",
                filter=Q(testimonies__status=TestimonyStatus.PENDING),
                distinct=True,
            ),
        )
        .order_by("-starts_on", "pk")
    )
    by_place = {}
    for challenge in challenges:
        by_place.setdefault(challenge.place_id, []).append(challenge)
    sections = {}
    for place in places:
        mine = by_place.get(place.pk, [])[:10]
        items, attention = [], []
        for c in mine:
            people = ngettext("%(count)s person", "%(count)s people", c.taking_part) % {
                "count": c.taking_part
            }
            items.append(Item(c.title, c.manage_url(), detail=f"{_state(c, c.today())} · {people}"))
            if c.waiting:
                attention.append(
                    Item(
                        ngettext(
                            "%(count)s testimony to moderate",
                            "%(count)s testimonies to moderate",
                            c.waiting,
                        )
                        % {"count": c.waiting},
                        f"{c.manage_url()}temoignages/",
                        detail=c.title,
                    )
                )
        sections[place.pk] = SpaceSection(
            title=gettext_lazy("Disconnection challenges"),
            items=items,
            attention=attention,
            actions=[Action(_("New challenge"), f"/defis/nouveau/?lieu={place.slug}")],
            empty=_("No challenge."),
        )
    return sections


def next_time_transition(now):
    """When a public page of challenges next changes by time alone: the next midnight in the
    time zone of a published challenge not over (its "Jour 4 sur 10", today's check-ins,
    joining closing, the list's order). Registered as a time
    transition, so that the page cache never shows yesterday's day; None when no challenge
    runs."""
    zones = (
        Challenge.objects.filter(published_at__isnull=False, ends_on__gte=now.date() - timedelta(1))
        .order_by()
        .values_list("time_zone", flat=True)
        .distinct()
    )
    moments = []
    for name in zones:
        zone = zoneinfo.ZoneInfo(name)
        tomorrow = now.astimezone(zone).date() + timedelta(days=1)
        moments.append(datetime.combine(tomorrow, time(), tzinfo=zone))
    return min(moments, default=None)


def my_participations(user):
    """The participations of the account, or made with its verified address."""
    email = verified_email(user)
    mine = Q(user=user)
    if email:
        mine |= Q(email__iexact=email)
    return Participant.objects.filter(mine)


def _told(assessment):
    if assessment["screen_hours"] is None and assessment["feeling"] is None:
        return "—"
    parts = []
    if assessment["screen_hours"] is not None:
        parts.append(_("%(hours)s h of screens a day") % {"hours": assessment["screen_hours"]})
    if assessment["feeling"] is not None:
        parts.append(str(Feeling(assessment["feeling"]).label))
    return " · ".join(parts)


def collect_participations(user):
    rows = []
    for participant in my_participations(user).select_related("challenge", "team"):
        data = services.personal_data(participant)
        days = ", ".join(f"{c['day']} {c['pledge']}: {c['status']}" for c in data["check_ins"])
        rows.append(
            Row()
            .add("challenge", None, data["challenge"], heading=True)
            .add("name", gettext_lazy("Name or pseudonym"), data["name"])
            .add("email", gettext_lazy("Email"), data["email"])
            .add("team", gettext_lazy("Team"), data["team"] or "")
            .add("pledges", gettext_lazy("Pledges"), data["pledges"], ", ".join(data["pledges"]))
            .add("check_ins", gettext_lazy("Check-ins"), data["check_ins"], days)
            .add("notes", gettext_lazy("Private notes"), data["notes"], str(len(data["notes"])))
            .add(
                "before",
                gettext_lazy("Before the challenge"),
                data["before"],
                _told(data["before"]),
            )
            .add("after", gettext_lazy("After the challenge"), data["after"], _told(data["after"]))
        )
    return rows


def erase_participations(user):
    for participant in my_participations(user):
        services.erase(participant)


def describe_participations_erasure(user):
    count = my_participations(user).count()
    if not count:
        return []
    return [
        ngettext(
            "Your participation in a challenge is deleted with your check-ins, notes and "
            "testimonies; the group's totals keep your days, counted anonymously.",
            "Your %(count)s participations in challenges are deleted with your check-ins, notes "
            "and testimonies; the groups' totals keep your days, counted anonymously.",
            count,
        )
        % {"count": count}
    ]


def register():
    registry.register_menu(
        MenuEntry("challenges", gettext_lazy("Challenges"), "challenges:list", 45)
    )
    registry.register_feature(
        Feature(
            "challenges",
            gettext_lazy("Disconnection challenges"),
            gettext_lazy(
                "Ten days with fewer leisure screens, together: everyone pledges, checks in "
                "privately in two taps, and the group sees what it achieved. No ranking, no "
                "streak."
            ),
            "challenges:list",
            45,
        )
    )
    registry.register_account_link(
        AccountLink("challenges", gettext_lazy("My challenges"), "challenges:mine", 45)
    )
    registry.register_organiser_space(organiser_space)
    registry.register_upcoming(upcoming)
    registry.register_place_activities(place_activities)
    registry.register_related("workshops.workshop", challenges_of_workshop)
    registry.register_time_transitions(next_time_transition)
    registry.register_private_paths(("defis", r"[-\w]+", "moi"))
    registry.register_accessibility(
        pages=[
            TestedPage(gettext_lazy("Challenges"), "/defis/", 45),
            TestedPage(gettext_lazy("A challenge and its progress"), DEMO, 46),
            TestedPage(gettext_lazy("Joining a challenge"), f"{DEMO}participer/", 47),
        ],
        journeys=[gettext_lazy("joining a challenge and checking in")],
    )
    registry.register_personal_data(
        PersonalDataSection(
            "challenge_participations",
            gettext_lazy("My disconnection challenges"),
            collect_participations,
            erase_participations,
            describe_participations_erasure,
        )
    )
