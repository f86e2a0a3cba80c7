"""Answering a poll without an account, editing through the private link, the results."""

import re

import pytest
from django.core import mail
from django.core.exceptions import NON_FIELD_ERRORS
from django.test import Client

from entraide.polls import services
from entraide.polls.errors import PollErrorCode
from entraide.polls.models import Participant
from entraide.polls.templatetags.polls import slot_label
from entraide.polls.tests.conftest import all_answers
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def answer_data(poll, name, *values, **extra):
    data = {"name": name, **extra}
    for slot, value in zip(poll.slots.all(), values, strict=True):
        data[f"slot_{slot.pk}"] = value
    return data


def edit_link(message):
    return re.search(r"https?://[^/\s]+(/sondages/\S+/reponse/[\w-]+/)", message.body).group(1)


def test_the_form_asks_yes_if_need_be_or_no_for_each_slot_with_nothing_ticked(client, poll):
    page = client.get(poll.get_absolute_url()).text
    slot = poll.slots.first()
    assert page.count("type=radio") == 9
    assert f"<legend>{slot_label(slot, poll.time_zone)}</legend>" in page
    assert " checked" not in page  # no answer is given for the person, not even "no"


def test_a_slot_left_unanswered_is_an_error_beside_it_and_nothing_is_saved(client, poll):
    first, second, third = poll.slots.all()
    data = {"name": "Dominique", f"slot_{first.pk}": "oui", f"slot_{third.pk}": "non"}
    response = client.post(f"/sondages/{poll.slug}/repondre/", data)
    assert response.status_code == 400
    form = response.context["answer_form"]
    assert form.errors == {
        f"slot_{second.pk}": ["Répondez pour ce créneau : oui / si besoin / non."],
        "__all__": ["1 créneau n’a pas encore de réponse : voir ci-dessous."],
    }
    page = response.text
    summary = page[page.index('<div class="error-summary"') : page.index("<h1>")]
    # said at the top, with a link to the slot's group far below…
    assert f'<a href="#id_slot_{second.pk}">' in summary
    assert "1 créneau n’a pas encore de réponse : voir ci-dessous." in summary
    form = page[page.index("<h1>") :]
    legend = f"<legend>{slot_label(second, poll.time_zone)}</legend>"
    assert (
        form.index(legend)
        < form.index("Répondez pour ce créneau")
        < form.index(f"name=slot_{second.pk} value=oui")
    )  # …and the error sits in the slot's own group, before its choices
    assert f"value=oui id=slot_{first.pk}o checked" in page  # what was ticked stays ticked
    assert Participant.objects.count() == 0


def test_a_visitor_answers_gets_a_private_link_and_edits_through_it(client, poll):
    response = client.post(
        f"/sondages/{poll.slug}/repondre/",
        answer_data(poll, "Dominique", "oui", "si-besoin", "non", email="dom@example.org"),
    )
    assert response.status_code == 302
    assert response["Location"] == poll.get_absolute_url()
    (message,) = mail.outbox
    link = edit_link(message)
    page = client.get(response["Location"]).text
    assert page.count("Merci, votre réponse est enregistrée.") == 1  # one thank-you, not two
    assert "Gardez ce lien personnel" in page
    assert f'value="http://testserver{link}"' in page
    assert '<tr class="me"><th scope="row">Dominique <span class="you">(vous)</span></th>' in page

    form = client.get(link).text
    assert f"value=si-besoin id=slot_{poll.slots.all()[1].pk}s checked" in form  # as answered
    response = client.post(link, answer_data(poll, "Dominique", "non", "oui", "oui"))
    assert response["Location"] == poll.get_absolute_url()
    page = client.get(response["Location"]).text
    assert page.count("Votre réponse est modifiée.") == 1
    assert "Merci" not in page
    results = services.results(poll)
    assert [(r.yes, r.if_need_be, r.no) for r in results.slots] == [(0, 0, 1), (1, 0, 0), (1, 0, 0)]


def test_the_private_link_and_the_highlight_stay_with_the_browser_that_answered(client, poll):
    client.post(f"/sondages/{poll.slug}/repondre/", answer_data(poll, "Dom", "oui", "oui", "oui"))
    page = client.get(poll.get_absolute_url()).text
    assert page.count("Gardez ce lien personnel") == page.count('<tr class="me">') == 1
    someone_else = Client().get(poll.get_absolute_url()).text
    assert "Gardez ce lien personnel" not in someone_else
    assert 'class="me"' not in someone_else
    assert "/reponse/" not in someone_else


