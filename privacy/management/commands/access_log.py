"""Print the access log as JSON lines, oldest first: one object per access."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from privacy.models import KETEN_VELDEN, Inzage, keten_hash


def _datum(waarde: str) -> dt.date:
    try:
        return dt.date.fromisoformat(waarde)
    except ValueError:
        raise CommandError(f"--since: expected a date as YYYY-MM-DD, got {waarde!r}") from None


def _id(waarde: str) -> int:
    if not waarde.isdigit() or int(waarde) < 1:
        raise CommandError(f"--youth: expected a positive whole number, got {waarde!r}")
    return int(waarde)


class Command(BaseCommand):
    help = "Print access-log entries (NEN 7513) as JSON lines, sorted by time."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--youth", type=str, help="only entries about this youth (id)")
        parser.add_argument("--since", type=str, help="only entries on or after YYYY-MM-DD")
        parser.add_argument(
            "--verify",
            action="store_true",
            help="check the hash chain over all entries; exit status 1 at the first broken link",
        )

    def execute(self, *args: Any, **options: Any) -> str | None:
        # A bad argument is one line on stderr and exit status 2, never a traceback.
        try:
            return super().execute(*args, **options)
        except CommandError as fout:
            self.stderr.write(f"access_log: {fout}")
            raise SystemExit(2) from None

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verify"]:
            self._verifieer()
            return
        entries = Inzage.objects.order_by("op", "id")
        if options["youth"] is not None:
            entries = entries.filter(jongere_ref=_id(options["youth"]))
        if options["since"] is not None:
            entries = entries.filter(op__date__gte=_datum(options["since"]))
        for regel in entries.iterator():
            self.stdout.write(
                json.dumps(
                    {
                        "event_id": str(regel.id),
                        "time": regel.op.isoformat(),
                        "action": regel.actie,
                        "outcome": regel.uitkomst,
                        "user_id": regel.gebruiker_id,
                        "user": regel.gebruiker_naam,
                        "role": regel.rol,
                        "organisation_id": regel.organisatie_id,
                        "home_id": regel.voorziening_id,
                        "youth_id": regel.jongere_ref,
                        "data": regel.soort,
                        "purpose": regel.doel,
                        "purpose_stated": regel.doel_opgegeven,
                        "reason": regel.reden,
                        "client_address": regel.adres,
                        "path": regel.pad,
                        "query_string": regel.querystring,
                        "session": regel.sessie,
                        "user_agent": regel.user_agent,
                        "sequence": regel.volgnummer,
                        "previous_hash": regel.vorige_hash,
                        "hash": regel.hash,
                    },
                    ensure_ascii=False,
                )
            )

    def _verifieer(self) -> None:
        """Walk the chain in order: every entry's hash must match its fields, point at the
        entry before it, and the numbers must run without a gap (a removed entry)."""
        vorige_hash = ""
        verwacht = 1
        aantal = 0
        for regel in Inzage.objects.order_by("volgnummer").iterator(chunk_size=2000):
            fout = None
            if regel.volgnummer != verwacht:
                fout = f"entry number {verwacht} is missing (next is {regel.volgnummer})"
            elif regel.vorige_hash != vorige_hash:
                fout = "it does not point at the entry before it"
            elif regel.hash != keten_hash({veld: getattr(regel, veld) for veld in KETEN_VELDEN}):
                fout = "its fields do not match its hash"
            if fout is not None:
                self.stdout.write(
                    f"keten gebroken bij regel {regel.id} (nummer {regel.volgnummer}, "
                    f"{regel.op.isoformat()}): {fout}"
                )
                raise SystemExit(1)
            vorige_hash = regel.hash
            verwacht += 1
            aantal += 1
        self.stdout.write(f"keten intact: {aantal} regel(s)")
