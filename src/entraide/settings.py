"""Entraide settings: one module, driven by environment variables with safe defaults.

Importing it creates no file or folder: the `entraide` command and the WSGI module call
prepare_data_dir() first, which creates the data folder and the secret key file.

Environment variables (all optional; an empty value counts as unset):
  DEBUG=1                 development mode (never in production)
  SECRET_KEY              otherwise generated once and kept in $ENTRAIDE_DATA_DIR/secret_key
  ENTRAIDE_DATA_DIR       where the SQLite file, the secret key, static files and mails live
                          (var/ at the root of the source checkout; required outside a checkout)
  DATABASE_URL            e.g. postgres://user:pass@host:5432/entraide (SQLite file by default)
  ALLOWED_HOSTS           comma-separated, default "127.0.0.1,localhost"
  CSRF_TRUSTED_ORIGINS    comma-separated origins, e.g. https://entraide.example.org
  SECURE=1                behind HTTPS: secure cookies, HSTS, redirect to HTTPS
  REDIS_URL               shared cache and rate limits' counts when several app servers run
                          (the database otherwise)
  EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS, EMAIL_USE_SSL
                          SMTP delivery; without EMAIL_HOST, mails are printed on the console
                          (or written to EMAIL_FILE_PATH when set)
  EMAIL_TIMEOUT           seconds before an SMTP attempt is given up (20)
  DEFAULT_FROM_EMAIL      sender address
  TASKS_BACKEND           "database" (the default: a queue in the database, and a worker) or
                          "immediate" (background tasks run in the process that queues them)
  ENTRAIDE_SITE_URL       the public address, used in links sent by mail from background jobs
                          (reminders), e.g. https://entraide.example.org
  ENTRAIDE_RETENTION_DAYS days after a workshop before its registrations' personal data is
                          erased (365)
  ENTRAIDE_MAIL_LEASE_SECONDS  how long a worker holds a mail it is sending (300)
  ENTRAIDE_PAGE_CACHE_SECONDS  how long a public page is kept for visitors without a cookie
                          (300; 0 turns the page cache off)
  CLIENT_IP_HEADER        behind a reverse proxy, the request header holding the visitor's
                          address for rate limits, e.g. X-Real-IP (default: the connection's)
  ENTRAIDE_MAILS_PER_ADDRESS  mails the public forms send to one address typed by a visitor,
                          an hour, all forms together (5)
  ENTRAIDE_POSTS_PER_NETWORK  sendings of one public form an hour from one network: an IPv4
                          address or an IPv6 /64 (300)
  ENTRAIDE_SITE_NAME      the site's name in pages and mails (Entraide)
  ENTRAIDE_ACCESSIBILITY_CONTACT  the address of the accessibility statement (the sender's)

Yes-or-no variables (DEBUG, SECURE, EMAIL_USE_TLS, EMAIL_USE_SSL) take 1, true, yes, on or 0,
false, no, off, in any case; numbers are whole numbers. Any other value stops Entraide with an
ImproperlyConfigured error that names the variable, rather than being read as "no".
"""

import os
import secrets
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

_yes_words = ("1", "true", "yes", "on")
_no_words = ("0", "false", "no", "off")


def _either(words):
    return ", ".join(words[:-1]) + " or " + words[-1]


def env_bool(name, default=False):
    """A yes-or-no environment variable; unset or empty, `default`. A value that is neither
    yes nor no (SECURE=maybe, DEBUG=2) is refused: guessing "no" would hide the mistake."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if value.lower() in _yes_words:
        return True
    if value.lower() in _no_words:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not understood: write {_either(_yes_words)} for yes, "
        f"{_either(_no_words)} for no (in any case), or leave it empty for the default."
    )


def env_int(name, default):
    """A whole number from the environment; unset or empty, `default`."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not understood: write a whole number, "
            f"or leave it empty for the default ({default})."
        ) from None


def env_positive_int(name, default):
    """A whole number of at least 1 (a limit of 0 would shut a form for everybody)."""
    value = env_int(name, default)
    if value < 1:
        raise ImproperlyConfigured(
            f"{name}={value!r} is not understood: write a whole number of at least 1, "
            f"or leave it empty for the default ({default})."
        )
    return value


