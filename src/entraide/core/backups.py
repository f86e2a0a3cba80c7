"""Backups of a site: one dated .tar.gz with the SQLite database (a consistent copy made with
SQLite's online backup API, safe while the site runs and writes), the secret key file and the
uploaded files (MEDIA_ROOT). A PostgreSQL database is saved with pg_dump instead; the archive
then says how.

Archive members, as in the data folder:
  entraide.sqlite3   the database (SQLite only)
  secret_key         the key file (when the key does not come from the environment)
  media/             the uploaded files
  SECRET_KEY.txt     when the key comes from the SECRET_KEY environment variable: a note
  DATABASE.txt       with PostgreSQL: how to save and load the database
"""

import io
import os
import shlex
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import connection
from django.utils import timezone

DATABASE_FILE = "entraide.sqlite3"
KEY_FILE = "secret_key"
MEDIA = "media"
KEY_NOTE = "SECRET_KEY.txt"
DATABASE_NOTE = "DATABASE.txt"
MEMBERS = {DATABASE_FILE, KEY_FILE, MEDIA, KEY_NOTE, DATABASE_NOTE}

KEY_FROM_ENVIRONMENT = (
    "The secret key comes from the SECRET_KEY environment variable, so it is not in this "
    "archive: keep it with your backups. After a restore, SECRET_KEY must have the same value, "
    "or every private link already sent stops working and everyone is signed out.\n"
)


class BackupError(Exception):
    pass


@dataclass
class Report:
    """What a backup or a restore did, in sentences for the operator."""

    path: Path | None = None
    notes: list[str] = field(default_factory=list)


def _postgresql_uri(database):
    """A libpq connection URI for `database` (a DATABASES entry), without its password."""
    user = quote(str(database.get("USER") or ""), safe="")
    host = str(database.get("HOST") or "")
    query = {
        name: value
        for name, value in (database.get("OPTIONS") or {}).items()
        if isinstance(value, str | int) and "password" not in name
    }
    if host.startswith("/"):  # a Unix socket folder
        query = {"host": host, **query}
        host = ""
    elif ":" in host:  # IPv6
        host = f"[{host}]"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    netloc = f"{user}@{host}{port}" if user else f"{host}{port}"
    uri = f"postgresql://{netloc}/{quote(str(database['NAME']), safe='')}"
    return f"{uri}?{urlencode(query)}" if query else uri


def pg_dump_command(database, dump_file):
    """The pg_dump command line that saves `database` (a DATABASES entry) into `dump_file`; the
    password is not in it (pg_dump asks for it, or reads ~/.pgpass or PGPASSWORD)."""
    return shlex.join(
        [
            "pg_dump",
            "--format=custom",
            f"--file={dump_file}",
            f"--dbname={_postgresql_uri(database)}",
        ]
    )


def pg_restore_command(database, dump_file):
    return shlex.join(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            f"--dbname={_postgresql_uri(database)}",
            str(dump_file),
        ]
    )


def _files(count):
    return f"{count} uploaded file" + ("" if count == 1 else "s")


def size(path):
    """The size of a file, for people: 640 bytes, 15 kB, 1.2 MB, 3.4 GB."""
    value = Path(path).stat().st_size
    if value < 1000:
        return f"{value} bytes"
    for unit in ("kB", "MB", "GB"):
        value /= 1000
        if value < 1000 or unit == "GB":
            return f"{value:.0f} {unit}" if value >= 10 else f"{value:.1f} {unit}"
    raise AssertionError("unreachable")


def _add_text(tar, name, text):
    data = text.encode()
    member = tarfile.TarInfo(name)
    member.size = len(data)
    member.mode = 0o600
    member.mtime = int(timezone.now().timestamp())
    tar.addfile(member, fileobj=io.BytesIO(data))


def _copy_sqlite(target_path):
    """Copy the site's SQLite database into `target_path` with the online backup API: one
    consistent snapshot, while the site goes on reading and writing (WAL)."""
    connection.ensure_connection()
    target = sqlite3.connect(target_path)
    try:
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        target.close()


def _archive_path(output, stamp):
    path = output / f"entraide-backup-{stamp}.tar.gz"
    n = 2
    while path.exists():
        path = output / f"entraide-backup-{stamp}-{n}.tar.gz"
        n += 1
    return path


