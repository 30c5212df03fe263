"""Demo step: synthetic historical stays, so the outcomes page has something to show.

Plainly synthetic: every stay is marked `synthetisch`, its reference starts with "DEMO-",
and its note says it was made up. They all ended in the past, so no current group, place
or vacancy changes. Scores and attention points at placement are drawn at random, and a
lower score or more attention points makes a breakdown somewhat more likely: a pattern
for the page to show, not a finding. Idempotent and deterministic (one seeded generator,
natural key: home and reference).
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from kern.choices import Geslacht, Signaal, Zorgintensiteit, Zorgprofiel
from voorzieningen.models import Plaatsing, Voorziening

AANTAL = 90
NOTITIE = "Synthetisch verblijf, verzonnen voor de demo. Geen echte uitkomst."
GEPLAND = [
    Plaatsing.Eindreden.GEPLAND,
    Plaatsing.Eindreden.TERUG_NAAR_HUIS,
    Plaatsing.Eindreden.GEZIN_PLEEGZORG,
    Plaatsing.Eindreden.ZELFSTANDIG,
]
# A stay that ends early: a breakdown, or the youth asking to leave.
VROEG = [
    Plaatsing.Eindreden.BREUK_VEILIGHEID,
    Plaatsing.Eindreden.BREUK_ANDERS,
    Plaatsing.Eindreden.OP_VERZOEK_JONGERE,
]
assert set(VROEG) >= Plaatsing.EINDREDENEN_BREUK


def seed(log: list[str]) -> None:
    rng = random.Random(20261122)
    vandaag = timezone.localdate()
    woningen = list(Voorziening.objects.filter(opent_op__isnull=True).order_by("pk"))
    if not woningen:
        log.append("uitkomsten: geen woningen, overgeslagen")
        return
    for index in range(AANTAL):
        woning = woningen[index % len(woningen)]
        score = round(min(98.0, max(30.0, rng.gauss(68, 12))), 1)
        aandacht = rng.choices((0, 1, 2, 3, 4), weights=(30, 30, 20, 12, 8))[0]
        kans_breuk = min(0.85, max(0.05, 0.35 - 0.012 * (score - 65) + 0.08 * aandacht))
        breuk = rng.random() < kans_breuk
        duur = rng.randint(15, 330) if breuk else rng.randint(120, 900)
        einde = vandaag - dt.timedelta(days=rng.randint(1, 500))
        aankomst = einde - dt.timedelta(days=duur)
        leeftijd = rng.randint(12, 17)
        Plaatsing.objects.update_or_create(
            voorziening=woning,
            aanduiding=f"DEMO-{index + 1:03d}",
            defaults={
                "geboortemaand": dt.date(aankomst.year - leeftijd, rng.randint(1, 12), 1),
                "geslacht": rng.choice(Geslacht.values),
                "zorgprofiel": rng.choice(Zorgprofiel.values),
                "zorgintensiteit": rng.choice(Zorgintensiteit.values),
                "signalen": sorted(rng.sample(Signaal.values, min(aandacht, 2))),
                "aankomst": aankomst,
                "geplande_einde": None,
                "einde": einde,
                "eindreden": rng.choice(VROEG if breuk else GEPLAND),
                "opzegtermijn_dagen": rng.choice([0, 3, 14]) if breuk else rng.choice([30, 60]),
                "toelichting": NOTITIE,
                "score_bij_plaatsing": score,
                "aandachtspunten_bij_plaatsing": aandacht,
                "synthetisch": True,
            },
        )
    log.append(f"{AANTAL} synthetische historische verblijven voor de uitkomstenpagina")
