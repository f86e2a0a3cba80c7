"""The `entraide` console command: Django's management commands under one name.

entraide demo        load the demo data (idempotent)
entraide serve       web server (gunicorn) and background worker, what script/server runs
entraide migrate     and every other Django management command
"""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["entraide", *sys.argv[1:]])


if __name__ == "__main__":
    main()
