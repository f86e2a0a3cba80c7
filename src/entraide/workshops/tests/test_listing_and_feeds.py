"""The list of workshops, the series page, calendar feeds, the Atom feed, the home page and
"My data"."""

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from entraide.workshops import services
from entraide.workshops.feeds import personal_feed_token
from tests.factories import PlaceFactory, WorkshopFactory, in_days

pytestmark = pytest.mark.django_db


def titles(response):
    return [w.title for w in response.context["page"]]


def test_the_list_shows_upcoming_workshops_soonest_first_and_past_ones_apart(client, place):
    WorkshopFactory(place=place, title="Dans trois jours", starts_at=in_days(3))
    WorkshopFactory(place=place, title="Demain", starts_at=in_days(1))
    WorkshopFactory(place=place, title="Date à fixer", starts_at=None, ends_at=None)
    WorkshopFactory(place=place, title="Brouillon", status="brouillon")
    WorkshopFactory(
        place=place,
        title="La semaine dernière",
        starts_at=in_days(-7),
        ends_at=in_days(-7) + timedelta(hours=1),
    )
    assert titles(client.get("/ateliers/")) == ["Demain", "Dans trois jours", "Date à fixer"]
    assert titles(client.get("/ateliers/?quand=passes")) == ["La semaine dernière"]


def test_filters_by_region_theme_format_and_place(client, place):
    elsewhere = PlaceFactory(region="bretagne", name="Ty Coop", slug="ty-coop")
    WorkshopFactory(place=place, title="En ligne", mode="en-ligne")
    WorkshopFactory(place=elsewhere, title="À Brest", mode="sur-place", theme="sante-ecrans")
    WorkshopFactory(place=elsewhere, title="Les deux", mode="hybride")
    assert titles(client.get("/ateliers/?region=bretagne")) == ["À Brest", "Les deux"]
    assert titles(client.get("/ateliers/?theme=sante-ecrans")) == ["À Brest"]
    assert titles(client.get("/ateliers/?format=sur-place")) == ["À Brest", "Les deux"]
    assert titles(client.get("/ateliers/?format=en-ligne")) == ["En ligne", "Les deux"]
    assert titles(client.get("/ateliers/?lieu=ty-coop")) == ["À Brest", "Les deux"]
    response = client.get("/ateliers/?region=atlantide")
    assert response.status_code == 400
    assert "choix valide" in response.text


def test_a_card_says_date_time_zone_duration_place_and_seats(client, place, alice):
    workshop = WorkshopFactory(place=place, capacity=1, title="Complet")
    services.register(workshop, by=alice)
    WorkshopFactory(place=place, capacity=15, mode="sur-place", title="Ouvert")
    page = client.get("/ateliers/").text
    assert "Complet — liste d’attente" in page
    assert "15 places restantes" in page
    assert "18:00–19:30</time>" in page  # Paris, the site's zone: not named
    assert "1 h 30" in page
    assert "La Verrière, Montpellier" in page


def test_a_series_calendar_has_the_dated_sessions_without_private_details(client, series):
    series.workshops.filter(position=3).update(starts_at=None, ends_at=None)
    response = client.get(f"/ateliers/cycles/{series.slug}/calendrier.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Atelier 1", "Atelier 2"]
    assert b"salle-secrete" not in response.content


def test_the_personal_calendar_needs_its_private_address(client, workshop, alice, bob):
    services.register(workshop, by=alice)
    url = f"/ateliers/calendrier/personnel/{personal_feed_token(alice)}.ics"
    events = icalendar.Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert [str(e["conference"]) for e in events] == ["https://visio.example.org/salle-secrete"]
    forged = f"/ateliers/calendrier/personnel/{alice.pk}-{personal_feed_token(bob)[-40:]}.ics"
    assert client.get(forged).status_code == 404
    assert client.get("/ateliers/calendrier/personnel/nimporte-quoi.ics").status_code == 404
    huge = "/ateliers/calendrier/personnel/99999999999999999999999-x.ics"  # beyond a bigint
    assert client.get(huge).status_code == 404


