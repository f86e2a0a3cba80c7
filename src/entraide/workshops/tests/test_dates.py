"""Dates as people read them: once per card, the zone named only when it is not Paris's,
undated workshops after dated ones, and past workshops never offering registration."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation

from entraide.workshops import services
from entraide.workshops.errors import WorkshopErrorCode
from tests.factories import SeriesFactory, WorkshopFactory, in_days

pytestmark = pytest.mark.django_db

MAY_6 = datetime(2031, 5, 6, 9, 0, tzinfo=UTC)  # 11:00 in Paris, 13:00 in Réunion


def dated(place, title="Fresque", time_zone="Europe/Paris", **fields):
    return WorkshopFactory(
        place=place,
        title=title,
        starts_at=MAY_6,
        ends_at=MAY_6 + timedelta(minutes=90),
        time_zone=time_zone,
        **fields,
    )


def card(page, title):
    """The text of the card (or list item) that names `title`."""
    inside = r"(?:(?!</li>).)*"
    match = re.search(rf"<li[^>]*>{inside}{re.escape(title)}{inside}</li>", page, re.S)
    return re.sub(r"<[^>]+>", "", match.group(0))


def test_a_paris_workshop_names_no_time_zone(client, place):
    workshop = dated(place)
    page = client.get(workshop.get_absolute_url()).text
    assert "mardi 6 mai 2031, 11:00–12:30<" in page
    for word in ("CEST", "CET", "Europe/Paris", "heure de"):
        assert word not in page


def test_a_reunion_workshop_says_reunion_time(client, place):
    workshop = dated(place, time_zone="Indian/Reunion")
    page = client.get(workshop.get_absolute_url()).text
    assert "mardi 6 mai 2031, 13:00–14:30 (heure de La Réunion)" in page
    assert "Indian/Reunion" not in page
    assert "(heure de La Réunion)" in card(client.get("/ateliers/").text, "Fresque")


def test_the_mails_name_the_zone_only_outside_paris(place, alice, mailoutbox):
    services.register(dated(place, title="À Paris"), by=alice)
    services.register(dated(place, title="À Saint-Denis", time_zone="Indian/Reunion"), by=alice)
    paris, reunion = mailoutbox
    assert "mardi 6 mai 2031, 11:00–12:30 · 1 h 30\n" in paris.body
    assert "mardi 6 mai 2031, 13:00–14:30 (heure de La Réunion) · 1 h 30\n" in reunion.body


def test_a_home_page_card_gives_its_date_once(client, place):
    WorkshopFactory(place=place, title="Fresque", starts_at=in_days(5, hour=14))
    text = card(client.get("/").text, "Fresque")
    day = in_days(5, hour=14).strftime("%Y")
    assert text.count(day) == 1
    assert "14:00" in text
    assert text.count("14:00") == 1
    assert "CET" not in text
    assert "heure de" not in text


def test_a_home_page_card_of_a_reunion_workshop_reads_in_reunion_time(client, place):
    dated(place, time_zone="Indian/Reunion")
    text = card(client.get("/").text, "Fresque")
    assert "mardi 6 mai 2031, 13:00 (heure de La Réunion)" in text
    assert text.count("2031") == 1


def test_the_place_page_gives_each_date_once_and_undated_workshops_last(client, place):
    WorkshopFactory(place=place, title="Sans date", starts_at=None, ends_at=None)
    dated(place, title="Fresque")
    page = client.get(place.get_absolute_url()).text
    assert page.index("Fresque") < page.index("Sans date")
    text = card(page, "Fresque")
    assert text.count("2031") == 1
    assert "mardi 6 mai 2031, 11:00" in text
    assert "CEST" not in text
    assert "Date à fixer" in card(page, "Sans date")


def test_my_space_gives_each_date_once(client_for, bob, place):
    dated(place, title="Fresque")
    text = card(client_for(bob).get("/espace/").text, "Fresque")
    assert text.count("2031") == 1
    assert "CEST" not in text


def test_the_series_page_lists_undated_sessions_after_dated_ones(client, place):
    series = SeriesFactory(place=place, title="Cycle")
    WorkshopFactory(
        place=place,
        series=series,
        position=1,
        title="Première, sans date",
        starts_at=None,
        ends_at=None,
    )
    WorkshopFactory(place=place, series=series, position=2, title="Deuxième, datée")
    page = client.get(series.get_absolute_url()).text
    assert page.index("Deuxième, datée") < page.index("Première, sans date")


def test_my_registrations_list_undated_workshops_last(client_for, alice, place):
    services.register(
        WorkshopFactory(place=place, title="Sans date", starts_at=None, ends_at=None), by=alice
    )
    services.register(WorkshopFactory(place=place, title="Datée"), by=alice)
    page = client_for(alice).get("/ateliers/mes-inscriptions/").text
    assert page.index("Datée") < page.index("Sans date")


def test_past_workshops_never_invite_to_register(client, place):
    series = SeriesFactory(place=place, title="Cycle")
    past = WorkshopFactory(
        place=place,
        series=series,
        title="Passé",
        starts_at=in_days(-3),
        ends_at=in_days(-3) + timedelta(hours=1),
    )
    for path in ("/ateliers/?quand=passes", past.get_absolute_url(), series.get_absolute_url()):
        page = client.get(path).text
        assert "Inscrivez-vous" not in page
        assert "places restantes" not in page
        assert 'name="email"' not in page
    page = client.get(past.get_absolute_url())
    assert page.context["closed_reason"].code == WorkshopErrorCode.WORKSHOP_PAST
    assert page.context["closed_reason"].message in page.text
    assert "Déjà passé" in card(client.get(series.get_absolute_url()).text, "Passé")


def test_the_organisers_list_of_workshops_puts_undated_ones_last(client_for, bob, place):
    WorkshopFactory(place=place, title="Plus tard", starts_at=in_days(20))
    WorkshopFactory(place=place, title="Sans date", starts_at=None, ends_at=None)
    WorkshopFactory(place=place, title="Bientôt", starts_at=in_days(2))
    page = client_for(bob).get(f"/ateliers/gerer/lieu/{place.slug}/").text
    assert page.index("Plus tard") < page.index("Bientôt") < page.index("Sans date")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_cards_date_kept_from_one_visit_to_the_next_reads_as_the_template_wrote_it(language):
    """card_time formats a date once and keeps it: the text is what the card's template wrote
    with `when`, `duration` and `date:"c"`, dated or not, in another zone, over two days."""
    from django.template import engines

    from entraide.workshops.templatetags.workshops import card_time

    written = engines["django"].from_string(
        "{% load workshops %}<time{% if workshop.starts_at %} "
        "datetime=\"{{ workshop.starts_at|date:'c' }}\"{% endif %}>{{ workshop|when }}</time>"
        " · {{ workshop|duration }}"
    )
    start = in_days(4, hour=10)
    workshops = [
        WorkshopFactory(starts_at=start, ends_at=start + timedelta(minutes=95)),
        WorkshopFactory(starts_at=None, ends_at=None, planned_minutes=45),
        WorkshopFactory(
            starts_at=start, ends_at=start + timedelta(hours=2), time_zone="Indian/Reunion"
        ),
        WorkshopFactory(starts_at=start, ends_at=start + timedelta(days=1, hours=2)),
    ]
    with translation.override(language):
        for workshop in workshops:
            for _visit in (1, 2):
                assert card_time(workshop) == written.render({"workshop": workshop})
