"""The import contract of `make lint` holds on the code, and it is not toothless: dropping
an app from the list, or one import that runs back up a layer, makes it fail."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _kopie(tmp_path: Path) -> Path:
    """The project's packages and its pyproject.toml, in a folder of their own."""
    doel = tmp_path / "project"
    doel.mkdir()
    for pad in PROJECT.iterdir():
        if (pad / "__init__.py").exists() and pad.name != "tests":
            shutil.copytree(pad, doel / pad.name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT / "pyproject.toml", doel / "pyproject.toml")
    return doel


def _lint(map: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=map,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def kopie(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _kopie(tmp_path_factory.mktemp("contract"))


def test_the_code_keeps_the_contract(kopie: Path) -> None:
    uitkomst = _lint(kopie)
    assert uitkomst.returncode == 0, uitkomst.stdout + uitkomst.stderr
    assert "1 kept, 0 broken" in uitkomst.stdout


def test_an_import_back_up_a_layer_breaks_it(tmp_path: Path) -> None:
    project = _kopie(tmp_path)
    (project / "voorzieningen" / "terug.py").write_text(
        "from voorstellen.models import Voorstel  # noqa: F401\n"
    )
    uitkomst = _lint(project)
    assert uitkomst.returncode != 0
    assert "voorzieningen is not allowed to import voorstellen" in uitkomst.stdout


def test_leaving_an_app_out_of_the_layers_breaks_it(tmp_path: Path) -> None:
    project = _kopie(tmp_path)
    pyproject = project / "pyproject.toml"
    tekst = pyproject.read_text()
    zonder = re.sub(r'\n    "plaatsingstafel",(?=\n    "voorstellen",\n    "matching")', "", tekst)
    assert zonder != tekst
    pyproject.write_text(zonder)
    uitkomst = _lint(project)
    assert uitkomst.returncode != 0
    assert "- plaatsingstafel" in uitkomst.stdout
