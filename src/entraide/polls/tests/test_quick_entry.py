"""Quick entry of slots: dates written as people write them, every date × every time range, and
a review step where the organiser unticks the combinations that do not suit before saving."""

import re
from datetime import UTC, date, datetime, time

import pytest
from django.core.exceptions import ValidationError

from entraide.polls.errors import PollErrorCode
from entraide.polls.models import Poll
from entraide.polls.quick_entry import parse_days, parse_ranges

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)  # a Thursday


def refusal_of(text, today=TODAY) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        parse_days(text, today)
    return raised.value


def errors_of(text, today=TODAY):
    return refusal_of(text, today).messages


def codes_of(text, today=TODAY):
    return [error.code for error in refusal_of(text, today).error_list]


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("mardi 8 décembre", date(2026, 12, 8)),
        ("Mardi 8 Décembre", date(2026, 12, 8)),
        ("le mardi 8 décembre", date(2026, 12, 8)),
        ("mar. 8 déc.", date(2026, 12, 8)),
        ("8 déc.", date(2026, 12, 8)),
        ("8 dec", date(2026, 12, 8)),
        ("8 décembre 2026", date(2026, 12, 8)),
        ("1er janvier", date(2027, 1, 1)),
        ("08/12", date(2026, 12, 8)),
        ("8/12", date(2026, 12, 8)),
        ("08/12/2026", date(2026, 12, 8)),
        ("08/12/26", date(2026, 12, 8)),
        ("8.12.2026", date(2026, 12, 8)),
        ("2026-12-08", date(2026, 12, 8)),
        ("26/11", date(2026, 11, 26)),  # today is still to come
        ("25/11", date(2027, 11, 25)),  # yesterday: the next one, a year later
        ("29 février", date(2028, 2, 29)),  # the next 29 February that exists
        ("Tuesday 8 December", date(2026, 12, 8)),
        ("December 8", date(2026, 12, 8)),
        ("8 Dec 2026", date(2026, 12, 8)),
    ],
)
def test_dates_are_read_as_people_write_them(written, day):
    assert parse_days(written, TODAY) == [day]


def test_several_dates_one_per_line_or_separated_by_semicolons_without_repeats():
    text = "mardi 8 décembre\n\n  10/12 ; 2026-12-08\n15 déc."
    assert parse_days(text, TODAY) == [date(2026, 12, 8), date(2026, 12, 10), date(2026, 12, 15)]


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("31 février", PollErrorCode.DAY_DOES_NOT_EXIST),
        ("31/04/2027", PollErrorCode.DAY_DOES_NOT_EXIST),
        ("13/13", PollErrorCode.DAY_DOES_NOT_EXIST),
        ("lundi 8 décembre", PollErrorCode.WRONG_WEEKDAY),
        ("demain", PollErrorCode.NOT_A_DATE),
        ("8 ju", PollErrorCode.NOT_A_DATE),
        ("2020-01-07", PollErrorCode.DAY_IN_PAST),
        ("8 décembre 2040", PollErrorCode.DAY_TOO_FAR),
    ],
)
def test_a_date_that_cannot_be_read_says_why(written, code):
    assert codes_of(written) == [code]


def test_an_error_names_its_line_and_quotes_it():
    assert errors_of("8 déc.\n\n31 février") == ["Ligne 3 : « 31 février » n’existe pas."]


def test_a_wrong_weekday_is_corrected_with_the_right_one():
    assert errors_of("lundi 8 décembre") == [
        "Ligne 1 : le 8 décembre 2026 est un mardi, pas un lundi."
    ]


def test_each_bad_line_gets_its_own_error_and_good_lines_none():
    refusal = refusal_of("8 déc.\n31 février\n10/12\nbientôt")
    assert [error.code for error in refusal.error_list] == [
        PollErrorCode.DAY_DOES_NOT_EXIST,
        PollErrorCode.NOT_A_DATE,
    ]
    assert [message.split("\N{NO-BREAK SPACE}:")[0] for message in refusal.messages] == [
        "Ligne 2",
        "Ligne 4",
    ]


def test_a_5000_character_line_gets_one_short_error():
    (message,) = errors_of("8" * 5000)
    assert message.startswith("Ligne 1 : « 8888888888")
    assert len(message) < 200


def test_many_bad_lines_list_the_first_ten():
    refusal = refusal_of("\n".join(f"n’importe quoi {n}" for n in range(300)))
    codes = [error.code for error in refusal.error_list]
    assert codes == [PollErrorCode.NOT_A_DATE] * 10 + [PollErrorCode.MORE_LINES_TO_CORRECT]
    assert "290" in refusal.messages[-1]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("11:00-12:30", (time(11), time(12, 30))),
        ("14h-15h30", (time(14), time(15, 30))),
        ("14h à 16h", (time(14), time(16))),
        ("9h – 10h", (time(9), time(10))),
    ],
)
def test_time_ranges_are_read_as_people_write_them(written, expected):
    assert parse_ranges(written) == [expected]