def env_choice(name, choices, default):
    """One of `choices` (compared in lower case); unset or empty, `default`."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if value.lower() in choices:
        return value.lower()
    raise ImproperlyConfigured(
        f"{name}={value!r} is not understood: write {_either(choices)}, "
        f"or leave it empty for the default ({default})."
    )


def env_str(name, default=""):
    return os.environ.get(name) or default


def env_list(name, default=""):
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir():
    """ENTRAIDE_DATA_DIR, else the var/ folder of the source checkout Entraide runs from (never
    the current directory: a command run from elsewhere would silently make an empty database)."""
    if os.environ.get("ENTRAIDE_DATA_DIR"):
        return Path(os.environ["ENTRAIDE_DATA_DIR"]).resolve()
    checkout = PACKAGE_DIR.parent.parent
    if PACKAGE_DIR.parent.name == "src" and (checkout / "pyproject.toml").is_file():
        return checkout / "var"
    raise ImproperlyConfigured(
        "ENTRAIDE_DATA_DIR is not set. Outside a source checkout, Entraide needs to be told "
        "where its data folder is (database, secret key, uploaded files), "
        "e.g. ENTRAIDE_DATA_DIR=/var/lib/entraide."
    )


DATA_DIR = _data_dir()
# The secret key file, or None when the key comes from the SECRET_KEY environment variable.
SECRET_KEY_FILE = None if os.environ.get("SECRET_KEY") else DATA_DIR / "secret_key"


def _read_secret_key():
    """The key from the environment, else from the key file; "" when there is no file yet, which
    Django refuses as soon as the key is used ("The SECRET_KEY setting must not be empty"):
    never a key of the process's own, that other processes would not share."""
    if SECRET_KEY_FILE is None:
        return os.environ["SECRET_KEY"]
    try:
        return SECRET_KEY_FILE.read_text().strip()
    except FileNotFoundError:
        return ""


def _create_secret_key_file():
    # Written whole, readable by its owner only, then linked into place: processes starting
    # together all read the one key that won.
    draft = SECRET_KEY_FILE.with_name(f".secret_key.{os.getpid()}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as key_file:
        key_file.write(secrets.token_urlsafe(50))
    try:
        os.link(draft, SECRET_KEY_FILE)
    except FileExistsError:
        pass
    finally:
        draft.unlink()


def prepare_data_dir():
    """Create the data folder and, unless SECRET_KEY comes from the environment, the secret key
    file (once: an existing key is kept). The `entraide` command and the WSGI module call it
    before Django reads these settings; it then gives SECRET_KEY the key of the file."""
    global SECRET_KEY  # Django copies it from this module when it loads the settings
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    if SECRET_KEY_FILE is not None and not SECRET_KEY_FILE.exists():
        _create_secret_key_file()
    SECRET_KEY = _read_secret_key()


SECRET_KEY = _read_secret_key()
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "entraide.core",
    "entraide.accounts",
    "entraide.places",
    "entraide.workshops",
    "entraide.polls",
    "entraide.manifestos",
    "entraide.surveys",
    "entraide.challenges",
    "entraide.stories",
    "entraide.projects",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "django_tasks",
    "django_tasks_db",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "entraide.core.middleware.PrivateLinkReferrerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "entraide.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before anything reads a request's body: a body over the upload limit gets a 413.
    "entraide.stories.uploads.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "entraide.core.middleware.NulByteMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "entraide.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "entraide.core.middleware.InvalidFormStatusMiddleware",
    "entraide.core.middleware.ReadOnlyDatabaseMiddleware",
]

ROOT_URLCONF = "entraide.urls"
WSGI_APPLICATION = "entraide.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "entraide.core.context_processors.site",
            ],
        },
    },
    {
        # Mails are plain text: the same templates, without HTML escaping ("Labo & Co").
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite by default: WAL journal, IMMEDIATE transactions and a busy timeout, so that concurrent
# writers queue instead of failing with "database is locked".
SQLITE_PATH = DATA_DIR / "entraide.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": SQLITE_PATH}}
# secure_delete overwrites deleted content with zeros, so that erased personal data does not
# stay readable in the file's free pages.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        "PRAGMA secure_delete=ON;"
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
    # One connection per process, kept: the PRAGMAs run once, and a read-only request writes
    # nothing (closing the last connection would checkpoint the WAL and delete its files).
    DATABASES["default"]["CONN_MAX_AGE"] = None
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("ENTRAIDE_TEST_SQLITE") or None}
# A kept connection that broke (a restarted PostgreSQL) is replaced before a request uses it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Caches ------------------------------------------------------------------------------------
# "default" (allauth's rate limits, the version of the site's content) must be shared by every
# process: Redis when configured, else the database. "pages" keeps public pages for visitors
# without a cookie (entraide.core.page_cache): in Redis, shared; else in each process's memory,
# so that reading a page never writes to the database.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "entraide_cache",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "entraide-pages",
            "OPTIONS": {"MAX_ENTRIES": 500},
        },
    }

# --- Accounts (django-allauth) ------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_ADAPTER = "entraide.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "entraide.accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Entraide] "

ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated so that an administrator sees and tunes them here.
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
    "request_login_code": "20/m/ip,3/m/key",
}
LOGIN_REDIRECT_URL = "accounts:profile"
LOGIN_URL = "account_login"

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files -------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files (stories' recordings and photos, anthologies) in an S3-compatible store, for
# several app servers: `pip install 'entraide[s3]'` (django-storages) and S3_BUCKET. Files are
# private (no public ACL); Entraide serves them through its views, which check consent first.
if os.environ.get("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "file_overwrite": False,
        },
    }