def test_changing_the_personal_calendar_address_makes_the_old_one_a_404(
    client, client_for, workshop, alice
):
    services.register(workshop, by=alice)
    first = f"/ateliers/calendrier/personnel/{personal_feed_token(alice)}.ics"
    assert client.get(first).status_code == 200
    mine = client_for(alice)
    page = mine.get("/ateliers/mes-inscriptions/").text
    assert f'value="http://testserver{first}"' in page
    assert "Changer l’adresse de mon agenda</button>" in page

    response = mine.post("/ateliers/mes-inscriptions/calendrier/changer-adresse/", follow=True)
    assert response.redirect_chain == [("/ateliers/mes-inscriptions/", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "L’adresse de votre agenda a changé : l’ancienne ne fonctionne plus. "
        "Donnez la nouvelle à votre application d’agenda."
    ]
    second = f"/ateliers/calendrier/personnel/{personal_feed_token(alice)}.ics"
    assert second != first
    assert f'value="http://testserver{second}"' in response.text
    assert client.get(first).status_code == 404
    events = icalendar.Calendar.from_ical(client.get(second).content).walk("VEVENT")
    assert [str(e["conference"]) for e in events] == ["https://visio.example.org/salle-secrete"]

    mine.post("/ateliers/mes-inscriptions/calendrier/changer-adresse/")
    assert client.get(second).status_code == 404
    assert (
        client.get(f"/ateliers/calendrier/personnel/{personal_feed_token(alice)}.ics").status_code
        == 200
    )


def test_only_its_owner_changes_a_calendar_address_and_only_by_post(client, client_for, alice):
    url = "/ateliers/mes-inscriptions/calendrier/changer-adresse/"
    before = personal_feed_token(alice)
    assert client.post(url)["Location"].startswith("/compte/connexion/")
    assert client_for(alice).get(url).status_code == 405
    assert personal_feed_token(alice) == before


def test_the_atom_feed_lists_upcoming_workshops(client, workshop):
    response = client.get("/ateliers/flux.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert workshop.title in response.text
    assert "salle-secrete" not in response.text


def test_the_home_and_place_pages_announce_upcoming_workshops(client, workshop):
    assert workshop.title in client.get("/").text
    assert workshop.title in client.get(workshop.place.get_absolute_url()).text


def test_my_data_shows_and_exports_my_registrations(client_for, alice, workshop):
    services.register(workshop, by=alice, needs="Boucle magnétique")
    client = client_for(alice)
    assert "Boucle magnétique" in client.get("/compte/mes-donnees/").text
    exported = client.get("/compte/mes-donnees/export.json").json()
    (row,) = exported["data"]["registrations"]
    assert (row["workshop"], row["status"], row["accessibility_needs"]) == (
        workshop.title,
        "Confirmée",
        "Boucle magnétique",
    )


def test_deleting_an_account_frees_its_seats_for_the_waiting_list(workshop, alice, bob, charlie):
    from entraide.accounts.services import delete_account
    from entraide.workshops.models import Registration

    for person in (alice, bob, charlie):
        services.register(workshop, by=person)
    delete_account(alice)
    statuses = sorted(Registration.objects.values_list("email", "status"))
    assert statuses == [("", "annulee"), ("bob@example.org", "confirmee"),
                        ("charlie@example.org", "confirmee")]  # fmt: skip


def test_personal_data_is_erased_a_year_after_the_workshop(place, alice):
    workshop = WorkshopFactory(place=place)
    services.register(workshop, by=alice, needs="Fauteuil")
    services.erase_old_personal_data(now=timezone.now() + timedelta(days=300))
    assert workshop.registrations.get().email == "alice@example.org"
    services.erase_old_personal_data(now=timezone.now() + timedelta(days=380))
    row = workshop.registrations.values("name", "email", "needs", "user", "status").get()
    assert row == {"name": "", "email": "", "needs": "", "user": None, "status": "confirmee"}


def test_deleting_an_account_withdraws_it_from_a_workshop_whose_date_is_to_be_decided(
    place, alice, bob, mailoutbox
):
    from entraide.accounts.services import delete_account

    undated = WorkshopFactory(place=place, starts_at=None, ends_at=None, capacity=1)
    services.register(undated, by=alice)
    services.register(undated, by=bob)
    mailoutbox.clear()
    delete_account(alice)
    rows = sorted(undated.registrations.values_list("email", "user", "status"))
    assert rows == [("", None, "annulee"), ("bob@example.org", bob.pk, "confirmee")]
    undated.refresh_from_db()
    assert (undated.confirmed_count, undated.waiting_count) == (1, 0)
    assert [m.subject for m in mailoutbox if m.to == [bob.email]] == [
        f"[Entraide] Une place pour vous : {undated.title}"
    ]
