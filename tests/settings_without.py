"""The site's settings without some capabilities: ENTRAIDE_WITHOUT="workshops,polls" drops
entraide.workshops and entraide.polls from INSTALLED_APPS (tests/test_capabilities_removable.py)."""

import os

from entraide.settings import *  # noqa: F403
from entraide.settings import ALLOWED_HOSTS, INSTALLED_APPS

WITHOUT = [label for label in os.environ.get("ENTRAIDE_WITHOUT", "").split(",") if label]
INSTALLED_APPS = [app for app in INSTALLED_APPS if app.removeprefix("entraide.") not in WITHOUT]
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # Django's test client
# Static files unversioned: the walk needs no collectstatic (it never follows /static/).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
