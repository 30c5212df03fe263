"""Settings for the test suite: production settings with test-only values filled in.

Tests run with debug off, as production does. Tasks run in-process unless a test
starts a real worker itself (see tests/matching for the worker integration test). The
checkout's .env is not read: a developer's local file must not change what tests see.
"""

import os

os.environ.setdefault("DJANGO_ENV_FILE", "")
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-" + "0123456789abcdef" * 4)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("PORTAL_URL", "https://testserver")
# The test process itself runs tasks in-process; CELERY_BROKER_URL (when given) is only
# read by the tests that start a real worker or publish to Redis themselves.
if not os.environ.get("CELERY_BROKER_URL"):
    os.environ.setdefault("TASKS_IN_PROCESS", "1")
os.environ.setdefault("DJANGO_LOG_FORMAT", "text")

from config.settings import *  # noqa: F403

# Tests do not run collectstatic, so no manifest.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests log in with force_login, which has no second step; the two-step tests switch the
# duty back on (tests/accounts/test_tweestaps.py and the browser journeys).
TWEESTAPS_VERPLICHT = False
