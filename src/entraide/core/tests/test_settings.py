"""Settings without surprises: a value Entraide does not understand stops it with the variable's
name, and importing the settings creates nothing; the `entraide` command and the WSGI module
create the data folder and the secret key file."""

import os
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ImproperlyConfigured

from entraide.settings import env_bool, env_choice, env_int

BOOL_MISTAKE = (
    "SECURE='maybe' is not understood: write 1, true, yes or on for yes, "
    "0, false, no or off for no (in any case), or leave it empty for the default."
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        (" ON ", True),
        ("0", False),
        ("FALSE", False),
        ("no", False),
        ("off\n", False),
    ],
)
def test_a_yes_or_no_variable_takes_the_usual_words_in_any_case(monkeypatch, value, expected):
    monkeypatch.setenv("SECURE", value)
    assert env_bool("SECURE", default=not expected) is expected


@pytest.mark.parametrize("value", [None, "", "  "])
def test_a_yes_or_no_variable_unset_or_empty_takes_its_default(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("EMAIL_USE_TLS", raising=False)
    else:
        monkeypatch.setenv("EMAIL_USE_TLS", value)
    assert (env_bool("EMAIL_USE_TLS", True), env_bool("EMAIL_USE_TLS", False)) == (True, False)


@pytest.mark.parametrize("value", ["maybe", "2", "y", "enabled", "-1"])
def test_a_yes_or_no_variable_with_another_value_is_refused_not_read_as_no(monkeypatch, value):
    monkeypatch.setenv("SECURE", value)
    with pytest.raises(ImproperlyConfigured) as refused:
        env_bool("SECURE")
    assert str(refused.value) == BOOL_MISTAKE.replace("'maybe'", repr(value))


def test_numbers_and_choices_are_refused_with_the_variable_and_what_it_takes(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "587 ")
    assert env_int("EMAIL_PORT", 25) == 587
    monkeypatch.setenv("EMAIL_PORT", "smtp")
    with pytest.raises(ImproperlyConfigured) as refused:
        env_int("EMAIL_PORT", 587)
    assert str(refused.value) == (
        "EMAIL_PORT='smtp' is not understood: write a whole number, "
        "or leave it empty for the default (587)."
    )

    monkeypatch.setenv("TASKS_BACKEND", "Immediate")
    assert env_choice("TASKS_BACKEND", ("database", "immediate"), "database") == "immediate"
    monkeypatch.setenv("TASKS_BACKEND", "celery")
    with pytest.raises(ImproperlyConfigured) as refused:
        env_choice("TASKS_BACKEND", ("database", "immediate"), "database")
    assert str(refused.value) == (
        "TASKS_BACKEND='celery' is not understood: write database or immediate, "
        "or leave it empty for the default (database)."
    )


def environment(data_dir, **extra):
    """The environment of a fresh site whose data folder is `data_dir`: no SECRET_KEY, so its key
    file is the one in that folder."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ENTRAIDE_")}
    for name in ("DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "SECURE", "DEBUG"):
        env.pop(name, None)
    return {**env, "ENTRAIDE_DATA_DIR": str(data_dir), **extra}


def python(code, env):
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )


def entraide(*args, env):
    return subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "-m", "entraide", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_importing_the_settings_creates_no_folder_and_no_key(tmp_path):
    data_dir = tmp_path / "donnees"

    imported = python(
        "import entraide.settings as s; print(s.DATA_DIR, repr(s.SECRET_KEY))",
        environment(data_dir),
    )

    assert (imported.returncode, imported.stderr) == (0, "")
    assert imported.stdout.split() == [str(data_dir), "''"]
    assert list(tmp_path.iterdir()) == []


def test_without_a_key_file_django_refuses_to_sign_rather_than_make_up_a_key(tmp_path):
    """A process that skipped `entraide` and the WSGI module must not sign with a key of its
    own: several workers would each have theirs."""
    signed = python(
        "import django; django.setup(); from django.core import signing; signing.dumps(1)",
        environment(tmp_path / "donnees", DJANGO_SETTINGS_MODULE="entraide.settings"),
    )

    assert signed.returncode == 1
    assert signed.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: The SECRET_KEY setting must not be empty."
    )
    assert list(tmp_path.iterdir()) == []


def test_help_creates_nothing(tmp_path):
    helped = entraide("help", env=environment(tmp_path / "donnees"))
    assert helped.returncode == 0
    assert "migrate" in helped.stdout
    assert list(tmp_path.iterdir()) == []


def test_the_first_entraide_command_creates_the_folder_and_a_private_key_then_keeps_it(tmp_path):
    data_dir = tmp_path / "srv" / "donnees"
    env = environment(data_dir)

    checked = entraide("check", env=env)

    assert (checked.returncode, checked.stderr) == (0, "")
    key_file = data_dir / "secret_key"
    key = key_file.read_text().strip()
    assert len(key) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert sorted(path.name for path in data_dir.iterdir()) == ["secret_key"]

    printed = entraide(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        env=env,
    )
    assert printed.stdout.strip() == key == key_file.read_text().strip()


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the SQLite file of a fresh site; PostgreSQL has no file",
)
def test_migrate_on_a_fresh_site_makes_its_database_in_the_new_folder(tmp_path):
    data_dir = tmp_path / "donnees"

    migrated = entraide("migrate", "--noinput", "-v0", env=environment(data_dir))

    assert migrated.returncode == 0, migrated.stderr[-2000:]
    assert {"entraide.sqlite3", "secret_key"} <= {path.name for path in data_dir.iterdir()}


def test_with_the_key_in_the_environment_no_key_file_is_written(tmp_path):
    data_dir = tmp_path / "donnees"

    checked = entraide("check", env=environment(data_dir, SECRET_KEY="k" * 50))

    assert (checked.returncode, checked.stderr) == (0, "")
    assert data_dir.is_dir()
    assert list(data_dir.iterdir()) == []


def test_web_workers_starting_together_on_a_fresh_server_share_one_key(tmp_path):
    data_dir = tmp_path / "donnees"
    env = environment(data_dir)
    start_a_worker = (
        "import entraide.wsgi; from django.conf import settings; print(settings.SECRET_KEY)"
    )

    with ThreadPoolExecutor(max_workers=4) as pool:
        workers = list(pool.map(lambda _n: python(start_a_worker, env), range(4)))

    assert [worker.returncode for worker in workers] == [0] * 4  # (static files not collected)
    keys = {worker.stdout.strip() for worker in workers}
    assert keys == {(data_dir / "secret_key").read_text().strip()}
    assert sorted(path.name for path in data_dir.iterdir()) == ["secret_key"]  # no draft left


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("SECURE", "maybe", BOOL_MISTAKE),
        (
            "ENTRAIDE_RETENTION_DAYS",
            "un an",
            "ENTRAIDE_RETENTION_DAYS='un an' is not understood: write a whole number, "
            "or leave it empty for the default (365).",
        ),
    ],
)
def test_a_command_with_a_value_it_does_not_understand_stops_in_one_line(
    tmp_path, variable, value, message
):
    data_dir = tmp_path / "donnees"

    refused = entraide("migrate", env=environment(data_dir, **{variable: value}))

    assert (refused.returncode, refused.stdout, refused.stderr) == (1, "", f"entraide: {message}\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("variable", "default"), [("PORT", 8000), ("WEB_CONCURRENCY", 2)])
def test_serve_with_a_number_it_does_not_understand_stops_in_one_line(tmp_path, variable, default):
    refused = entraide("serve", env=environment(tmp_path / "donnees", **{variable: "huit"}))

    message = (
        f"{variable}='huit' is not understood: write a whole number, "
        f"or leave it empty for the default ({default})."
    )
    assert (refused.returncode, refused.stdout, refused.stderr) == (1, "", f"entraide: {message}\n")
