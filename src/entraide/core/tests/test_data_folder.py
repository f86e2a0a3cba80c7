"""Where Entraide keeps its data: the same folder whatever the current directory."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import entraide

PACKAGE_DIR = Path(entraide.__file__).resolve().parent
CHECKOUT = PACKAGE_DIR.parent.parent
PRINT_DATA_DIR = "from django.conf import settings; print(settings.DATA_DIR)"


def environment(**extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith("ENTRAIDE_")}
    env.pop("DATABASE_URL", None)
    env["SECRET_KEY"] = "data-folder-test-" + "x" * 40  # no key file is written anywhere
    return {**env, **extra}


def entraide_command(*args, cwd, env):
    return subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "-m", "entraide", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_command_run_from_another_folder_uses_the_checkout_data_folder(tmp_path):
    from_checkout = entraide_command(
        "shell", "--no-imports", "-c", PRINT_DATA_DIR, cwd=CHECKOUT, env=environment()
    )
    from_elsewhere = entraide_command(
        "shell", "--no-imports", "-c", PRINT_DATA_DIR, cwd=tmp_path, env=environment()
    )
    assert from_elsewhere.stdout.strip() == from_checkout.stdout.strip() == str(CHECKOUT / "var")
    assert list(tmp_path.iterdir()) == []  # no stray var/ folder with an empty database


def test_entraide_data_dir_chooses_the_data_folder(tmp_path):
    data_dir = tmp_path / "donnees"
    result = entraide_command(
        "shell",
        "--no-imports",
        "-c",
        PRINT_DATA_DIR,
        cwd=tmp_path,
        env=environment(ENTRAIDE_DATA_DIR=str(data_dir)),
    )
    assert result.stdout.strip() == str(data_dir)


def test_outside_a_checkout_entraide_data_dir_is_required(tmp_path):
    installed = tmp_path / "site-packages"
    shutil.copytree(
        PACKAGE_DIR,
        installed / "entraide",
        ignore=shutil.ignore_patterns("var", "__pycache__", "static", "tests", "locale"),
    )
    result = subprocess.run(
        [sys.executable, "-c", "import entraide.settings"],
        cwd=tmp_path,
        env=environment(PYTHONPATH=str(installed)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: ENTRAIDE_DATA_DIR is not set. "
        "Outside a source checkout, Entraide needs to be told where its data folder is "
        "(database, secret key, uploaded files), e.g. ENTRAIDE_DATA_DIR=/var/lib/entraide."
    )
    assert list(tmp_path.iterdir()) == [installed]
