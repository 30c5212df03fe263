"""Settings for Passende Plek, read from the environment (see the README's table).

Nothing here is secret or machine-specific: debug is off unless DJANGO_DEBUG=1, and with
debug off the portal refuses to start rather than guess: without a real DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS, PORTAL_URL, and a broker (or the explicit TASKS_IN_PROCESS=1).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import django_stubs_ext
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.http.request import validate_host
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.env import (
    env_bool,
    env_database,
    env_int,
    env_list,
    env_secret_key,
    env_str,
    env_url,
    load_env_file,
)

# Lets the generic classes of the type stubs (ModelAdmin[...], QuerySet[...]) work at runtime.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

# The checkout's own environment file: `make install` creates .env from .env.example, so
# manage.py, celery and gunicorn work without anything exported. A variable set in the real
# environment wins. DJANGO_ENV_FILE names another file, or none at all when empty (the
# test settings, and the tests that start the portal with an environment of their own).
_ENV_FILE = os.environ.get("DJANGO_ENV_FILE")
if _ENV_FILE != "":
    load_env_file(_ENV_FILE or BASE_DIR / ".env")

DEBUG = env_bool("DJANGO_DEBUG", default=False)

if DEBUG:
    # Only for local development with DJANGO_DEBUG=1; never used in production.
    SECRET_KEY = env_str("DJANGO_SECRET_KEY") or "django-insecure-local-development-only"
else:
    SECRET_KEY = env_secret_key("DJANGO_SECRET_KEY")
# Rotating the key (README, "Operating it"): the previous key, listed here for a while,
# keeps the sessions and the reset and invitation links made with it working until they
# run out. Empty after a leak, so that everything made with the old key stops working.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS: required when DJANGO_DEBUG is not 1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "accounts.apps.InlogpogingenConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    # Our own apps, lowest layer first (the import contract in pyproject.toml keeps the
    # dependencies running this way; see "Architecture" in the README).
    "kern",
    "accounts",
    "jongeren",
    "voorzieningen",
    "matching",
    "voorstellen",
    "plaatsingstafel",
    "api",
    "privacy",
    "demo",
]

MIDDLEWARE = [
    # First: every later log line of the request carries its id.
    "config.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Pages of a logged-in user hold personal data: no browser or proxy may keep a copy
    # (early, so that it also marks the answers of the middleware below).
    "accounts.middleware.GeenCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Ends a session after 30 idle minutes (a professional's also after a working day), then
    # asks for the second step.
    "accounts.middleware.InactiviteitMiddleware",
    "accounts.middleware.TweestapsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
    # Records who made each change in the models' history tables.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite keeps no persistent connections worth checking.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (django-axes): 5 wrong attempts for one e-mail address from one client
# address lock that pair for 15 minutes. Per pair, so nobody can lock someone else out from
# elsewhere; a success resets the count. The client address is the one the access log uses:
# behind DJANGO_TRUSTED_PROXIES proxies the address the nearest proxy saw, else REMOTE_ADDR
# (behind an unconfigured proxy every login would share the proxy's address).
# Two-step login (TOTP, django-otp). Professionals (coordinators, managers, admins) must
# pass it; youths and parents may switch it on. Only the test settings turn the duty off,
# so that tests which log in directly need no device; tests of the login itself turn it on.
TWEESTAPS_VERPLICHT = True
OTP_TOTP_ISSUER = "Passende Plek"
# Whoever does nothing for this long is logged out (NEN 7510: unattended screens); a
# professional's session also ends this many hours after logging in, active or not.
SESSIE_INACTIEF_MINUTEN = env_int("SESSIE_INACTIEF_MINUTEN", 30)
if SESSIE_INACTIEF_MINUTEN < 1:
    raise ImproperlyConfigured("SESSIE_INACTIEF_MINUTEN: expected 1 or more minutes")
SESSIE_MAX_UREN = env_int("SESSIE_MAX_UREN", 10)
if SESSIE_MAX_UREN < 1:
    raise ImproperlyConfigured("SESSIE_MAX_UREN: expected 1 or more hours")
# A professional binds an authenticator app only through a one-time link an admin makes;
# it works this many hours.
KOPPELLINK_GELDIG_UREN = env_int("KOPPELLINK_GELDIG_UREN", 72)
if KOPPELLINK_GELDIG_UREN < 1:
    raise ImproperlyConfigured("KOPPELLINK_GELDIG_UREN: expected 1 or more hours")
# Recovery codes (django-otp static tokens) made at enrolment, each usable once.
HERSTELCODES_AANTAL = 10

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
AXES_USERNAME_FORM_FIELD = "username"
# Login matches the address case-insensitively, so axes counts it the same way: otherwise
# MIla@… would have a fresh count after five wrong passwords for mila@….
AXES_USERNAME_CALLABLE = "accounts.drempel.axes_gebruikersnaam"
# Besides the count per address and client: wrong passwords of one client for any
# address, and requests for a reset link or to use an invitation, per client and per
# address (accounts.drempel; counted in the database, so every web process counts alike).
INLOG_FOUTEN_PER_CLIENT = env_int("INLOG_FOUTEN_PER_CLIENT", 30)
HERSTEL_PER_ADRES = env_int("HERSTEL_PER_ADRES", 3)
HERSTEL_PER_CLIENT = env_int("HERSTEL_PER_CLIENT", 10)
UITNODIGING_PER_ADRES = env_int("UITNODIGING_PER_ADRES", 10)
UITNODIGING_PER_CLIENT = env_int("UITNODIGING_PER_CLIENT", 30)
if (
    min(
        INLOG_FOUTEN_PER_CLIENT,
        HERSTEL_PER_ADRES,
        HERSTEL_PER_CLIENT,
        UITNODIGING_PER_ADRES,
        UITNODIGING_PER_CLIENT,
    )
    < 1
):
    raise ImproperlyConfigured("INLOG_*, HERSTEL_*, UITNODIGING_PER_*: expected 1 or more")
AXES_CLIENT_IP_CALLABLE = "kern.inzage.client_adres"
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset or invitation link lives one day
# How many days the e-mailed invitation for a youth or parent stays usable (jongeren app).
UITNODIGING_GELDIG_DAGEN = env_int("UITNODIGING_GELDIG_DAGEN", 7)
if UITNODIGING_GELDIG_DAGEN < 1:
    raise ImproperlyConfigured("UITNODIGING_GELDIG_DAGEN: expected 1 or more days")
# How long the portal keeps its own copy of a youth's data after the last stay ended or the
# file went quiet; `manage.py anonimiseer` anonymises what is older. The care file itself
# (20 years) lives with the care provider, not here: this is a matching tool.
BEWAARTERMIJN_JONGERE_JAREN = env_int("BEWAARTERMIJN_JONGERE_JAREN", 2)
if BEWAARTERMIJN_JONGERE_JAREN < 1:
    raise ImproperlyConfigured("BEWAARTERMIJN_JONGERE_JAREN: expected 1 or more years")

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# In development whitenoise serves straight from the app folders, no collectstatic needed.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Security -------------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Request size limits, explicit so they are a decision rather than a default. The largest
# real form (an analysis with every need filled in) is a few kilobytes and ~100 fields; a
# body over 1 MiB or with more than 1000 fields is refused with a 400 before any view runs.
# The portal takes no file uploads.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
# Only for a production-settings run on the loopback address (`make loadtest`): plain HTTP,
# so no HTTPS redirect, no HSTS and cookies without the Secure flag. Never set it on a server
# that anyone reaches over a network.
PLAIN_HTTP_LOOPBACK = env_bool("DJANGO_PLAIN_HTTP_LOOPBACK", default=False)
# How many reverse proxies in front of the portal append to X-Forwarded-For. 0 (the
# default) means no forwarded header is believed: the access log and the login throttle use
# REMOTE_ADDR, and X-Forwarded-Proto does not make a request count as HTTPS.
INZAGE_VERTROUWDE_PROXIES = env_int("DJANGO_TRUSTED_PROXIES", 0)
if INZAGE_VERTROUWDE_PROXIES < 0:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXIES: expected 0 or more proxies")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not PLAIN_HTTP_LOOPBACK)
    if INZAGE_VERTROUWDE_PROXIES:
        # The proxy terminates TLS and says so; without a proxy anyone could say it.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    if PLAIN_HTTP_LOOPBACK:
        SECURE_HSTS_SECONDS = 0
    SECURE_HSTS_INCLUDE_SUBDOMAINS = not PLAIN_HTTP_LOOPBACK
    SECURE_HSTS_PRELOAD = not PLAIN_HTTP_LOOPBACK
    SESSION_COOKIE_SECURE = not PLAIN_HTTP_LOOPBACK
    CSRF_COOKIE_SECURE = not PLAIN_HTTP_LOOPBACK
    LANGUAGE_COOKIE_SECURE = not PLAIN_HTTP_LOOPBACK
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# --- Locations ------------------------------------------------------------------------------
# "offline" resolves places and postcodes from the table the project ships; "pdok" asks
# the national PDOK location service (needs internet access from the server).
GEOCODER = env_str("GEOCODER", "offline")
GEOCODER_PDOK_URL = env_str(
    "GEOCODER_PDOK_URL", "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free"
)

# --- Vacancies ------------------------------------------------------------------------------
# An open vacancy that its manager has not confirmed for this many days is no longer shown
# as open to coordinators, and the manager is asked to confirm it.
VACATURE_BEVESTIG_DAGEN = env_int("VACATURE_BEVESTIG_DAGEN", 14)
if VACATURE_BEVESTIG_DAGEN < 1:
    raise ImproperlyConfigured("VACATURE_BEVESTIG_DAGEN: expected 1 or more days")

# --- The provider API (api/) ---------------------------------------------------------------
# Calls per API key per minute; more gets 429 with Retry-After.
API_PER_MINUUT = env_int("API_PER_MINUUT", 120)
if API_PER_MINUUT < 1:
    raise ImproperlyConfigured("API_PER_MINUUT: expected 1 or more calls per minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.SleutelAuthenticatie"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerSleutel"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "api.problemen.ProbleemRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "api.problemen.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Passende Plek: API voor zorgaanbieders",
    "DESCRIPTION": (
        "Woningen, vacatures en voorstellen van één zorgaanbieder, voor het eigen "
        "cliënt- of roostersysteem. Zie /api/v1/docs/ voor uitleg en een voorbeeld."
    ),
    "VERSION": "1.0.0",
    # 3.1: a field that may be null is written as oneOf [type, null], which validators agree on.
    "OAS_VERSION": "3.1.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # In the order of the URLs (homes, vacancies, proposals), not alphabetically.
    "SORT_OPERATIONS": False,
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "VoorstelStatusEnum": "voorstellen.models.VoorstelStatus",
        "VacatureStatusEnum": "voorzieningen.models.Vacature.Status",
    },
}

# --- Proposals (voorstellen) ---------------------------------------------------------------
# A home answers a proposal within this many working days (weekends skipped); after that the
# proposal is marked overdue and the coordinator told. After VOORSTEL_VERLOOP_WERKDAGEN (from
# sending) an unanswered proposal expires. A youth has at most VOORSTEL_MAX_OPEN open ones.
VOORSTEL_ANTWOORD_WERKDAGEN = env_int("VOORSTEL_ANTWOORD_WERKDAGEN", 2)
VOORSTEL_VERLOOP_WERKDAGEN = env_int("VOORSTEL_VERLOOP_WERKDAGEN", 5)
VOORSTEL_MAX_OPEN = env_int("VOORSTEL_MAX_OPEN", 3)
if not 1 <= VOORSTEL_ANTWOORD_WERKDAGEN <= VOORSTEL_VERLOOP_WERKDAGEN:
    raise ImproperlyConfigured(
        "VOORSTEL_ANTWOORD_WERKDAGEN must be 1 or more and at most VOORSTEL_VERLOOP_WERKDAGEN"
    )
if VOORSTEL_MAX_OPEN < 1:
    raise ImproperlyConfigured("VOORSTEL_MAX_OPEN: expected 1 or more")
# The joint allocation: a computation that has not finished after this many minutes counts
# as stuck (a new request starts another); results are kept this many days.
VERDELING_MAX_MINUTEN = env_int("VERDELING_MAX_MINUTEN", 10)
VERDELING_BEWAAR_DAGEN = env_int("VERDELING_BEWAAR_DAGEN", 7)
if VERDELING_MAX_MINUTEN < 1 or VERDELING_BEWAAR_DAGEN < 1:
    raise ImproperlyConfigured("VERDELING_MAX_MINUTEN and VERDELING_BEWAAR_DAGEN: 1 or more")
# The address in e-mails ("log in: <link>"); e-mails are sent by Celery, outside a request,
# so there is no request to take the address from. In production it must be said, over
# HTTPS, and be one of the allowed hosts.
if DEBUG:
    PORTAL_URL = env_url("PORTAL_URL", "http://127.0.0.1:8000")
elif not env_str("PORTAL_URL"):
    raise ImproperlyConfigured(
        "PORTAL_URL: required when DJANGO_DEBUG is not 1 (the address in e-mails, "
        "e.g. https://plek.example.org)"
    )
else:
    PORTAL_URL = env_url("PORTAL_URL", https=not PLAIN_HTTP_LOOPBACK)
    if not validate_host(urlsplit(PORTAL_URL).hostname or "", ALLOWED_HOSTS):
        raise ImproperlyConfigured(
            f"PORTAL_URL: its host is not in DJANGO_ALLOWED_HOSTS ({', '.join(ALLOWED_HOSTS)})"
        )

# --- Celery ---------------------------------------------------------------------------------
# Without a broker the tasks run in-process, so `make run` needs nothing else running. In
# production that is a choice to make on purpose (TASKS_IN_PROCESS=1): e-mails and recomputes
# then run inside the request that caused them, a failed e-mail is not retried later but
# shown as failed in the admin, and nothing runs the schedule below.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
TASKS_IN_PROCESS = env_bool("TASKS_IN_PROCESS", default=DEBUG and not CELERY_BROKER_URL)
if CELERY_BROKER_URL and TASKS_IN_PROCESS:
    raise ImproperlyConfigured(
        "TASKS_IN_PROCESS: set to 1 while CELERY_BROKER_URL names a broker; choose one"
    )
if not CELERY_BROKER_URL and not TASKS_IN_PROCESS:
    raise ImproperlyConfigured(
        "CELERY_BROKER_URL: required when DJANGO_DEBUG is not 1 (e.g. redis://redis:6379/0), "
        "or set TASKS_IN_PROCESS=1 to run background tasks inside the web process on purpose"
    )
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged when it is done, not when it starts: a worker killed mid-task
# (deploy, out of memory) leaves the message with the broker, which gives it to another
# worker. Redis hands back an unacknowledged message after the visibility timeout, so it
# must be longer than any task runs or waits for a retry (retries back off at most 10 min).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Publishing never hangs a request: short connection timeouts and one quick retry. A task
# that cannot be published waits in the outbox (kern.uitgesteld) instead.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "socket_connect_timeout": 3,
    "socket_timeout": 5,
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 30 * 60),
}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 0.5,
}
# Several deployments may share one Redis; each then names its own queue.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE") or "celery"
# The joint allocation (seconds of CPU per computation) has a queue and workers of its own,
# so that group recomputes, e-mails and the outbox never wait behind it.
SOLVER_QUEUE = env_str("CELERY_SOLVER_QUEUE") or f"{CELERY_TASK_DEFAULT_QUEUE}-solver"
CELERY_TASK_ROUTES = {"plaatsingstafel.tasks.bereken_verdeling": {"queue": SOLVER_QUEUE}}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# The worker logs through LOGGING below (JSON in production, with the request id).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Run by one `celery beat` process (the `beat` service of docker-compose.yml). Each job is
# safe to run twice and logs what it did; the README's "Operating it" lists them.
CELERY_BEAT_SCHEDULE = {
    # Ages in the stored group pictures move on with the calendar.
    "groepsbeelden-elke-nacht": {
        "task": "matching.tasks.herbereken_alle_groepsbeelden",
        "schedule": crontab(hour=3, minute=15),
    },
    "voorstel-termijnen": {"task": "voorstellen.tasks.voorstel_termijnen", "schedule": 15 * 60},
    # The search index: whatever a process left behind, and every row just after midnight
    # (ages and team figures move on), so the first search of the day need not do it.
    "zoekindex": {"task": "matching.tasks.werk_zoekindex_bij", "schedule": 5 * 60},
    "verdelingen-opruimen": {
        "task": "plaatsingstafel.tasks.ruim_verdelingen_op",
        "schedule": crontab(hour=3, minute=45),
    },
    "zoekindex-na-middernacht": {
        "task": "matching.tasks.werk_zoekindex_bij",
        "schedule": crontab(hour=0, minute=1),
    },
    # Whatever could not reach the broker when it was saved (the outbox).
    "uitgestelde-taken": {"task": "accounts.tasks.verstuur_uitgestelde_taken", "schedule": 60},
    # The retention period (BEWAARTERMIJN_JONGERE_JAREN): `manage.py anonimiseer`.
    "anonimiseren": {"task": "privacy.tasks.anonimiseer", "schedule": crontab(hour=2, minute=30)},
    # Expired sessions, and the index of whose session is whose.
    "sessies-opruimen": {
        "task": "accounts.tasks.ruim_sessies_op",
        "schedule": crontab(hour=3, minute=45),
    },
    # Lock-outs past their cool-off and login records past BEWAARTERMIJN_INLOGLOG_DAGEN.
    "inlogpogingen-opruimen": {
        "task": "accounts.tasks.ruim_inlogpogingen_op",
        "schedule": crontab(minute=5),
    },
    # Failed tasks (e-mails that could not be delivered) past BEWAARTERMIJN_MISLUKT_DAGEN.
    "uitgestelde-taken-opruimen": {
        "task": "accounts.tasks.ruim_uitgestelde_taken_op",
        "schedule": crontab(hour=4, minute=0),
    },
}
# Login records (django-axes: who logged in, when, from where) are kept this long.
BEWAARTERMIJN_INLOGLOG_DAGEN = env_int("BEWAARTERMIJN_INLOGLOG_DAGEN", 90)
# A task that failed for good (an e-mail after its last try) stays visible in the admin
# this long after its last try.
BEWAARTERMIJN_MISLUKT_DAGEN = env_int("BEWAARTERMIJN_MISLUKT_DAGEN", 30)
if BEWAARTERMIJN_INLOGLOG_DAGEN < 1 or BEWAARTERMIJN_MISLUKT_DAGEN < 1:
    raise ImproperlyConfigured("BEWAARTERMIJN_*_DAGEN: expected 1 or more days")

# --- E-mail ---------------------------------------------------------------------------------
# In development mail goes to the console; in production to an SMTP server.
_EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_EMAIL_OPTIONS: dict[str, object] = {}
if _EMAIL_BACKEND.endswith("smtp.EmailBackend"):
    _EMAIL_OPTIONS = {
        "host": env_str("DJANGO_EMAIL_HOST", "localhost"),
        "port": env_int("DJANGO_EMAIL_PORT", 25),
        "username": env_str("DJANGO_EMAIL_HOST_USER"),
        "password": env_str("DJANGO_EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", default=False),
        "timeout": env_int("DJANGO_EMAIL_TIMEOUT", 10),
    }
MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND, "OPTIONS": _EMAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "Passende Plek <noreply@passendeplek.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every e-mail is sent by a task through the outbox. A timeout, a refused or dropped
# connection or a 4xx answer is tried again, MAIL_POGINGEN times in all, waiting
# MAIL_HERKANSING_SECONDEN and twice as long after every further failure (at most 10 minutes,
# below CELERY_VISIBILITY_TIMEOUT). A 5xx answer, or the last failed try, leaves the e-mail
# as "mislukt" in the admin (Uitgestelde taken), where it can be sent again.
MAIL_POGINGEN = env_int("MAIL_POGINGEN", 8)
MAIL_HERKANSING_SECONDEN = env_int("MAIL_HERKANSING_SECONDEN", 60)
if MAIL_POGINGEN < 1 or MAIL_HERKANSING_SECONDEN < 0:
    raise ImproperlyConfigured(
        "MAIL_POGINGEN: expected 1 or more; MAIL_HERKANSING_SECONDEN: 0 or more"
    )
# Where people report an accessibility problem (shown on /toegankelijkheid).
TOEGANKELIJKHEID_EMAIL = env_str("TOEGANKELIJKHEID_EMAIL", "toegankelijkheid@passendeplek.nl")

# --- Logs and error tracking ----------------------------------------------------------------
# One line per event on stderr: JSON in production (for a log collector), readable text in
# development. Every line carries the request's id (also in the X-Request-ID response header
# and in the tasks the request caused); lines carry ids, never names or texts.
LOG_FORMAT = env_str("DJANGO_LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT: expected json or text, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "kern.logs.ContextFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "kern.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["context"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # Django's own console handler would print request errors a second time.
    "loggers": {"django": {"handlers": [], "propagate": True}},
}
# Optional error tracking with any Sentry-compatible service: unhandled errors of the web
# and the worker, and ERROR log lines. Without local variables or request bodies.
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    from kern.logs import start_error_tracking

    start_error_tracking(
        SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "development" if DEBUG else "production"),
    )
