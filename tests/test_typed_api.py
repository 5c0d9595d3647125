"""The typed Python API: JSON short forms are accepted, wrong types are refused at
construction (naming class, field and index), and ``check()`` applies the JSON rules."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from io import BytesIO

import attrs
import pytest

import govreport as g
from govreport.app.render import render_bytes


def _report(*blocks: object) -> g.Report:
    return g.Report(meta=g.Meta(title="주요 업무 보고", org="기획조정실", date="2025-04"),
                    parts=[g.Part(title="주요 업무",
                                  sections=[g.Section(title="과제", blocks=list(blocks))])])


def _document_text(report: g.Report) -> str:
    with zipfile.ZipFile(BytesIO(render_bytes(report, "docx"))) as z:
        return z.read("word/document.xml").decode()


def test_short_forms_render_like_json() -> None:
    table = g.Table(header=[["구분", "건수"]], rows=[["민원", 1204], ["제안", Decimal("3.5")]])
    assert table.rows[0] == g.Row(cells=(g.Cell(value="민원"), g.Cell(value=1204)))
    assert table.rows[1].cells[1].value == 3.5
    item = g.Item(text="처리", count=42, date="2025-03-17")
    assert item.count == g.Quantity(value=42)
    assert item.date == g.parse_period("2025-03-17")
    text = _document_text(_report(table, item))
    assert "1,204" in text and "3.5" in text and "(42)" in text
    assert g.loads(g.dumps(_report(table, item))) == _report(table, item)


def test_decimals_become_numbers() -> None:
    assert g.Cell(value=Decimal("1.5")).value == 1.5
    assert g.BudgetLine(name="인건비", budget=Decimal("100"), spent=Decimal("25")).budget == 100
    with pytest.raises(TypeError, match=r"BudgetLine.budget: Decimal\('1.5'\)"):
        g.BudgetLine(name="인건비", budget=Decimal("1.5"), spent=0)


def test_dicts_are_read_as_json() -> None:
    section = g.Section(title="s", blocks=[{"type": "item", "text": "가", "children": [
        {"type": "note", "text": "참고"}]}])
    assert isinstance(section.blocks[0], g.Item)
    assert isinstance(section.blocks[0].children[0], g.Note)
    with pytest.raises(TypeError, match=r"Section.blocks\[0\].text: 5 \(int\) is not a str"):
        g.Section(title="s", blocks=[{"type": "item", "text": 5}])
    with pytest.raises(TypeError, match="did you mean total"):
        g.Table(rows=[{"cells": ["a"], "totl": True}])


@pytest.mark.parametrize(("build", "message"), [
    (lambda: g.Section(title="s", blocks=[1, 2, g.Item(text="a")]),
     r"Section.blocks\[0\]: 1 \(int\) is not a block \("),
    (lambda: g.Report(meta=g.Meta(title="t", org="o", date="2025-04"), parts="abc"),
     r"Report.parts\[0\]: 'abc' \(str\) is not a Part"),
    (lambda: g.Item(text=3), r"Item.text: 3 \(int\) is not a str"),
    (lambda: g.Item(text="a", bold="yes"), r"Item.bold: 'yes' \(str\) is not True or False"),
    (lambda: g.Item(text="a", level=True), r"Item.level: True \(bool\)"),
    (lambda: g.Cell(value=True), r"Cell.value: True \(bool\)"),
    (lambda: g.Cell(value=[1]), r"Cell.value: \[1\]"),
    (lambda: g.Cell(value="a", align="middle"), "'middle' is not one of"),
    (lambda: g.Item(text="a", count="many"), "Item.count: 'many'"),
    (lambda: g.Table(rows=["a", "b"]), r"Table.rows\[0\]: 'a' \(str\) is not a Row"),
    (lambda: g.Meta(title="t", org="o", date=dt.date(2025, 4, 1)), "Meta.date"),
    (lambda: g.Section(title="s", blocks=[g.Part(title="p")]),
     r"Section.blocks\[0\]: Part\(.*is not a block"),
    (lambda: g.StaffRow(label="정원", counts=[[1, "2"]]), r"StaffRow.counts\[0\]\[1\]: '2'"),
])
def test_wrong_types_are_refused_at_construction(build: object, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        build()  # type: ignore[operator]


def test_bad_dates_name_the_field() -> None:
    with pytest.raises(g.DateFormatError, match=r"Meta.date: '2025-02-30' is not a valid date"):
        g.Meta(title="t", org="o", date="2025-02-30")


def test_evolve_is_checked_too() -> None:
    item = g.Item(text="a")
    with pytest.raises(TypeError, match=r"Item\.children"):
        attrs.evolve(item, children=[object()])


def test_check_applies_the_json_rules() -> None:
    ok = _report(g.Item(text="가"))
    assert g.check(ok) == []
    broken = _report(g.Item(text="가"))
    object.__setattr__(broken.parts[0].sections[0].blocks[0], "text", 5)  # bypass checks
    problems = g.check(broken)
    assert [p.path for p in problems] == ["$.parts[0].sections[0].blocks[0].text"]
    assert problems[0].message == "5 (int) is not a str"
    deep = g.Item(text="끝")
    for _ in range(80):
        deep = g.Item(text="단계", children=[deep])
    assert any("nested more than 64" in p.message for p in g.check(_report(deep)))
    with pytest.raises(TypeError, match="check\\(\\) takes a Report"):
        g.check({"meta": {}})  # type: ignore[arg-type]


def test_semantic_problems_are_still_reported() -> None:
    table = g.Table(rows=[[{"value": "a", "colspan": 10**9}]])
    problems = g.check(_report(table))
    assert any("wider than 1000 columns" in p.message for p in problems)


def test_dicts_name_their_place() -> None:
    """A dict is read by the model's own checks: an unknown block type, a missing or
    unknown field are refused naming where they are."""
    with pytest.raises(TypeError, match=r"Section.blocks\[0\]: 'itm' is not a block type"):
        g.Section(title="s", blocks=[{"type": "itm", "text": "가"}])
    with pytest.raises(TypeError, match=r"Section.blocks\[0\]: a block object needs a \"type\""):
        g.Section(title="s", blocks=[{"text": "가"}])
    with pytest.raises(TypeError, match=r"Section.blocks\[0\]: required field 'text' is missing"):
        g.Section(title="s", blocks=[{"type": "note"}])
    with pytest.raises(TypeError, match=r"Item.children\[0\].children\[0\]: unknown field: txt "
                                        r"\(did you mean text\?\)"):
        g.Item(text="a", children=[{"type": "item", "text": "b",
                                    "children": [{"type": "note", "txt": "c"}]}])
