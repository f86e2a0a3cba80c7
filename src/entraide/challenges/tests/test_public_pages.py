"""The public pages of a challenge: the list, the challenge with its collective progress, the
testimonies. What a visitor reads is the group's figures (services.progress), never anyone's."""

from datetime import timedelta

import pytest

from entraide.challenges import services
from entraide.challenges.models import Challenge
from entraide.challenges.tests.conftest import build_challenge, joined
from entraide.challenges.views.public import pledge_days
from tests.factories import WorkshopFactory

pytestmark = pytest.mark.django_db


def _page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def _kept_days(challenge, people, day, statuses):
    """Each of `people` checks in `day` with `statuses` (one per pledge chosen)."""
    for participant in people:
        pledges = list(participant.pledges.all())
        services.check_in(participant, day, dict(zip(pledges, statuses, strict=False)))


def test_the_list_shows_current_and_upcoming_challenges_first_then_past_ones(client, place, bob):
    past = services.publish(build_challenge(place, bob, started_days_ago=30, title="Passé"))
    running = services.publish(build_challenge(place, bob, title="En cours"))
    coming = services.publish(build_challenge(place, bob, started_days_ago=-5, title="À venir"))
    build_challenge(place, bob, title="Brouillon caché")  # a draft: not listed

    html = _page(client, "/defis/")

    positions = [html.index(c.get_absolute_url()) for c in (running, coming, past)]
    assert positions == sorted(positions)
    assert "Brouillon caché" not in html
    assert place.name in html
    assert "0\u00a0journée sur 1\u00a0000" in html
    assert "Commence dans 5\u00a0jours" in html or "Commence dans 5 jours" in html
    assert "Terminé" in html


def test_the_list_is_paginated(client, place, bob, settings):
    settings.ENTRAIDE_PAGE_SIZE = 2
    for n in range(3):
        services.publish(build_challenge(place, bob, title=f"Défi {n}", started_days_ago=n))

    first, second = _page(client, "/defis/"), _page(client, "/defis/?page=2")

    assert first.count('class="card"') == 2
    assert second.count('class="card"') == 1
    assert 'rel="next"' in first


def test_a_challenge_shows_its_dates_day_place_pledges_and_description(client, challenge):
    html = _page(client, challenge.get_absolute_url())

    assert challenge.title in html
    assert challenge.place.name in html
    assert "Jour 4 sur 10" in html
    start, end = challenge.starts_on, challenge.ends_on
    assert f"{end.day}" in html
    assert ("du " + str(start.day)) in html
    assert "<strong>dix jours</strong>" in html  # the description's Markdown
    assert "Pas de réseaux sociaux" in html
    assert f'href="{challenge.join_url()}"' in html


def test_the_dates_read_as_a_sentence():
    from django.utils import translation

    from entraide.challenges.views.public import dates_of

    challenge = Challenge(starts_on=_d(2026, 12, 2), ends_on=_d(2026, 12, 11))
    other = Challenge(starts_on=_d(2026, 11, 28), ends_on=_d(2026, 12, 6))
    with translation.override("fr"):
        assert dates_of(challenge, _d(2026, 11, 26)) == "du 2 au 11 décembre"
        assert dates_of(other, _d(2026, 11, 26)) == "du 28 novembre au 6 décembre"
        assert dates_of(challenge, _d(2025, 1, 1)) == "du 2 au 11 décembre 2026"
        first = Challenge(starts_on=_d(2026, 11, 22), ends_on=_d(2026, 12, 1))
        assert dates_of(first, _d(2026, 11, 26)) == "du 22 novembre au 1er décembre"


def _d(*parts):
    from datetime import date

    return date(*parts)


def test_the_progress_figures_are_those_of_the_service(client, challenge):
    lucioles, bts = challenge.teams.order_by("name")  # "BTS SIO", "Les Lucioles"
    people = [joined(challenge, n, team=lucioles) for n in range(3)]
    people += [joined(challenge, n, team=bts) for n in range(3, 7)]
    people += [joined(challenge, 7)]
    today = challenge.today()
    _kept_days(challenge, people, today - timedelta(days=1), ["tenu", "a-moitie"])
    _kept_days(challenge, people[:4], today, ["tenu", "tenu"])

    html = _page(client, challenge.get_absolute_url())
    progress = services.progress(challenge)

    assert progress.total.pledge_days == 8 * 1.5 + 8
    assert progress.people == 8
    assert "20\u00a0journées sur 1\u00a0000" in html
    assert f'value="{progress.percent}"' in html
    assert "<progress" in html
    assert "8 personnes participent" in html
    assert "Aujourd’hui, 4 personnes ont noté leur journée" in html or "4 personnes" in html
    assert pledge_days(progress.today_counts) in html  # "8 journées"
    for team in progress.teams:
        assert team.name in html
        if team.counts is not None:
            assert pledge_days(team.counts) in html


def test_teams_are_in_alphabetical_order_never_ranked_and_small_totals_withheld(client, challenge):
    zebres = services.add_team(challenge, "Zèbres")
    abeilles = services.add_team(challenge, "Abeilles")
    big = [joined(challenge, n, team=zebres) for n in range(4)]  # the most days
    joined(challenge, 10, team=abeilles)  # one person: withheld
    _kept_days(challenge, big, challenge.today(), ["tenu", "tenu"])

    html = _page(client, challenge.get_absolute_url())

    names = ["Abeilles", "BTS SIO", "Les Lucioles", "Zèbres"]
    positions = [html.index(f"<strong>{name}</strong>") for name in names]
    assert positions == sorted(positions)
    assert "par ordre alphabétique" in html.lower()
    assert "1er" not in html
    assert "classement" not in html.lower().replace("pas classées", "")
    assert "moins de 3\u00a0personnes" in html or "moins de 3 personnes" in html
    assert "8\u00a0journées" in html  # the Zèbres' total shown


