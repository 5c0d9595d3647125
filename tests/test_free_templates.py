"""Free-form templates: any JSON + a docxtpl template, sandboxed, with the formatting filters."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

import govreport
from govreport.app.render import load_source, render, render_bytes
from govreport.app.shipped_templates import shipped_path
from govreport.support.errors import RenderError

ROOT = Path(__file__).parents[1]
DUMP = ROOT / "examples" / "free-form" / "district-complaints.json"


def _template(tmp_path: Path, *lines: str) -> Path:
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    path = tmp_path / "t.docx"
    d.save(path)
    return path


def _text(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_any_json_renders_with_filters_in_a_table() -> None:
    data = render_bytes(load_source(DUMP), "docx", template=shipped_path("table-dump", "docx"))
    doc = docx.Document(io.BytesIO(data))
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[1] == ["종로구", "1,204", "1,150", "54", "95.5%"]
    assert rows[2][3] == "-"  # zero printed as '-'
    assert "(기준 / 단위 : '25.3.31. / 건)" in [p.text for p in doc.paragraphs]


def test_report_json_renders_in_a_free_form_brief() -> None:
    report = govreport.load(ROOT / "examples" / "seoul-mayor-office-2025-04.json")
    text = _text(render_bytes(report, "docx", template=shipped_path("brief", "docx")))
    assert text[:3] == ["주요 업무 보고 (요지)", "2025. 4.  서울특별시 시장비서실", "Ⅰ. 일반 현황"]
    assert any("규제철폐 100일의 성과" in t for t in text)


def test_template_cannot_reach_python_internals(tmp_path: Path) -> None:
    tpl = _template(tmp_path, "{{ title.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(RenderError, match="unsafe"):
        render_bytes({"title": "x"}, "docx", template=tpl)


def test_template_syntax_error_names_the_paragraph(tmp_path: Path) -> None:
    tpl = _template(tmp_path, "ok", "{{ title ", "more")
    with pytest.raises(RenderError, match=r"t\.docx: paragraph 2: template syntax error"):
        render_bytes({"title": "x"}, "docx", template=tpl)


def test_failed_render_leaves_no_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    tpl = _template(tmp_path, "{{ title.__class__.__mro__[1].__subclasses__() }}")
    out = tmp_path / "out.docx"
    out.write_bytes(b"previous")
    with pytest.raises(RenderError):
        render({"title": "x"}, out, template=tpl)
    assert out.read_bytes() == b"previous"
    assert {p.name for p in tmp_path.iterdir()} == {"t.docx", "out.docx"}  # no temp file left


def test_non_report_json_without_template_is_a_clear_error() -> None:
    with pytest.raises(RenderError, match="not a report"):
        render_bytes({"rows": []}, "docx")


def test_report_template_for_other_data_fails_naming_the_value(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"does not have.*meta"):
        render_bytes(load_source(DUMP), "docx", template=shipped_path("brief", "docx"))


def test_python_built_report_is_checked_before_rendering() -> None:
    from govreport import BudgetLine, BudgetTable, Meta, Part, Report, Section

    bad = Report(meta=Meta(title="보고", org="과", date=govreport.parse_period("2025-04")),
                 parts=[Part(title="현황", sections=[Section(title="예산", blocks=[
                     BudgetTable(lines=[BudgetLine(name="x", budget=100, spent=500)])])])])
    with pytest.raises(govreport.ValidationError, match="spent"):
        render_bytes(bad, "docx")
