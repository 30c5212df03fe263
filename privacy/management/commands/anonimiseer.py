"""Anonymise youths past the portal's retention period (BEWAARTERMIJN_JONGERE_JAREN), and
with them what else still names them (see `privacy.bewaren`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from kern.inzage import Actie, Soort
from privacy import bewaren
from privacy.audit import log_systeem


class Command(BaseCommand):
    help = (
        "Anonimiseert jongeren en direct ingeschreven bewoners van wie de bewaartermijn "
        "voorbij is, met hun wijzigingsgeschiedenis, meldingen en wachtende e-mails. "
        "Met --dry-run wordt alleen geteld; er verandert niets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        grens = bewaren.grens()
        jaren = settings.BEWAARTERMIJN_JONGERE_JAREN
        jongeren = bewaren.over_de_termijn()
        # The command reads (and then changes) each youth's data: in the access log too.
        log_systeem(
            jongeren=[j.pk for j in jongeren],
            actie=Actie.READ if dry_run else Actie.UPDATE,
            soort=Soort.PROFIEL,
            door="manage.py anonimiseer" + (" --dry-run" if dry_run else ""),
        )
        if dry_run:
            bewoners = bewaren.bewoners_over_de_termijn().count()
            verweesd = len(bewaren.verweesde_historie())
            # Ids only: the output may end up in a log, names must not.
            ids = ", ".join(str(j.pk) for j in jongeren) or "-"
            self.stdout.write(
                f"dry run: {len(jongeren)} jongere(n) over de bewaartermijn van {jaren} jaar "
                f"(laatste activiteit voor {grens.isoformat()}): {ids}; {bewoners} bewoner(s) "
                f"zonder jongere; geschiedenis van {verweesd} verwijderde jongere(n). "
                "Er is niets veranderd."
            )
            return
        samenvatting = bewaren.voer_uit()
        self.stdout.write(
            f"{samenvatting.jongeren} jongere(n) geanonimiseerd "
            f"(bewaartermijn {jaren} jaar, grens {grens.isoformat()}), "
            f"{samenvatting.bewoners} bewoner(s) zonder jongere geanonimiseerd, "
            f"{samenvatting.accounts} account(s) gedeactiveerd."
        )
        for tabel, aantal in sorted(samenvatting.per_tabel.items()):
            self.stdout.write(f"  {tabel}: {aantal}")
