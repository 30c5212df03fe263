"""Bring the search index up to date, or rebuild it from the homes' own tables.

Normally nothing needs doing: every change is taken in by the process that made it, and a
Celery beat task picks up whatever was left (`matching.tasks.werk_zoekindex_bij`). Run this
after a data import that bypassed the portal, or with `--herbouw` to read every home again.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from matching import zoekindex


class Command(BaseCommand):
    help = "Werkt de zoekindex bij (of bouwt hem opnieuw op met --herbouw)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--herbouw",
            action="store_true",
            help="Lees iedere woning opnieuw uit de eigen tabellen.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        if options["herbouw"]:
            aantal = zoekindex.herbouw()
        else:
            zoekindex.vul_aan()
            aantal = zoekindex.werk_alles_bij()
        self.stdout.write(
            f"zoekindex: {aantal} woningen bijgewerkt in {time.perf_counter() - start:.1f} s"
        )
