"""Retention: anonymise youths whose data the portal no longer needs.

The portal keeps its own copy for `settings.BEWAARTERMIJN_JONGERE_JAREN` after the last
stay ended or, without a stay, after the file last changed. What remains afterwards are
the numbers the stability page needs (stays, dates, end reasons, answer times); names,
places, school, free texts, protective zones and attention signals go. Anonymised youths
are recognised by their name, so a second run finds nothing to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from accounts.models import User
from jongeren.models import (
    AnalyseBehoefte,
    BeschermdeZone,
    Instemming,
    Jongere,
    Uitnodiging,
    VerklarendeAnalyse,
)
from matching import zoekindex
from matching.models import Zoekopdracht
from plaatsingstafel.models import Verdeling
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
    jongeren: int = 0
    analyses: int = 0
    voorstellen: int = 0
    plaatsingen: int = 0
    accounts: int = 0


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


@transaction.atomic
def anonimiseer(jongere: Jongere, samenvatting: Samenvatting) -> None:
    """Anonymise one youth and everything hanging off them.

    `QuerySet.update` leaves the `auto_now` timestamps alone, so the dates the figures use
    (and the retention check itself) stay as they were.
    """
    geboren = jongere.geboortedatum.replace(month=1, day=1)
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
    )
    analyses = VerklarendeAnalyse.objects.filter(jongere=jongere)
    samenvatting.analyses += analyses.update(
        factoren="",
        krachten="",
        wat_werkt="",
        behoeften_toelichting="",
        signalen=[],
        belangrijk_jongere="",
        belangrijk_ouders="",
        netwerk="",
    )
    AnalyseBehoefte.objects.filter(analyse__jongere=jongere).update(toelichting="")
    Instemming.objects.filter(analyse__jongere=jongere).update(opmerking="")
    Uitnodiging.objects.filter(jongere=jongere).update(email="")

    voorstellen = Voorstel.objects.filter(jongere=jongere)
    samenvatting.voorstellen += voorstellen.update(
        motivatie="", tekst_voor_woning="", antwoord_toelichting="", uitleg_per_publiek={}
    )
    VoorstelGebeurtenis.objects.filter(voorstel__jongere=jongere).update(waarom="")
    # A recorded decision's names and who was present are free text about people too.
    Besluit.objects.filter(voorstel__jongere=jongere).update(opmerking="", naam="", aanwezig="")
    Kennismaking.objects.filter(voorstel__jongere=jongere).update(
        plaats="", notitie_woning="", notitie_coordinator=""
    )
    # An override needs a reason (database constraint): keep a placeholder, not the text.
    Toestemming.objects.filter(voorstel__jongere=jongere).exclude(reden="").update(reden="—")
    Tegenspraak.objects.filter(voorstel__jongere=jongere).update(toelichting="—")
    Zoekopdracht.objects.filter(jongere=jongere).delete()
    # The placement table's computations hold the youth as the engine saw them.
    Verdeling.objects.filter(jongeren=jongere).delete()
    # A protective zone names a place and a reason; no figure needs it.
    BeschermdeZone.objects.filter(jongere=jongere).delete()

    # Stays keep what the figures need: home, arrival, end, end reason, notice period.
    verblijven = Plaatsing.objects.filter(jongere=jongere)
    samenvatting.plaatsingen += verblijven.update(aanduiding="", signalen=[], toelichting="")
    # A bulk update passes no signals: tell the search index which homes' residents changed.
    zoekindex.markeer(verblijven.values_list("voorziening_id", flat=True))

    # The change history holds the old texts and names too: it goes with them.
    Jongere.history.filter(id=jongere.pk).delete()
    VerklarendeAnalyse.history.filter(jongere_id=jongere.pk).delete()
    Voorstel.history.filter(jongere_id=jongere.pk).delete()
    Plaatsing.history.filter(jongere_id=jongere.pk).delete()
    BeschermdeZone.history.filter(jongere_id=jongere.pk).delete()

    if jongere.account is not None and jongere.account.is_active:
        _deactiveer(jongere.account)
        samenvatting.accounts += 1
    for ouder in jongere.ouders.filter(is_active=True):
        # A parent of another child whose data is still kept keeps their account.
        if not ouder.kinderen.exclude(pk=jongere.pk).exclude(roepnaam=GEANONIMISEERD).exists():
            _deactiveer(ouder)
            samenvatting.accounts += 1
    samenvatting.jongeren += 1
