"""Settings for Passende Plek, read from the environment (see the README's table).

Nothing here is secret or machine-specific: debug is off unless DJANGO_DEBUG=1, and
with debug off the portal refuses to start without DJANGO_SECRET_KEY.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import django_stubs_ext
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_database, env_int, env_list, env_str

# Lets the generic classes of the type stubs (ModelAdmin[...], QuerySet[...]) work at runtime.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY: required when DJANGO_DEBUG is not 1 (set a long random value)"
        )
    # Only for local development with DJANGO_DEBUG=1; never used in production.
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105

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
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "accounts",
    "voorzieningen",
    "jongeren",
    "matching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Ends a professional's session after 30 idle minutes, then asks for the second step.
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
# elsewhere; a success resets the count.
# Two-step login (TOTP, django-otp). Professionals (coordinators, managers, admins) must
# pass it; youths and parents may switch it on. Only the test settings turn the duty off,
# so that tests which log in directly need no device; tests of the login itself turn it on.
TWEESTAPS_VERPLICHT = True
OTP_TOTP_ISSUER = "Passende Plek"
# A professional who does nothing for this long is logged out (NEN 7510: unattended screens).
SESSIE_INACTIEF_MINUTEN = env_int("SESSIE_INACTIEF_MINUTEN", 30)
if SESSIE_INACTIEF_MINUTEN < 1:
    raise ImproperlyConfigured("SESSIE_INACTIEF_MINUTEN: expected 1 or more minutes")

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/geblokkeerd.html"
AXES_USERNAME_FORM_FIELD = "username"
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
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not PLAIN_HTTP_LOOPBACK)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    if PLAIN_HTTP_LOOPBACK:
        SECURE_HSTS_SECONDS = 0
    SECURE_HSTS_INCLUDE_SUBDOMAINS = not PLAIN_HTTP_LOOPBACK
    SECURE_HSTS_PRELOAD = not PLAIN_HTTP_LOOPBACK
    SESSION_COOKIE_SECURE = not PLAIN_HTTP_LOOPBACK
    CSRF_COOKIE_SECURE = not PLAIN_HTTP_LOOPBACK
    LANGUAGE_COOKIE_SECURE = not PLAIN_HTTP_LOOPBACK
# How many reverse proxies in front of the portal append to X-Forwarded-For. 0 (the
# default) means the header is ignored and the access log records REMOTE_ADDR.
INZAGE_VERTROUWDE_PROXIES = env_int("DJANGO_TRUSTED_PROXIES", 0)
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
# The address in e-mails ("log in: <link>"); e-mails are sent by Celery, outside a request.
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Celery ---------------------------------------------------------------------------------
# Without a broker the tasks run in-process, so `make run` needs nothing else running.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
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
# that cannot be published waits in the outbox (accounts.uitgesteld) instead.
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
CELERY_TASK_ROUTES = {"matching.tasks.bereken_verdeling": {"queue": SOLVER_QUEUE}}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# Run by `celery beat` (docker-compose runs it inside the worker with -B). Without beat,
# run `manage.py verloop_voorstellen` from cron instead.
CELERY_BEAT_SCHEDULE = {
    # Ages in the stored group pictures move on with the calendar.
    "groepsbeelden-elke-nacht": {
        "task": "matching.tasks.herbereken_alle_groepsbeelden",
        "schedule": crontab(hour=3, minute=15),
    },
    "verloop-voorstellen": {"task": "matching.tasks.verloop_voorstellen", "schedule": 15 * 60},
    # The search index: whatever a process left behind, and every row just after midnight
    # (ages and team figures move on), so the first search of the day need not do it.
    "zoekindex": {"task": "matching.tasks.werk_zoekindex_bij", "schedule": 5 * 60},
    "verdelingen-opruimen": {
        "task": "matching.tasks.ruim_verdelingen_op",
        "schedule": crontab(hour=3, minute=45),
    },
    "zoekindex-na-middernacht": {
        "task": "matching.tasks.werk_zoekindex_bij",
        "schedule": crontab(hour=0, minute=1),
    },
    # Whatever could not reach the broker when it was saved (the outbox).
    "uitgestelde-taken": {"task": "accounts.tasks.verstuur_uitgestelde_taken", "schedule": 60},
}

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
        "timeout": 10,
    }
MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND, "OPTIONS": _EMAIL_OPTIONS}}
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "Passende Plek <noreply@passendeplek.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people report an accessibility problem (shown on /toegankelijkheid).
TOEGANKELIJKHEID_EMAIL = env_str("TOEGANKELIJKHEID_EMAIL", "toegankelijkheid@passendeplek.nl")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}
