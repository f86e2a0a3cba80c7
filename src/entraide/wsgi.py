"""The WSGI application (gunicorn entraide.wsgi). Like the `entraide` command, it first creates
the data folder and the secret key file when they are missing, so that a fresh server starts;
its workers all read the one key file."""

import os

from django.core.wsgi import get_wsgi_application

from entraide.settings import prepare_data_dir

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entraide.settings")
prepare_data_dir()
application = get_wsgi_application()
