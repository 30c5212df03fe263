"""Demo step: proposals in the states people should find on first login.

* Noor (jongere@example.org, ouder@example.org) has a proposal whose getting-acquainted
  meeting was held and that waits for her and her mother's decision;
* beheerder@example.org (Stichting Noorderhuis) has a proposal waiting for an answer;
* Fenna's getting-acquainted meeting was held: jeugdbeschermer@example.org co-decides.

Both go through the real workflow (`voorstellen.services`), so the timeline, notices and
group checks are what users would produce; e-mails are not sent. Idempotent: when Noor
already has proposals nothing is added. Deterministic: the homes are the best eligible
ones of Noorderhuis in the engine's (deterministic) ranking. Ended stays for the stability
page come from the homes' demo step.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import Rol, User
from jongeren.models import Fase, Jongere
from kern import opmaak
from matching.adapters import home_pk, rank_for
from matching.engine import Audience
from voorstellen import services as flow
from voorstellen.models import Kennismaking, Voorstel
from voorzieningen.models import Voorziening

NOORDERHUIS = "Stichting Noorderhuis"


def seed(log: list[str]) -> None:
    noor = Jongere.objects.filter(account__email="jongere@example.org").first()
    if noor is None:
        log.append("voorstellen: Noor niet gevonden, overgeslagen")
        return
    if noor.voorstellen.exists():
        if noor.voorstellen.filter(status__in=flow.OVERGANGEN["trek_in"][0]).exists():
            Jongere.objects.filter(pk=noor.pk).update(fase=Fase.VOORGESTELD)
        log.append(f"{Voorstel.objects.count()} voorstellen (al aanwezig)")
        return
    coordinator = User.objects.get(email="coordinator@example.org")
    beheerder = User.objects.get(email="beheerder@example.org")
    now = timezone.now()
    results = rank_for(
        noor,
        noor.actuele_analyse(),
        today=timezone.localdate(now),
        now=now,
        audience=Audience.COORDINATOR,
    )
    eigen = set(
        Voorziening.objects.filter(aanbieder__naam=NOORDERHUIS).values_list("pk", flat=True)
    )
    kandidaten = [
        home_pk(r.home.ref) for r in results if r.eligible and home_pk(r.home.ref) in eigen
    ]
    if len(kandidaten) < 2:
        log.append("voorstellen: te weinig passende woningen van Noorderhuis, overgeslagen")
        return
    eerste, tweede = (Voorziening.objects.get(pk=pk) for pk in kandidaten[:2])
    with flow.zonder_mail():
        # 1. Sent two days ago, answered, met yesterday: waiting for Noor and her mother.
        voorstel = flow.maak_voorstel(
            jongere=noor,
            voorziening=eerste,
            door=coordinator,
            motivatie=(
                "Een rustig huis dicht bij oma, met een team dat weet hoe je met trauma omgaat."
            ),
            tekst_voor_woning=(
                "Een open, creatieve jongere die veel tekent. Heeft rust en een vaste "
                "volwassene nodig. Contact met familie is belangrijk."
            ),
        )
        voorstel.tijdlijn.update(op=now - dt.timedelta(days=2, minutes=5))
        flow.stuur_voorstel(voorstel=voorstel, door=coordinator, now=now - dt.timedelta(days=2))
        flow.beantwoord_voorstel(
            voorstel=voorstel,
            door=beheerder,
            interesse=True,
            toelichting="Wij denken dat deze jongere hier goed past.",
            now=now - dt.timedelta(days=1, hours=20),
        )
        # The meeting took place yesterday evening.
        houd_kennismaking(
            voorstel=voorstel,
            door=coordinator,
            soort=Kennismaking.Soort.MEE_ETEN,
            gehouden_op=timezone.localtime(now - dt.timedelta(days=1)).replace(
                hour=17, minute=30, second=0, microsecond=0
            ),
            gepland_op=now - dt.timedelta(days=1, hours=18),
            notitie="Noor praatte met twee bewoners en at mee. Ze wil nog even nadenken.",
            now=now,
        )
        # 2. Sent this morning: waiting for Noorderhuis's answer.
        tweede_voorstel = flow.maak_voorstel(
            jongere=noor,
            voorziening=tweede,
            door=coordinator,
            motivatie="Tweede optie: kleine groep, vaste begeleiders.",
            tekst_voor_woning="Een open jongere die graag tekent. Zoekt rust in een kleine groep.",
        )
        flow.stuur_voorstel(voorstel=tweede_voorstel, door=coordinator, now=now)
    log.append(
        f"2 voorstellen voor Noor: {eerste.naam} (wacht op keuze), {tweede.naam} (wacht op "
        "antwoord)"
    )
    _voor_de_jeugdbeschermer(log, now)


def _voor_de_jeugdbeschermer(log: list[str], now: dt.datetime) -> None:
    """Fenna (11, supervision order with the court's authorisation) had her getting-acquainted
    meeting at the best eligible home of a provider with a demo manager: her youth protection
    worker (jeugdbeschermer@example.org) co-decides and finds the decision on her start page."""
    fenna = Jongere.objects.filter(
        jeugdbeschermer__email="jeugdbeschermer@example.org", roepnaam="Fenna"
    ).first()
    if fenna is None or fenna.coordinator is None or fenna.actuele_analyse() is None:
        log.append("voorstellen: Fenna niet gevonden, overgeslagen")
        return
    results = rank_for(
        fenna,
        fenna.actuele_analyse(),
        today=timezone.localdate(now),
        now=now,
        audience=Audience.COORDINATOR,
    )
    met_beheerder = set(
        Voorziening.objects.filter(aanbieder__medewerkers__rol=Rol.BEHEERDER).values_list(
            "pk", flat=True
        )
    )
    kandidaten = [
        home_pk(r.home.ref) for r in results if r.eligible and home_pk(r.home.ref) in met_beheerder
    ]
    if not kandidaten:
        log.append("voorstellen: geen passende woning voor Fenna, overgeslagen")
        return
    woning = Voorziening.objects.get(pk=kandidaten[0])
    beheerder = User.objects.filter(rol=Rol.BEHEERDER, organisatie=woning.aanbieder).first()
    assert beheerder is not None
    coordinator = fenna.coordinator
    with flow.zonder_mail():
        voorstel = flow.maak_voorstel(
            jongere=fenna,
            voorziening=woning,
            door=coordinator,
            motivatie="Een kleine groep met vaste begeleiders, niet ver van haar school.",
            tekst_voor_woning="Een jonge, nieuwsgierige jongere die veel buiten speelt.",
        )
        voorstel.tijdlijn.update(op=now - dt.timedelta(days=3, minutes=5))
        flow.stuur_voorstel(voorstel=voorstel, door=coordinator, now=now - dt.timedelta(days=3))
        flow.beantwoord_voorstel(
            voorstel=voorstel,
            door=beheerder,
            interesse=True,
            toelichting="We hebben plek en denken dat het past.",
            now=now - dt.timedelta(days=2, hours=20),
        )
        houd_kennismaking(
            voorstel=voorstel,
            door=beheerder,
            soort=Kennismaking.Soort.BEZOEK,
            gehouden_op=timezone.localtime(now - dt.timedelta(days=2)).replace(
                hour=15, minute=0, second=0, microsecond=0
            ),
            gepland_op=now - dt.timedelta(days=2, hours=18),
            notitie="Fenna keek rond en speelde met de hond. Ze was vrolijk.",
            now=now,
        )
    log.append(f"1 voorstel voor Fenna: {woning.naam} (wacht op het besluit van Karin)")


def houd_kennismaking(
    *,
    voorstel: Voorstel,
    door: User,
    soort: str,
    gehouden_op: dt.datetime,
    notitie: str,
    now: dt.datetime,
    gepland_op: dt.datetime | None = None,
) -> None:
    """A getting-acquainted meeting at the home that took place at `gehouden_op`, with its
    record. The planning step refuses a date in the past, so the meeting is planned ahead
    through the workflow and then moved back, the timeline's line with it (planned at
    `gepland_op` when given)."""
    woning = voorstel.voorziening
    plaats = f"{woning.adres}, {woning.plaats}"
    flow.plan_kennismaking(
        voorstel=voorstel,
        door=door,
        soort=soort,
        datum=now + dt.timedelta(hours=2),
        plaats=plaats,
    )
    Kennismaking.objects.filter(voorstel=voorstel).update(datum=gehouden_op)
    regel: dict[str, object] = {"waarom": f"{opmaak.datum_tijd(gehouden_op)}, {plaats}"}
    if gepland_op is not None:
        regel["op"] = gepland_op
    voorstel.tijdlijn.filter(wat="plan_kennismaking").update(**regel)
    flow.leg_kennismaking_vast(voorstel=voorstel, door=door, notitie=notitie)
