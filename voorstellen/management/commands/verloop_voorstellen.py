"""The old name of `manage.py voorstel_termijnen`, kept for one release so a crontab written
for the previous release keeps working. It says so on stderr and runs the new command."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Oude naam van voorstel_termijnen; gebruik voortaan 'manage.py voorstel_termijnen'."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stderr.write(
            "verloop_voorstellen heet nu voorstel_termijnen; pas de crontab aan. "
            "Deze oude naam verdwijnt in de volgende versie."
        )
        call_command("voorstel_termijnen", stdout=self.stdout)
