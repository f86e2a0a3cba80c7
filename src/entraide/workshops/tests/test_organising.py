"""Organisers create, change, publish, duplicate and cancel workshops, and follow people."""

import csv
import io
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from entraide.workshops import services
from entraide.workshops.errors import WorkshopErrorCode
from entraide.workshops.models import Registration, Workshop
from tests.factories import UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db

ONE_LINE = "Écrivez-le sur une seule ligne : les retours à la ligne ne sont pas acceptés ici."


def form_data(**changes):
    data = {
        "title": "Fresque du numérique",
        "summary": "Comprendre les impacts",
        "theme": "numerique-responsable",
        "mode": "hybride",
        "address": "12 rue Voltaire",
        "video_url": "visio.example.org/fresque",
        "time_zone": "Europe/Paris",
        "date": "2031-05-06",
        "start_time": "11:00",
        "end_time": "12:30",
        "planned_minutes": "90",
        "capacity": "15",
        "description": "Un **atelier**.",
    }
    return {**data, **changes}


def edit(client, workshop, **changes):
    """Post the workshop's form as it stands, with `changes`."""
    start = timezone.localtime(workshop.starts_at)
    end = timezone.localtime(workshop.ends_at)
    current = {
        "title": workshop.title,
        "mode": workshop.mode,
        "address": workshop.address,
        "video_url": workshop.video_url,
        "date": start.date().isoformat(),
        "start_time": start.strftime("%H:%M"),
        "end_time": end.strftime("%H:%M"),
        "capacity": str(workshop.capacity),
    }
    data = form_data(**{**current, **changes})
    return client.post(f"/ateliers/gerer/{workshop.slug}/", data)


def test_an_organiser_creates_a_draft_then_publishes_it(client_for, bob, place):
    client = client_for(bob)
    response = client.post(f"/ateliers/gerer/lieu/{place.slug}/nouvel-atelier/", form_data())
    assert response.status_code == 302
    workshop = Workshop.objects.get()
    assert response["Location"] == f"/ateliers/gerer/{workshop.slug}/"
    assert (workshop.slug, workshop.status, workshop.place) == (
        "fresque-du-numerique",
        "brouillon",
        place,
    )
    assert workshop.starts_at == datetime(2031, 5, 6, 9, 0, tzinfo=UTC)  # 11:00 in Paris
    assert workshop.video_url == "https://visio.example.org/fresque"
    assert client.get("/ateliers/").context["page"].paginator.count == 0
    client.post(f"/ateliers/gerer/{workshop.slug}/publication/", {"publish": "1"})
    assert "mardi 6 mai 2031, 11:00–12:30<" in client.get("/ateliers/").text


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end_time": "10:00"}, "end_time", "L’heure de fin doit être après l’heure de début."),
        ({"start_time": ""}, "start_time", "Indiquez l’heure de début."),
        ({"video_url": "javascript:alert(1)"}, "video_url", "URL valide"),
        ({"capacity": "0"}, "capacity", "supérieure ou égale à 1"),
        ({"title": "x" * 300}, "title", "au plus 200"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "choix valide"),
        ({"title": "Fresque\r\nBcc: tout@example.org"}, "title", ONE_LINE),
        ({"title": "Fresque\u2028du numérique"}, "title", ONE_LINE),
    ],
)
def test_bad_workshop_input_gets_a_400_beside_the_field(
    client_for, bob, place, changes, field, message
):
    response = client_for(bob).post(
        f"/ateliers/gerer/lieu/{place.slug}/nouvel-atelier/", form_data(**changes)
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert Workshop.objects.count() == 0


def test_fewer_seats_than_confirmed_people_is_refused_more_seats_promote(client_for, bob, workshop):
    people = UserFactory.create_batch(4)
    for person in people:
        services.register(workshop, by=person)
    client = client_for(bob)
    response = edit(client, workshop, capacity="1")
    assert response.status_code == 400
    form = response.context["form"]
    assert form.has_error("capacity", WorkshopErrorCode.FEWER_SEATS_THAN_CONFIRMED)
    assert "2" in form.errors["capacity"][0]  # how many have a confirmed seat
    mail.outbox.clear()
    assert edit(client, workshop, capacity="3").status_code == 302
    assert Registration.objects.get(user=people[2]).status == "confirmee"
    assert Registration.objects.get(user=people[3]).status == "en-attente"
    assert [m.to for m in mail.outbox] == [[people[2].email]]


def test_a_new_date_is_announced_with_a_new_calendar_file(client_for, bob, workshop, alice):
    services.register(workshop, by=alice)
    mail.outbox.clear()
    edit(client_for(bob), workshop, date="2031-06-10", start_time="18:00", end_time="19:30")
    (message,) = mail.outbox
    assert message.subject == f"[Entraide] Changement : {workshop.title}"
    assert "mardi 10 juin 2031, 18:00–19:30 · 1 h 30" in message.body
    (event,) = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert event["sequence"] == 1
    mail.outbox.clear()
    edit(client_for(bob), workshop, date="2031-06-10", start_time="18:00", end_time="19:30")
    assert mail.outbox == []  # nothing announced when nothing announced changed


def test_cancelling_a_workshop_tells_everyone_registered(client_for, bob, workshop):
    people = UserFactory.create_batch(3)
    for person in people:
        services.register(workshop, by=person)
    mail.outbox.clear()
    client_for(bob).post(f"/ateliers/gerer/{workshop.slug}/annuler/", {"message": "Grève."})
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert all("Grève." in m.body for m in mail.outbox)
    page = client_for(bob).get(workshop.get_absolute_url())
    assert page.context["closed_reason"].code == WorkshopErrorCode.WORKSHOP_CANCELLED
    assert page.context["closed_reason"].message in page.text


def test_unpublishing_with_people_registered_is_refused(client_for, bob, workshop, alice):
    services.register(workshop, by=alice)
    client = client_for(bob)
    response = client.post(f"/ateliers/gerer/{workshop.slug}/publication/", {"publish": "0"})
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.status == "publie"
    page = client.get(response["Location"])
    assert [m.extra_tags for m in page.context["messages"]] == [WorkshopErrorCode.PEOPLE_REGISTERED]


def test_a_publication_form_means_publish_1_or_0_and_nothing_else(client_for, bob, workshop):
    response = client_for(bob).post(f"/ateliers/gerer/{workshop.slug}/publication/", {"oui": "1"})
    assert response.status_code == 400
    workshop.refresh_from_db()
    assert workshop.status == "publie"  # it was unpublished, before


def test_duplicating_makes_a_draft_without_date_or_people(client_for, bob, workshop, alice):
    services.register(workshop, by=alice)
    response = client_for(bob).post(f"/ateliers/gerer/{workshop.slug}/dupliquer/")
    copy = Workshop.objects.exclude(pk=workshop.pk).get()
    assert response["Location"] == f"/ateliers/gerer/{copy.slug}/"
    assert (copy.title, copy.status, copy.starts_at, copy.confirmed_count) == (
        workshop.title,
        "brouillon",
        None,
        0,
    )
    assert copy.registrations.count() == 0


def test_the_csv_export_is_safe_to_open_in_a_spreadsheet(client, client_for, bob, workshop):
    services.register(workshop, name='=HYPERLINK("http://x")', email="a@example.org")
    services.confirm(mail.outbox[0].body.split("/ateliers/inscription/")[1].split("/")[0])
    services.register(workshop, name="Zoé", email="-2+3@example.org", needs="@SUM(A1)")
    response = client_for(bob).get(f"/ateliers/gerer/{workshop.slug}/participants.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Nom",
        "Courriel",
        "Statut",
        "Position",
        "Inscrit·e le (heure de Paris)",
        "Besoins",
        "Présent·e",
    ]
    cells = {cell for row in rows[1:] for cell in row}
    assert '\'=HYPERLINK("http://x")' in cells
    assert "'-2+3@example.org" in cells
    assert "'@SUM(A1)" in cells


def test_attendance_after_the_workshop_gives_the_rate(client_for, bob, place):
    workshop = WorkshopFactory(
        place=place,
        starts_at=timezone.now() + timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=2),
    )
    people = UserFactory.create_batch(4)
    for person in people:
        services.register(workshop, by=person)
    Workshop.objects.filter(pk=workshop.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )
    ids = list(Registration.objects.filter(user__in=people[:3]).values_list("pk", flat=True))
    client = client_for(bob)
    response = client.post(f"/ateliers/gerer/{workshop.slug}/participants/", {"present": ids})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.context["figures"]["rate"] == 75
    assert "75 % (3/4)" in page.text


@pytest.mark.parametrize(
    "path",
    [
        "/ateliers/gerer/{slug}/",
        "/ateliers/gerer/{slug}/participants/",
        "/ateliers/gerer/{slug}/participants.csv",
        "/ateliers/gerer/{slug}/ecrire/",
        "/ateliers/gerer/lieu/{place}/",
        "/ateliers/gerer/lieu/{place}/nouvel-atelier/",
    ],
)
def test_someone_else_cannot_manage_the_workshops_of_a_place(client_for, alice, workshop, path):
    url = path.format(slug=workshop.slug, place=workshop.place.slug)
    assert client_for(alice).get(url).status_code == 403
    assert client_for(alice).post(url, form_data()).status_code == 403


def test_an_organiser_writes_to_confirmed_participants_one_mail_each(client_for, bob, workshop):
    people = UserFactory.create_batch(3)  # two get a seat, the third waits
    for person in people:
        services.register(workshop, by=person)
    mail.outbox.clear()
    client = client_for(bob)
    response = client.post(
        f"/ateliers/gerer/{workshop.slug}/ecrire/",
        {"subject": "Changement de salle", "body": "Rendez-vous salle 2."},
    )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[people[0].email], [people[1].email]]
    assert mail.outbox[0].subject == "[Entraide] Changement de salle"
    page = client.get(response.url)
    assert "Message envoyé à 2 participant·es." in page.content.decode()


def test_the_organiser_reads_one_participant_in_the_singular(client_for, bob, workshop, alice):
    services.register(workshop, by=alice)
    client = client_for(bob)
    response = client.post(
        f"/ateliers/gerer/{workshop.slug}/ecrire/", {"subject": "Salle", "body": "Salle 2."}
    )
    assert "Message envoyé à 1 participant·e." in client.get(response.url).content.decode()


@pytest.mark.parametrize("subject", ["Salle 2\nBcc: tout@example.org", "Salle\r2", "Salle\x852"])
def test_a_subject_on_several_lines_is_refused_and_nothing_is_sent(
    client_for, bob, workshop, alice, subject
):
    services.register(workshop, by=alice)
    mail.outbox.clear()
    response = client_for(bob).post(
        f"/ateliers/gerer/{workshop.slug}/ecrire/", {"subject": subject, "body": "Salle 2."}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"subject": [ONE_LINE]}
    assert mail.outbox == []


def test_titles_on_several_lines_are_refused_for_series_and_when_editing(
    client_for, bob, place, workshop
):
    client = client_for(bob)
    series = client.post(
        f"/ateliers/gerer/lieu/{place.slug}/nouveau-cycle/",
        {"title": "Vers un\nmanifeste", "theme": "numerique-responsable"},
    )
    assert series.status_code == 400
    assert series.context["form"].errors == {"title": [ONE_LINE]}
    assert not place.series.exists()
    edited = edit(client, workshop, title="Le numérique\ries politique")
    assert edited.status_code == 400
    assert edited.context["form"].errors == {"title": [ONE_LINE]}
    workshop.refresh_from_db()
    assert workshop.title == "Le numérique est politique"


def test_an_organiser_creates_a_series_then_a_session_of_it(client_for, bob, place):
    client = client_for(bob)
    response = client.post(
        f"/ateliers/gerer/lieu/{place.slug}/nouveau-cycle/",
        {"title": "Vers un manifeste", "theme": "numerique-responsable", "summary": "Trois"},
    )
    assert response.status_code == 302
    series = place.series.get()
    assert (series.slug, series.status) == ("vers-un-manifeste", "brouillon")
    client.post(f"/ateliers/gerer/lieu/{place.slug}/nouvel-atelier/", form_data(series=series.pk))
    workshop = Workshop.objects.get()
    client.post(f"/ateliers/gerer/{workshop.slug}/publication/", {"publish": "1"})
    client.logout()
    assert client.get(series.get_absolute_url()).status_code == 404  # the series is a draft
    assert client.get("/ateliers/").context["page"].paginator.count == 0
    client.force_login(bob)
    client.post(f"/ateliers/gerer/cycle/{series.slug}/publication/", {"publish": "1"})
    client.logout()
    page = client.get(series.get_absolute_url())
    assert "Fresque du numérique" in page.text
    assert "M’inscrire au cycle complet" in page.text


def test_cancelling_a_series_cancels_its_workshops_and_tells_people(client_for, bob, series):
    people = UserFactory.create_batch(2)
    for person in people:
        services.register_series(series, by=person)
    mail.outbox.clear()
    client_for(bob).post(f"/ateliers/gerer/cycle/{series.slug}/annuler/")
    assert set(series.workshops.values_list("status", flat=True)) == {"annule"}
    assert len(mail.outbox) == 6  # two people, three sessions
