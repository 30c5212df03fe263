"""Where a proposal stands, per party, and whose turn it is now: one answer for every page
that shows a proposal (`templates/voorstellen/_stand.html`).

The parties are the home, the people with a say (`jongeren.beslissers`: the youth, each
parent, the youth protection worker where involved), and the counter-check by a
behavioural scientist when one is needed. Each reader reads it in their own words:
professionals in the third person, the youth as "je", a parent about "je kind". A home's
manager reads no names of the family (the youth is a pseudonym until placement) and
only the family's answers taken together. Family members read each other's names and
answers, never contact details.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from jongeren import beslissers
from jongeren.beslissers import Betrokkene, Wie
from voorstellen import services as flow
from voorstellen.models import Besluit, Deeltoestemming, Tegenspraak, Voorstel, VoorstelStatus

S = VoorstelStatus


class Lezer(StrEnum):
    PROFESSIONAL = "professional"
    BEHEERDER = "beheerder"
    JONGERE = "jongere"
    OUDER = "ouder"


@dataclass(frozen=True)
class Partij:
    """One row: who, what they answered (as this reader reads it), and whether it is
    their turn now."""

    wie: str
    antwoord: str
    aan_de_beurt: bool = False
    delen: str = ""
    sleutel: str = ""
    is_lezer: bool = False


@dataclass(frozen=True)
class Stand:
    samenvatting: str
    beurt: str
    partijen: tuple[Partij, ...]
    # The reader may not read the others' answers (a parent without access to the file).
    beperkt: bool = False
    # The status in a few words, for the badge: a "no" shows there too.
    kort: str = ""


def lezer_van(user: User) -> Lezer:
    if user.is_jongere:
        return Lezer.JONGERE
    if user.is_ouder:
        return Lezer.OUDER
    if user.is_beheerder:
        return Lezer.BEHEERDER
    return Lezer.PROFESSIONAL


def leest_beperkt(voorstel: Voorstel, user: User) -> bool:
    """A family member who may not read the file (a parent without gezag, or one a youth of
    16 or older does not share with) reads the others' answers neither."""
    familie = user.is_jongere or user.is_ouder or user.is_jeugdbeschermer
    return familie and not user.has_perm("jongeren.lees_dossier", voorstel.jongere)


def _datum(moment: object) -> str:
    return formats.date_format(timezone.localtime(moment), "j F H:i")  # type: ignore[arg-type]


def _noem(b: Betrokkene, lezer: Lezer, eigen: str | None) -> str:
    """A person with a say, named for this reader."""
    if b.sleutel == eigen:
        return _("Jij")
    if lezer == Lezer.OUDER and b.wie == Wie.JONGERE:
        return _("Je kind (%(naam)s)") % {"naam": b.naam}
    rol = {
        Wie.JONGERE: _("jongere"),
        Wie.OUDER: _("ouder"),
        Wie.JEUGDBESCHERMER: _("jeugdbeschermer"),
    }[b.wie]
    return f"{b.naam} ({rol})"


def _keuze(besluit: Besluit | None, b: Betrokkene, lezer: Lezer, eigen: bool) -> str:
    if besluit is None:
        if not b.moet_instemmen:
            return str(b.inbreng.label).capitalize()
        return _("Je hebt nog niet gekozen") if eigen else _("Nog niet gekozen")
    woorden = {
        Besluit.Keuze.JA: (_("Je zei ja"), _("Zegt ja")),
        Besluit.Keuze.TWIJFEL: (_("Je twijfelt"), _("Twijfelt")),
        Besluit.Keuze.NEE: (_("Je zei nee"), _("Zegt nee")),
    }[Besluit.Keuze(besluit.keuze)]
    if besluit.overschreven:
        return _("Geplaatst met de machtiging van de rechter")
    tekst = woorden[0] if eigen else woorden[1]
    if besluit.is_vastgelegd and lezer == Lezer.PROFESSIONAL:
        tekst += " " + _("(vastgelegd door de coördinator)")
    return tekst


def _delen(toestemming: Deeltoestemming | None, eigen: bool) -> str:
    if toestemming is None:
        return _("Delen: nog niet gevraagd") if not eigen else _("Delen: je koos nog niet")
    if toestemming.keuze == Deeltoestemming.Keuze.JA:
        return _("Delen: ja")
    if toestemming.is_intrekking:
        return _("Delen: ingetrokken")
    return _("Delen: nee")


