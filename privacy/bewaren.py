"""Retention: anonymise youths whose data the portal no longer needs.

The portal keeps its own copy for `settings.BEWAARTERMIJN_JONGERE_JAREN` after the last
stay ended or, without a stay, after the file last changed. What remains afterwards are
the numbers the stability page needs (stays, dates, end reasons, answer times); names,
places, school, free texts, protective zones and attention signals go. Anonymised youths
are recognised by their name, so a second run finds nothing to do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Melding, User
from jongeren.models import (
    AnalyseBehoefte,
    BeschermdeZone,
    Instemming,
    Jongere,
    Uitnodiging,
    VerklarendeAnalyse,
)
from kern.models import UitgesteldeTaak
from kern.uitgesteld import VERHUISDE_TAKEN
from matching import zoekindex
from matching.models import Zoekopdracht
from plaatsingstafel.models import Verdeling
from privacy.models import Inzage
from voorstellen.models import (
    Besluit,
    Kennismaking,
    Tegenspraak,
    Toestemming,
    Voorstel,
    VoorstelGebeurtenis,
)
from voorzieningen.models import Plaatsing

GEANONIMISEERD = "Geanonimiseerd"


@dataclass
class Samenvatting:
    """What one run erased: youths, directly registered residents and accounts, and per
    table how many rows it removed or blanked (counts only: the report goes to the log)."""

    jongeren: int = 0
    bewoners: int = 0
    accounts: int = 0
    per_tabel: Counter[str] = field(default_factory=Counter)

    def tel(self, model: type[models.Model], aantal: int) -> int:
        if aantal:
            self.per_tabel[model._meta.db_table] += aantal
        return aantal

    def regel(self) -> str:
        tabellen = ", ".join(f"{tabel} {n}" for tabel, n in sorted(self.per_tabel.items()))
        return (
            f"{self.jongeren} jongere(n) geanonimiseerd, {self.bewoners} bewoner(s) zonder "
            f"jongere geanonimiseerd, {self.accounts} account(s) gedeactiveerd; "
            f"per tabel: {tabellen or '-'}"
        )

    def als_dict(self) -> dict[str, Any]:
        return {
            "jongeren": self.jongeren,
            "bewoners": self.bewoners,
            "accounts": self.accounts,
            "per_tabel": dict(sorted(self.per_tabel.items())),
        }


def grens(vandaag: date | None = None) -> date:
    """Data last touched before this date is past retention."""
    vandaag = vandaag or timezone.localdate()
    jaren = settings.BEWAARTERMIJN_JONGERE_JAREN
    try:
        return vandaag.replace(year=vandaag.year - jaren)
    except ValueError:  # 29 February
        return vandaag.replace(year=vandaag.year - jaren, day=28)


def over_de_termijn(vandaag: date | None = None) -> list[Jongere]:
    """Youths not yet anonymised whose last stay and last activity lie before `grens`.

    A youth still living in a home or with an open proposal is never past retention.
    """
    tot = grens(vandaag)
    kandidaten = (
        Jongere.objects.exclude(roepnaam=GEANONIMISEERD)
        .exclude(pk__in=Plaatsing.objects.lopend().filter(jongere__isnull=False).values("jongere"))
        .exclude(pk__in=Voorstel.objects.open().values("jongere"))
        .annotate(
            laatste_einde=Max("plaatsingen__einde"),
            laatste_analyse=Max("analyses__gewijzigd_op"),
            laatste_voorstel=Max("voorstellen__gewijzigd_op"),
        )
        .filter(gewijzigd_op__date__lt=tot)
        .filter(Q(laatste_einde__isnull=True) | Q(laatste_einde__lt=tot))
        .filter(Q(laatste_analyse__isnull=True) | Q(laatste_analyse__date__lt=tot))
        .filter(Q(laatste_voorstel__isnull=True) | Q(laatste_voorstel__date__lt=tot))
        .distinct()
        .order_by("pk")
    )
    return list(kandidaten)


def _deactiveer(persoon: User) -> None:
    persoon.first_name = ""
    persoon.last_name = ""
    persoon.email = f"geanonimiseerd-{persoon.pk}@invalid.example"
    persoon.is_active = False
    persoon.set_unusable_password()
    persoon.save(update_fields=["first_name", "last_name", "email", "is_active", "password"])


def _niet_leeg(*velden: str) -> Q:
    """Rows where at least one of these text fields still holds something."""
    voorwaarde = Q()
    for veld in velden:
        voorwaarde |= ~Q(**{veld: ""})
    return voorwaarde


@transaction.atomic
def anonimiseer(jongere: Jongere, samenvatting: Samenvatting) -> None:
    """Anonymise one youth and everything hanging off them: the records, their change
    history, the family's accounts, the notices about them and the mails still waiting.

    `QuerySet.update` leaves the `auto_now` timestamps alone, so the dates the figures use
    (and the retention check itself) stay as they were. Counts go to `samenvatting` per
    table: the rows removed, or the rows that still held text and were blanked.
    """
    tel = samenvatting.tel
    geboren = jongere.geboortedatum.replace(month=1, day=1)
    tel(
        Jongere,
        Jongere.objects.filter(pk=jongere.pk).update(
            roepnaam=GEANONIMISEERD,
            geboortedatum=geboren,
            woonplaats="",
            lat=None,
            lon=None,
            school_naam="",
            school_plaats="",
            school_lat=None,
            school_lon=None,
        ),
    )
    analyse_ids = list(
        VerklarendeAnalyse.objects.filter(jongere=jongere).values_list("pk", flat=True)
    )
    tel(
        VerklarendeAnalyse,
        VerklarendeAnalyse.objects.filter(pk__in=analyse_ids)
        .filter(
            _niet_leeg(
                "factoren",
                "krachten",
                "wat_werkt",
                "behoeften_toelichting",
                "belangrijk_jongere",
                "belangrijk_ouders",
                "netwerk",
            )
            | ~Q(signalen=[])
        )
        .update(
            factoren="",
            krachten="",
            wat_werkt="",
            behoeften_toelichting="",
            signalen=[],
            belangrijk_jongere="",
            belangrijk_ouders="",
            netwerk="",
        ),
    )
    tel(
        AnalyseBehoefte,
        AnalyseBehoefte.objects.filter(analyse__jongere=jongere)
        .exclude(toelichting="")
        .update(toelichting=""),
    )
    tel(
        Instemming,
        Instemming.objects.filter(analyse__jongere=jongere)
        .exclude(opmerking="")
        .update(opmerking=""),
    )
    uitnodiging_ids = set(Uitnodiging.objects.filter(jongere=jongere).values_list("pk", flat=True))
    tel(Uitnodiging, Uitnodiging.objects.filter(jongere=jongere).exclude(email="").update(email=""))

    voorstellen = Voorstel.objects.filter(jongere=jongere)
    voorstel_ids = set(voorstellen.values_list("pk", flat=True))
    tel(
        Voorstel,
        voorstellen.filter(
            _niet_leeg("motivatie", "tekst_voor_woning", "antwoord_toelichting")
            | ~Q(uitleg_per_publiek={})
        ).update(
            motivatie="", tekst_voor_woning="", antwoord_toelichting="", uitleg_per_publiek={}
        ),
    )
    tel(
        VoorstelGebeurtenis,
        VoorstelGebeurtenis.objects.filter(voorstel__jongere=jongere)
        .exclude(waarom="")
        .update(waarom=""),
    )
    tel(
        Besluit,
        # A recorded decision's names and who was present are free text about people too.
        Besluit.objects.filter(voorstel__jongere=jongere)
        .filter(_niet_leeg("opmerking", "naam", "aanwezig"))
        .update(opmerking="", naam="", aanwezig=""),
    )
    tel(
        Kennismaking,
        Kennismaking.objects.filter(voorstel__jongere=jongere)
        .filter(_niet_leeg("plaats", "notitie_woning", "notitie_coordinator"))
        .update(plaats="", notitie_woning="", notitie_coordinator=""),
    )
    # An override needs a reason (database constraint): keep a placeholder, not the text.
    tel(
        Toestemming,
        Toestemming.objects.filter(voorstel__jongere=jongere)
        .exclude(reden="")
        .exclude(reden="—")
        .update(reden="—"),
    )
    tel(
        Tegenspraak,
        Tegenspraak.objects.filter(voorstel__jongere=jongere)
        .exclude(toelichting="—")
        .update(toelichting="—"),
    )
    tel(Zoekopdracht, _verwijder(Zoekopdracht.objects.filter(jongere=jongere)))
    # The placement table's computations hold the youth as the engine saw them.
    tel(Verdeling, _verwijder(Verdeling.objects.filter(jongeren=jongere)))
    # A protective zone names a place and a reason; no figure needs it.
    tel(BeschermdeZone, _verwijder(BeschermdeZone.objects.filter(jongere=jongere)))

    # Stays keep what the figures need: home, arrival, end, end reason, notice period.
    verblijven = Plaatsing.objects.filter(jongere=jongere)
    plaatsing_ids = set(verblijven.values_list("pk", flat=True))
    tel(
        Plaatsing,
        verblijven.filter(_niet_leeg("aanduiding", "toelichting") | ~Q(signalen=[])).update(
            aanduiding="", signalen=[], toelichting=""
        ),
    )
    # A bulk update passes no signals: tell the search index which homes' residents changed.
    zoekindex.markeer(verblijven.values_list("voorziening_id", flat=True))

    # The change history holds the old texts, signals and names: it goes with them.
    wis_historie(
        samenvatting,
        jongere_ids={jongere.pk},
        analyse_ids=analyse_ids,
        voorstel_ids=voorstel_ids,
        plaatsing_ids=plaatsing_ids,
    )

    # The family's accounts: names and addresses go, the account can no longer log in.
    gedeactiveerd: set[int] = set()
    if jongere.account is not None and jongere.account.is_active:
        _deactiveer(jongere.account)
        gedeactiveerd.add(jongere.account.pk)
    for ouder in jongere.ouders.filter(is_active=True):
        # A parent of another child whose data is still kept keeps their account.
        if not ouder.kinderen.exclude(pk=jongere.pk).exclude(roepnaam=GEANONIMISEERD).exists():
            _deactiveer(ouder)
            gedeactiveerd.add(ouder.pk)
    samenvatting.accounts += tel(User, len(gedeactiveerd))
    # The access log keeps its entries (and its chain); the closed accounts' names in it
    # become pseudonyms.
    tel(Inzage, Inzage.objects.pseudonimiseer(gedeactiveerd))

    wis_meldingen(
        samenvatting, jongere_id=jongere.pk, voorstel_ids=voorstel_ids, gebruiker_ids=gedeactiveerd
    )
    wis_uitgestelde_mails(
        samenvatting,
        voorstel_ids=voorstel_ids,
        uitnodiging_ids=uitnodiging_ids,
        gebruiker_ids=gedeactiveerd,
    )
    samenvatting.jongeren += 1


def _verwijder(rijen: models.QuerySet[Any]) -> int:
    """Delete and count the rows of the queryset's own table (not what cascades with them)."""
    _totaal, per_model = rijen.delete()
    return per_model.get(rijen.model._meta.label, 0)


