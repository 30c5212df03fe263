"""The Celery application. Settings come from Django's settings with the CELERY_ prefix."""

import os
from typing import Any

from celery import Celery
from celery.signals import worker_ready

from kern.logs import connect_celery_signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("passendeplek")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The request id travels with every task (see kern.logs).
connect_celery_signals()


@worker_ready.connect
def verstuur_uitgestelde_taken_bij_start(**kwargs: Any) -> None:
    """A starting worker first sends what waited in the outbox while the broker was away."""
    from django.db import connections

    from kern.uitgesteld import publiceer_alles

    try:
        publiceer_alles()
    finally:
        # The worker's main process does no database work after this.
        connections.close_all()