def test_nothing_public_names_a_participant(client, challenge):
    lea = joined(challenge, 0)
    services.check_in(lea, challenge.today(), dict.fromkeys(lea.pledges.all(), "tenu"))

    for url in ("/defis/", challenge.get_absolute_url(), challenge.testimonies_url()):
        html = _page(client, url)
        assert lea.display_name not in html
        assert lea.email not in html


def test_a_draft_is_not_found_for_visitors_and_a_preview_for_its_organisers(
    client, client_for, place, bob, alice
):
    draft = build_challenge(place, bob)

    for url in (draft.get_absolute_url(), draft.join_url(), draft.testimonies_url()):
        assert client.get(url).status_code == 404
    client_for(alice)
    assert client.get(draft.get_absolute_url()).status_code == 404

    client_for(bob)
    html = _page(client, draft.get_absolute_url())
    assert "Brouillon" in html
    assert draft.manage_url() in html
    assert f'href="{draft.join_url()}"' not in html


def test_unknown_slugs_are_not_found(client, challenge):
    for url in ("/defis/nexiste-pas/", "/defis/nexiste-pas/participer/", "/defis/x/temoignages/"):
        assert client.get(url).status_code == 404


def test_workshops_and_offline_activities_are_listed(client, challenge, place):
    before = WorkshopFactory(place=place, title="Préparer son défi")
    during = WorkshopFactory(place=place, title="Balade sans téléphone")
    draft = WorkshopFactory(place=place, title="Atelier brouillon", status="brouillon")
    services.set_workshops(challenge, preparatory=[before, draft], activities=[during])
    services.update_challenge(challenge, changes={"activities": "Soirée jeux\n\nPique-nique"})

    html = _page(client, challenge.get_absolute_url())

    for shown in ("Préparer son défi", "Balade sans téléphone", "Soirée jeux", "Pique-nique"):
        assert shown in html
    assert before.get_absolute_url() in html
    assert during.get_absolute_url() in html
    assert "Atelier brouillon" not in html


def test_published_testimonies_anonymous_or_signed_the_others_not_shown(client, challenge):
    people = [joined(challenge, n) for n in range(5)]
    texts = {}
    for n, participant in enumerate(people):
        testimony = services.leave_testimony(
            participant, f"Témoignage {n} <script>alert(1)</script>", signed=n == 1
        )
        texts[n] = testimony
        if n < 4:
            services.publish_testimony(testimony)
    services.hide_testimony(texts[3], "Hors sujet")

    detail = _page(client, challenge.get_absolute_url())
    page = _page(client, challenge.testimonies_url())

    assert detail.count('class="testimony"') == 3
    assert challenge.testimonies_url() in detail
    for n in (0, 1, 2):
        assert f"Témoignage {n} &lt;script&gt;" in page
    assert "Témoignage 3" not in page
    assert "Témoignage 4" not in page
    assert "<script>alert" not in page
    assert "<script>alert" not in detail
    assert page.count("— Anonyme") == 2
    assert "— Personne 1" in page


def test_testimonies_are_paginated(client, challenge, settings):
    settings.ENTRAIDE_PAGE_SIZE = 2
    for n in range(3):
        participant = joined(challenge, n)
        services.publish_testimony(services.leave_testimony(participant, f"Récit {n}"))

    first, second = (
        _page(client, challenge.testimonies_url()),
        _page(client, challenge.testimonies_url() + "?page=2"),
    )

    assert first.count('class="testimony"') == 2
    assert second.count('class="testimony"') == 1


def test_scripts_in_the_organisers_texts_are_inert(client, place, bob):
    hostile = "<script>alert(1)</script>"
    challenge = build_challenge(
        place,
        bob,
        title=f"Défi {hostile}",
        description=f"Texte {hostile} [lien](javascript:alert(1))",
        goal_wording=f"But {hostile}",
        activities=f"Activité {hostile}",
    )
    services.add_pledge(challenge, f"Engagement {hostile}")
    services.publish(challenge)

    for url in ("/defis/", challenge.get_absolute_url(), challenge.join_url()):
        html = _page(client, url)
        assert "<script>alert" not in html
        assert 'href="javascript' not in html
    assert "Engagement &lt;script&gt;" in html


def test_the_pages_change_at_the_next_midnight_of_a_running_challenge(place, bob):
    from datetime import UTC, datetime

    from entraide.challenges.hooks import next_time_transition as next_day_change

    now = datetime(2026, 11, 26, 22, 30, tzinfo=UTC)  # 23:30 in Paris
    assert next_day_change(now) is None
    running = build_challenge(place, bob, started_days_ago=0)
    running.starts_on, running.ends_on = now.date(), now.date() + timedelta(days=3)
    running.save()
    assert next_day_change(now) is None  # a draft changes nothing public
    services.publish(running)

    assert next_day_change(now) == datetime(2026, 11, 26, 23, 0, tzinfo=UTC)
