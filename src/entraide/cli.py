"""The `entraide` console command: Django's management commands under one name.

entraide demo        load the demo data (idempotent)
entraide serve       web server (gunicorn) and background worker, what script/server runs
entraide migrate     and every other Django management command

Before any command but help, `entraide` prepares the data folder: it creates the folder and,
unless SECRET_KEY is in the environment, the secret key file (importing the settings creates
neither). A configuration mistake (ENTRAIDE_DATA_DIR missing outside a checkout, SECURE=maybe)
stops it with one line naming the variable, rather than a traceback.
"""

import os
import sys

HELP = {"help", "--help", "-h", "version", "--version"}


def prepare():
    """Create the data folder and the secret key file if they are missing (the WSGI module does
    the same). Returns an error message for the operator when the settings are wrong."""
    from django.core.exceptions import ImproperlyConfigured

    try:
        from entraide.settings import prepare_data_dir

        prepare_data_dir()
    except ImproperlyConfigured as error:
        return f"entraide: {error}"
    return None


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings")
    arguments = sys.argv[1:]
    if arguments and arguments[0] not in HELP and (error := prepare()):
        sys.exit(error)
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["entraide", *arguments])
    except ImproperlyConfigured as error:  # a variable a command reads (PORT=huit)
        sys.exit(f"entraide: {error}")


if __name__ == "__main__":
    main()
