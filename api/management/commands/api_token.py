"""Print a new API key for a care provider's manager (or revoke their keys).

    manage.py api_token beheerder@example.org            # prints a new key on stdout
    manage.py api_token beheerder@example.org --naam "Roostersysteem"
    manage.py api_token beheerder@example.org --intrekken  # revokes all their keys

The key is printed once and not stored (only its hash is). A bad argument is one line on
stderr and exit status 2.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from api.models import ApiSleutel
from api.sleutels import maak_sleutel, mag_sleutel_hebben, trek_in


class Command(BaseCommand):
    help = "Print a new API key for the manager with this e-mail address, or revoke theirs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="e-mail address of a KWV manager (beheerder)")
        parser.add_argument("--naam", default="", help="what the key is for, shown in the admin")
        parser.add_argument(
            "--intrekken", action="store_true", help="revoke every valid key of this manager"
        )

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except CommandError as fout:
            self.stderr.write(f"api_token: {fout}")
            raise SystemExit(2) from None

    def handle(self, *args: Any, **options: Any) -> None:
        gebruiker = User.objects.filter(email__iexact=options["email"].strip()).first()
        if gebruiker is None:
            raise CommandError(f"no user with e-mail address {options['email']!r}")
        if options["intrekken"]:
            aantal = sum(
                trek_in(sleutel=sleutel, door=None)
                for sleutel in ApiSleutel.objects.geldig().filter(gebruiker=gebruiker)
            )
            self.stderr.write(f"{aantal} key(s) of {gebruiker.email} revoked")
            return
        bezwaar = mag_sleutel_hebben(gebruiker)
        if bezwaar:
            raise CommandError(f"{gebruiker.email}: {bezwaar}")
        try:
            _record, sleutel = maak_sleutel(
                gebruiker=gebruiker,
                naam=options["naam"] or "Sleutel van de opdrachtregel",
                door=None,
            )
        except ValidationError as fout:
            raise CommandError(" ".join(fout.messages)) from None
        self.stderr.write(
            f"new API key for {gebruiker.email} ({gebruiker.organisatie}); it is shown only now:"
        )
        self.stdout.write(sleutel)
