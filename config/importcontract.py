"""The import contract's own type: the layers, and nothing left out.

import-linter's layers contract checks the packages it names; a package it does not name
is not checked at all, so deleting a line from the contract would quietly weaken it. This
type is the same contract plus one rule: every Django app of the project (every top-level
directory with an ``apps.py``) and every other root package is named in one of the layers.
Used by ``make lint`` through ``[tool.importlinter]`` in pyproject.toml.
"""

from __future__ import annotations

from pathlib import Path

import grimp
from importlinter.application import output
from importlinter.contracts.layers import LayersContract
from importlinter.domain.contract import ContractCheck

PROJECT = Path(__file__).resolve().parent.parent


def project_apps() -> set[str]:
    """The project's own Django apps: the top-level directories with an apps.py."""
    return {pad.parent.name for pad in PROJECT.glob("*/apps.py")}


class LagenContract(LayersContract):
    type_name = "lagen"

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        check = super().check(graph, verbose)
        genoemd = {tail.name for laag in self.layers for tail in laag.module_tails}  # type: ignore[attr-defined]
        verplicht = project_apps() | set(self.session_options["root_packages"])
        ontbreekt = sorted(verplicht - genoemd)
        check.metadata["niet_in_een_laag"] = ontbreekt
        if ontbreekt:
            check.kept = False
        return check

    def render_broken_contract(self, check: ContractCheck) -> None:
        super().render_broken_contract(check)
        if check.metadata.get("niet_in_een_laag"):
            output.print("These packages are in no layer, so nothing checks their imports:")
            output.new_line()
            for naam in check.metadata["niet_in_een_laag"]:
                output.print_error(f"- {naam}", bold=False)
            output.new_line()
