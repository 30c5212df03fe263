"""Load the demo data: organisations, accounts, homes, youths and proposals.

Every step is idempotent, so running it twice changes nothing the second time.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

# Each app contributes one step: a module with `seed(log: list[str]) -> None`.
# Order matters: homes need providers, youths need coordinators, proposals need both.
DEMO_STEPS = [
    "demo.accounts",
    "demo.voorzieningen",
    "demo.jongeren",
    "demo.matching",
    "demo.voorstellen",
    "demo.proces",
    "demo.uitkomsten",
]


class Command(BaseCommand):
    help = "Vult de database met demogegevens (alleen voor demo en ontwikkeling)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook uitvoeren als DJANGO_DEBUG uit staat (nooit in productie!).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo runs only with DJANGO_DEBUG=1; use --force if you really mean it."
            )
        log: list[str] = []
        with transaction.atomic():
            for step in DEMO_STEPS:
                import_module(step).seed(log)
        for line in log:
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS("Demodata staat klaar."))
