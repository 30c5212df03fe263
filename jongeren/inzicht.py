"""Who can read what about a youth, in plain words (B1) for the youth and the family.

The same facts as the rules in `jongeren.rules` (gezag, age, the youth's own choice from
16): this module only says them in words, so the page never promises more than the rules do.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from jongeren.models import Jongere


@dataclass(frozen=True)
class WieLeest:
    wie: str
    wat: str


def wie_leest_wat(jongere: Jongere) -> list[WieLeest]:
    regels = [
        WieLeest(_("Jij"), _("Alles wat het portaal over jou weet.")),
        WieLeest(
            _("Je coördinator en collega's"),
            _("Je profiel, je analyse en je aandachtspunten. Zo zoeken ze een plek die past."),
        ),
    ]
    if jongere.jeugdbeschermer_id is not None:
        regels.append(
            WieLeest(
                _("Je jeugdbeschermer"),
                _("Je profiel, je analyse en de voorstellen. Die beslist mee over je plek."),
            )
        )
    for ouder in jongere.ouders.order_by("first_name", "email"):
        naam = ouder.first_name or _("Je ouder")
        if not jongere.heeft_gezag(ouder):
            wat = _("Alleen algemene informatie: hoe het met je gaat. Niet je analyse.")
        elif jongere.ouder_leest_dossier(ouder):
            wat = _("Je analyse, je aandachtspunten en de voorstellen.")
        elif not jongere.ouders_zien_analyse:
            wat = _(
                "Alleen algemene informatie. Je hebt gekozen dat je ouders je analyse niet lezen."
            )
        else:
            wat = _(
                "Alleen algemene informatie. Je hebt gekozen dat deze ouder je analyse niet leest."
            )
        regels.append(WieLeest(naam, wat))
    regels.append(
        WieLeest(
            _("Een woning"),
            _("Eerst alleen wat nodig is, zonder je naam. Alles pas als jullie toestemming geven."),
        )
    )
    regels.append(
        WieLeest(
            _("Niemand"),
            _("ziet het e-mailadres of telefoonnummer van iemand anders uit je gezin."),
        )
    )
    return regels
