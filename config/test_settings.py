"""Settings for the test suite: production settings with test-only secrets filled in.

Tests run with debug off, as production does. Tasks run in-process unless a test
starts a real worker itself (see tests/matching for the worker integration test).
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-a-secret")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")

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
