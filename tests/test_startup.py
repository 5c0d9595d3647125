"""A fast start: ``govreport --help``, ``validate`` and ``import govreport`` import no writer,
and ``--help`` and ``import govreport`` not even attrs (issue 11: ``--help`` within 1.5× of
``import click``; the timing itself is measured in ``benchmarks/run.py``).

Each command runs in a fresh interpreter, which then lists the modules it has imported.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import govreport
import govreport.model

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "seoul-mayor-office-2025-04.json"

HEAVY = ("govreport.writers", "govreport.layout", "govreport.readers", "lxml", "docxtpl",
         "docx", "matplotlib", "jinja2", "PIL")
"""Modules that only rendering (or reading documents) needs."""
LIGHT_READERS = frozenset({"govreport.readers", "govreport.readers.json",
                           "govreport.readers.errors", "govreport.readers.log",
                           "govreport.readers.source"})
"""The JSON reader and the registry's small shared modules: what loading report JSON needs
(no document parser: lxml, python-docx, rhwp and the recognizer stay out)."""

LIGHT_PATH_FORBIDDEN = ("attr", "attrs", "cattrs", "babel", "govreport.model",
                        "govreport.codec.converter", "govreport.support.limits",
                        "govreport.checks.semantic",
                        "zipfile")
"""Modules that neither ``--help`` nor ``import govreport`` may import: attrs alone costs
about as much as the whole ``--help`` path may add to ``import click``."""

_PROBE = """
import json, sys
from govreport.app.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def _imported(*args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True,
                          text=True, check=True, timeout=120)
    return set(json.loads(proc.stderr.strip().splitlines()[-1]))


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m not in LIGHT_READERS
                  and any(m == h or m.startswith(h + ".") for h in HEAVY))


def _forbidden(modules: set[str]) -> list[str]:
    return sorted(m for m in modules
                  if any(m == f or m.startswith(f + ".") for f in LIGHT_PATH_FORBIDDEN))


@pytest.mark.parametrize("args", [["--help"], ["render", "--help"], ["batch", "--help"],
                                  ["template", "--help"], ["--version"]])
def test_help_imports_no_writer_nor_model_nor_attrs(args: list[str]) -> None:
    modules = _imported(*args)
    assert "click" in modules  # the probe did run the command line
    assert _heavy(modules) == []
    assert _forbidden(modules) == []


VALIDATE_FORBIDDEN = ("govreport.theme", "govreport.app.pool", "concurrent.futures",
                      "multiprocessing", "ctypes", "tomllib", "tomli_w")
"""What ``validate`` never needs: the theme (and its TOML), the batch's process pool."""


def test_validate_imports_no_writer() -> None:
    modules = _imported("validate", str(EXAMPLE))
    assert "govreport.checks.semantic" in modules  # it did check the file
    assert _heavy(modules) == []
    assert sorted(m for m in modules if any(m == f or m.startswith(f + ".")
                                            for f in VALIDATE_FORBIDDEN)) == []


def test_import_govreport_is_cheap() -> None:
    proc = subprocess.run(
        [sys.executable, "-c",
         "import json, sys, govreport; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True, timeout=120)
    modules = set(json.loads(proc.stdout))
    assert _heavy(modules) == []
    assert _forbidden(modules) == []


def test_lazy_names_are_the_model_names() -> None:
    assert set(govreport._MODEL_NAMES) == set(govreport.model.__all__)
    assert set(govreport.model.__all__) <= set(govreport.__all__)
    for name in govreport.__all__:
        assert getattr(govreport, name) is not None
    assert govreport.Report is govreport.model.Report
    assert "Report" in dir(govreport)


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        govreport.no_such_thing  # noqa: B018
