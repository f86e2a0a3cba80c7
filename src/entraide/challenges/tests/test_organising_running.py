"""Organisers follow a running challenge: its people, teams, days and progress, the
self-assessments with small counts withheld, the testimonies to moderate, a message to
everyone in their own language, and the CSV of the counts, safe in a spreadsheet."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client

from entraide.challenges import services
from entraide.challenges.models import Participant, Status, Testimony
from entraide.challenges.models import TestimonyStatus as Moderation
from entraide.challenges.services.joining import Assessment
from entraide.challenges.tests.conftest import joined
from tests.factories import PlaceFactory, UserFactory

pytestmark = pytest.mark.django_db


def keep(participant, day, status=Status.HELD):
    pledges = list(participant.pledges.all())
    services.check_in(participant, day, {p.pk: status for p in pledges})


def test_the_follow_page_counts_people_teams_days_and_the_goal(client, bob, challenge):
    lucioles = challenge.teams.get(name="Les Lucioles")
    people = [joined(challenge, n, team=lucioles) for n in range(3)]
    alone = joined(challenge, 3)
    services.join(challenge, name="Pas confirmée", email="x@example.org",
                  pledges=[challenge.pledges.first()])  # fmt: skip
    services.leave(joined(challenge, 4))
    first = challenge.starts_on
    for person in people:
        keep(person, first)  # 2 pledges each: 6 kept
    keep(alone, first + timedelta(days=1), Status.HALF)  # 2 halfway

    client.force_login(bob)
    page = client.get(challenge.manage_url())
    assert page.status_code == 200
    text = page.text
    assert "<dt>Participent</dt><dd>4</dd>" in text
    assert "<dt>Adresse pas encore confirmée</dt><dd>1</dd>" in text
    assert "<dt>Ont arrêté</dt><dd>1</dd>" in text
    assert "7 engagements-jours sur 1000" in text  # 6 kept and two halves
    assert '<progress max="100" value="0"' in text
    assert '<th scope="row">Les Lucioles</th><td>3</td><td>6</td>' in text
    assert '<th scope="row">BTS SIO</th><td>0</td><td><span class="muted">masqué' in text
    days = page.context["days"]
    assert len(days) == 4  # started three days ago: today is the fourth
    assert days[0] == {"day": first, "held": 6, "half": 0, "missed": 0, "people": 3}
    assert days[1]["half"] == 2
    assert days[1]["people"] == 1
    assert days[3]["people"] == 0


def test_the_self_assessments_show_from_five_answers(client, bob, challenge):
    for n in range(4):
        services.answer_before(joined(challenge, n), Assessment(screen_hours=4 + n, feeling=2))
    client.force_login(bob)
    page = client.get(challenge.manage_url())
    before = page.context["before"]
    assert before.answered == 4
    assert before.mean_hours is None
    assert "<td>5,5</td>" not in page.text  # the mean of four is not shown
    assert '<th scope="row">Plutôt mal</th><td>—</td>' in page.text

    services.answer_before(joined(challenge, 9), Assessment(screen_hours=9, feeling=2))
    page = client.get(challenge.manage_url())
    assert "<td>6,2</td>" in page.text  # (4+5+6+7+9) / 5
    # Five chose "rather bad", none the others: no count under five to protect
    assert '<th scope="row">Plutôt mal</th><td>5</td>' in page.text


def test_testimonies_are_published_or_hidden_with_a_reason(client, bob, challenge, lea):
    signed = services.leave_testimony(lea, "Je dors mieux.", signed=True, signature="Léa")
    anonymous = services.leave_testimony(lea, "<script>alert(1)</script>")
    client.force_login(bob)
    assert "2 témoignages en attente" in client.get(challenge.manage_url()).text
    url = f"{challenge.manage_url()}temoignages/"
    page = client.get(url)
    assert "Signé Léa" in page.text
    assert "Anonyme" in page.text
    assert "<script>alert(1)" not in page.text

    client.post(f"{url}{signed.pk}/publier/")
    signed.refresh_from_db()
    assert signed.status == Moderation.PUBLISHED

    for reason in ("", "   ", "x" * 301):
        refused = client.post(f"{url}{anonymous.pk}/masquer/", {"reason": reason})
        assert refused.status_code == 400
        assert refused.context["error_form"].has_error("reason")
        assert '<details class="hide" open>' in refused.text
    anonymous.refresh_from_db()
    assert anonymous.status == Moderation.PENDING

    client.post(f"{url}{anonymous.pk}/masquer/", {"reason": "Hors sujet"})
    anonymous.refresh_from_db()
    assert (anonymous.status, anonymous.hidden_reason) == (Moderation.HIDDEN, "Hors sujet")
    page = client.get(url)
    assert "Aucun témoignage en attente." in page.text
    assert "Masqué\u00a0: Hors sujet" in page.text


def test_a_message_reaches_everyone_taking_part_in_their_language(client, bob, challenge):
    fr = joined(challenge, 0)
    en = joined(challenge, 1)
    Participant.objects.filter(pk=en.pk).update(language="en")
    services.leave(joined(challenge, 2))
    services.join(challenge, name="Pas confirmée", email="x@example.org",
                  pledges=[challenge.pledges.first()])  # fmt: skip
    mail.outbox.clear()
    client.force_login(bob)
    url = f"{challenge.manage_url()}ecrire/"
    assert "Envoyer à 2 personnes" in client.get(url).text

    sent = client.post(url, {"subject": "Balade samedi", "body": "Rendez-vous à 10 h."},
                       follow=True)  # fmt: skip
    assert "Message envoyé à 2 participant·es." in sent.text
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {fr.email, en.email}
    assert all(m.subject.endswith("Balade samedi") or "Balade samedi" in m.subject
               for m in mail.outbox)  # fmt: skip
    assert "Rendez-vous à 10 h." in by_address[fr.email].body
    assert "Votre lien personnel" in by_address[fr.email].body
    assert "Your personal link" in by_address[en.email].body


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"subject": "", "body": "Bonjour"}, "subject"),
        ({"subject": "Bonjour", "body": "  "}, "body"),
        ({"subject": "x" * 201, "body": "Bonjour"}, "subject"),
        ({"subject": "Bonjour", "body": "x" * 10_001}, "body"),
        ({"subject": "Deux\nlignes", "body": "Bonjour"}, "subject"),
    ],
)
def test_an_empty_or_huge_message_is_refused(client, bob, challenge, lea, data, field):
    mail.outbox.clear()
    client.force_login(bob)
    response = client.post(f"{challenge.manage_url()}ecrire/", data)
    assert response.status_code == 400
    assert response.context["form"].has_error(field)
    assert mail.outbox == []


def test_the_csv_holds_the_counts_and_runs_no_formula(client, bob, challenge):
    team = challenge.teams.get(name="Les Lucioles")
    team.name = '=HYPERLINK("http://x")'
    team.save()
    lea = joined(challenge, 0, team=team)
    keep(lea, challenge.starts_on)
    client.force_login(bob)
    response = client.get(f"{challenge.manage_url()}chiffres.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "jour;équipe;tenu;à moitié;pas aujourd’hui;personnes ayant pointé"
    day = challenge.starts_on.strftime("%d/%m/%Y")
    assert lines[1] == f'{day};"\'=HYPERLINK(""http://x"")";2;0;0;1'


def test_nobody_else_reaches_the_organisers_pages(client, bob, alice, challenge, lea):
    testimony = services.leave_testimony(lea, "Je dors mieux.")
    other = UserFactory()
    PlaceFactory(organisers=[other])
    base = challenge.manage_url()
    gets = [base, f"{base}temoignages/", f"{base}ecrire/", f"{base}chiffres.csv"]
    posts = [
        (f"{base}temoignages/{testimony.pk}/publier/", {}),
        (f"{base}temoignages/{testimony.pk}/masquer/", {"reason": "Non"}),
        (f"{base}ecrire/", {"subject": "Pub", "body": "Achetez"}),
    ]
    mail.outbox.clear()
    for url in gets:
        assert client.get(url).status_code == 302, url  # to sign in
    for user in (alice, other):
        client.force_login(user)
        for url in gets:
            assert client.get(url).status_code == 403, url
        for url, data in posts:
            assert client.post(url, data).status_code == 403, url
    client.force_login(bob)
    for url in gets:
        assert client.get(url.replace(challenge.slug, "pas-un-defi")).status_code == 404
    elsewhere = services.leave_testimony(
        joined(services.publish(_other_challenge(bob)), 5), "Ailleurs"
    )
    assert client.post(f"{base}temoignages/{elsewhere.pk}/publier/").status_code == 404
    testimony.refresh_from_db()
    elsewhere.refresh_from_db()
    assert testimony.status == elsewhere.status == Moderation.PENDING
    assert not any("Pub" in message.subject for message in mail.outbox)

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(bob)
    assert strict.post(f"{base}temoignages/{testimony.pk}/publier/").status_code == 403
    assert strict.post(f"{base}ecrire/", {"subject": "a", "body": "b"}).status_code == 403
    assert Testimony.objects.get(pk=testimony.pk).status == Moderation.PENDING


def _other_challenge(bob):
    from entraide.challenges.tests.conftest import build_challenge

    return build_challenge(PlaceFactory(organisers=[bob]), bob)