def wis_historie(
    samenvatting: Samenvatting,
    *,
    jongere_ids: Collection[int],
    analyse_ids: Collection[int] = (),
    voorstel_ids: Collection[int] = (),
    plaatsing_ids: Collection[int] = (),
) -> None:
    """Remove the change history (django-simple-history) of these youths' records: every
    version of the youth, the analyses, the proposals, the stays and the protective zones,
    found by their own id and by the youth they belonged to."""
    if not jongere_ids:
        return
    tel = samenvatting.tel
    stappen: list[tuple[models.Manager[Any], Q]] = [
        (Jongere.history, Q(id__in=jongere_ids)),
        (VerklarendeAnalyse.history, Q(id__in=analyse_ids) | Q(jongere_id__in=jongere_ids)),
        (Voorstel.history, Q(id__in=voorstel_ids) | Q(jongere_id__in=jongere_ids)),
        (Plaatsing.history, Q(id__in=plaatsing_ids) | Q(jongere_id__in=jongere_ids)),
        (BeschermdeZone.history, Q(jongere_id__in=jongere_ids)),
    ]
    for historie, voorwaarde in stappen:
        rijen = historie.filter(voorwaarde)
        tel(historie.model, _verwijder(rijen))


def wis_meldingen(
    samenvatting: Samenvatting, *, jongere_id: int, voorstel_ids: set[int], gebruiker_ids: set[int]
) -> None:
    """Remove the in-portal notices about the youth: every notice to the family's closed
    accounts, and every notice to anyone that links to the youth's pages or proposals
    (the saved-search notices name the youth)."""
    over_jongere = Q(ontvanger_id__in=gebruiker_ids)
    for prefix in (
        reverse("jongeren:detail", args=[jongere_id]),
        reverse("jongeren:mijn_jongere", args=[jongere_id]),
    ):
        over_jongere |= Q(url__startswith=prefix)
    urls = [reverse("voorstellen:voorstel", args=[pk]) for pk in voorstel_ids]
    if urls:
        over_jongere |= Q(url__in=urls)
    samenvatting.tel(Melding, _verwijder(Melding.objects.filter(over_jongere)))


