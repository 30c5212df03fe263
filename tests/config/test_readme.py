"""The README's commands, run as written in a fresh copy of the project with nothing
exported: the quick ones here, and every other one named with where it is checked instead,
so a command added to the README needs a decision."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from config.env import env_secret_key

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()

# Run here, as written, in the order a newcomer would.
HIER = [
    "make install",
    ".venv/bin/python manage.py match_scenario scenario.json",
    ".venv/bin/python manage.py match_scenario - < scenario.json",
    ".venv/bin/python manage.py match_scenario --audience coordinator scenario.json",
    "make demo-code",
    "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'",
]
# Not run here, and why.
ELDERS = {
    "make run": "serves until stopped; its steps (install, migrate, seed_demo) have tests",
    "make test": "the whole suite; this test is part of it",
    "make e2e": "the browser tests themselves",
    "make css": (
        "needs Node and npm; its output is committed, tests/e2e/test_ontwerp.py checks the pages"
    ),
    "make lint": "run by CI before the tests",
    "make format": "rewrites files",
    "make messages": "rewrites the translation files",
    "make bench": "a benchmark; a small run of it in tests/loadtest/test_benchmarks.py",
    "make loadtest": "a benchmark; a small run of it in tests/loadtest/test_benchmarks.py",
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/passendeplek_load make loadtest": (
        "a benchmark; a small run of it in tests/loadtest/test_benchmarks.py"
    ),
    "make bench-allocation": "a benchmark; a small run of it in tests/loadtest/test_benchmarks.py",
    "make bench-inzage": "a benchmark; a small run of it in tests/loadtest/test_benchmarks.py",
    ".venv/bin/celery -A config.celery_app worker -Q celery": (
        "runs until stopped; real workers start in tests/trust and tests/matching"
    ),
    ".venv/bin/celery -A config.celery_app worker -Q celery-solver --concurrency 1": (
        "runs until stopped; a real solver worker starts in tests/matching/test_verdeling_worker.py"
    ),
    "git pull": "needs the project's remote",
    "python manage.py grant_runtime_role passendeplek_runtime": (
        "needs a PostgreSQL role; tests/privacy/test_runtime_rol.py runs the command, "
        "tests/config/test_compose.py checks the compose file calls it"
    ),
    "make api-token": "needs the demo data; tests/api/test_api_sleutels.py runs the command",
    ".venv/bin/python manage.py api_token beheerder@example.org": (
        "needs the demo data; tests/api/test_api_sleutels.py runs the command"
    ),
    ".venv/bin/python manage.py api_token beheerder@example.org --intrekken": (
        "needs the demo data; tests/api/test_api_sleutels.py runs the command"
    ),
    "SLEUTEL=$(make -s api-token)": "needs the demo data and a running portal",
    'curl -s -H "Authorization: Bearer $SLEUTEL" http://127.0.0.1:8000/api/v1/woningen/': (
        "needs a running portal; tests/api/test_api_contract.py calls every endpoint"
    ),
    "curl -s -X POST http://127.0.0.1:8000/api/v1/vacatures/1/bevestigen/ \\": (
        "needs a running portal; tests/api/test_api_contract.py calls every endpoint"
    ),
    '-H "Authorization: Bearer $SLEUTEL" -H "Idempotency-Key: demo-$(date +%s)"': (
        "the second line of the curl command above"
    ),
}
DOCKER = "no Docker engine here: tests/config/test_compose.py reads the files instead"


def _readme_opdrachten() -> set[str]:
    """Every command the README shows: the lines of its sh blocks (without the comment
    after them) and the inline code that starts like a command."""
    opdrachten = set()
    for blok in re.findall(r"```sh\n(.*?)```", README, re.DOTALL):
        for regel in blok.splitlines():
            opdracht = re.split(r"\s{2,}#|\s#\s", regel)[0].strip()
            if opdracht:
                opdrachten.add(opdracht)
    for code in re.findall(r"`([^`\n]+)`", README):
        if re.match(r"(make [a-z-]+$|\.venv/bin/|python3? -c |docker compose )", code):
            opdrachten.add(code)
    return opdrachten


def test_every_command_in_the_readme_is_run_here_or_checked_elsewhere() -> None:
    opdrachten = _readme_opdrachten()
    assert set(HIER) <= opdrachten, set(HIER) - opdrachten
    zonder_besluit = {
        opdracht
        for opdracht in opdrachten - set(HIER) - set(ELDERS)
        if not opdracht.startswith("docker compose ")
    }
    assert not zonder_besluit, f"README commands nobody runs or checks: {zonder_besluit}"
    assert any(o.startswith("docker compose ") for o in opdrachten), DOCKER


def _verse_kopie(doel: Path) -> Path:
    """The project as a fresh clone has it (tracked and new files, nothing git ignores),
    with the virtualenv `make install` would make (the one this run uses)."""
    bestanden = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    kopie = doel / "passendeplek"
    for naam in filter(None, bestanden):
        bron = ROOT / naam.decode()
        if bron.is_file():
            (kopie / naam.decode()).parent.mkdir(parents=True, exist_ok=True)
            (kopie / naam.decode()).write_bytes(bron.read_bytes())
    (kopie / ".venv").symlink_to(Path(sys.prefix))
    return kopie


@pytest.fixture(scope="module")
def kopie(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _verse_kopie(tmp_path_factory.mktemp("readme"))


def _voer_uit(opdracht: str, kopie: Path) -> subprocess.CompletedProcess[str]:
    """Run `opdracht` as a newcomer types it: a shell in the project folder, and an
    environment with nothing of this project in it."""
    schoon = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(kopie.parent), "LANG": "C.UTF-8"}
    return subprocess.run(
        ["bash", "-c", opdracht],
        cwd=kopie,
        env=schoon,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_readmes_quick_commands_work_as_written_with_nothing_exported(kopie: Path) -> None:
    assert not (kopie / ".env").exists()
    uitkomsten = {}
    for opdracht in HIER:
        uitkomst = _voer_uit(opdracht, kopie)
        assert uitkomst.returncode == 0, f"{opdracht}\n{uitkomst.stdout}\n{uitkomst.stderr}"
        uitkomsten[opdracht] = uitkomst.stdout

    # make install made the local settings file, with a secret of its own, and git ignores it.
    instellingen = (kopie / ".env").read_text()
    assert "DJANGO_DEBUG=1" in instellingen.splitlines()
    sleutel = re.search(r"^DJANGO_SECRET_KEY=(.+)$", instellingen, re.MULTILINE)
    assert sleutel is not None and "replace-with" not in sleutel.group(1)
    assert (
        subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=ROOT, check=False).returncode == 0
    )
    # Running it again keeps it.
    assert _voer_uit("make install", kopie).returncode == 0
    assert (kopie / ".env").read_text() == instellingen

    ranglijst = json.loads(uitkomsten[HIER[1]])
    assert ranglijst["youth"] == "J1"
    assert [home["eligible"] for home in ranglijst["ranking"]] == [True, True, True, False]
    assert uitkomsten[HIER[2]] == uitkomsten[HIER[1]]
    voor_coordinator = json.loads(uitkomsten[HIER[3]])
    assert [h["home"] for h in voor_coordinator["ranking"]] == [
        h["home"] for h in ranglijst["ranking"]
    ]
    assert re.match(r"^\d{6}\b", uitkomsten["make demo-code"].strip())
    # The key the README tells you to make is one production accepts.
    nieuw = uitkomsten[HIER[-1]].strip()
    monkey = pytest.MonkeyPatch()
    monkey.setenv("NIEUWE_SLEUTEL", nieuw)
    try:
        assert env_secret_key("NIEUWE_SLEUTEL") == nieuw
    finally:
        monkey.undo()


def test_without_the_env_file_a_command_says_what_is_missing(kopie: Path) -> None:
    zonder = kopie.parent / "zonder-env"
    if not zonder.exists():
        _verse_kopie(zonder)
    uitkomst = _voer_uit(HIER[1], zonder / "passendeplek")
    assert uitkomst.returncode == 1
    assert uitkomst.stderr.startswith("Configuration error: DJANGO_SECRET_KEY: required")
