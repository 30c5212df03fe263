"""Benchmark the access log's pages on a large log (`make bench-inzage`).

Adds N synthetic entries (default 1,000,000, spread over the last year) to the access log of
the PostgreSQL database named by DATABASE_URL, measures the admin's log page and Django's
admin list of the log as a functional admin gets them (logged in, the second step done),
and then rolls everything back: the entries, the admin account and the log's own entries of
the run are never committed, so the log's chain stays as it was (a VACUUM of the log's table
then clears the rolled-back rows). While it runs, other writers to the log of that database
wait for it: the chain has one writer at a time.

Prints per-measure lines and, as its last line, one JSON object (milliseconds, medians of
`--repeat` requests):

* `page_ms_median`: `/beheer/inzage/`, the newest entries (with the report of unusual
  search patterns over the last 30 days above them); `queries`: its number of queries.
* `older_page_ms_median`: the same page half a year back (the "Oudere regels" link).
* `filtered_ms_median`: filtered on a user's name and one month, half a year ago.
* `rare_filter_ms_median`: filtered on a rare combination (refused changes).
* `admin_ms_median`: Django's admin list of the log (`/beheer/django/privacy/inzage/`).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Rol, User
from kern.meten import median_ms
from privacy.models import Inzage

EMAIL = "bench-beheerder@example.org"
# The target for the log page; every page measured here is held to it.
GRENS_MS = 300

# Every column of a synthetic entry, as SQL over the series number `i`. Ordinary entries:
# mostly reads, one in six a search, a refusal now and then; 200 people, 2,000 youths.
KOLOMMEN: dict[str, str] = {
    "id": "gen_random_uuid()",
    "op": "%(eind)s - ((%(n)s - i)::bigint * %(stap)s) * interval '1 microsecond'",
    "actie": "(ARRAY['read','read','read','search','print','update'])[1 + i %% 6]",
    "uitkomst": "CASE WHEN i %% 97 = 0 THEN 'geweigerd' ELSE 'gelukt' END",
    "gebruiker_id": "NULL",
    "gebruiker_naam": "'Medewerker ' || (i %% 200)",
    "rol": "'coordinator'",
    "organisatie_id": "NULL",
    "voorziening_id": "NULL",
    "jongere_ref": "1 + i %% 2000",
    "soort": "'profiel'",
    "doel": "'matching'",
    "adres": "NULL",
    "pad": "'/jongeren/'",
    "querystring": "''",
    "sessie": "''",
    "user_agent": "''",
    "doel_opgegeven": "false",
    "reden": "''",
    "volgnummer": "%(basis)s + i",
    "vorige_hash": "''",
    "hash": "''",
    "na_signaalwijziging": "i %% 37 = 0",
}


class Command(BaseCommand):
    help = "Meet de pagina's van het toegangslog met een groot, tijdelijk log (benchmark)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--entries", type=int, default=1_000_000)
        parser.add_argument("--repeat", type=int, default=7)

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                "bench_inzage needs PostgreSQL: set DATABASE_URL to a postgres:// database"
            )
        kolommen = {str(veld.column) for veld in Inzage._meta.concrete_fields}
        if kolommen != set(KOLOMMEN):
            raise CommandError(f"the access log's columns changed: {sorted(kolommen)}")
        figures: dict[str, Any] = {"entries": options["entries"]}
        with transaction.atomic():
            beheerder, apparaat = self._seed(options["entries"])
            figures.update(self._measure(beheerder, apparaat, options["repeat"]))
            # Nothing of the benchmark is committed.
            transaction.set_rollback(True)
        # The rolled-back entries stay behind as dead rows until a vacuum; without this a
        # second run would wade through the first one's in every index.
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM accounts_inzage")
        self.stderr.write(f"vacuumed the log's table in {time.perf_counter() - start:.1f} s")
        for key, value in figures.items():
            self.stdout.write(f"{key:>24}: {value}")
        gemist = [
            f"{key} {value} > {GRENS_MS}"
            for key, value in figures.items()
            if key.endswith("_ms_median") and value > GRENS_MS
        ]
        if gemist:
            self.stderr.write("bench-inzage: target not met: " + "; ".join(gemist))
        self.stdout.write(json.dumps(figures))
        sys.stdout.flush()

    def _seed(self, n: int) -> tuple[User, TOTPDevice]:
        start = time.perf_counter()
        eind = timezone.now() - timedelta(minutes=1)
        jaar_us = 365 * 24 * 3600 * 1_000_000
        with connection.cursor() as cursor:
            cursor.execute("SELECT COALESCE(MAX(volgnummer), 0) FROM accounts_inzage")
            (basis,) = cursor.fetchone()
            namen = ", ".join(KOLOMMEN)
            waarden = ", ".join(KOLOMMEN.values())
            cursor.execute(
                f"INSERT INTO accounts_inzage ({namen}) "  # noqa: S608 (fixed column names)
                f"SELECT {waarden} FROM generate_series(1, %(n)s) AS i",
                {"n": n, "eind": eind, "stap": max(1, jaar_us // max(n, 1)), "basis": basis},
            )
            cursor.execute("ANALYZE accounts_inzage")
        beheerder = User.objects.create_user(
            EMAIL,
            None,
            rol=Rol.FUNCTIONEEL_BEHEERDER,
            first_name="Bench",
            is_staff=True,
            is_superuser=True,
        )
        apparaat = TOTPDevice.objects.create(user=beheerder, name="Benchmark", confirmed=True)
        self.stderr.write(f"added {n} entries in {time.perf_counter() - start:.1f} s")
        return beheerder, apparaat

    def _measure(self, beheerder: User, apparaat: TOTPDevice, repeat: int) -> dict[str, Any]:
        client = Client(HTTP_HOST=(settings.ALLOWED_HOSTS or ["localhost"])[0])
        # Logged in with both steps done, as after the code page (the login itself is not
        # what is measured here; `make bench` measures it through the form).
        client.force_login(beheerder)
        sessie = client.session
        sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
        sessie.save()
        url = reverse("privacy:inzage_log")
        halfjaar = timezone.localdate() - timedelta(days=182)
        midden = (
            Inzage.objects.filter(op__lte=timezone.now() - timedelta(days=182))
            .order_by("-op", "-volgnummer")
            .values_list("volgnummer", flat=True)
            .first()
        )

        def pagina(**params: str) -> None:
            antwoord = client.get(url, params)
            if antwoord.status_code != 200:
                raise CommandError(f"the log page answered {antwoord.status_code}, not 200")

        def admin() -> None:
            antwoord = client.get(reverse("admin:privacy_inzage_changelist"))
            if antwoord.status_code != 200:
                raise CommandError(f"the admin list answered {antwoord.status_code}, not 200")

        pagina()
        reset_queries()  # with debug on, the log of queries is full after the seeding
        with CaptureQueriesContext(connection) as queries:
            pagina()
        return {
            "page_ms_median": median_ms(pagina, repeat),
            "queries": len(queries.captured_queries),
            "older_page_ms_median": median_ms(lambda: pagina(na=str(midden or "")), repeat),
            "filtered_ms_median": median_ms(
                lambda: pagina(
                    gebruiker="Medewerker 17",
                    vanaf=halfjaar.isoformat(),
                    tot=(halfjaar + timedelta(days=30)).isoformat(),
                ),
                repeat,
            ),
            "rare_filter_ms_median": median_ms(
                lambda: pagina(actie="update", uitkomst="geweigerd"), repeat
            ),
            "admin_ms_median": median_ms(admin, repeat),
        }
