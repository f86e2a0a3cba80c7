"""What workshops bring to the shared pages: the menu, the home page, the organiser space and
its daily summary, a place's public and management pages, the account page, "My data", its
private links, the accessibility statement. register() is all AppConfig.ready() calls."""

from django.db.models import F, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from entraide.core import registry
from entraide.core.personal_data import Row, language_name
from entraide.core.registry import (
    AccountLink,
    Feature,
    Item,
    Link,
    MenuEntry,
    PersonalDataSection,
    PlaceLinks,
    TestedPage,
)
from entraide.places.digest import register_digest_source
from entraide.workshops import digest, space
from entraide.workshops.models import ACTIVE, Registration, Series, Status, Workshop
from entraide.workshops.templatetags.workshops import long_when


def public_workshops():
    """Published workshops, outside draft series. The draft series are a subquery rather than
    a join, so that a count of workshops reads the workshops' index alone."""
    drafts = Series.objects.filter(status=Status.DRAFT).values("pk")
    return Workshop.objects.filter(status=Status.PUBLISHED).exclude(series__in=drafts)


def upcoming_public(now=None):
    return public_workshops().filter(starts_at__gt=now or timezone.now())


def _item(workshop, with_place=True):
    seats = (
        _("Full — waiting list")
        if workshop.is_full
        else _("%(count)s seats left") % {"count": workshop.seats_left}
    )
    # The date is given once, by `when` (or, undated, in the detail line).
    parts = [workshop.place.name] if with_place else []
    if workshop.starts_at is None:
        parts.append(_("Date to be decided"))
    parts.append(seats)
    return Item(
        title=workshop.title,
        url=workshop.get_absolute_url(),
        when=workshop.starts_at,
        when_text=long_when(workshop) if workshop.starts_at else "",
        detail=" · ".join(parts),
    )


def upcoming(limit):
    workshops = upcoming_public().select_related("place").order_by("starts_at")[:limit]
    return [_item(w) for w in workshops]


def place_activities(place):
    workshops = (
        public_workshops()
        .filter(place=place)
        .filter(Q(starts_at__gt=timezone.now()) | Q(starts_at__isnull=True))
        .select_related("place")
        .order_by(F("starts_at").asc(nulls_last=True), "pk")[:10]  # undated ones last
    )
    return [_item(w, with_place=False) for w in workshops]


def public_place_links(place):
    """Under what a place organises: all its workshops, and its calendar feed."""
    return [
        Link(_("All its workshops"), f"{reverse('workshops:list')}?lieu={place.slug}"),
        Link(
            _("Subscribe to its calendar (.ics)"),
            reverse("workshops:place_feed", args=[place.slug]),
        ),
    ]


def management_place_links(place):
    return [
        Link(
            _("Workshops of %(name)s") % {"name": place.name},
            reverse("workshops:manage_place", args=[place.slug]),
        )
    ]


def my_registrations(user):
    return Registration.objects.filter(Q(user=user) | Q(email__iexact=user.email)).exclude(
        email="", user__isnull=True
    )


def _registration_row(r):
    workshop = r.workshop
    when = None if workshop.starts_at else _("Date to be decided")
    return (
        Row(zone_name=workshop.time_zone)
        .add("workshop", None, workshop.title, heading=True)
        .add("place", gettext_lazy("Place"), workshop.place.name)
        .add("starts_at", gettext_lazy("Date"), workshop.starts_at, when)
        .add("ends_at", None, workshop.ends_at)
        .add("time_zone", None, workshop.time_zone)
        .add("status", gettext_lazy("Status"), r.get_status_display())
        .add("name", gettext_lazy("Name"), r.name)
        .add("email", gettext_lazy("Email"), r.email)
        .add("accessibility_needs", gettext_lazy("Accessibility needs"), r.needs)
        .add("registered_at", gettext_lazy("Registered on"), r.created_at)
        .add("confirmed_at", gettext_lazy("Seat confirmed on"), r.confirmed_at, optional=True)
        .add("waiting_since", gettext_lazy("Waiting since"), r.waiting_since, optional=True)
        .add("cancelled_at", gettext_lazy("Cancelled on"), r.cancelled_at, optional=True)
        .add(
            "reminder_sent_at", gettext_lazy("Reminder sent on"), r.reminder_sent_at, optional=True
        )
        .add("attended", gettext_lazy("Present"), r.attended, optional=True)
        .add(
            "language", gettext_lazy("Language of the mails"), r.language, language_name(r.language)
        )
    )