def test_the_answer_lands_on_the_page_of_the_grid_that_holds_it(client, poll):
    for n in range(25):
        services.answer(poll, name=f"P{n}", choices=all_answers(poll, "oui", "non", "oui"))
    response = client.post(
        f"/sondages/{poll.slug}/repondre/", answer_data(poll, "Dom", "oui", "oui", "oui")
    )
    assert response["Location"] == poll.get_absolute_url() + "?page=2"
    page = client.get(response["Location"]).text
    assert '<tr class="me"><th scope="row">Dom <span class="you">(vous)</span></th>' in page


def test_the_results_show_totals_and_the_best_slots(client, poll):
    services.answer(poll, name="A", choices=all_answers(poll, "oui", "oui", "non"))
    services.answer(poll, name="B", choices=all_answers(poll, "oui", "si-besoin", "oui"))
    services.answer(poll, name="C", choices=all_answers(poll, "si-besoin", "oui", "non"))
    results = services.results(poll)
    # slots 1 and 2 both have two "yes"; slot 1 also has one "if need be", as has slot 2
    assert [(r.yes, r.if_need_be, r.no, r.best) for r in results.slots] == [
        (2, 1, 0, True),
        (2, 1, 0, True),
        (1, 0, 2, False),
    ]
    page = client.get(poll.get_absolute_url())
    assert page.text.count("Meilleur créneau") == 2
    assert '<caption id="totaux">Totaux, 3 réponses</caption>' in page.text


def test_ties_on_yes_are_broken_by_if_need_be(poll):
    services.answer(poll, name="A", choices=all_answers(poll, "oui", "oui", "non"))
    services.answer(poll, name="B", choices=all_answers(poll, "si-besoin", "non", "non"))
    assert [r.best for r in services.results(poll).slots] == [True, False, False]


def test_the_same_name_twice_asks_whether_it_was_meant_as_an_edit(client, poll):
    services.answer(poll, name="Dominique", choices=all_answers(poll, "oui", "oui", "oui"))
    data = answer_data(poll, "dominique", "non", "non", "non")
    response = client.post(f"/sondages/{poll.slug}/repondre/", data)
    assert response.status_code == 400
    assert response.context["answer_form"].has_error("name", PollErrorCode.SAME_NAME)
    assert "Je suis une autre personne du même nom" in response.text
    assert Participant.objects.count() == 1
    response = client.post(f"/sondages/{poll.slug}/repondre/", {**data, "same_name_ok": "on"})
    assert response.status_code == 302
    assert Participant.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": "x" * 5000}, "name", "au plus 80 caractères"),
        ({"name": ""}, "name", "obligatoire"),
        ({"email": "pas-une-adresse"}, "email", "adresse de courriel valide"),
    ],
)
def test_bad_answers_get_a_400_and_nothing_half_saved(client, poll, change, field, message):
    data = {**answer_data(poll, "Dominique", "oui", "non", "non"), **change}
    response = client.post(f"/sondages/{poll.slug}/repondre/", data)
    assert response.status_code == 400
    assert message in " ".join(response.context["answer_form"].errors[field])
    assert Participant.objects.count() == 0


def test_an_answer_must_cover_every_slot_with_a_proposed_value(client, poll):
    data = answer_data(poll, "Dominique", "oui", "peut-etre", "non")
    response = client.post(f"/sondages/{poll.slug}/repondre/", data)
    assert response.status_code == 400
    assert Participant.objects.count() == 0
    poll.allow_if_need_be = False
    poll.save()
    response = client.post(
        f"/sondages/{poll.slug}/repondre/", answer_data(poll, "D", "si-besoin", "oui", "oui")
    )
    assert response.status_code == 400
    assert Participant.objects.count() == 0


def test_script_in_names_and_comments_is_shown_as_text(client, poll):
    name = '<script>alert("x")</script>'
    client.post(f"/sondages/{poll.slug}/repondre/", answer_data(poll, name, "oui", "oui", "oui"))
    client.post(f"/sondages/{poll.slug}/commenter/", {"name": name, "body": name})
    page = client.get(poll.get_absolute_url()).text
    assert "<script>alert" not in page
    assert page.count("&lt;script&gt;alert") >= 3


