"""Anonymise youths past the portal's retention period (BEWAARTERMIJN_JONGERE_JAREN)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from kern.inzage import Actie, Soort
from privacy import bewaren
from privacy.audit import log_systeem


class Command(BaseCommand):
    help = (
        "Anonimiseert jongeren van wie de bewaartermijn voorbij is. "
        "Met --dry-run wordt alleen geteld; er verandert niets."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        jongeren = bewaren.over_de_termijn()
        grens = bewaren.grens()
        jaren = settings.BEWAARTERMIJN_JONGERE_JAREN
        # The command reads (and then changes) each youth's data: in the access log too.
        log_systeem(
            jongeren=[j.pk for j in jongeren],
            actie=Actie.READ if dry_run else Actie.UPDATE,
            soort=Soort.PROFIEL,
            door="manage.py anonimiseer" + (" --dry-run" if dry_run else ""),
        )
        if dry_run:
            # Ids only: the output may end up in a log, names must not.
            ids = ", ".join(str(j.pk) for j in jongeren) or "-"
            self.stdout.write(
                f"dry run: {len(jongeren)} jongere(n) over de bewaartermijn van {jaren} jaar "
                f"(laatste activiteit voor {grens.isoformat()}): {ids}. Er is niets veranderd."
            )
            return
        samenvatting = bewaren.Samenvatting()
        for jongere in jongeren:
            bewaren.anonimiseer(jongere, samenvatting)
        self.stdout.write(
            f"{samenvatting.jongeren} jongere(n) geanonimiseerd "
            f"(bewaartermijn {jaren} jaar, grens {grens.isoformat()}): "
            f"{samenvatting.analyses} analyseversie(s), {samenvatting.voorstellen} voorstel(len), "
            f"{samenvatting.plaatsingen} plaatsing(en), {samenvatting.accounts} account(s) "
            "gedeactiveerd."
        )
