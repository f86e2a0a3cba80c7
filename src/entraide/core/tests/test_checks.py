"""System checks that refuse a production configuration whose mails would carry wrong links."""

import os
import secrets
import subprocess
import sys

from django.core import checks
from django.test import override_settings

from entraide.core.checks import site_url_is_public


@override_settings(SECURE=True, ENTRAIDE_SITE_URL="http://127.0.0.1:8000")
def test_behind_https_the_default_site_address_is_refused_with_the_reason():
    (error,) = site_url_is_public(app_configs=None)
    assert (error.level, error.id) == (checks.ERROR, "entraide.E001")
    assert error.msg == (
        "ENTRAIDE_SITE_URL is http://127.0.0.1:8000, not an https:// address: "
        "links in mails (confirmations, private links, reminders) would point there."
    )
    assert (
        error.hint
        == "Set ENTRAIDE_SITE_URL to the public address, e.g. https://entraide.example.org."
    )


@override_settings(SECURE=True, ENTRAIDE_SITE_URL="https://")
def test_behind_https_a_site_address_without_a_host_is_refused():
    assert [error.id for error in site_url_is_public(app_configs=None)] == ["entraide.E001"]


@override_settings(SECURE=True, ENTRAIDE_SITE_URL="https://entraide.example.org")
def test_behind_https_a_public_https_address_passes():
    assert site_url_is_public(app_configs=None) == []


@override_settings(SECURE=False, ENTRAIDE_SITE_URL="http://127.0.0.1:8000")
def test_without_secure_the_local_address_is_fine_for_development():
    assert site_url_is_public(app_configs=None) == []


def check_deploy(env):
    """What .ci/run runs before a deployment."""
    command = [sys.executable, "-m", "entraide", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603


def test_check_deploy_refuses_https_without_the_site_address_then_passes_with_it(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith("ENTRAIDE_")}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests set it for their own process
    env |= {
        "ENTRAIDE_DATA_DIR": str(tmp_path),
        "SECURE": "1",
        "SECRET_KEY": secrets.token_urlsafe(50),
    }

    refused = check_deploy(env)
    assert refused.returncode == 1
    assert (
        "?: (entraide.E001) ENTRAIDE_SITE_URL is http://127.0.0.1:8000, not an https:// address"
        in refused.stderr
    )

    env["ENTRAIDE_SITE_URL"] = "https://entraide.example.org"
    passed = check_deploy(env)
    assert (passed.returncode, passed.stderr) == (0, "")