def test_a_tampered_or_foreign_edit_link_gives_nothing_away(client, poll, place, bob):
    services.answer(
        poll, name="A", email="a@example.org", choices=all_answers(poll, "oui", "oui", "oui")
    )
    link = edit_link(mail.outbox[0])
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    assert client.get(tampered).status_code == 404
    assert client.post(tampered + "supprimer/").status_code == 404
    other = services.create_poll(
        place,
        by=bob,
        fields={"title": "Autre"},
        slots=[(poll.slots.first().starts_at, poll.slots.first().ends_at)],
    )
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert client.get(f"/sondages/{other.slug}/reponse/{token}/").status_code == 404
    assert Participant.objects.count() == 1


def test_a_closed_poll_refuses_answers_and_edits(client, poll):
    services.answer(
        poll, name="A", email="a@example.org", choices=all_answers(poll, "oui", "oui", "oui")
    )
    services.close(poll)
    response = client.post(
        f"/sondages/{poll.slug}/repondre/", answer_data(poll, "B", "oui", "oui", "oui")
    )
    assert response.status_code == 400
    assert response.context["answer_form"].has_error(NON_FIELD_ERRORS, PollErrorCode.POLL_CLOSED)
    link = edit_link(mail.outbox[0])
    assert client.post(link, answer_data(poll, "A", "non", "non", "non")).status_code == 400
    assert [r.yes for r in services.results(poll).slots] == [1, 1, 1]


def test_deleting_ones_answer_through_the_link(client, poll):
    services.answer(
        poll, name="A", email="a@example.org", choices=all_answers(poll, "oui", "oui", "oui")
    )
    link = edit_link(mail.outbox[0])
    assert client.post(link + "supprimer/").status_code == 302
    assert Participant.objects.count() == 0


def test_signed_in_people_answer_and_edit_directly(client_for, alice, poll):
    client = client_for(alice)
    data = answer_data(poll, "Alice", "oui", "non", "non")
    assert client.post(f"/sondages/{poll.slug}/repondre/", data, follow=True).status_code == 200
    data = answer_data(poll, "Alice", "non", "oui", "oui")
    assert client.post(f"/sondages/{poll.slug}/repondre/", data).status_code == 302
    assert Participant.objects.get().user == alice
    assert [r.yes for r in services.results(poll).slots] == [0, 1, 1]
    page = client.get(poll.get_absolute_url()).text
    assert "Modifier ma réponse" in page
    assert page.count("Merci, votre réponse est enregistrée.") == 1
    assert "Gardez ce lien personnel" not in page  # the account is the way back to the answer
    assert '<tr class="me"><th scope="row">Alice <span class="you">(vous)</span></th>' in page


def test_only_totals_when_the_organisers_chose_so(client, poll):
    poll.visibility = "totaux"
    poll.save()
    services.answer(poll, name="Secret", choices=all_answers(poll, "oui", "oui", "oui"))
    page = client.get(poll.get_absolute_url()).text
    assert "Secret" not in page
    assert "n’afficher que les totaux" in page


