"""The SQLite database as configured in settings, on a real file."""

from django.conf import settings
from django.db.utils import ConnectionHandler


def test_erased_personal_data_does_not_stay_readable_in_the_database_file(
    tmp_path, django_db_blocker
):
    path = tmp_path / "entraide.sqlite3"
    # Debian's SQLite is built with secure_delete on, others (Python's own builds) are not:
    # start from "off" so that the settings must turn it on.
    options = settings.SQLITE_OPTIONS | {
        "init_command": "PRAGMA secure_delete=OFF; " + settings.SQLITE_OPTIONS["init_command"]
    }
    connections = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": path,
                "OPTIONS": options,
            }
        }
    )
    connection = connections["default"]
    with django_db_blocker.unblock():
        try:
            with connection.cursor() as cursor:
                cursor.execute("CREATE TABLE registration (id INTEGER PRIMARY KEY, email TEXT)")
                for n in range(50):
                    cursor.execute(
                        "INSERT INTO registration (email) VALUES (%s)", [f"n{n}@example.org"]
                    )
                cursor.execute(
                    "INSERT INTO registration (email) VALUES (%s)",
                    ["dominique.erasable@example.org"],
                )
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            assert b"dominique.erasable@example.org" in path.read_bytes()

            with connection.cursor() as cursor:
                cursor.execute(
                    "DELETE FROM registration WHERE email = %s", ["dominique.erasable@example.org"]
                )
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connections.close_all()

    wal = path.with_name(path.name + "-wal")
    on_disk = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert on_disk.count(b"dominique.erasable@example.org") == 0