def _woning(voorstel: Voorstel, lezer: Lezer) -> Partij:
    wie = _("Uw woning") if lezer == Lezer.BEHEERDER else voorstel.voorziening.naam
    status = voorstel.status
    if status == S.CONCEPT:
        antwoord = _("Nog niet verstuurd")
    elif status == S.VERSTUURD:
        antwoord = (
            _("Niet op tijd geantwoord")
            if voorstel.is_te_laat
            else _("Nog geen antwoord (uiterlijk %(datum)s)")
            % {"datum": _datum(voorstel.antwoord_uiterlijk)}
        )
    elif status == S.AFGEWEZEN:
        antwoord = _("Geen interesse")
    elif status in (S.VERLOPEN,):
        antwoord = _("Geen antwoord gegeven")
    elif voorstel.beantwoord_op is not None:
        antwoord = _("Heeft interesse")
    else:
        antwoord = _("Overgeslagen (spoed)") if voorstel.is_spoed else "—"
    kennismaking = voorstel.kennismaking_of_none()
    if kennismaking is not None and status not in (S.CONCEPT, S.VERSTUURD, S.AFGEWEZEN):
        if kennismaking.gehouden_op is not None:
            antwoord += " · " + _("kennismaking geweest")
        else:
            antwoord += " · " + _("kennismaking %(datum)s") % {"datum": _datum(kennismaking.datum)}
    return Partij(wie=wie, antwoord=antwoord, aan_de_beurt=status == S.VERSTUURD, sleutel="woning")


def _tegenspraak(voorstel: Voorstel, lezer: Lezer) -> Partij | None:
    if not voorstel.tegenspraak_nodig:
        return None
    laatste = voorstel.laatste_tegenspraak()
    wie = (
        _("Een gedragsdeskundige kijkt mee")
        if lezer in (Lezer.JONGERE, Lezer.OUDER)
        else _("Tegenspraak (gedragswetenschapper)")
    )
    if laatste is None:
        antwoord = _("Nog niet gegeven")
    elif laatste.oordeel == Tegenspraak.Oordeel.AKKOORD:
        antwoord = _("Akkoord")
    else:
        antwoord = _("Bezwaar")
    return Partij(
        wie=wie,
        antwoord=antwoord,
        aan_de_beurt=voorstel.status in flow.TEGENSPRAAK_STATUSSEN and laatste is None,
        sleutel="tegenspraak",
    )


def stand_van_zaken(voorstel: Voorstel, user: User, *, beperkt: bool = False) -> Stand:
    """Where `voorstel` stands for `user`: per party, whose turn it is, and one line that
    says it all (a "no" shows there, not only the step the proposal is at).

    `beperkt`: the reader may not read the file (a parent without gezag, or one a youth
    of 16 or older does not share with): the others' answers are left out."""
    lezer = lezer_van(user)
    eigen = beslissers.sleutel_van(voorstel.jongere, user)
    wie = flow.beslissers_van(voorstel)
    standen = flow.stand_van_besluiten(voorstel, wie) if voorstel.status != S.CONCEPT else []
    delen = {d.betrokkene.sleutel: d.toestemming for d in flow.stand_van_delen(voorstel, wie)}
    status = S(voorstel.status)
    kiezen = status == S.KENNISMAKING_GEHOUDEN
    nodig = [s for s in standen if s.moet_instemmen]
    nee = [
        s
        for s in nodig
        if s.besluit is not None
        and s.besluit.keuze == Besluit.Keuze.NEE
        and status in flow.BESLUIT_STATUSSEN
    ]
    open_ = [s for s in nodig if s.besluit is None or s.besluit.keuze == Besluit.Keuze.TWIJFEL]

    partijen: list[Partij] = [_woning(voorstel, lezer)]
    if lezer == Lezer.BEHEERDER:
        if standen:
            if nee:
                antwoord = _("Niet iedereen zegt ja")
            elif open_:
                antwoord = _("Nog niet iedereen heeft gekozen")
            else:
                antwoord = _("Iedereen zegt ja")
            partijen.append(
                Partij(
                    wie=_("De jongere en wie mee beslist"),
                    antwoord=antwoord,
                    aan_de_beurt=kiezen and bool(open_),
                    delen=_("Delen: ja") if voorstel.volledig_gedeeld_op else _("Delen: nog niet"),
                    sleutel="gezin",
                )
            )
    else:
        for s in standen:
            b = s.betrokkene
            is_eigen = b.sleutel == eigen
            verborgen = beperkt and not is_eigen
            partijen.append(
                Partij(
                    wie=_noem(b, lezer, eigen),
                    antwoord=str(b.inbreng.label).capitalize()
                    if verborgen
                    else _keuze(s.besluit, b, lezer, is_eigen),
                    aan_de_beurt=kiezen and s in open_,
                    delen=""
                    if verborgen or b.sleutel not in delen
                    else _delen(delen[b.sleutel], is_eigen),
                    sleutel=b.sleutel,
                    is_lezer=is_eigen,
                )
            )
    tegen = _tegenspraak(voorstel, lezer)
    if tegen is not None and status in (*flow.BESLUIT_STATUSSEN,):
        partijen.append(tegen)

    laatste = voorstel.laatste_tegenspraak() if tegen is not None else None
    tegenspraak = None if tegen is None else "open" if laatste is None else str(laatste.oordeel)
    samenvatting, beurt = _regel(voorstel, lezer, eigen, nee, open_, tegenspraak, beperkt)
    kort = _("Niet iedereen zegt ja") if nee and not beperkt else str(status.label)
    return Stand(samenvatting, beurt, tuple(partijen), beperkt, kort)