def test_answers_are_rate_limited_per_network_address(client, poll, settings):
    settings.ENTRAIDE_POSTS_PER_NETWORK = 3
    url = f"/sondages/{poll.slug}/repondre/"
    for n in range(3):
        assert client.post(url, answer_data(poll, f"P{n}", "oui", "oui", "oui")).status_code == 302
    response = client.post(url, answer_data(poll, "P3", "oui", "oui", "oui"))
    assert response.status_code == 429
    assert "<h1>Trop de demandes depuis votre réseau</h1>" in response.text
    assert Participant.objects.count() == 3
    elsewhere = answer_data(poll, "P4", "oui", "oui", "oui")
    assert client.post(url, elsewhere, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_answers_mailing_one_address_are_rate_limited_per_address(client, poll):
    url = f"/sondages/{poll.slug}/repondre/"
    for n in range(5):
        data = answer_data(poll, f"P{n}", "oui", "oui", "oui", email="cible@example.org")
        assert client.post(url, data).status_code == 302
    over = answer_data(poll, "P5", "oui", "oui", "oui", email="Cible@Example.org")
    response = client.post(url, over)
    assert response.status_code == 429
    assert response.context["answer_form"].errors == {
        "email": [
            "Trop de courriels ont été envoyés à cette adresse au cours de la dernière heure : "
            "réessayez dans une heure, ou indiquez une autre adresse."
        ]
    }
    assert Participant.objects.count() == 5
    assert [m.to for m in mail.outbox] == [["cible@example.org"]] * 5
    other = answer_data(poll, "P6", "oui", "oui", "oui", email="autre@example.org")
    assert client.post(url, other).status_code == 302
    no_address = answer_data(poll, "P7", "oui", "oui", "oui")
    assert client.post(url, no_address).status_code == 302


def test_the_workshop_page_points_to_the_poll_fixing_its_date(client, poll, undated_workshop):
    page = client.get(undated_workshop.get_absolute_url()).text
    assert f'<a href="{poll.get_absolute_url()}">{poll.title}</a> — Donnez vos disponibilités' in (
        page
    )
    services.close(poll)
    assert poll.get_absolute_url() not in client.get(undated_workshop.get_absolute_url()).text


def test_my_data_shows_my_answers_and_deleting_the_account_removes_them(client_for, alice, poll):
    from entraide.accounts.services import delete_account

    services.answer(poll, name="Alice", choices=all_answers(poll, "oui", "oui", "oui"), by=alice)
    exported = client_for(alice).get("/compte/mes-donnees/export.json").json()
    assert [row["poll"] for row in exported["data"]["poll_answers"]] == [poll.title]
    delete_account(alice)
    assert Participant.objects.count() == 0


def test_answers_given_without_an_account_under_my_address_are_my_data_and_go_with_it(
    client, client_for, alice, poll
):
    from entraide.accounts.services import delete_account

    client.post(
        f"/sondages/{poll.slug}/repondre/",
        answer_data(poll, "Alice sans compte", "oui", "non", "oui", email="Alice@Example.org"),
    )
    services.answer(
        poll, name="Dom", email="dom@example.org", choices=all_answers(poll, "oui", "oui", "oui")
    )
    mine = client_for(alice)
    assert "Alice sans compte" in mine.get("/compte/mes-donnees/").text
    exported = mine.get("/compte/mes-donnees/export.json").json()
    assert [
        (row["poll"], row["name"], row["email"]) for row in exported["data"]["poll_answers"]
    ] == [(poll.title, "Alice sans compte", "alice@example.org")]
    delete_account(alice)
    assert list(Participant.objects.values_list("name", flat=True)) == ["Dom"]


def test_answers_under_an_address_the_account_has_not_verified_are_not_its_data(alice, poll):
    from entraide.accounts.services import collect_personal_data, delete_account

    alice.emailaddress_set.update(verified=False)
    services.answer(
        poll, name="Alice ?", email=alice.email, choices=all_answers(poll, "oui", "oui", "oui")
    )
    assert collect_personal_data(alice)["poll_answers"] == []
    delete_account(alice)
    assert list(Participant.objects.values_list("name", flat=True)) == ["Alice ?"]


def test_each_label_of_the_poll_page_leads_to_its_own_field(client, poll):
    import re
    from collections import Counter

    page = client.get(poll.get_absolute_url()).text
    ids = Counter(re.findall(r'\sid="?([\w-]+)', page))
    assert [name for name, count in ids.items() if count > 1] == []
    assert 'for="comment_name"' in page


def test_a_signed_in_person_without_a_name_gives_one_once_and_the_account_keeps_it(
    client_for, poll
):
    nameless = UserFactory(email="sans-nom@example.org", display_name="")
    client = client_for(nameless)
    page = client.get(poll.get_absolute_url()).text
    assert 'name="name" value="Membre"' not in page
    response = client.post(
        f"/sondages/{poll.slug}/repondre/", answer_data(poll, " Inès ", "oui", "non", "oui")
    )
    assert response.status_code == 302
    nameless.refresh_from_db()
    assert nameless.display_name == "Inès"
    assert list(poll.participants.values_list("name", flat=True)) == ["Inès"]
    assert 'value="Inès"' in client.get(poll.get_absolute_url()).text


def test_answering_under_another_name_leaves_the_account_name_alone(client_for, alice, poll):
    response = client_for(alice).post(
        f"/sondages/{poll.slug}/repondre/", answer_data(poll, "Alice et Paul", "oui", "non", "oui")
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.display_name == "Alice"
