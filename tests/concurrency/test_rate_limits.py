"""Rate limits count exactly under concurrency (gunicorn, 2 worker processes × 4 threads), in
the database of this test run (SQLite or PostgreSQL) and in Redis, and fit real places: a class
behind one campus address registers, a mail bomb to one address is stopped."""

import os
import re
import time
from collections import Counter

import pytest

from tests.concurrency.harness import REDIS_URL, App, redis_available
from tests.concurrency.test_registrations import vendor  # noqa: F401 - the database fixture

pytestmark = pytest.mark.concurrency

REGISTER = "/ateliers/atelier/inscription/"
MAIL_LIMIT = (
    "Trop de courriels ont été envoyés à cette adresse au cours de la dernière heure\u00a0: "
    "réessayez dans une heure, ou indiquez une autre adresse."
)


def registration(n, email=None, source_ip="127.0.0.1"):
    return (REGISTER, None, {"name": f"P{n}", "email": email or f"p{n}@example.org"}, source_ip)


def hundred_at_once_against_thirty(app, source_ip):
    """All from one client address, the limit's network."""
    app.seed_workshop(capacity=15, people=0)
    app.start()
    results = app.post_all([registration(n, source_ip=source_ip) for n in range(100)])
    return Counter(status for status, _seconds in results)


def test_a_limit_of_30_lets_exactly_30_of_100_simultaneous_posts_through(vendor):  # noqa: F811
    with App(vendor, env={"ENTRAIDE_POSTS_PER_NETWORK": "30"}) as app:
        statuses = hundred_at_once_against_thirty(app, "127.0.3.1")
        assert statuses == {302: 30, 429: 70}
        assert len(app.queued_mails()) == 30  # one confirmation link each, no more


def test_with_redis_a_limit_of_30_lets_exactly_30_of_100_simultaneous_posts_through(
    vendor,  # noqa: F811
):
    if not redis_available():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: Redis is required at {REDIS_URL} (TEST_REDIS_URL)")
        pytest.skip(f"no Redis at {REDIS_URL} (TEST_REDIS_URL)")
    with App(vendor, redis_url=REDIS_URL, env={"ENTRAIDE_POSTS_PER_NETWORK": "30"}) as app:
        statuses = hundred_at_once_against_thirty(app, "127.0.6.1")
        assert statuses == {302: 30, 429: 70}
        assert len(app.queued_mails()) == 30


def test_a_class_of_60_behind_one_campus_address_all_register_within_a_minute(
    vendor,  # noqa: F811
):
    with App(vendor) as app:  # the default limits
        app.seed_workshop(capacity=15, people=0)
        app.start()
        started = time.monotonic()
        results = app.post_all(
            [registration(n, f"etudiant{n}@univ.example", "127.0.4.1") for n in range(60)],
            clients=10,
        )
        assert time.monotonic() - started < 60
        assert Counter(status for status, _seconds in results) == {302: 60}
        assert len(app.queued_mails()) == 60


def test_ten_registrations_to_one_address_send_exactly_five_mails(vendor):  # noqa: F811
    target = "cible@example.org"
    with App(vendor) as app:
        app.seed_workshop(capacity=15, people=0)
        app.start()
        # From ten networks at once, as a mail bomb would come.
        results = app.post_all([registration(n, target, f"127.0.5.{n + 1}") for n in range(10)])

        assert Counter(status for status, _seconds in results) == {302: 5, 429: 5}
        assert app.mails_to(target) == 5
        status, page = app.post_page(REGISTER, registration(10, target)[2], "127.0.5.11")
        assert status == 429
        beside_the_field = re.search(
            r'<ul class="errorlist" id="id_email_error"><li>(.*?)</li></ul>\s*'
            r'<input type="email" name="email"[^>]* aria-invalid="true"',
            page,
        )
        assert beside_the_field is not None
        assert beside_the_field.group(1) == MAIL_LIMIT
        assert app.mails_to(target) == 5