# The outbox tasks whose arguments point at a youth or a person, and how: a task name maps
# to (the kind of id, its position in the arguments), a list of ids counting for each.
_MAIL_ARGUMENTEN: dict[str, tuple[tuple[str, int], ...]] = {
    "voorstellen.tasks.mail_voorstel_gewijzigd": (("voorstel", 0), ("gebruiker", 1)),
    "voorstellen.tasks.mail_kennismaking": (("voorstel", 0), ("gebruiker", 1)),
    "jongeren.tasks.stuur_uitnodiging": (("uitnodiging", 0),),
    "accounts.tasks.mail_wachtwoord_herstel": (("gebruiker", 0),),
}


def _ids(waarde: object) -> set[int]:
    if isinstance(waarde, bool):
        return set()
    if isinstance(waarde, int):
        return {waarde}
    if isinstance(waarde, list):
        return {w for w in waarde if isinstance(w, int) and not isinstance(w, bool)}
    return set()


def wis_uitgestelde_mails(
    samenvatting: Samenvatting,
    *,
    voorstel_ids: set[int],
    uitnodiging_ids: set[int],
    gebruiker_ids: set[int],
) -> None:
    """Remove the mails in the outbox (waiting or failed) that are about the youth: about
    one of their proposals or invitations, or to one of the family's closed accounts."""
    gezocht = {"voorstel": voorstel_ids, "uitnodiging": uitnodiging_ids, "gebruiker": gebruiker_ids}
    if not any(gezocht.values()):
        return
    namen = {oud: nieuw for oud, nieuw in VERHUISDE_TAKEN.items() if nieuw in _MAIL_ARGUMENTEN}
    weg: list[int] = []
    rijen = UitgesteldeTaak.objects.filter(taak__in=[*_MAIL_ARGUMENTEN, *namen])
    for pk, taak, argumenten in rijen.values_list("pk", "taak", "argumenten"):
        if not isinstance(argumenten, list):
            continue
        for soort, plek in _MAIL_ARGUMENTEN[namen.get(taak, taak)]:
            if plek < len(argumenten) and _ids(argumenten[plek]) & gezocht[soort]:
                weg.append(pk)
                break
    if weg:
        samenvatting.tel(UitgesteldeTaak, _verwijder(UitgesteldeTaak.objects.filter(pk__in=weg)))


