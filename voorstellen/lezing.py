"""What a home's manager may read of a proposal, now: one function for the manager's page,
the printout and the provider API, so they cannot say different things.

Before the family agreed to share: the profile without a name (`jongeren.profiel`), the
group part of the explanation and what the admission means per resident, all without the
youth's signals (`kern.publiek`). After: the score, every factor and the whole analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import User
from jongeren.gewone_taal import SIGNAAL_GEWOON, VELD_GEWOON
from jongeren.models import VerklarendeAnalyse
from jongeren.profiel import ProfielVoorWoning, profiel_voor_woning
from matching.adapters import load_homes, met_aanduiding, youth_from_jongere
from matching.engine import evaluate_home
from matching.engine.types import ResidentImpact
from voorstellen import services as flow
from voorstellen.models import Voorstel
from voorstellen.publiek import publiek_voor, stem_van


def analyse_voor_woning(voorstel: Voorstel) -> VerklarendeAnalyse | None:
    """The analysis version the home reads: the one kept with the proposal once sent; for
    a draft, the youth's current one, which sending will keep."""
    if voorstel.verstuurd_op is None:
        return voorstel.jongere.actuele_analyse()
    return voorstel.analyse


def profiel_van(voorstel: Voorstel) -> ProfielVoorWoning:
    """What the home reads before consent: the manager's page, the printout and the
    coordinator's preview all come from here."""
    return profiel_voor_woning(
        jongere=voorstel.jongere,
        analyse=analyse_voor_woning(voorstel),
        tekst_voor_woning=voorstel.tekst_voor_woning,
    )


def na_toestemming(voorstel: Voorstel) -> dict[str, str]:
    """The free texts a home reads only once the analysis is shared (with the names)."""
    analyse = voorstel.analyse
    return {
        "krachten": analyse.krachten if analyse else "",
        "wat_werkt": analyse.wat_werkt if analyse else "",
        "motivatie": voorstel.motivatie,
    }


def wat_gedeeld_wordt(voorstel: Voorstel) -> list[str]:
    """In plain words (B1), what the home reads once everyone consented, besides what it
    already reads: exactly what `lezing_voor_woning` adds after consent, from the analysis
    version kept with the proposal. The youth's attention signals are named one by one."""
    analyse = voorstel.analyse
    delen = [
        gettext("De naam: %(naam)s") % {"naam": voorstel.jongere.roepnaam},
        gettext("Hoe goed het huis past, met alle redenen"),
    ]
    if analyse is not None:
        for veld in ("krachten", "wat_werkt", "factoren", "behoeften_toelichting"):
            if getattr(analyse, veld):
                delen.append(str(VELD_GEWOON[veld]))
    if voorstel.motivatie:
        delen.append(gettext("Waarom de coördinator denkt dat dit huis past"))
    if analyse is not None and analyse.signalen:
        delen.append(
            gettext("Zorgen die de hulpverlening opschreef: %(signalen)s")
            % {
                "signalen": ", ".join(
                    str(SIGNAAL_GEWOON.get(code, code)).lower() for code in analyse.signalen
                )
            }
        )
    return delen


@dataclass(frozen=True)
class LezingVoorWoning:
    uitleg: dict[str, Any] | None
    gedeeld: bool
    profiel: ProfielVoorWoning
    # The free texts readable once shared (None before).
    na_toestemming: dict[str, str] | None
    # What the admission means per current resident, next to the manager's own label.
    gevolgen: list[tuple[ResidentImpact, str]] = field(default_factory=list)


def lezing_voor_woning(voorstel: Voorstel, user: User) -> LezingVoorWoning:
    """The proposal as `user`, a manager of the home, may read it now."""
    publiek = publiek_voor(user, voorstel)
    gedeeld = flow.volledig_gedeeld(voorstel)
    gevolgen: list[tuple[ResidentImpact, str]] = []
    if voorstel.is_open:
        now = timezone.now()
        today = timezone.localdate(now)
        homes = load_homes(today=today, now=now, only=[voorstel.voorziening_id])
        if homes:
            result = evaluate_home(
                youth_from_jongere(voorstel.jongere, voorstel.analyse, alle_signalen=True),
                homes[0],
                today,
                audience=publiek,
                stem=stem_van(publiek, voorstel.jongere),
            )
            gevolgen = met_aanduiding(result, voorstel.voorziening_id, today)
    return LezingVoorWoning(
        uitleg=flow.uitleg_voor(voorstel, publiek),
        gedeeld=gedeeld,
        profiel=profiel_van(voorstel),
        na_toestemming=na_toestemming(voorstel) if gedeeld else None,
        gevolgen=gevolgen,
    )
