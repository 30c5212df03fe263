"""`make loadtest`: the portal under the load of a whole region, on this machine.

1. refuses anything but PostgreSQL in DATABASE_URL;
2. migrates that database and scales the demo data to 1,000 homes and 500 youths
   (`manage.py seed_demo_schaal`, idempotent: a second run adds nothing);
3. collects the static files and starts gunicorn with the production settings on the
   loopback address (whitenoise serves the static files; plain HTTP, see
   DJANGO_PLAIN_HTTP_LOOPBACK in the README);
4. logs the simulated users in through the login form (with the second step when asked)
   and prints what that cost: a login is a deliberately slow password hash, and a region's
   users log in once a day, not thirty in the same second, so it is kept out of the minute;
5. drives 30 simulated users for 60 seconds with locust (loadtest/locustfile.py);
6. stops gunicorn (also on Ctrl-C or an error) and prints locust's per-endpoint table,
   then, as the last line, one JSON object with the totals.

The settings can be changed with LOADTEST_USERS, LOADTEST_SECONDS, LOADTEST_PORT,
LOADTEST_WORKERS, LOADTEST_SPAWN_RATE, LOADTEST_HOMES and LOADTEST_YOUTHS. Exit status: 0
when it measured (failed requests are counted in the figures, so the JSON stays the last
line), 2 when it could not run.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import FrameType

import requests

from demo.schaalgebruikers import email_voor, verdeling
from loadtest.inloggen import InlogFout, log_in

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_SCHEMES = ("postgres://", "postgresql://", "pgsql://")
P95_DOEL_MS = 300


def database_fout(database_url: str) -> str | None:
    """Why this DATABASE_URL cannot be load-tested, or None when it is PostgreSQL."""
    if database_url.startswith(POSTGRES_SCHEMES):
        return None
    if not database_url or database_url.startswith("sqlite"):
        return (
            "make loadtest needs PostgreSQL and refuses SQLite (it is not what production "
            "runs, and one file lock cannot take 30 users). Set DATABASE_URL, e.g. "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/passendeplek_load make loadtest"
        )
    return f"make loadtest needs a PostgreSQL DATABASE_URL (postgres://...), not {database_url!r}"


def productie_env(basis: Mapping[str, str], port: int) -> dict[str, str]:
    """Production settings for a run on the loopback address only."""
    env = dict(basis)
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": basis.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_PLAIN_HTTP_LOOPBACK": "1",
            # Nothing leaves the machine: mail stays in memory, places come from the table.
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "GEOCODER": "offline",
            "DJANGO_LOG_LEVEL": "WARNING",
            "PORTAL_URL": f"http://127.0.0.1:{port}",
            "PYTHONPATH": str(ROOT),
            # Only what is set here (and DATABASE_URL): not the checkout's .env.
            "DJANGO_ENV_FILE": "",
        }
    )
    if not env.get("CELERY_BROKER_URL"):
        # No worker in this run: the few tasks run inside the requests, as chosen here.
        env["TASKS_IN_PROCESS"] = "1"
    return env


def cpu_seconden(pid: int) -> float | None:
    """User and system CPU seconds of a process and its children (gunicorn's master and its
    workers), from Linux's /proc; None where that is not available."""
    try:
        kinderen = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ticks = 0
        for proces in (str(pid), *kinderen):
            # Fields after the command's closing parenthesis: state is the first, then
            # utime and stime are the 12th and 13th (fields 14 and 15 of proc(5)).
            velden = Path(f"/proc/{proces}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(velden[11]) + int(velden[12])
    except (OSError, ValueError, IndexError):
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


def static_actueel(root: Path) -> bool:
    """Whether the collected static files are newer than their sources and the pinned
    packages (collecting compresses every file again, which takes a while)."""
    manifest = root / "staticfiles" / "staticfiles.json"
    if not manifest.exists():
        return False
    bronnen = [pad for pad in (root / "static").rglob("*") if pad.is_file()]
    bronnen.append(root / "requirements.txt")
    return manifest.stat().st_mtime >= max(pad.stat().st_mtime for pad in bronnen)


def _stap(titel: str, opdracht: Sequence[str], env: Mapping[str, str]) -> None:
    print(f"== {titel}", flush=True)
    subprocess.run(opdracht, cwd=ROOT, env=env, check=True)


def _wacht_op(url: str, seconden: float) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        try:
            with urllib.request.urlopen(url, timeout=2) as antwoord:  # noqa: S310 - loopback
                if antwoord.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass  # not listening yet, or still starting (connection refused, timeout)
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {seconden:.0f} s")


def _stop(proces: subprocess.Popen[bytes] | None) -> None:
    if proces is None or proces.poll() is not None:
        return
    proces.terminate()
    try:
        proces.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proces.kill()
        proces.wait()


def warm_up(host: str, users: int) -> dict[str, dict[str, str]]:
    """Log every simulated user in through the login form, two at a time (the machine's
    cores); returns their session cookies by e-mail, and prints what the logins cost."""
    emails = [
        email_voor(soort, nummer)
        for soort, aantal in verdeling(users).items()
        for nummer in range(1, aantal + 1)
    ]

    def een(email: str) -> tuple[str, dict[str, str], float]:
        with requests.Session() as sessie:
            start = time.perf_counter()
            log_in(sessie, host, email)
            duur = (time.perf_counter() - start) * 1000
            cookies = {naam: waarde for naam, waarde in sessie.cookies.get_dict().items() if waarde}
            return email, cookies, duur

    begin = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        resultaten = list(pool.map(een, emails))
    duur = sorted(ms for _email, _cookies, ms in resultaten)
    print(
        f"   {len(emails)} logins through the login form in {time.perf_counter() - begin:.1f} s "
        f"(per login: median {statistics.median(duur):.0f} ms, slowest {duur[-1]:.0f} ms)",
        flush=True,
    )
    return {email: cookies for email, cookies, _ms in resultaten}


def _sigterm(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None) -> int:
    environ = os.environ if environ is None else environ
    fout = database_fout(environ.get("DATABASE_URL", ""))
    if fout:
        print(fout, file=sys.stderr)
        return 2
    users = int(environ.get("LOADTEST_USERS", "30"))
    seconden = int(environ.get("LOADTEST_SECONDS", "60"))
    port = int(environ.get("LOADTEST_PORT", "8010"))
    workers = environ.get("LOADTEST_WORKERS", "4")
    env = productie_env(environ, port)
    python = sys.executable
    host = f"http://127.0.0.1:{port}"
    signal.signal(signal.SIGTERM, _sigterm)

    try:
        _stap("migrate", [python, "manage.py", "migrate", "--noinput"], env)
        _stap(
            "scale the demo data",
            [
                python,
                "manage.py",
                "seed_demo_schaal",
                "--force",
                "--woningen",
                environ.get("LOADTEST_HOMES", "1000"),
                "--jongeren",
                environ.get("LOADTEST_YOUTHS", "500"),
                "--gebruikers",
                str(users),
            ],
            env,
        )
        if static_actueel(ROOT):
            print("== collectstatic: up to date", flush=True)
        else:
            _stap(
                "collectstatic",
                [python, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                env,
            )
    except subprocess.CalledProcessError as exc:
        print(f"loadtest: {exc}", file=sys.stderr)
        return 2

    gunicorn: subprocess.Popen[bytes] | None = None
    cpu_voor = cpu_na = None
    with tempfile.TemporaryDirectory(prefix="loadtest-") as tmp:
        log = Path(tmp) / "gunicorn.log"
        try:
            print(f"== gunicorn on {host} ({workers} workers)", flush=True)
            with log.open("wb") as logbestand:
                gunicorn = subprocess.Popen(
                    [
                        python,
                        "-m",
                        "gunicorn",
                        "config.wsgi",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        workers,
                        "--timeout",
                        "60",
                        # No control socket in the home folder: one run, nothing to steer.
                        "--no-control-socket",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=logbestand,
                    stderr=subprocess.STDOUT,
                )
            _wacht_op(f"{host}/healthz", 60)
            print("== warm-up: log the simulated users in", flush=True)
            sessies = Path(tmp) / "sessies.json"
            sessies.write_text(json.dumps(warm_up(host, users)), encoding="utf-8")
            samenvatting = Path(tmp) / "samenvatting.json"
            env["LOADTEST_SESSIES"] = str(sessies)
            env["LOADTEST_SAMENVATTING"] = str(samenvatting)
            print(f"== locust: {users} users for {seconden} s", flush=True)
            # The figures depend on what else the machine does; say how busy it was.
            print(f"   load average before: {os.getloadavg()[0]:.1f}", flush=True)
            cpu_voor = cpu_seconden(gunicorn.pid)
            subprocess.run(
                [
                    python,
                    "-m",
                    "locust",
                    "-f",
                    str(ROOT / "loadtest" / "locustfile.py"),
                    "--headless",
                    "--only-summary",
                    "--users",
                    str(users),
                    "--spawn-rate",
                    environ.get("LOADTEST_SPAWN_RATE", "10"),
                    "--run-time",
                    f"{seconden}s",
                    "--stop-timeout",
                    "10",
                    "--host",
                    host,
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                env=env,
                timeout=seconden + 120,
                check=False,
            )
            cpu_na = cpu_seconden(gunicorn.pid)
        except (
            subprocess.CalledProcessError,
            subprocess.TimeoutExpired,
            TimeoutError,
            InlogFout,
            requests.RequestException,
        ) as exc:
            _stop(gunicorn)
            print(f"loadtest: {exc}; gunicorn's log:", file=sys.stderr)
            print(log.read_text(errors="replace")[-4000:], file=sys.stderr)
            return 2
        finally:
            _stop(gunicorn)
        print(f"   load average after: {os.getloadavg()[0]:.1f}", flush=True)
        if not samenvatting.exists():
            print("loadtest: locust wrote no figures", file=sys.stderr)
            return 2
        cijfers = json.loads(samenvatting.read_text(encoding="utf-8"))
    if cpu_voor is not None and cpu_na is not None and cijfers["requests"]:
        # What the portal's own web processes spent, whatever else ran on the machine: the
        # load it can take on cores of its own follows from it.
        cijfers["web_cpu_ms_per_request"] = round(
            (cpu_na - cpu_voor) * 1000 / cijfers["requests"], 1
        )
        print(
            f"   gunicorn's CPU per request: {cijfers['web_cpu_ms_per_request']} ms",
            flush=True,
        )
    if cijfers["p95_ms"] > P95_DOEL_MS or cijfers["failures"]:
        print(
            f"loadtest: target not met (p95 <= {P95_DOEL_MS} ms and no failures)",
            file=sys.stderr,
            flush=True,
        )
    print(json.dumps(cijfers), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
