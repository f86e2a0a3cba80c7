"""`entraide backup` and `entraide restore`: one archive with the database (SQLite), the secret
key and the uploaded files, that puts a site back as it was, private links included."""

import io
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import tarfile

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection

from entraide.core.backups import pg_dump_command
from entraide.workshops import services
from entraide.workshops.tests.conftest import private_link
from tests.factories import WorkshopFactory

KEY = "cle-secrete-de-test-" + "k" * 40
ARCHIVE_NAME = re.compile(r"entraide-backup-(\d{4}-\d{2}-\d{2}T\d{4})\.tar\.gz")
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the database part of a backup is SQLite's; PostgreSQL is saved with pg_dump",
)
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the pg_dump explanation is for PostgreSQL"
)


@pytest.fixture
def live_site(settings, tmp_path):
    """The data folder of a running site: its key file and an uploaded file."""
    data_dir = tmp_path / "site"
    (data_dir / "media" / "affiches").mkdir(parents=True)
    (data_dir / "media" / "affiches" / "atelier.txt").write_text("Affiche de l'atelier")
    (data_dir / "secret_key").write_text(KEY)
    settings.SECRET_KEY = KEY
    settings.SECRET_KEY_FILE = data_dir / "secret_key"
    settings.MEDIA_ROOT = data_dir / "media"
    return data_dir


def back_up(output):
    out = io.StringIO()
    call_command("backup", output=str(output), stdout=out)
    (archive,) = output.iterdir()
    return archive, out.getvalue()


def entraide(*args, data_dir):
    """An `entraide` command in another process, on the SQLite database of `data_dir`, with the
    key file of that folder (no SECRET_KEY in the environment)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ENTRAIDE_")}
    for name in ("DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env["ENTRAIDE_DATA_DIR"] = str(data_dir)
    return subprocess.run(  # noqa: S603 - our own command line
        [sys.executable, "-m", "entraide", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


# Static files are not collected in the new folder: the page links them unhashed.
OPEN_LINK = """
import json
from django.test import Client, override_settings
storages = {{"staticfiles": {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}}}
with override_settings(STORAGES=storages):
    response = Client(HTTP_HOST="127.0.0.1").get({path!r})
