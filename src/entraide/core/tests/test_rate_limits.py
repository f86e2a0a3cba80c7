"""Rate limits fit real places: one budget per destination address shared by every form that
mails an address typed by a visitor, and per network (an IPv4 address, an IPv6 /64) only
against floods. The concurrent, multi-process side is in tests/concurrency/test_rate_limits.py."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from entraide.core import rate_limits
from entraide.core.models import RateCount
from entraide.places.models import Membership
from entraide.polls import services as polls
from entraide.workshops.models import Registration
from tests.factories import UserFactory, WorkshopFactory

pytestmark = pytest.mark.django_db

MAIL_LIMIT = (
    "Trop de courriels ont été envoyés à cette adresse au cours de la dernière heure\u00a0: "
    "réessayez dans une heure, ou indiquez une autre adresse."
)


@pytest.fixture
def workshop(place):
    return WorkshopFactory(place=place, title="Réparer son ordinateur", capacity=100)


@pytest.fixture
def poll(place, bob):
    start = timezone.now().replace(microsecond=0) + timedelta(days=7)
    return polls.create_poll(
        place, by=bob, fields={"title": "Dispos"}, slots=[(start, start + timedelta(hours=2))]
    )


def register(client, workshop, email, **extra):
    data = {"name": "Camille", "email": email}
    return client.post(f"/ateliers/{workshop.slug}/inscription/", data, **extra)


def answer(client, poll, email, name, **extra):
    data = {"name": name, "email": email, f"slot_{poll.slots.get().pk}": "oui"}
    return client.post(f"/sondages/{poll.slug}/repondre/", data, **extra)


@pytest.mark.parametrize(
    ("ip", "network"),
    [
        ("192.0.2.7", "192.0.2.7"),
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        ("[2001:db8::1]", "2001:db8::/64"),
        ("pas une adresse", "unknown"),
    ],
)
def test_a_network_is_an_ipv4_address_or_an_ipv6_slash_64(ip, network):
    assert rate_limits.network_of(ip) == network


def test_behind_a_proxy_the_address_is_read_from_the_configured_header(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="2001:db8::5")
    settings.ENTRAIDE_CLIENT_IP_HEADER = None
    assert rate_limits.client_ip(request) == "127.0.0.1"
    settings.ENTRAIDE_CLIENT_IP_HEADER = "X-Real-IP"
    assert rate_limits.client_ip(request) == "2001:db8::5"
    forwarded = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.4")
    settings.ENTRAIDE_CLIENT_IP_HEADER = "X-Forwarded-For"
    assert rate_limits.client_ip(forwarded) == "198.51.100.4"  # the one our proxy added


def test_allauth_reads_the_visitors_address_from_the_same_header():
    from entraide.core.tests.test_settings import environment, python

    code = "import entraide.settings as s; print(s.ALLAUTH_TRUSTED_CLIENT_IP_HEADER)"
    read = python(code, environment("/nonexistent", CLIENT_IP_HEADER="X-Real-IP"))
    assert (read.stdout.strip(), read.stderr) == ("X-Real-IP", "")
    read = python(code, environment("/nonexistent"))
    assert (read.stdout.strip(), read.stderr) == ("None", "")


@pytest.mark.parametrize("value", ["0", "-5"])
def test_a_limit_below_one_is_refused_at_start(value):
    from entraide.core.tests.test_settings import environment, python

    started = python(
        "import entraide.settings", environment("/nonexistent", ENTRAIDE_POSTS_PER_NETWORK=value)
    )
    assert started.returncode == 1
    assert started.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: "
        f"ENTRAIDE_POSTS_PER_NETWORK={int(value)!r} is not understood: write a whole number of "
        "at least 1, or leave it empty for the default (300)."
    )


def test_a_whole_ipv6_slash_64_shares_one_budget_and_sees_a_clear_page_in_french(
    client, workshop, settings
):
    settings.ENTRAIDE_POSTS_PER_NETWORK = 2
    assert register(client, workshop, "a@example.org", REMOTE_ADDR="2001:db8::1").status_code == 302
    assert register(client, workshop, "b@example.org", REMOTE_ADDR="2001:db8::2").status_code == 302

    refused = register(client, workshop, "c@example.org", REMOTE_ADDR="2001:db8::ffff:3")

    assert refused.status_code == 429
    assert "<h1>Trop de demandes depuis votre réseau</h1>" in refused.text
    assert "Ce que vous venez d’envoyer n’a pas été enregistré." in refused.text
    assert 1 <= int(refused["Retry-After"]) <= 3600
    minutes = -(-int(refused["Retry-After"]) // 60)
    assert f"Réessayez dans {minutes} minute" in refused.text
    assert f'href="{workshop.get_absolute_url()}">Retour</a>' in refused.text
    assert Registration.objects.count() == 2
    another_network = register(client, workshop, "c@example.org", REMOTE_ADDR="2001:db8:0:1::1")
    assert another_network.status_code == 302


def test_a_class_of_sixty_behind_one_campus_address_all_register(client, workshop):
    statuses = [
        register(client, workshop, f"etudiant{n}@univ.example", REMOTE_ADDR="192.0.2.50")
        for n in range(60)
    ]
    assert [response.status_code for response in statuses] == [302] * 60
    assert len(mail.outbox) == 60


def test_one_address_has_one_budget_across_every_form_that_mails_it(
    client, client_for, workshop, poll, bob
):
    target = "cible@example.org"
    assert [register(client, workshop, target).status_code for _ in range(3)] == [302] * 3
    assert [answer(client, poll, target, f"P{n}").status_code for n in range(2)] == [302] * 2
    assert len(mail.outbox) == 5

    refused = answer(client, poll, " Cible@Example.org ", "P2")
    assert refused.status_code == 429
    assert refused.context["answer_form"].errors == {"email": [MAIL_LIMIT]}
    assert register(client, workshop, target).context["form"].errors == {"email": [MAIL_LIMIT]}
    organiser = client_for(bob)
    invited = organiser.post(f"/lieux/gerer/{workshop.place.slug}/inviter/", {"email": target})
    assert invited.status_code == 429
    assert invited.context["invitation_form"].errors == {"email": [MAIL_LIMIT]}
    assert len(mail.outbox) == 5
    assert not Membership.objects.filter(place=workshop.place, user__email=target).exists()

    assert register(client, workshop, "autre@example.org").status_code == 302


def test_the_refusal_is_the_same_whether_the_address_has_an_account_or_not(client, workshop):
    UserFactory(email="inscrite@example.org")
    answers = {}
    for email in ("inscrite@example.org", "inconnue@example.org"):
        for _ in range(5):
            register(client, workshop, email)
        refused = register(client, workshop, email)
        answers[email] = (refused.status_code, refused.context["form"].errors)
    assert answers["inscrite@example.org"] == answers["inconnue@example.org"]
    assert answers["inconnue@example.org"] == (429, {"email": [MAIL_LIMIT]})


def test_the_counts_keep_no_address_and_old_windows_are_pruned(client, workshop):
    register(client, workshop, "dominique@example.org", REMOTE_ADDR="192.0.2.8")
    rows = list(RateCount.objects.values_list("key", "count"))
    assert sorted(count for _key, count in rows) == [1, 1]  # the address, the network
    assert all(len(key) == 64 and "dominique" not in key and "192.0" not in key for key, _ in rows)

    RateCount.objects.update(window_start=timezone.now() - timedelta(days=2))
    RateCount.objects.create(key="f" * 64, window_start=timezone.now(), count=1)
    call_command("prune_queues", stdout=StringIO())
    assert list(RateCount.objects.values_list("key", flat=True)) == ["f" * 64]


def test_a_limit_counts_each_hit_once_and_lets_exactly_the_limit_through():
    verdicts = [rate_limits.hit("test", "x", limit=3, period=60) for _ in range(5)]
    assert [v.allowed for v in verdicts] == [True, True, True, False, False]
    assert RateCount.objects.get().count == 5
