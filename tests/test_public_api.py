"""The library surface a script author uses: ``import govreport``."""

from __future__ import annotations

import zipfile
from pathlib import Path

import govreport
from govreport import Item, Meta, Part, Report, Section, parse_period

EXAMPLE = Path(__file__).parents[1] / "examples" / "seoul-mayor-office-2025-04.json"


def test_render_is_the_function_even_after_the_module_is_imported(tmp_path: Path) -> None:
    import govreport.app.render as module  # noqa: F401 - the import must not shadow the function

    out = govreport.render(govreport.load(EXAMPLE), tmp_path / "r.hwpx")
    assert callable(govreport.render)
    with zipfile.ZipFile(out) as z:
        assert z.namelist()[0] == "mimetype"


def test_report_built_in_python_renders_to_both_formats(tmp_path: Path) -> None:
    report = Report(
        meta=Meta(title="주요 업무 보고", org="기획조정실", date=parse_period("2025-04")),
        parts=[Part(title="주요 업무", sections=[Section(title="규제 혁신", kind="task", blocks=[
            Item(text="추진방향", children=[Item(text="규제 123건 철폐")])])])],
    )
    assert govreport.check(report) == []
    for suffix in ("docx", "hwpx"):
        out = govreport.render(report, tmp_path / f"mine.{suffix}", theme="central")
        assert out.stat().st_size > 1000
    assert govreport.loads(govreport.dumps(report)) == report


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    import os

    out = govreport.render(govreport.load(EXAMPLE), tmp_path / "r.docx")
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask
