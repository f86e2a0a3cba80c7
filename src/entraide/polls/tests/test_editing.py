"""Organisers change a poll after opening it: title, description, closing date; slots added
(with the quick entry and its review) or removed (with the answers given to them, after a
warning that counts them); a poll nobody answered can be deleted."""

import html
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from entraide.polls import services
from entraide.polls.errors import PollErrorCode
from entraide.polls.models import Choice, Participant, Poll, Slot
from entraide.polls.tests.conftest import all_answers, slot_times
from tests.factories import PlaceFactory
from tests.text import squeeze
from tests.threads import at_once, skip_on_sqlite

pytestmark = pytest.mark.django_db


def page_text(response):
    return squeeze(html.unescape(re.sub(r"<[^>]+>", " ", response.text)))


def answered(poll, *rows):
    """One participant per row of answers."""
    for values in rows:
        name = f"P{Participant.objects.count()}"
        services.answer(poll, name=name, choices=all_answers(poll, *values))


# Title, description, closing date


def test_the_organiser_edits_title_description_and_closing_date(client_for, bob, poll):
    closes = (timezone.localtime() + timedelta(days=10)).replace(second=0, microsecond=0)
    response = client_for(bob).post(
        f"/sondages/gerer/{poll.slug}/modifier/",
        {
            "title": "Dispos pour l’atelier 2 (nouvelles dates)",
            "description": "Répondez avant **vendredi**.",
            "closes_at": closes.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/sondages/gerer/{poll.slug}/"
    slug = poll.slug
    poll.refresh_from_db()
    assert (poll.title, poll.slug, poll.closes_at) == (
        "Dispos pour l’atelier 2 (nouvelles dates)",
        slug,  # the shared address does not change
        closes,
    )
    page = client_for(bob).get(poll.get_absolute_url()).text
    assert "<strong>vendredi</strong>" in page
    assert "Clôture des réponses le" in page


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"title": ""}, "title", "required"),
        ({"title": "Dispos\nBcc: x@example.org"}, "title", "line_break"),
        ({"closes_at": "2020-01-01T10:00"}, "closes_at", PollErrorCode.CLOSING_DATE_IN_PAST),
        ({"description": "x" * 10_001}, "description", "max_length"),
    ],
)
def test_bad_edits_are_refused_beside_the_field(client_for, bob, poll, changes, field, code):
    data = {"title": poll.title, "description": "", "closes_at": "", **changes}
    response = client_for(bob).post(f"/sondages/gerer/{poll.slug}/modifier/", data)
    assert response.status_code == 400
    assert response.context["form"].has_error(field, code)
    assert Poll.objects.get().title == "Dispos pour le deuxième atelier"


# Adding slots


