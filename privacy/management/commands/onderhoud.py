"""The nightly clean-ups once, in this process: for a setup without Celery beat.

With beat (docker compose) each job runs on its own schedule (CELERY_BEAT_SCHEDULE) and this
command is not needed. Without it (TASKS_IN_PROCESS=1), run it nightly from cron, next to
`manage.py voorstel_termijnen` every 15 minutes. Each job may run twice without harm.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts import tasks
from matching.tasks import werk_zoekindex_bij
from plaatsingstafel.tasks import ruim_verdelingen_op
from privacy.tasks import anonimiseer


class Command(BaseCommand):
    help = (
        "Voert de nachtelijke opruimtaken één keer uit: bewaartermijn, verlopen sessies, "
        "inlogpogingen, mislukte taken, oude verdelingen en de zoekindex."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # The tasks' own functions, called directly: no broker involved.
        bewaard = anonimiseer()
        self.stdout.write(
            f"anonimiseer: {bewaard['jongeren']} jongere(n) geanonimiseerd (bewaartermijn "
            f"{settings.BEWAARTERMIJN_JONGERE_JAREN} jaar), {bewaard['bewoners']} bewoner(s) "
            f"zonder jongere, {bewaard['accounts']} account(s) gedeactiveerd"
        )
        for tabel, aantal in bewaard["per_tabel"].items():
            self.stdout.write(f"  {tabel}: {aantal} verwijderd of leeggemaakt")
        sessies = tasks.ruim_sessies_op()
        self.stdout.write(
            f"sessies: {sessies['sessies']} verlopen, {sessies['index']} indexregels verwijderd"
        )
        inlog = tasks.ruim_inlogpogingen_op()
        self.stdout.write(
            f"inlogpogingen: {inlog['pogingen']} verlopen tellingen, {inlog['inlogregels']} "
            f"inlogregels en {inlog['foutregels']} foutregels verwijderd"
        )
        self.stdout.write(f"mislukte taken: {tasks.ruim_uitgestelde_taken_op()} verwijderd")
        self.stdout.write(f"verdelingen: {ruim_verdelingen_op()} verwijderd")
        self.stdout.write(f"zoekindex: {werk_zoekindex_bij()} woningen bijgewerkt")
