"""Organisers create polls with quick entry, fix a slot (which dates the workshop), export."""

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from entraide.polls import services
from entraide.polls.errors import PollErrorCode
from entraide.polls.models import Poll
from entraide.polls.tests.conftest import all_answers
from entraide.workshops import services as workshop_services
from entraide.workshops.models import Workshop
from tests.factories import SeriesFactory, UserFactory, WorkshopFactory
from tests.threads import at_once, computing_slugs_together, skip_on_sqlite

pytestmark = pytest.mark.django_db


def form_data(**changes):
    return {
        "title": "Dispos pour le deuxième atelier",
        "description": "Indiquez **toutes** vos dispos.",
        "days": "2031-05-06\n08/05/2031",
        "ranges": "11:00-12:30\n14h-15h30",
        "time_zone": "Europe/Paris",
        "visibility": "tout",
        "allow_if_need_be": "on",
        **changes,
    }


def create(client, place, **changes):
    """The quick entry, then its review with every combination left ticked."""
    url = f"/sondages/gerer/lieu/{place.slug}/nouveau/"
    review = client.post(url, {**form_data(**changes), "step": "review"})
    if review.status_code != 200:
        return review
    ticked = [c.key for c in review.context["picker"].combinations]
    return client.post(url, {**form_data(**changes), "step": "save", "slots": ticked})


def test_quick_entry_makes_every_date_times_every_range(client_for, bob, place):
    response = create(client_for(bob), place)
    assert response.status_code == 302
    poll = Poll.objects.get()
    assert response["Location"] == f"/sondages/gerer/{poll.slug}/"
    assert [(s.starts_at, s.ends_at) for s in poll.slots.all()] == [
        (datetime(2031, 5, 6, 9, 0, tzinfo=UTC), datetime(2031, 5, 6, 10, 30, tzinfo=UTC)),
        (datetime(2031, 5, 6, 12, 0, tzinfo=UTC), datetime(2031, 5, 6, 13, 30, tzinfo=UTC)),
        (datetime(2031, 5, 8, 9, 0, tzinfo=UTC), datetime(2031, 5, 8, 10, 30, tzinfo=UTC)),
        (datetime(2031, 5, 8, 12, 0, tzinfo=UTC), datetime(2031, 5, 8, 13, 30, tzinfo=UTC)),
    ]
    page = client_for(bob).get(poll.get_absolute_url()).text
    assert "mardi 6 mai 2031, 11:00–12:30<" in page  # Paris, the site's zone: not named


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        (
            {
                "days": "\n".join(f"2031-05-{d:02d}" for d in range(1, 27)),
                "ranges": "9:00-10:00\n10:00-11:00\n11:00-12:00\n14:00-15:00",
            },
            "days",
            PollErrorCode.TOO_MANY_SLOTS,
        ),
        ({"days": "2020-01-07"}, "days", PollErrorCode.DAY_IN_PAST),
        ({"ranges": "12:30-11:00"}, "ranges", PollErrorCode.SLOT_ENDS_BEFORE_START),
        ({"days": "demain"}, "days", PollErrorCode.NOT_A_DATE),
        ({"ranges": "midi"}, "ranges", PollErrorCode.NOT_A_TIME_RANGE),
        ({"days": ""}, "days", "required"),
        ({"title": "x" * 300}, "title", "max_length"),
        ({"closes_at": "2020-01-01T10:00"}, "closes_at", PollErrorCode.CLOSING_DATE_IN_PAST),
        ({"title": "Dispos\nBcc: tout@example.org"}, "title", "line_break"),
        ({"title": "Dispos\u2029atelier 2"}, "title", "line_break"),
    ],
)
def test_bad_polls_are_refused_beside_the_field(client_for, bob, place, changes, field, code):
    response = create(client_for(bob), place, **changes)
    assert response.status_code == 400
    assert response.context["form"].has_error(field, code)
    assert Poll.objects.count() == 0