def collect_registrations(user):
    registrations = my_registrations(user).select_related("workshop", "workshop__place")
    return [_registration_row(r) for r in registrations.order_by("pk")]


def _to_come():
    return Q(workshop__starts_at__gt=timezone.now()) | Q(workshop__starts_at__isnull=True)


def describe_erasure(user):
    count = my_registrations(user).filter(_to_come(), status__in=ACTIVE).count()
    if not count:
        return []
    return [
        ngettext(
            "Your registration for an upcoming workshop is cancelled: you get a mail, and "
            "the seat goes to the first person waiting, who is told by mail.",
            "Your %(count)s registrations for upcoming workshops are cancelled: you get a "
            "mail for each, and the seats go to the first people waiting, who are told by mail.",
            count,
        )
        % {"count": count}
    ]


def erase_registrations(user):
    """Before an account goes: its registrations to workshops still to come (dated or whose
    date is to be decided) are cancelled, the seats going to the waiting list, and every
    registration loses what identified the person."""
    from entraide.workshops import services

    for registration_id in (
        my_registrations(user).filter(_to_come(), status__in=ACTIVE).values_list("pk", flat=True)
    ):
        services.withdraw(registration_id)
    my_registrations(user).update(
        name="", email="", needs="", user=None, link_key="", token_digest=""
    )


def next_time_transition(now):
    """The next moment a workshop page changes by time alone: a workshop starts or ends, its
    registration opens or closes (one indexed query per moment)."""
    moments = (
        Workshop.objects.filter(**{f"{name}__gt": now}).aggregate(next=Min(name))["next"]
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")
    )
    return min((moment for moment in moments if moment), default=None)


def register():
    registry.register_menu(MenuEntry("workshops", gettext_lazy("Workshops"), "workshops:list", 10))
    registry.register_feature(
        Feature(
            "workshops",
            gettext_lazy("Workshops"),
            gettext_lazy(
                "Series of workshops, on site or online, with registration, a waiting list "
                "and reminders. No account needed to register."
            ),
            "workshops:list",
            10,
        )
    )
    registry.register_organiser_space(space.organiser_space)
    register_digest_source(digest.digest_lines)
    registry.register_time_transitions(next_time_transition)
    registry.register_upcoming(upcoming)
    registry.register_place_activities(place_activities)
    registry.register_place_links(
        PlaceLinks("workshops", public_place_links, management_place_links, 10)
    )
    registry.register_account_link(
        AccountLink("workshops", gettext_lazy("My registrations"), "workshops:mine", 10)
    )
    registry.register_private_paths(
        ("ateliers", "inscription"), ("ateliers", "calendrier", "personnel")
    )
    registry.register_accessibility(
        pages=[
            TestedPage(gettext_lazy("Workshops"), "/ateliers/", 20),
            TestedPage(gettext_lazy("A workshop"), "/ateliers/manifeste-atelier-1/", 21),
            TestedPage(
                gettext_lazy("A series of workshops"),
                "/ateliers/cycles/vers-un-manifeste-du-numerique-responsable/",
                22,
            ),
            TestedPage(gettext_lazy("My registrations"), "/ateliers/mes-inscriptions/", 50),
            TestedPage(
                gettext_lazy("A workshop's participants (organisers)"),
                "/ateliers/gerer/manifeste-atelier-1/participants/",
                61,
            ),
        ],
        journeys=[
            gettext_lazy("registering for a workshop without an account"),
            gettext_lazy("an organiser creating a workshop"),
        ],
    )
    registry.register_personal_data(
        PersonalDataSection(
            "registrations",
            gettext_lazy("My workshop registrations"),
            collect_registrations,
            erase_registrations,
            describe_erasure,
        )
    )
