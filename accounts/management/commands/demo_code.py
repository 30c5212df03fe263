"""Prints the current login code of the demo authenticator (demo accounts only)."""

from __future__ import annotations

from base64 import b32decode
from typing import Any

from django.core.management.base import BaseCommand
from django_otp.oath import TOTP

from accounts.demo import DEMO_TOTP_GEHEIM


class Command(BaseCommand):
    help = (
        "Toont de code van dit moment voor de demo-authenticator (geheim "
        f"{DEMO_TOTP_GEHEIM}), voor de tweede inlogstap van de demo-professionals."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        totp = TOTP(b32decode(DEMO_TOTP_GEHEIM))
        seconden = 30 - int(totp.time) % 30
        self.stdout.write(f"{totp.token():06d}")
        self.stderr.write(f"(nog {seconden} seconden geldig)")