def test_fixing_the_best_slot_dates_and_publishes_the_workshop_and_tells_people(
    client_for, client, bob, place
):
    series = SeriesFactory(place=place)
    first = WorkshopFactory(place=place, series=series, position=1)
    second = WorkshopFactory(place=place, series=series, position=2, starts_at=None,
                             ends_at=None, status="brouillon")  # fmt: skip
    registered = UserFactory(email="inscrite@example.org")
    workshop_services.register(first, by=registered)
    create(client_for(bob), place, workshop=second.pk)
    poll = Poll.objects.get()
    services.answer(
        poll, name="A", email="a@example.org", choices=all_answers(poll, "oui", "oui", "non", "non")
    )
    services.answer(poll, name="B", choices=all_answers(poll, "non", "oui", "non", "non"))
    best = [r.slot for r in services.results(poll).slots if r.best]
    assert len(best) == 1
    mail.outbox.clear()

    response = client_for(bob).post(f"/sondages/gerer/{poll.slug}/fixer/", {"slot": best[0].pk})
    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.starts_at, second.ends_at, second.status) == (
        best[0].starts_at,
        best[0].ends_at,
        "publie",
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "inscrite@example.org"]
    answerer, registrant = sorted(mail.outbox, key=lambda m: m.to[0])
    assert answerer.subject == f"[Entraide] Date fixée : {second.title}"
    # Neither holds a seat in this workshop: no calendar file that would look like one; the
    # one who answered may register in one click, the series' registrant on the page.
    assert (answerer.attachments, registrant.attachments) == ([], [])
    assert "Vous n’êtes pas encore inscrit·e à cet atelier" in answerer.body
    assert f"/sondages/{poll.slug}/inscription/" in answerer.body
    assert f"http://127.0.0.1:8000{second.get_absolute_url()}" in registrant.body
    client.logout()
    page = client.get(second.get_absolute_url()).text
    assert "M’inscrire" in page
    assert "Date fixée" in client.get(poll.get_absolute_url()).text
    poll.refresh_from_db()
    assert poll.is_closed()


def test_a_poll_in_reunion_time_names_its_zone_and_never_a_code(client_for, bob, place):
    create(client_for(bob), place, time_zone="Indian/Reunion")
    page = client_for(bob).get(Poll.objects.get().get_absolute_url()).text
    assert "mardi 6 mai 2031, 11:00–12:30 (heure de La Réunion)" in page
    assert "+04" not in page
    assert "Indian/Reunion" not in page


def test_a_poll_without_workshop_simply_shows_the_chosen_slot(client_for, client, bob, place):
    create(client_for(bob), place)
    poll = Poll.objects.get()
    slot = poll.slots.last()
    client_for(bob).post(f"/sondages/gerer/{poll.slug}/fixer/", {"slot": slot.pk})
    assert "Date fixée : jeudi 8 mai 2031, 14:00–15:30<" in client.get(
        poll.get_absolute_url()
    ).text.replace("</strong>", "")


def test_a_slot_of_another_poll_cannot_be_fixed(client_for, bob, place):
    create(client_for(bob), place)
    create(client_for(bob), place, title="Autre")
    first, other = Poll.objects.order_by("pk")
    response = client_for(bob).post(
        f"/sondages/gerer/{first.slug}/fixer/", {"slot": other.slots.first().pk}
    )
    assert response.status_code == 400
    first.refresh_from_db()
    assert first.chosen_slot is None


def test_the_csv_export_is_safe_in_a_spreadsheet(client_for, bob, place):
    create(client_for(bob), place)
    poll = Poll.objects.get()
    services.answer(
        poll, name='=HYPERLINK("x")', choices=all_answers(poll, "oui", "non", "si-besoin", "non")
    )
    response = client_for(bob).get(f"/sondages/gerer/{poll.slug}/reponses.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Nom", "Courriel", "mardi 6 mai 2031, 11:00–12:30"]
    assert rows[1] == ['\'=HYPERLINK("x")', "", "Oui", "Non", "Si besoin", "Non"]