def _namen(standen: list[flow.Stand], lezer: Lezer, eigen: str | None) -> str:
    if lezer == Lezer.BEHEERDER:
        return _("iemand die mee beslist")
    # Inside a sentence "Jij" and "Je kind" are written small.
    namen = [
        naam[0].lower() + naam[1:] if naam.startswith((_("Jij"), _("Je kind"))) else naam
        for naam in (_noem(s.betrokkene, lezer, eigen) for s in standen)
    ]
    if len(namen) == 1:
        return namen[0]
    return _("%(eerst)s en %(laatst)s") % {"eerst": ", ".join(namen[:-1]), "laatst": namen[-1]}


def _regel(
    voorstel: Voorstel,
    lezer: Lezer,
    eigen: str | None,
    nee: list[flow.Stand],
    open_: list[flow.Stand],
    tegenspraak: str | None,
    beperkt: bool,
) -> tuple[str, str]:
    """The line that says where it stands, and whose turn it is, in this reader's words."""
    status = S(voorstel.status)
    label = str(status.label)
    familie = lezer in (Lezer.JONGERE, Lezer.OUDER)
    coordinator = _("je coördinator") if familie else _("de coördinator")
    woning = _("uw woning") if lezer == Lezer.BEHEERDER else voorstel.voorziening.naam
    if status == S.CONCEPT:
        return label, _("Aan de beurt: %(wie)s, om het voorstel te versturen.") % {
            "wie": coordinator
        }
    if status in (S.GEPLAATST, S.AFGEWEZEN, S.INGETROKKEN, S.VERLOPEN):
        return label, _("Niemand meer aan de beurt: dit voorstel loopt niet meer.")
    if status == S.VERSTUURD:
        return label, _("Aan de beurt: %(wie)s, om te antwoorden.") % {"wie": woning}
    if status == S.INTERESSE:
        return label, _(
            "Aan de beurt: %(coordinator)s of %(woning)s, om de kennismaking te plannen."
        ) % {
            "coordinator": coordinator,
            "woning": woning,
        }
    if nee and not beperkt:
        samenvatting = _("%(status)s · Niet iedereen zegt ja: %(wie)s zegt nee") % {
            "status": label,
            "wie": _namen(nee, lezer, eigen),
        }
        if lezer == Lezer.BEHEERDER:
            beurt = _("Aan de beurt: de coördinator, om met het gezin te praten.")
        elif familie:
            beurt = _("Aan de beurt: je coördinator. Die praat met jullie over wat nu.")
        else:
            beurt = _(
                "Aan de beurt: de coördinator, om in gesprek te gaan of het voorstel in te trekken."
            )
        return samenvatting, beurt
    if status == S.KENNISMAKING_GEPLAND:
        kennismaking = voorstel.kennismaking_of_none()
        if kennismaking is not None and kennismaking.datum > timezone.now():
            return label, _("Aan de beurt: iedereen, bij de kennismaking op %(datum)s.") % {
                "datum": _datum(kennismaking.datum)
            }
        return label, _(
            "Aan de beurt: %(coordinator)s of %(woning)s, om vast te leggen dat de kennismaking "
            "geweest is."
        ) % {"coordinator": coordinator, "woning": woning}
    if open_ and status == S.KENNISMAKING_GEHOUDEN:
        if eigen is not None and any(s.betrokkene.sleutel == eigen for s in open_):
            beurt = _("Jij bent aan de beurt: kies ja, twijfel of nee.")
            anderen = [s for s in open_ if s.betrokkene.sleutel != eigen]
            if anderen and not beperkt:
                beurt += " " + _("Ook %(wie)s kiest nog.") % {"wie": _namen(anderen, lezer, eigen)}
        elif beperkt:
            beurt = _("Aan de beurt: wie mee beslist, om te kiezen.")
        else:
            beurt = _("Aan de beurt: %(wie)s, om te kiezen.") % {"wie": _namen(open_, lezer, eigen)}
        anderen = [s for s in open_ if s.betrokkene.sleutel != eigen]
        if beperkt:
            wie = _("wie mee beslist")
        elif len(anderen) < len(open_):
            wie = (
                _("jou en %(wie)s") % {"wie": _namen(anderen, lezer, eigen)}
                if anderen
                else _("jou")
            )
        else:
            wie = _namen(open_, lezer, eigen)
        samenvatting = _("%(status)s · wacht op de keuze van %(wie)s") % {
            "status": label,
            "wie": wie,
        }
        return samenvatting, beurt
    if tegenspraak in ("open", Tegenspraak.Oordeel.BEZWAAR):
        if tegenspraak == "open":
            wie = _("een gedragsdeskundige") if familie else _("een gedragswetenschapper")
            return label, _("Aan de beurt: %(wie)s, om mee te kijken (tegenspraak).") % {"wie": wie}
        return label, _("Aan de beurt: %(wie)s: er is bezwaar gemaakt.") % {"wie": coordinator}
    if status == S.AKKOORD:
        return label, _(
            "Aan de beurt: %(coordinator)s of %(woning)s, om de aankomst vast te leggen."
        ) % {"coordinator": coordinator, "woning": woning}
    return label, _("Aan de beurt: %(wie)s.") % {"wie": coordinator}