def test_a_bad_time_range_says_which_line():
    with pytest.raises(ValidationError) as raised:
        parse_ranges("11:00-12:30\nmidi\n25h-26h")
    assert [error.code for error in raised.value.error_list] == [
        PollErrorCode.NOT_A_TIME_RANGE,
        PollErrorCode.NOT_A_TIME_RANGE,
    ]
    assert [message.split("\N{NO-BREAK SPACE}:")[0] for message in raised.value.messages] == [
        "Ligne 2",
        "Ligne 3",
    ]


# The review step, in the pages


def poll_data(**changes):
    return {
        "title": "Dispos pour le deuxième atelier",
        "description": "",
        "days": "mardi 5 décembre 2028\n7/12/2028",
        "ranges": "11h-12h30\n14:00-15:30",
        "time_zone": "Europe/Paris",
        "visibility": "tout",
        "allow_if_need_be": "on",
        **changes,
    }


def ticked(page):
    return re.findall(r'<input type="checkbox" name="slots" value="([^"]+)" checked', page)


def url(place):
    return f"/sondages/gerer/lieu/{place.slug}/nouveau/"


def test_the_quick_entry_leads_to_a_review_of_every_combination_all_ticked(client_for, bob, place):
    response = client_for(bob).post(url(place), {**poll_data(), "step": "review"})
    assert response.status_code == 200
    assert ticked(response.text) == [
        "2028-12-05T11:00/12:30",
        "2028-12-05T14:00/15:30",
        "2028-12-07T11:00/12:30",
        "2028-12-07T14:00/15:30",
    ]
    assert "<legend>mardi 5 décembre 2028</legend>" in response.text
    assert Poll.objects.count() == 0  # nothing saved before the review


def test_only_the_ticked_combinations_become_slots(client_for, bob, place):
    data = {**poll_data(), "step": "save",
            "slots": ["2028-12-05T11:00/12:30", "2028-12-07T14:00/15:30"]}  # fmt: skip
    response = client_for(bob).post(url(place), data)
    assert response.status_code == 302
    poll = Poll.objects.get()
    assert [(s.starts_at, s.ends_at) for s in poll.slots.all()] == [
        (datetime(2028, 12, 5, 10, 0, tzinfo=UTC), datetime(2028, 12, 5, 11, 30, tzinfo=UTC)),
        (datetime(2028, 12, 7, 13, 0, tzinfo=UTC), datetime(2028, 12, 7, 14, 30, tzinfo=UTC)),
    ]
    assert poll.allow_if_need_be is True


def test_unticking_every_combination_is_refused(client_for, bob, place):
    response = client_for(bob).post(url(place), {**poll_data(), "step": "save"})
    assert response.status_code == 400
    assert response.context["picker"].has_error("slots", PollErrorCode.NO_SLOT)
    assert Poll.objects.count() == 0


@pytest.mark.parametrize(
    "forged", ["2028-12-06T11:00/12:30", "x" * 5000, "2028-12-05T11:00/12:30' onmouseover='"]
)
def test_a_combination_that_was_not_proposed_is_refused(client_for, bob, place, forged):
    data = {**poll_data(), "step": "save", "slots": ["2028-12-05T11:00/12:30", forged]}
    response = client_for(bob).post(url(place), data)
    assert response.status_code == 400
    assert response.context["picker"].has_error("slots", "invalid_choice")
    assert Poll.objects.count() == 0


def test_going_back_from_the_review_keeps_what_was_typed(client_for, bob, place):
    response = client_for(bob).post(url(place), {**poll_data(), "step": "edit"})
    assert response.status_code == 200
    assert "mardi 5 décembre 2028\n7/12/2028</textarea>" in response.text
    assert Poll.objects.count() == 0


def test_bad_dates_stay_on_the_first_step_with_one_error_per_line(client_for, bob, place):
    data = {**poll_data(days="8 déc. 2028\n31 février\nlundi 5 décembre 2028"), "step": "review"}
    response = client_for(bob).post(url(place), data)
    assert response.status_code == 400
    assert [error.code for error in response.context["form"].errors.as_data()["days"]] == [
        PollErrorCode.DAY_DOES_NOT_EXIST,
        PollErrorCode.WRONG_WEEKDAY,
    ]


def test_the_help_beside_the_time_ranges_speaks_the_organisers_language(client_for, bob, place):
    bob.language = "en"
    bob.save()
    client = client_for(bob)
    page = client.get(f"/sondages/gerer/lieu/{place.slug}/nouveau/").text
    assert "Every date gets every range" in page
    bob.language = "fr"
    bob.save()
    page = client.get(f"/sondages/gerer/lieu/{place.slug}/nouveau/").text
    assert "Chaque date reçoit chaque" in page