@pytest.mark.parametrize("path", ["/sondages/gerer/{slug}/", "/sondages/gerer/{slug}/reponses.csv",
                                  "/sondages/gerer/lieu/{place}/nouveau/",
                                  "/sondages/gerer/lieu/{place}/"])  # fmt: skip
def test_someone_else_cannot_manage_the_poll(client_for, alice, poll, path):
    url = path.format(slug=poll.slug, place=poll.place.slug)
    assert client_for(alice).get(url).status_code == 403
    slot = poll.slots.first()
    assert (
        client_for(alice).post(f"/sondages/gerer/{poll.slug}/fixer/", {"slot": slot.pk}).status_code
        == 403
    )


def test_slots_in_the_past_cannot_be_fixed(client_for, bob, poll):
    slot = poll.slots.first()
    poll.slots.filter(pk=slot.pk).update(
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() - timedelta(days=1) + timedelta(hours=1),
    )
    response = client_for(bob).post(f"/sondages/gerer/{poll.slug}/fixer/", {"slot": slot.pk})
    assert response.status_code == 400
    assert Workshop.objects.get().starts_at is None


def test_the_place_lists_its_polls_for_its_organisers(client_for, bob, poll):
    page = client_for(bob).get(f"/sondages/gerer/lieu/{poll.place.slug}/")
    assert poll.title in page.text
    assert "Ouvert" in page.text
    assert "Sondages de La Verrière" in client_for(bob).get(f"/lieux/gerer/{poll.place.slug}/").text


def test_a_poll_titled_like_an_url_word_gets_an_address_of_its_own(client_for, client, bob, place):
    create(client_for(bob), place, title="Gérer")
    poll = Poll.objects.get()
    assert poll.slug == "sondage-gerer"  # "/sondages/gerer/…" is the organisers' prefix
    data = {"name": "A", **{f"slot_{s.pk}": "oui" for s in poll.slots.all()}}
    assert client.post(f"/sondages/{poll.slug}/repondre/", data).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_creating_the_same_poll_twice_at_once_gives_each_its_own_address(monkeypatch, bob, place):
    skip_on_sqlite(pytest)
    clients = [Client(raise_request_exception=False) for _ in range(2)]
    for client in clients:
        client.force_login(bob)
    computing_slugs_together(monkeypatch, 2, ("entraide.core.slugs", "entraide.polls.services"))
    responses = at_once(*(lambda client=client: create(client, place) for client in clients))
    assert sorted(r.status_code for r in responses) == [302, 302]
    assert sorted(Poll.objects.values_list("slug", flat=True)) == [
        "dispos-pour-le-deuxieme-atelier",
        "dispos-pour-le-deuxieme-atelier-2",
    ]
    assert [poll.slots.count() for poll in Poll.objects.all()] == [4, 4]


def test_an_open_poll_is_a_plain_badge_not_a_warning(client, client_for, bob, poll):
    for page in (
        client.get("/sondages/").text,
        client_for(bob).get(f"/sondages/gerer/lieu/{poll.place.slug}/").text,
    ):
        assert re.findall(r'<span class="(badge[^"]*)">Ouvert</span>', page) == ["badge open"]


def test_the_review_of_slots_in_reunion_time_names_the_zone_by_name(client_for, bob, place):
    url = f"/sondages/gerer/lieu/{place.slug}/nouveau/"
    review = (
        client_for(bob).post(url, {**form_data(time_zone="Indian/Reunion"), "step": "review"}).text
    )
    assert "Les heures sont données en heure de La Réunion." in review
    assert "Indian/Reunion<" not in review
    paris = client_for(bob).post(url, {**form_data(), "step": "review"}).text
    assert "Les heures sont données en" not in paris