def test_slots_are_added_with_the_quick_entry_and_its_review(client_for, bob, poll):
    answered(poll, ("oui", "non", "oui"))
    url = f"/sondages/gerer/{poll.slug}/creneaux/ajouter/"
    data = {"days": "mardi 5 décembre 2028\n07/12/2028", "ranges": "18h-20h"}
    review = client_for(bob).post(url, {**data, "step": "review"})
    assert review.status_code == 200
    assert re.findall(r'name="slots" value="([^"]+)" checked', review.text) == [
        "2028-12-05T18:00/20:00",
        "2028-12-07T18:00/20:00",
    ]
    response = client_for(bob).post(
        url, {**data, "step": "save", "slots": ["2028-12-07T18:00/20:00"]}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/sondages/gerer/{poll.slug}/"
    assert poll.slots.count() == 4
    assert (
        services.results(poll).slots[-1].slot.starts_at.isoformat() == "2028-12-07T17:00:00+00:00"
    )
    assert Choice.objects.count() == 3  # the answers given stay as they were
    assert "1 créneau ajouté." in page_text(client_for(bob).get(response["Location"]))


def test_people_who_answered_before_a_slot_was_added_answer_it_through_their_link(client, poll):
    services.answer(poll, name="Dom", email="dom@example.org",
                    choices=all_answers(poll, "oui", "oui", "oui"))  # fmt: skip
    link = re.search(r"(/sondages/\S+/reponse/[\w-]+/)", mail.outbox[0].body).group(1)
    start = poll.slots.last().starts_at + timedelta(days=1)
    services.add_slots(poll, [(start, start + timedelta(hours=1))], by=poll.created_by)
    new = poll.slots.last()
    form = client.get(link).text
    assert f"name=slot_{new.pk} value=oui id=slot_{new.pk}o>" in form  # nothing ticked yet
    grid = client.get(poll.get_absolute_url()).text
    assert "<td class=y>oui</td><td class=y>oui</td><td class=y>oui</td><td></td></tr>" in grid
    data = {"name": "Dom", **{f"slot_{s.pk}": "oui" for s in poll.slots.all()}}
    assert client.post(link, data).status_code == 302
    assert [r.yes for r in services.results(poll).slots] == [1, 1, 1, 1]


def test_slots_already_in_the_poll_are_not_proposed_twice(client_for, bob, poll):
    first = timezone.localtime(poll.slots.first().starts_at)
    data = {
        "days": f"{first:%d/%m/%Y}\n{first + timedelta(days=30):%d/%m/%Y}",
        "ranges": f"{first:%H:%M}-{first + timedelta(minutes=90):%H:%M}",
        "step": "review",
    }
    review = client_for(bob).post(f"/sondages/gerer/{poll.slug}/creneaux/ajouter/", data)
    assert review.status_code == 200
    assert len(re.findall(r'name="slots" value="[^"]+" checked', review.text)) == 1
    assert "1 créneau est déjà dans le sondage" in page_text(review)


@pytest.mark.parametrize(
    ("days", "code"),
    [
        ("31 février", PollErrorCode.DAY_DOES_NOT_EXIST),
        ("2020-01-07", PollErrorCode.DAY_IN_PAST),
        ("x" * 5000, PollErrorCode.NOT_A_DATE),
        ("\n".join(f"{d:02d}/01/2029" for d in range(1, 31)) + "\n01/02/2029",
         PollErrorCode.TOO_MANY_SLOTS),
    ],
)  # fmt: skip
def test_bad_new_slots_are_refused_beside_the_dates(client_for, bob, poll, days, code):
    data = {"days": days, "ranges": "9h-10h\n10h-11h\n11h-12h\n14h-15h", "step": "review"}
    response = client_for(bob).post(f"/sondages/gerer/{poll.slug}/creneaux/ajouter/", data)
    assert response.status_code == 400
    assert response.context["form"].has_error("days", code)
    assert poll.slots.count() == 3


# Removing slots


def test_removing_a_slot_warns_how_many_answers_will_go_then_removes_them(client_for, bob, poll):
    answered(poll, ("oui", "non", "oui"), ("si-besoin", "oui", "oui"), ("oui", "oui", "non"))
    first, second, third = poll.slots.all()
    url = f"/sondages/gerer/{poll.slug}/creneaux/retirer/"
    client = client_for(bob)
    choose = client.get(url)
    assert choose.status_code == 200
    assert "3 réponses" in page_text(choose)

    confirm = client.post(url, {"slots": [first.pk]})
    assert confirm.status_code == 200
    assert "3 réponses à ce créneau seront supprimées." in page_text(confirm)
    assert Choice.objects.count() == 9  # nothing removed before the confirmation

    response = client.post(url, {"slots": [first.pk], "answers": "3", "step": "confirm"})
    assert response.status_code == 302
    assert list(poll.slots.all()) == [second, third]
    assert Choice.objects.count() == 6
    assert Participant.objects.count() == 3  # people stay, with their other answers
    assert "1 créneau retiré, avec 3 réponses." in page_text(client.get(response["Location"]))


def test_a_slot_nobody_answered_says_so_on_the_confirmation(client_for, bob, poll):
    last = poll.slots.last()
    confirm = client_for(bob).post(f"/sondages/gerer/{poll.slug}/creneaux/retirer/",
                                   {"slots": [last.pk]})  # fmt: skip
    assert "Personne n’a répondu pour ce créneau." in page_text(confirm)


def test_answers_arriving_after_the_warning_are_counted_again_before_removing(
    client_for, bob, poll
):
    answered(poll, ("oui", "non", "oui"))
    first = poll.slots.first()
    url = f"/sondages/gerer/{poll.slug}/creneaux/retirer/"
    client_for(bob).post(url, {"slots": [first.pk]})  # warned: 1 answer
    answered(poll, ("oui", "oui", "oui"), ("non", "oui", "oui"))
    response = client_for(bob).post(url, {"slots": [first.pk], "answers": "1", "step": "confirm"})
    assert response.status_code == 400
    assert "3 réponses à ce créneau seront supprimées." in page_text(response)
    assert response.context["form"].has_error("slots", PollErrorCode.ANSWERS_CHANGED)
    assert poll.slots.count() == 3


def test_a_removed_slot_removed_again_is_refused_with_a_message(client_for, bob, poll):
    first = poll.slots.first()
    url = f"/sondages/gerer/{poll.slug}/creneaux/retirer/"
    data = {"slots": [first.pk], "answers": "0", "step": "confirm"}
    assert client_for(bob).post(url, data).status_code == 302
    response = client_for(bob).post(url, data)  # the button pressed twice
    assert response.status_code == 400
    assert response.context["form"].has_error("slots", PollErrorCode.SLOT_NOT_IN_POLL)
    assert poll.slots.count() == 2


def test_a_slot_of_another_poll_cannot_be_removed_through_this_one(client_for, bob, poll, place):
    other = services.create_poll(place, by=bob, fields={"title": "Autre"}, slots=slot_times(2))
    foreign = other.slots.first()
    url = f"/sondages/gerer/{poll.slug}/creneaux/retirer/"
    for data in (
        {"slots": [foreign.pk]},
        {"slots": [foreign.pk], "answers": "0", "step": "confirm"},
    ):
        assert client_for(bob).post(url, data).status_code == 400
    assert other.slots.count() == 2
    assert poll.slots.count() == 3


@pytest.mark.parametrize("slots", [[], ["abc"], ["9" * 30]])
def test_nonsense_slot_ids_are_refused(client_for, bob, poll, slots):
    data = {"slots": slots, "answers": "0", "step": "confirm"}
    response = client_for(bob).post(f"/sondages/gerer/{poll.slug}/creneaux/retirer/", data)
    assert response.status_code == 400
    assert poll.slots.count() == 3


def test_the_last_slot_cannot_be_removed(client_for, bob, poll):
    data = {"slots": list(poll.slots.values_list("pk", flat=True))}
    response = client_for(bob).post(f"/sondages/gerer/{poll.slug}/creneaux/retirer/", data)
    assert response.status_code == 400
    assert response.context["form"].has_error("slots", PollErrorCode.LAST_SLOT)


def test_slots_of_a_poll_whose_date_is_fixed_no_longer_change(client_for, bob, poll):
    services.fix_slot(poll, poll.slots.first().pk, by=bob)
    last = poll.slots.last()
    remove = client_for(bob).post(
        f"/sondages/gerer/{poll.slug}/creneaux/retirer/",
        {"slots": [last.pk], "answers": "0", "step": "confirm"},
    )
    assert remove.status_code == 400
    add = client_for(bob).post(
        f"/sondages/gerer/{poll.slug}/creneaux/ajouter/",
        {"days": "07/12/2028", "ranges": "18h-20h", "step": "save",
         "slots": ["2028-12-07T18:00/20:00"]},
    )  # fmt: skip
    assert add.status_code == 400
    assert "La date de ce sondage est fixée" in page_text(add)
    assert poll.slots.count() == 3


@pytest.mark.django_db(transaction=True)
def test_an_answer_and_a_removal_at_the_same_moment_leave_no_answer_to_a_missing_slot(place, bob):
    skip_on_sqlite(pytest)
    poll = services.create_poll(place, by=bob, fields={"title": "Dispos"}, slots=slot_times(3))
    first = poll.slots.first()
    choices = all_answers(poll, "oui", "non", "oui")
    results = at_once(
        lambda: services.answer(poll, name="Dom", choices=choices),
        lambda: services.remove_slots(poll, [first.pk], by=bob),
    )
    assert [type(r).__name__ for r in results] in (
        ["Participant", "tuple"],  # the answer first: its answer to the slot goes with it
        ["DomainError", "tuple"],  # the removal first: the answer no longer fits the poll
    )
    refused = [r.code for r in results if not isinstance(r, (Participant, tuple))]
    assert refused in ([], [PollErrorCode.ANSWER_INCOMPLETE])
    assert not Choice.objects.exclude(slot__poll=poll).exists()
    assert Choice.objects.filter(slot_id=first.pk).count() == 0


# Deleting a poll


def test_a_poll_nobody_answered_can_be_deleted(client_for, bob, poll):
    response = client_for(bob).post(f"/sondages/gerer/{poll.slug}/supprimer/")
    assert response.status_code == 302
    assert response["Location"] == f"/sondages/gerer/lieu/{poll.place.slug}/"
    assert Poll.objects.count() == Slot.objects.count() == 0
    page = page_text(client_for(bob).get(response["Location"]))
    assert "Le sondage « Dispos pour le deuxième atelier » est supprimé." in page


def test_a_poll_with_answers_cannot_be_deleted(client_for, bob, poll):
    answered(poll, ("oui", "non", "oui"), ("oui", "oui", "oui"))
    edit = client_for(bob).get(f"/sondages/gerer/{poll.slug}/modifier/")
    assert "Ce sondage a 2 réponses : il ne peut pas être supprimé." in page_text(edit)
    assert f'action="/sondages/gerer/{poll.slug}/supprimer/"' not in edit.text
    response = client_for(bob).post(f"/sondages/gerer/{poll.slug}/supprimer/")
    assert response.status_code == 400
    assert response.context["delete_error"].code == PollErrorCode.POLL_HAS_ANSWERS
    assert squeeze(response.context["delete_error"].message) in page_text(response)
    assert Poll.objects.count() == 1


# Who may


@pytest.mark.parametrize(
    "path", ["modifier/", "creneaux/ajouter/", "creneaux/retirer/", "supprimer/"]
)
def test_only_the_places_organisers_edit_its_polls(client, client_for, alice, charlie, poll, path):
    url = f"/sondages/gerer/{poll.slug}/{path}"
    PlaceFactory(name="Ailleurs", organisers=[charlie])
    for user in (alice, charlie):
        assert client_for(user).post(url, {"slots": [poll.slots.first().pk]}).status_code == 403
    client.logout()
    assert client.post(url).status_code == 302  # to the sign-in page
    assert Poll.objects.get().slots.count() == 3


def test_the_manage_page_links_to_every_change(client_for, bob, poll):
    page = client_for(bob).get(f"/sondages/gerer/{poll.slug}/").text
    for path in ("modifier/", "creneaux/ajouter/", "creneaux/retirer/"):
        assert f'href="/sondages/gerer/{poll.slug}/{path}"' in page