def back_up(output: Path) -> Report:
    output = Path(output).resolve()
    output.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y-%m-%dT%H%M")
    report = Report(path=_archive_path(output, stamp))
    partial = report.path.with_name(f".{report.path.name}.partial")
    key_file = getattr(settings, "SECRET_KEY_FILE", None)
    media = Path(settings.MEDIA_ROOT)

    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with (
            os.fdopen(descriptor, "wb") as raw,
            tempfile.TemporaryDirectory(dir=output, prefix=".entraide-backup-") as scratch,
        ):
            with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                if connection.vendor == "sqlite":
                    copy = Path(scratch) / DATABASE_FILE
                    _copy_sqlite(copy)
                    tar.add(copy, arcname=DATABASE_FILE)
                    report.notes.append("the SQLite database")
                else:
                    dump = output / f"entraide-database-{stamp}.dump"
                    database = connection.settings_dict
                    explanation = (
                        f"The {connection.display_name} database is not in this archive: "
                        f"save it with\n  {pg_dump_command(database, dump)}\n"
                        "(pg_dump asks for the password, or reads it from ~/.pgpass or "
                        "PGPASSWORD), and load it back with\n"
                        f"  {pg_restore_command(database, dump)}\n"
                    )
                    _add_text(tar, DATABASE_NOTE, explanation)
                    report.notes.append(explanation)
                if key_file is None:
                    _add_text(tar, KEY_NOTE, KEY_FROM_ENVIRONMENT)
                    report.notes.append(KEY_FROM_ENVIRONMENT)
                else:
                    tar.add(key_file, arcname=KEY_FILE)
                    report.notes.append("the secret key")
                if media.is_dir():  # streamed file by file
                    tar.add(media, arcname=MEDIA)
                    count = sum(len(files) for _, _, files in os.walk(media))
                    report.notes.append(_files(count))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, report.path)
    finally:
        partial.unlink(missing_ok=True)
    return report


def _check_members(tar, archive, destination):
    """Refuse, before writing anything, an archive with a member that would land outside the
    data folder (../, absolute paths, links) or that entraide backup does not write."""
    for member in tar.getmembers():
        try:
            tarfile.data_filter(member, str(destination))
        except tarfile.FilterError as error:
            raise BackupError(
                f"{archive} is refused, it is not an archive made by entraide backup: {error}"
            ) from error
        if member.name.split("/", 1)[0] not in MEMBERS:
            raise BackupError(
                f"{archive} is refused, it is not an archive made by entraide backup: "
                f"unexpected member {member.name!r}"
            )


def _existing_database():
    """A description of the database this restore would replace, or None."""
    if connection.vendor == "sqlite":
        path = Path(settings.DATABASES["default"]["NAME"])
        return f"{path} already holds a database" if path.exists() else None
    if connection.introspection.table_names():
        return f"The {connection.display_name} database already holds Entraide's tables"
    return None


def _write_key(source, target):
    draft = target.with_name(f".secret_key.restore.{os.getpid()}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as key_file:
        key_file.write(source.read_text())
    os.replace(draft, target)


def restore(archive: Path, *, force=False) -> Report:
    archive = Path(archive).resolve()
    data_dir = Path(settings.DATA_DIR)
    report = Report()
    with tarfile.open(archive) as tar:
        _check_members(tar, archive, data_dir)
        names = {member.name.split("/", 1)[0] for member in tar.getmembers()}
        if DATABASE_FILE in names and connection.vendor != "sqlite":
            raise BackupError(
                f"{archive} holds a SQLite database, but this site uses "
                f"{connection.display_name}: restore it with a SQLite configuration "
                "(no DATABASE_URL)."
            )
        if not force and (existing := _existing_database()):
            raise BackupError(
                f"{existing}: restore with --force to replace it (stop the site first)."
            )
        with tempfile.TemporaryDirectory(dir=data_dir, prefix=".entraide-restore-") as scratch:
            scratch = Path(scratch)
            tar.extractall(scratch, filter="data")
            if (scratch / DATABASE_FILE).is_file():
                _restore_sqlite(
                    scratch / DATABASE_FILE, Path(settings.DATABASES["default"]["NAME"])
                )
                report.notes.append("the SQLite database")
            if (scratch / KEY_FILE).is_file():
                _write_key(scratch / KEY_FILE, data_dir / KEY_FILE)
                report.notes.append("the secret key")
                if getattr(settings, "SECRET_KEY_FILE", None) is None:
                    report.notes.append(
                        "SECRET_KEY is set in the environment, so it is used rather than the "
                        "restored key file: private links work only if it is the key the "
                        "backup was made with."
                    )
            if (scratch / KEY_NOTE).is_file():
                report.notes.append((scratch / KEY_NOTE).read_text())
            if (scratch / MEDIA).is_dir():
                count = _merge(scratch / MEDIA, Path(settings.MEDIA_ROOT))
                report.notes.append(_files(count))
            if (scratch / DATABASE_NOTE).is_file():
                report.notes.append((scratch / DATABASE_NOTE).read_text())
    return report


def _restore_sqlite(source_path, target_path):
    """Check the archived database, then copy it into place with the backup API (which also
    takes care of a WAL file left by the database it replaces)."""
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    try:
        (result,) = source.execute("PRAGMA quick_check").fetchone()
        if result != "ok":
            raise BackupError(f"The database in the archive is damaged: {result}")
        target_path.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(target_path)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _merge(source, target):
    """Move the restored files into `target`, keeping files uploaded since that the archive
    does not have."""
    count = 0
    for folder, _dirs, files in os.walk(source):
        destination = target / Path(folder).relative_to(source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in files:
            shutil.move(Path(folder) / name, destination / name)
            count += 1
    return count
