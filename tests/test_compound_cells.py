"""Compound computed cells: a count with its share ``16개구 (64.0%)``, a value with its
change ``128 (△4)`` — both figures computed and printed by the column's formats."""

from __future__ import annotations

import io
import json
from typing import Any

import docx

import govreport as g
from govreport.app.render import render_bytes

TABLE = {"type": "table", "header": [["구분", "참여 자치구", "'24년", "'25년"]],
         "rows": [{"cells": ["계"], "total": True, "compute": {"op": "sum"}},
                  ["동북권", 9, 60, 64], ["서남권", 7, 70, 64], ["도심권", 0, 0, 0]],
         "columns": [{}, {"key": "n", "format": {"counter": "개구"},
                          "paren": {"op": "share", "of": ["n"]}},
                     {"key": "y24"},
                     {"key": "y25", "paren": {"op": "difference", "of": ["y25", "y24"]}}]}


def doc(*blocks: dict[str, Any]) -> dict[str, Any]:
    return {"meta": {"title": "보고", "org": "기관", "date": "2025-04"},
            "parts": [{"title": "현황", "sections": [{"title": "참여", "blocks": list(blocks)}]}]}


def grid(table: dict[str, Any]) -> list[list[str]]:
    report = g.loads(json.dumps(doc(table), ensure_ascii=False))
    (t,) = docx.Document(io.BytesIO(render_bytes(report, "docx"))).tables[-1:]
    return [[c.text for c in row.cells] for row in t.rows]


def test_count_with_share_and_value_with_change() -> None:
    assert grid(TABLE) == [
        ["구분", "참여 자치구", "'24년", "'25년"],
        ["계", "16개구 (100.0%)", "130", "128 (△2)"],
        ["동북권", "9개구 (56.3%)", "60", "64 (+4)"],
        ["서남권", "7개구 (43.8%)", "70", "64 (△6)"],
        ["도심권", "- (0.0%)", "-", "- (-)"]]


def test_the_second_figure_takes_its_own_format() -> None:
    table = json.loads(json.dumps(TABLE))
    table["columns"][1]["paren_format"] = {"style": "percent", "decimals": 0}
    table["columns"][3]["paren"] = {"op": "growth", "of": ["y25", "y24"]}
    rows = grid(table)
    assert [r[1] for r in rows[1:3]] == ["16개구 (100%)", "9개구 (56%)"]
    assert [r[3] for r in rows[1:4]] == ["128 (△1.5%)", "64 (+6.7%)", "64 (△8.6%)"]


def test_a_compound_column_naming_no_key_is_an_error() -> None:
    table = json.loads(json.dumps(TABLE))
    table["columns"][1]["paren"] = {"op": "share", "of": ["m"]}
    report = g.loads(json.dumps(doc(table), ensure_ascii=False), check=False)
    assert [(p.path, p.message) for p in g.check(report) if p.severity == "error"] == [
        ("$.parts[0].sections[0].blocks[0].columns[1].paren.of",
         "no column has the key 'm' (keys: n, y24, y25)")]


def test_compound_cells_round_trip_and_hwpx_prints_them() -> None:
    report = g.loads(json.dumps(doc(TABLE), ensure_ascii=False))
    assert g.loads(g.dumps(report)) == report
    import zipfile

    with zipfile.ZipFile(io.BytesIO(render_bytes(report, "hwpx"))) as z:
        body = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("Contents/sec"))
    assert "16개구 (100.0%)" in body and "128 (△2)" in body
