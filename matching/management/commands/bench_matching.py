"""Benchmark the ranking on a large synthetic region (`make bench`).

Seeds N homes (each with a team and 0-5 residents) under a temporary care provider,
measures, and removes everything it created, also when interrupted. Prints per-measure
lines and, as its last line, one JSON object with the figures.

`rank_ms_median` and `queries` are cold: the per-process cache of homes is emptied first,
so they include loading every home. `page_ms_median` is the search page as coordinators
get it (the cache warm, as after any first search); `page_cold_ms_median` the same page
right after a change to the homes.
"""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, reset_queries, transaction
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisatie, Regio, Rol, User
from jongeren.models import AnalyseBehoefte, Jongere, VerklarendeAnalyse
from matching.adapters import HOME_COLUMNS, TEAM_COLUMNS, _cache, rank_for
from matching.choices import Geslacht, Omgeving, Signaal, Zorgintensiteit, Zorgprofiel
from matching.engine import Audience
from matching.models import Kenmerk
from voorzieningen.models import Plaatsing, Teamlid, Vacature, Voorziening

MARK = "Benchmark (tijdelijk)"


def _median_ms(run: Callable[[], Any], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        timings.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(timings), 1)


class Command(BaseCommand):
    help = "Meet de ranglijst op een grote, tijdelijke set woningen (benchmark)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--homes", type=int, default=10_000)
        parser.add_argument("--repeat", type=int, default=7)
        parser.add_argument("--seed", type=int, default=20261122)

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(options["seed"])  # noqa: S311 - synthetic data, not security
        self._cleanup()
        try:
            jongere, coordinator = self._seed(options["homes"], rng)
            figures = {"homes": options["homes"]}
            figures.update(self._measure(jongere, coordinator, options["repeat"]))
        finally:
            self._cleanup()
        for key, value in figures.items():
            self.stdout.write(f"{key:>16}: {value}")
        self.stdout.write(json.dumps(figures))

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
            "bench-coordinator@example.org", None, rol=Rol.COORDINATOR, organisatie=gemeente
        )
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
        return jongere, coordinator

    def _cleanup(self) -> None:
        with transaction.atomic():
            homes = Voorziening.objects.filter(aanbieder__naam=MARK)
            Plaatsing.objects.filter(voorziening__in=homes).delete()
            homes.delete()
            Jongere.objects.filter(organisatie__naam=f"{MARK} gemeente").delete()
            User.objects.filter(email="bench-coordinator@example.org").delete()
            Organisatie.objects.filter(naam__startswith=MARK).delete()
            Regio.objects.filter(naam=MARK).delete()

    # --- measuring ----------------------------------------------------------------------

    def _measure(self, jongere: Jongere, coordinator: User, repeat: int) -> dict[str, Any]:
        today = timezone.localdate()
        now = timezone.now()
        analyse = jongere.actuele_analyse()

        def rank() -> int:
            # Cold: the per-process cache of homes is emptied, so this includes loading.
            _cache.clear()
            return len(
                rank_for(jongere, analyse, today=today, now=now, audience=Audience.COORDINATOR)
            )

        def fetch() -> None:
            # The same rows the ranking reads, one plain cursor per table, nothing built.
            list(
                Voorziening.objects.met_teamcijfers(today).values_list(*HOME_COLUMNS, *TEAM_COLUMNS)
            )
            list(Kenmerk.objects.values_list("pk", "code"))
            list(Voorziening.aanbod.through.objects.values_list("voorziening_id", "kenmerk_id"))
            list(
                Teamlid.competenties.through.objects.filter(
                    Q(teamlid__einddatum__isnull=True) | Q(teamlid__einddatum__gt=today),
                    teamlid__begindatum__lte=today,
                )
                .values_list("teamlid__voorziening_id", "kenmerk_id")
                .distinct()
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
        rank_ms = _median_ms(rank, repeat)
        fetch_ms = _median_ms(fetch, repeat)

        # A host the settings allow in development and in production alike.
        client = Client(HTTP_HOST=(settings.ALLOWED_HOSTS or ["localhost"])[0])
        client.force_login(coordinator)
        url = reverse("matching:zoeken", args=[jongere.pk])
        status = client.get(url).status_code
        if status != 200:
            raise CommandError(f"the search page answered {status}, not 200")
        page_ms = _median_ms(lambda: client.get(url), repeat)

        def cold_page() -> None:
            _cache.clear()
            client.get(url)

        page_cold_ms = _median_ms(cold_page, repeat)
        self.stderr.write(f"ranked {ranked} homes (the benchmark's and any others in the database)")
        return {
            "rank_ms_median": rank_ms,
            "fetch_ms_median": fetch_ms,
            "ratio": round(rank_ms / fetch_ms, 2) if fetch_ms else None,
            "queries": len(queries),
            "page_ms_median": page_ms,
            "page_cold_ms_median": page_cold_ms,
        }