def bewoners_over_de_termijn(vandaag: date | None = None) -> models.QuerySet[Plaatsing]:
    """Residents a home registered directly (no youth record in the portal) whose stay
    ended before `grens` and who still carry a label, signals, a note or change history."""
    tot = grens(vandaag)
    met_historie = Plaatsing.history.filter(jongere_id__isnull=True).values("id")
    return (
        Plaatsing.objects.filter(jongere__isnull=True, einde__lt=tot)
        .filter(_niet_leeg("aanduiding", "toelichting") | ~Q(signalen=[]) | Q(pk__in=met_historie))
        .order_by("pk")
    )


@transaction.atomic
def anonimiseer_bewoners(samenvatting: Samenvatting, vandaag: date | None = None) -> None:
    """Blank the directly registered residents past retention, as `anonimiseer` does for a
    youth's stays (what the figures need stays), and remove their change history."""
    ids = list(bewoners_over_de_termijn(vandaag).values_list("pk", flat=True))
    if not ids:
        return
    verblijven = Plaatsing.objects.filter(pk__in=ids)
    samenvatting.tel(
        Plaatsing,
        verblijven.filter(_niet_leeg("aanduiding", "toelichting") | ~Q(signalen=[])).update(
            aanduiding="", signalen=[], toelichting=""
        ),
    )
    samenvatting.tel(Plaatsing.history.model, _verwijder(Plaatsing.history.filter(id__in=ids)))
    samenvatting.bewoners += len(ids)


def verweesde_historie() -> set[int]:
    """Ids of youths that were deleted but whose change history remained."""
    bestaand = Jongere.objects.values("pk")
    ids: set[int] = set(Jongere.history.exclude(id__in=bestaand).values_list("id", flat=True))
    for historie in (VerklarendeAnalyse.history, Plaatsing.history, BeschermdeZone.history):
        ids |= set(
            historie.filter(jongere_id__isnull=False)
            .exclude(jongere_id__in=bestaand)
            .values_list("jongere_id", flat=True)
        )
    return ids


@transaction.atomic
def wis_verweesde_historie(samenvatting: Samenvatting) -> None:
    """The change history of youths that were deleted outright: it outlived them, with
    every old text and signal. It goes too."""
    wis_historie(samenvatting, jongere_ids=verweesde_historie())


def voer_uit(vandaag: date | None = None) -> Samenvatting:
    """The whole retention job: youths past retention, directly registered residents past
    retention, and the history left behind by deleted youths."""
    samenvatting = Samenvatting()
    for jongere in over_de_termijn(vandaag):
        anonimiseer(jongere, samenvatting)
    anonimiseer_bewoners(samenvatting, vandaag)
    wis_verweesde_historie(samenvatting)
    return samenvatting
