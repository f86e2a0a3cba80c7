"""Calendar feeds (iCalendar) of a series, a place and a person, and an Atom feed."""

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from entraide.places.models import Place
from entraide.workshops import ics
from entraide.workshops.hooks import my_registrations, public_workshops, upcoming_public
from entraide.workshops.models import RegistrationStatus, Series, Status
from entraide.workshops.services import personal_calendar as calendars
from entraide.workshops.templatetags.workshops import when

FEED_SIZE = 200


def _ics(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def series_calendar(request, slug):
    series = get_object_or_404(Series.objects.exclude(status=Status.DRAFT), slug=slug)
    workshops = series.workshops.exclude(status=Status.DRAFT).select_related("place")
    return _ics(ics.calendar_of(workshops, name=series.title), f"{series.slug}.ics")


def place_calendar(request, slug):
    place = get_object_or_404(Place, slug=slug)
    since = timezone.now() - timezone.timedelta(days=90)
    workshops = (
        public_workshops()
        .filter(place=place, starts_at__gte=since)
        .select_related("place")
        .order_by("starts_at")[:FEED_SIZE]
    )
    return _ics(ics.calendar_of(workshops, name=place.name), f"{place.slug}.ics")


def personal_feed_token(user) -> str:
    return calendars.personal_calendar_token(user)


def personal_calendar(request, token):
    """A person's own confirmed workshops, with their video links: a private address."""
    user = calendars.owner_of_personal_calendar(token)
    if user is None:
        raise Http404
    registrations = (
        my_registrations(user)
        .filter(status=RegistrationStatus.CONFIRMED)
        .select_related("workshop", "workshop__place")
        .order_by("workshop__starts_at")
    )
    workshops = [r.workshop for r in registrations]
    content = ics.calendar_of(workshops, name=str(_("My workshops")), private=True)
    return _ics(content, "mes-ateliers.ics")


class UpcomingFeed(Feed):
    feed_type = Atom1Feed
    title = _("Upcoming workshops")
    subtitle = _("Workshops for responsible digital technology, in third places and beyond.")
    link = reverse_lazy("workshops:list")

    def items(self):
        return upcoming_public().select_related("place").order_by("starts_at")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.title} ({when(item)})"

    def item_description(self, item):
        return f"{item.place.name}, {item.place.city}. {item.summary}"

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
