"""Shared fixtures: personas (alice takes part, bob runs a place, charlie runs another one),
factories, and the live server with the browser for browser tests."""

import os

import pytest
from django.core.cache import cache, caches
from django.utils import translation

from tests.factories import PlaceFactory, UserFactory

IN_CI = os.environ.get("CI") == "true"


def pytest_configure(config):
    """A test run creates no file: when neither SECRET_KEY nor a key file in the data folder gives
    a key (what `entraide` would create), the tests sign with this one, kept in memory."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.SECRET_KEY  # noqa: B018 - Django refuses an empty key here
    except ImproperlyConfigured:
        settings.SECRET_KEY = "entraide-tests-only-" + "t" * 40


def pytest_report_header(config):
    from django.conf import settings

    return f"database under test: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "test-pages",
        },
    }
    # Query counts measure rendering: the page cache is on in tests/caching and the browser
    # tests, which prove it never shows a stale page.
    settings.ENTRAIDE_PAGE_CACHE_SECONDS = 0
    cache.clear()
    caches["pages"].clear()
    translation.activate(
        settings.LANGUAGE_CODE
    )  # a request in English must not leak into the next test
    yield
    cache.clear()
    caches["pages"].clear()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.org", display_name="Alice")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.org", display_name="Bob")


@pytest.fixture
def charlie(db):
    return UserFactory(email="charlie@example.org", display_name="Charlie")


@pytest.fixture
def place(bob):
    return PlaceFactory(name="La Verrière", organisers=[bob])


@pytest.fixture
def client_for(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in