print(json.dumps([response.status_code, {name!r} in response.content.decode()]))
"""


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_data_folder_opens_the_private_links_sent_before(
    live_site, place, tmp_path
):
    workshop = WorkshopFactory(place=place, title="Réparer son ordinateur")
    services.register(workshop, name="Dominique", email="dominique@example.org")
    link = private_link(mail.outbox[0])

    archive, output = back_up(tmp_path / "sauvegardes")

    assert ARCHIVE_NAME.fullmatch(archive.name)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == [
            "entraide.sqlite3",
            "media",
            "media/affiches",
            "media/affiches/atelier.txt",
            "secret_key",
        ]
    assert f"Backup written: {archive}" in output

    fresh = tmp_path / "nouveau-serveur"
    restored = entraide("restore", str(archive), data_dir=fresh)
    assert (restored.returncode, restored.stderr) == (0, "")
    assert (fresh / "secret_key").read_text() == KEY
    assert stat.S_IMODE((fresh / "secret_key").stat().st_mode) == 0o600
    assert (fresh / "media" / "affiches" / "atelier.txt").read_text() == "Affiche de l'atelier"

    opened = entraide(
        "shell", "--no-imports", "-c", OPEN_LINK.format(path=link, name="Dominique"), data_dir=fresh
    )
    assert json.loads(opened.stdout) == [200, True]


def tables(path):
    database = sqlite3.connect(path)
    try:
        query = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        return [name for (name,) in database.execute(query)]
    finally:
        database.close()


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_restore_refuses_to_overwrite_an_existing_database_unless_forced(live_site, tmp_path):
    archive, _ = back_up(tmp_path / "sauvegardes")
    existing = tmp_path / "en-service"
    existing.mkdir()
    in_service = sqlite3.connect(existing / "entraide.sqlite3")
    in_service.execute("CREATE TABLE en_service (id INTEGER PRIMARY KEY)")
    in_service.close()

    refused = entraide("restore", str(archive), data_dir=existing)
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"CommandError: {existing / 'entraide.sqlite3'} already holds a database: "
        "restore with --force to replace it (stop the site first)."
    )
    assert tables(existing / "entraide.sqlite3") == ["en_service"]
    assert not (existing / "media").exists()

    forced = entraide("restore", "--force", str(archive), data_dir=existing)
    assert (forced.returncode, forced.stderr) == (0, "")
    restored = tables(existing / "entraide.sqlite3")
    assert ("workshops_registration" in restored, "en_service" in restored) == (True, False)


def test_a_crafted_archive_cannot_write_outside_the_data_folder(tmp_path):
    crafted = tmp_path / "entraide-backup-piege.tar.gz"
    with tarfile.open(crafted, "w:gz") as tar:
        for name in ("secret_key", "../evade.txt"):
            member = tarfile.TarInfo(name)
            member.size = 4
            tar.addfile(member, io.BytesIO(b"piege"))
    data_dir = tmp_path / "donnees"

    refused = entraide("restore", str(crafted), data_dir=data_dir)

    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"CommandError: {crafted} is refused, it is not an archive made by entraide backup: "
        f"'../evade.txt' would be extracted to '{tmp_path / 'evade.txt'}', "
        "which is outside the destination"
    )
    assert not (tmp_path / "evade.txt").exists()
    assert sorted(path.name for path in data_dir.iterdir()) == ["secret_key"]  # its own, new


@pytest.mark.django_db(transaction=True)
def test_when_the_key_comes_from_the_environment_the_archive_says_so_without_holding_it(
    live_site, settings, tmp_path
):
    settings.SECRET_KEY_FILE = None

    archive, output = back_up(tmp_path / "sauvegardes")

    note = (
        "The secret key comes from the SECRET_KEY environment variable, so it is not in this "
        "archive: keep it with your backups. After a restore, SECRET_KEY must have the same "
        "value, or every private link already sent stops working and everyone is signed out.\n"
    )
    with tarfile.open(archive) as tar:
        assert "secret_key" not in tar.getnames()
        assert tar.extractfile("SECRET_KEY.txt").read().decode() == note
        assert all(
            KEY.encode() not in tar.extractfile(member).read()
            for member in tar.getmembers()
            if member.isfile()
        )
    assert note in output


def test_the_pg_dump_command_names_the_database_but_never_its_password():
    database = {
        "NAME": "entraide",
        "USER": "entraide",
        "PASSWORD": "mot-de-passe",
        "HOST": "db.example.org",
        "PORT": 5432,
        "OPTIONS": {"sslmode": "require"},
    }
    assert pg_dump_command(database, "/srv/sauvegardes/entraide.dump") == (
        "pg_dump --format=custom --file=/srv/sauvegardes/entraide.dump "
        "'--dbname=postgresql://entraide@db.example.org:5432/entraide?sslmode=require'"
    )


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_the_backup_explains_pg_dump_and_keeps_the_key_and_the_files(
    live_site, tmp_path
):
    output_dir = tmp_path / "sauvegardes"
    archive, output = back_up(output_dir)

    stamp = ARCHIVE_NAME.fullmatch(archive.name).group(1)
    database = connection.settings_dict
    command = pg_dump_command(database, output_dir / f"entraide-database-{stamp}.dump")
    assert command == (
        f"pg_dump --format=custom --file={output_dir}/entraide-database-{stamp}.dump "
        f"--dbname=postgresql://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}"
    )
    assert f"The PostgreSQL database is not in this archive: save it with\n  {command}\n" in output
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == [
            "DATABASE.txt",
            "media",
            "media/affiches",
            "media/affiches/atelier.txt",
            "secret_key",
        ]
        assert command in tar.extractfile("DATABASE.txt").read().decode()
        assert tar.extractfile("secret_key").read().decode() == KEY


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_with_the_key_in_the_environment_the_backup_says_what_it_holds(
    settings, tmp_path
):
    settings.SECRET_KEY_FILE = None  # the key comes from SECRET_KEY
    settings.MEDIA_ROOT = tmp_path / "no-uploads-yet"

    archive, output = back_up(tmp_path / "sauvegardes")

    first_line = output.splitlines()[0]
    assert first_line.startswith(f"Backup written: {archive} (")
    assert first_line.endswith(", with the notes below.")
    assert "The PostgreSQL database is not in this archive" in output
    assert "The secret key comes from the SECRET_KEY environment variable" in output
