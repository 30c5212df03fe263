"""Prints the current login code of the demo authenticator (demo accounts only)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from demo.accounts import DEMO_TOTP_GEHEIM, demo_code


class Command(BaseCommand):
    help = (
        "Toont de code van dit moment voor de demo-authenticator (geheim "
        f"{DEMO_TOTP_GEHEIM}), voor de tweede inlogstap van de demo-professionals."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        seconden = 30 - int(time.time()) % 30
        self.stdout.write(demo_code())
        self.stderr.write(f"(nog {seconden} seconden geldig)")