# Uploads (a story's audio, up to 200 MB): counted as they stream in, and kept in memory only
# up to 2.5 MB, on disk (a temporary file) beyond; the form fields beside them stay small.
FILE_UPLOAD_HANDLERS = [
    "entraide.stories.uploads.BoundedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A request announcing a bigger body gets a 413 before it is read (entraide.stories.uploads).
ENTRAIDE_UPLOAD_MAX_BYTES = env_int("ENTRAIDE_UPLOAD_MAX_BYTES", 201 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
WHITENOISE_MANIFEST_STRICT = False
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 30

# --- Email --------------------------------------------------------------------------------------
# Every mail goes through Django's mail API into the task queue, and is delivered by the worker
# after the transaction commits (entraide.core.mail).
EMAIL_BACKEND = "entraide.core.mail.QueuedEmailBackend"
if os.environ.get("EMAIL_HOST"):
    ENTRAIDE_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
elif os.environ.get("EMAIL_FILE_PATH"):
    ENTRAIDE_DELIVERY_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
else:
    ENTRAIDE_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A mail server that accepts the connection and never answers must not hold the worker.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Entraide <entraide@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks ---------------------------------------------------------------------------
if env_choice("TASKS_BACKEND", ("database", "immediate"), "database") == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Security -----------------------------------------------------------------------------------
SECURE = env_bool("SECURE")
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
LANGUAGE_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "entraide.core.views.csrf_failure"
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a one-way commitment a site administrator makes, not a default.
    "security.W021",
]
# A strict Content-Security-Policy: no inline script or style, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Entraide -----------------------------------------------------------------------------------
ENTRAIDE_SITE_NAME = env_str("ENTRAIDE_SITE_NAME", "Entraide")
# Where people write about accessibility problems (the accessibility statement names it).
ENTRAIDE_ACCESSIBILITY_CONTACT = env_str(
    "ENTRAIDE_ACCESSIBILITY_CONTACT", parseaddr(DEFAULT_FROM_EMAIL)[1]
)
ENTRAIDE_INVITATION_DAYS = 14
ENTRAIDE_PAGE_SIZE = 20
ENTRAIDE_SITE_URL = env_str("ENTRAIDE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ENTRAIDE_RETENTION_DAYS = env_int("ENTRAIDE_RETENTION_DAYS", 365)
# Rate limits (entraide.core.rate_limits), counted in Redis with REDIS_URL, else in the
# database. Mails a visitor may have sent to one address an hour, all forms together:
ENTRAIDE_MAILS_PER_ADDRESS = env_positive_int("ENTRAIDE_MAILS_PER_ADDRESS", 5)
# Sendings of one public form an hour from one network (an IPv4 address, an IPv6 /64): enough
# for a class behind one campus address, only a flood is stopped.
ENTRAIDE_POSTS_PER_NETWORK = env_positive_int("ENTRAIDE_POSTS_PER_NETWORK", 300)
# Behind a reverse proxy the visitor's address is in a header that the proxy sets (and
# overwrites, so that visitors cannot forge it); allauth's own limits read the same one.
ENTRAIDE_CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER") or None
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = ENTRAIDE_CLIENT_IP_HEADER
# A registration request without an account must be confirmed by its emailed link within this
# delay; until then it holds no seat.
ENTRAIDE_CONFIRMATION_HOURS = 48
# For this many minutes after cancelling her registration, a participant may take her seat (or
# her place in line) back, as long as nobody has taken it.
ENTRAIDE_UNDO_MINUTES = 30
# Public pages are kept this many seconds at most for visitors without a cookie (0: never),
# and always dropped at the next write or time change (entraide.core.page_cache).
ENTRAIDE_PAGE_CACHE_SECONDS = env_int("ENTRAIDE_PAGE_CACHE_SECONDS", 300)
# Periodic commands and their interval in seconds, run by `entraide clock` (started by
# `entraide serve`); in production, cron or systemd timers can call them instead.
ENTRAIDE_PERIODIC = {
    "deliver_mail": 60,  # retries, and mails whose task was lost
    "send_reminders": 300,
    "send_challenge_reminders": 300,  # each participant at their hour, once a day
    "erase_old_registrations": 24 * 3600,
    "drop_unconfirmed_manifesto_requests": 24 * 3600,
    "prune_queues": 24 * 3600,  # delivered mails and finished tasks
    # hourly, but each organiser gets at most one summary a day, from 7:00 (places.digest)
    "send_organiser_digest": 3600,
}
# The outbox (entraide.core.outbox): a mail that could not be delivered is tried again after
# these delays (1 min, 5 min, 30 min, 2 h, 12 h), then marked failed for the administrator.
ENTRAIDE_MAIL_RETRY_DELAYS = [60, 300, 1800, 7200, 43200]
# A worker holds a mail this long; if it dies while sending, another one takes it after that.
ENTRAIDE_MAIL_LEASE_SECONDS = env_int("ENTRAIDE_MAIL_LEASE_SECONDS", 300)
# Delivered mails are blank (no body, no address); their rows are kept this long for
# monitoring. Failed mails keep their message this long, so that they can be sent again.
ENTRAIDE_MAIL_KEEP_DAYS = 7
ENTRAIDE_FAILED_MAIL_KEEP_DAYS = 14
# Finished background tasks are deleted after this many days.
ENTRAIDE_TASK_KEEP_DAYS = 1

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"private_links": {"()": "entraide.core.private_links.MaskingFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["private_links"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"entraide": {"level": "INFO"}, "django_tasks": {"level": "INFO"}},
}
