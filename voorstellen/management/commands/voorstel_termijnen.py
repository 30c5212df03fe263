"""Mark proposals a home did not answer in time and expire forgotten ones.

Run it every quarter of an hour from cron (`manage.py voorstel_termijnen`) when Celery beat
is not running; with beat, `CELERY_BEAT_SCHEDULE` runs the task of the same name. Idempotent.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from voorstellen.services import bewaak_termijnen


class Command(BaseCommand):
    help = "Markeert voorstellen zonder tijdig antwoord en laat vergeten voorstellen verlopen."

    def handle(self, *args: Any, **options: Any) -> None:
        result = bewaak_termijnen()
        self.stdout.write(f"{result.te_laat} te laat gemeld, {result.verlopen} verlopen")
