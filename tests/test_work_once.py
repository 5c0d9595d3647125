"""Work once: a report is checked once and laid out once, however many formats it is
rendered to (``render_many``, ``batch``, ``govreport render -o A -o B``)."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import govreport
import govreport.layout
from govreport.app.batch import run_batch
from govreport.app.cli import cli
from govreport.app.render import render_bytes, render_many
from govreport.checks import semantic as validation
from govreport.support.limits import Limits, using
from govreport.theme import resolve_theme

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "seoul-mayor-office-2025-04.json"
RENDER = importlib.import_module("govreport.app.render")  # govreport.render is the function


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many times a report was really checked and laid out."""
    seen = {"check": 0, "layout": 0}
    checker_init = validation._Checker.__init__
    real_layout = govreport.layout.layout

    def counted_init(self: Any, report: Any) -> None:
        seen["check"] += 1
        checker_init(self, report)

    def counted_layout(*args: Any, **kwargs: Any) -> Any:
        seen["layout"] += 1
        return real_layout(*args, **kwargs)

    monkeypatch.setattr(validation._Checker, "__init__", counted_init)
    monkeypatch.setattr(govreport.layout, "layout", counted_layout)
    return seen


def test_a_checked_report_is_not_checked_again(counts: dict[str, int]) -> None:
    report = govreport.load(EXAMPLE)
    assert counts["check"] == 1
    first = validation.check_report(report)
    again = validation.check_report(report)
    assert counts["check"] == 1
    assert first == again
    again.clear()  # the caller's list is its own
    assert validation.check_report(report) == first
    with using(Limits(nesting=3)):  # other limits: other problems, checked anew
        validation.check_report(report)
    assert counts["check"] == 2


def test_load_then_render_checks_once(counts: dict[str, int]) -> None:
    report = govreport.load(EXAMPLE)
    render_bytes(report, "hwpx")  # check=True by default
    assert counts == {"check": 1, "layout": 1}


def test_render_many_lays_out_once_with_the_same_bytes(counts: dict[str, int]) -> None:
    report = govreport.load(EXAMPLE)
    docx, hwpx = render_many(report, ["docx", "hwpx"])
    assert counts == {"check": 1, "layout": 1}
    assert docx == render_bytes(report, "docx")  # same output as one format at a time
    assert hwpx == render_bytes(report, "hwpx")


def test_batch_checks_and_lays_out_each_file_once(counts: dict[str, int],
                                                  tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b"):
        shutil.copy(EXAMPLE, folder / f"{name}.json")
    summary = run_batch(sorted(folder.glob("*.json")), tmp_path / "out", ["docx", "hwpx"],
                        jobs=1)
    assert not summary.failed
    assert summary.documents == 4
    assert counts == {"check": 2, "layout": 2}


def test_cli_render_to_two_formats_lays_out_once(counts: dict[str, int],
                                                  tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["render", str(EXAMPLE), "-o", str(tmp_path / "r.docx"),
                                      "-o", str(tmp_path / "r.hwpx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.docx").stat().st_size > 0 and (tmp_path / "r.hwpx").exists()
    assert counts == {"check": 1, "layout": 1}


def test_layouts_are_not_shared_across_themes(counts: dict[str, int]) -> None:
    report = govreport.load(EXAMPLE)
    layouts = RENDER.Layouts()
    seoul = layouts.of(report, resolve_theme("seoul"), "ko_KR")
    assert layouts.of(report, resolve_theme("seoul"), "ko_KR") is seoul
    assert layouts.of(report, resolve_theme("central"), "ko_KR") is not seoul
    assert counts["layout"] == 2


def test_hwp_is_converted_from_the_hwpx_just_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """``.hwpx`` and ``.hwp`` together: the HWPX is written once and converted (the .hwp
    asked for first is still made after the .hwpx)."""
    import govreport.writers.hwpx.hwp as hwp
    import govreport.writers.hwpx.writer as hwpx_writer

    writes: list[int] = []
    real_write = hwpx_writer.write_hwpx

    def counted(*args: Any, **kwargs: Any) -> bytes:
        writes.append(1)
        return real_write(*args, **kwargs)

    converted: list[bytes] = []
    monkeypatch.setattr(hwpx_writer, "write_hwpx", counted)
    monkeypatch.setattr(hwp, "hwpx_to_hwp", lambda data: converted.append(data) or b"HWP5")
    report = govreport.load(EXAMPLE)
    hwp_bytes, hwpx_bytes = render_many(report, ["hwp", "hwpx"])
    assert hwp_bytes == b"HWP5"
    assert converted == [hwpx_bytes]
    assert len(writes) == 1
