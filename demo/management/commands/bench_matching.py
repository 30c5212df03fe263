"""Benchmark the ranking on a large synthetic country (`make bench`).

Seeds N homes (each with a team and 0-5 residents) under a temporary care provider, takes
them into the search index, measures, and removes everything it created, also when
interrupted. Prints per-measure lines and, as its last line, one JSON object.

The search page is measured as a coordinator gets it: logged in through the login form,
password and the code of the authenticator app (the demo authenticator), with the second
step required as in production. Figures (milliseconds, medians of `--repeat` runs):

* `rank_ms_median`: a search's ranking in a process that just started: every home read
  from the search index (the rows all processes share), then ranked; `queries` counts the
  queries of one such ranking. `fetch_ms_median`: a bare fetch of the same rows from the
  homes' own tables (one cursor per table, nothing built); `ratio` = rank / fetch.
* `rank_warm_ms_median`: the ranking for a youth not ranked before, the homes already read.
* `reload_all_ms_median`: building every home from its tables (what each process used to do
  after any change anywhere).
* `page_ms_median`: the search page, warm (the same youth again, as when changing filters).
* `page_after_change_ms_median`: the same page right after one home changed elsewhere and
  nobody took the change in yet, so this request reads that home from its tables.
* `page_restart_ms_median`: the page in a process that just started.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, reset_queries, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisatie, Regio, Rol, User
from demo.accounts import DEMO_PASSWORD, geef_demo_authenticator
from demo.bench import log_in
from jongeren.models import AnalyseBehoefte, Jongere, VerklarendeAnalyse
from kern.choices import Geslacht, Omgeving, Signaal, Zorgintensiteit, Zorgprofiel
from kern.meten import median_ms, ms
from kern.models import Kenmerk
from matching import zoekindex
from matching.adapters import HOME_COLUMNS, TEAM_COLUMNS, load_homes, rank_for
from matching.engine import Audience
from matching.models import ZoekindexWijziging, ZoekindexWoning
from voorzieningen.models import Plaatsing, Teamlid, Vacature, Voorziening

MARK = "Benchmark (tijdelijk)"
EMAIL = "bench-coordinator@example.org"
# Targets: (key, at most).
DOELEN = (
    ("ratio", 1.5),
    ("queries", 10),
    ("page_ms_median", 150),
    ("page_after_change_ms_median", 400),
)


class Command(BaseCommand):
    help = "Meet de ranglijst op een grote, tijdelijke set woningen (benchmark)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--homes", type=int, default=10_000)
        parser.add_argument("--repeat", type=int, default=7)
        parser.add_argument("--seed", type=int, default=20261122)

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(options["seed"])
        self._cleanup()
        try:
            jongere, coordinator = self._seed(options["homes"], rng)
            figures = {"homes": options["homes"]}
            figures.update(self._measure(jongere, coordinator, options["repeat"]))
        finally:
            self._cleanup()
        for key, value in figures.items():
            self.stdout.write(f"{key:>28}: {value}")
        gemist = [
            f"{key} {figures[key]} > {grens}"
            for key, grens in DOELEN
            if figures.get(key) is not None and figures[key] > grens
        ]
        if gemist:
            self.stderr.write("bench: target not met: " + "; ".join(gemist))
        self.stdout.write(json.dumps(figures))
        sys.stdout.flush()

    # --- seeding ------------------------------------------------------------------------

    def _seed(self, n: int, rng: random.Random) -> tuple[Jongere, User]:
        today = timezone.localdate()
        start = time.perf_counter()
        regio, _ = Regio.objects.get_or_create(naam=MARK)
        aanbieder = Organisatie.objects.create(
            naam=MARK, soort=Organisatie.Soort.ZORGAANBIEDER, regio=regio
        )
        gemeente = Organisatie.objects.create(
            naam=f"{MARK} gemeente", soort=Organisatie.Soort.GEMEENTE, regio=regio
        )
        coordinator = User.objects.create_user(
            EMAIL, DEMO_PASSWORD, rol=Rol.COORDINATOR, organisatie=gemeente
        )
        geef_demo_authenticator(coordinator)
        kenmerken = list(Kenmerk.objects.values_list("pk", flat=True))
        with transaction.atomic():
            homes = []
            for i in range(n):
                max_b = rng.choice((3, 4, 4, 4, 5, 6))
                low = rng.choice((8, 10, 12, 12, 14, 16))
                homes.append(
                    Voorziening(
                        aanbieder=aanbieder,
                        naam=f"Bench {i:05d}",
                        adres="Teststraat 1",
                        postcode="9700 AA",
                        plaats="Benchdorp",
                        provincie="groningen",
                        lat=rng.uniform(52.3, 53.5),
                        lon=rng.uniform(4.8, 7.2),
                        omgeving=rng.choice(Omgeving.values),
                        gesloten=rng.random() < 0.15,
                        max_bewoners=max_b,
                        voorkeur_bewoners=min(4, max_b),
                        leeftijd_min=low,
                        leeftijd_max=min(23, low + rng.choice((6, 8, 10))),
                        medewerkers_per_dienst=rng.choice((1, 1, 2)),
                        bewoners_aantal=0,
                    )
                )
            Voorziening.objects.bulk_create(homes, batch_size=2000)
            homes = list(Voorziening.objects.filter(aanbieder=aanbieder).order_by("pk"))
            aanbod, leden, plaatsingen, vacatures = [], [], [], []
            for home in homes:
                for code_pk in rng.sample(kenmerken, rng.randint(2, 6)):
                    aanbod.append(
                        Voorziening.aanbod.through(voorziening_id=home.pk, kenmerk_id=code_pk)
                    )
                for j in range(rng.randint(5, 10)):
                    began = today - timedelta(days=rng.randint(30, 3000))
                    left = (
                        today - timedelta(days=rng.randint(1, 29)) if rng.random() < 0.1 else None
                    )
                    leden.append(
                        Teamlid(
                            voorziening=home,
                            naam=f"T{j}",
                            functie="pedagogisch_medewerker",
                            begindatum=began,
                            einddatum=left,
                        )
                    )
                bewoners = rng.randint(0, min(5, home.max_bewoners))
                home.bewoners_aantal = bewoners
                for _ in range(bewoners):
                    age = rng.randint(home.leeftijd_min, home.leeftijd_max)
                    plaatsingen.append(
                        Plaatsing(
                            voorziening=home,
                            geboortemaand=date(today.year - age, rng.randint(1, 12), 1),
                            geslacht=rng.choice(Geslacht.values),
                            zorgprofiel=rng.choice(Zorgprofiel.values),
                            zorgintensiteit=rng.choice(Zorgintensiteit.values),
                            signalen=rng.sample(Signaal.values, rng.choice((0, 0, 1, 2))),
                            aankomst=today - timedelta(days=rng.randint(10, 900)),
                        )
                    )
                if bewoners < home.max_bewoners and rng.random() < 0.6:
                    vacatures.append(
                        Vacature(
                            voorziening=home,
                            beschikbaar_vanaf=today + timedelta(days=rng.randint(0, 90)),
                        )
                    )
            Voorziening.aanbod.through.objects.bulk_create(aanbod, batch_size=5000)
            Teamlid.objects.bulk_create(leden, batch_size=5000)
            competenties = [
                Teamlid.competenties.through(teamlid_id=lid.pk, kenmerk_id=rng.choice(kenmerken))
                for lid in Teamlid.objects.filter(voorziening__aanbieder=aanbieder).only("pk")
                if rng.random() < 0.5
            ]
            Teamlid.competenties.through.objects.bulk_create(competenties, batch_size=5000)
            Plaatsing.objects.bulk_create(plaatsingen, batch_size=5000)
            Vacature.objects.bulk_create(vacatures, batch_size=5000)
            Voorziening.objects.bulk_update(homes, ["bewoners_aantal"], batch_size=2000)
            # Bulk inserts pass no signals: tell the search index about the new homes.
            zoekindex.markeer(home.pk for home in homes)

            jongere = Jongere.objects.create(
                roepnaam="Bench",
                geboortedatum=date(today.year - 15, 3, 1),
                geslacht="v",
                woonplaats="Groningen",
                lat=53.219,
                lon=6.567,
                nodig_vanaf=today + timedelta(days=30),
                coordinator=coordinator,
                organisatie=gemeente,
            )
            analyse = VerklarendeAnalyse.objects.create(
                jongere=jongere,
                versie=1,
                gemaakt_door=coordinator,
                zorgprofiel="trauma",
                zorgintensiteit="hoog",
                signalen=["zelfbeschadiging"],
                krachten="-",
                wat_werkt="-",
            )
            AnalyseBehoefte.objects.bulk_create(
                [
                    AnalyseBehoefte(analyse=analyse, kenmerk_id=pk, belang=rng.randint(1, 3))
                    for pk in rng.sample(kenmerken, 4)
                ]
            )
        self.stderr.write(
            f"seeded {n} homes, {len(leden)} team members, {len(plaatsingen)} residents, "
            f"{len(vacatures)} vacancies in {time.perf_counter() - start:.1f} s"
        )
        start = time.perf_counter()
        zoekindex.herbouw()
        self.index_build_ms = round((time.perf_counter() - start) * 1000)
        self.stderr.write(f"built the search index in {self.index_build_ms} ms")
        return jongere, coordinator

    def _cleanup(self) -> None:
        homes = Voorziening.objects.filter(aanbieder__naam=MARK)
        ids = list(homes.values_list("pk", flat=True))
        with transaction.atomic(), zoekindex.gebundeld():
            Plaatsing.objects.filter(voorziening__in=homes).delete()
            homes.delete()
            Jongere.objects.filter(organisatie__naam=f"{MARK} gemeente").delete()
            User.objects.filter(email=EMAIL).delete()
            Organisatie.objects.filter(naam__startswith=MARK).delete()
            Regio.objects.filter(naam=MARK).delete()
        # The index learns the homes are gone; then their empty rows go too (nobody else
        # needs to hear of homes that lived for one benchmark).
        zoekindex.werk_alles_bij()
        ZoekindexWoning.objects.filter(woning_id__in=ids, inhoud="").delete()

    # --- measuring ----------------------------------------------------------------------

    def _measure(self, jongere: Jongere, coordinator: User, repeat: int) -> dict[str, Any]:
        today = timezone.localdate()
        now = timezone.now()
        analyse = jongere.actuele_analyse()

        def rank() -> int:
            # A process that just started: every home from the search index, then ranked.
            zoekindex.vergeet()
            return len(
                rank_for(jongere, analyse, today=today, now=now, audience=Audience.COORDINATOR)
            )

        def rank_warm() -> None:
            zoekindex.vergeet_ranglijsten()
            rank_for(jongere, analyse, today=today, now=now, audience=Audience.COORDINATOR)

        def fetch() -> None:
            # The same rows the ranking reads, one plain cursor per table, nothing built.
            list(
                Voorziening.objects.met_teamcijfers(today).values_list(*HOME_COLUMNS, *TEAM_COLUMNS)
            )
            list(Kenmerk.objects.values_list("pk", "code"))
            list(Voorziening.aanbod.through.objects.values_list("voorziening_id", "kenmerk_id"))
            list(
                Teamlid.objects.actief(today)
                .filter(competenties__isnull=False)
                .order_by()
                .values("voorziening_id", "competenties")
                .annotate(houders=Count("pk"))
                .values_list("voorziening_id", "competenties", "houders")
            )
            list(
                Plaatsing.objects.actief(today).values_list(
                    "voorziening_id",
                    "geboortemaand",
                    "geslacht",
                    "zorgprofiel",
                    "zorgintensiteit",
                    "signalen",
                    "geplande_einde",
                )
            )
            list(Vacature.objects.zichtbaar(now).values_list("voorziening_id", "beschikbaar_vanaf"))

        ranked = rank()  # warm-up
        reset_queries()  # a full query log (bulk inserts above) would hide new queries
        with CaptureQueriesContext(connection) as queries:
            rank()
        # Alternate, so that a busy moment on the machine does not fall on one side only.
        rank_ms, fetch_ms = [], []
        for _ in range(repeat):
            rank_ms.append(ms(rank))
            fetch_ms.append(ms(fetch))
        rank_warm_ms = median_ms(rank_warm, repeat)
        reload_ms = median_ms(lambda: load_homes(today=today, now=now), repeat)

        # A host the settings allow in development and in production alike.
        client = Client(
            HTTP_HOST=(settings.ALLOWED_HOSTS or ["localhost"])[0], enforce_csrf_checks=True
        )
        log_in(client, EMAIL)
        url = reverse("matching:zoeken", args=[jongere.pk])
        status = client.get(url).status_code
        if status != 200:
            raise CommandError(f"the search page answered {status}, not 200")
        page_ms = median_ms(lambda: client.get(url), repeat)

        # One home near the youth changes elsewhere (its vacancy withdrawn or opened again):
        # the change and its mark are committed, nobody took it in yet.
        vacatures = list(
            Vacature.objects.filter(voorziening__aanbieder__naam=MARK)
            .order_by("voorziening__lat")
            .values_list("pk", "voorziening_id", "status")[: max(1, repeat)]
        )
        after_change = []
        for index in range(repeat):
            pk, woning, status_nu = vacatures[index % len(vacatures)]
            nieuw = "ingetrokken" if status_nu == "open" else "open"
            with transaction.atomic():
                Vacature.objects.filter(pk=pk).update(status=nieuw, laatst_bevestigd=timezone.now())
                ZoekindexWijziging.objects.create(woning_id=woning)
            vacatures[index % len(vacatures)] = (pk, woning, nieuw)
            after_change.append(ms(lambda: client.get(url)))
            if ZoekindexWijziging.objects.filter(woning_id=woning).exists():
                raise CommandError("the search did not take the changed home in")

        def restart_page() -> None:
            zoekindex.vergeet()
            client.get(url)

        page_restart_ms = median_ms(restart_page, repeat)
        self.stderr.write(
            f"ranked {ranked} homes (the benchmark's and any others in the database); "
            f"index rows: {ZoekindexWoning.objects.count()}"
        )
        rank_median = round(statistics.median(rank_ms), 1)
        fetch_median = round(statistics.median(fetch_ms), 1)
        return {
            "rank_ms_median": rank_median,
            "fetch_ms_median": fetch_median,
            "ratio": round(rank_median / fetch_median, 2) if fetch_median else None,
            "queries": len(queries),
            "rank_warm_ms_median": rank_warm_ms,
            "reload_all_ms_median": reload_ms,
            "index_build_ms": self.index_build_ms,
            "page_ms_median": page_ms,
            "page_after_change_ms_median": round(statistics.median(after_change), 1),
            "page_restart_ms_median": page_restart_ms,
        }
