"""Stated totals are checked (one test per kind), figures typed as text are refused or, on
request, converted with a warning per cell; an explicit ``"checked": false`` opts out."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import govreport as g
from govreport.app.cli import cli
from govreport.codec.coerce import NumbersCoerced, coerce_numbers
from govreport.freeform import table_from_records
from govreport.model.stated import read_number

B = "$.parts[0].sections[0].blocks[0]"


def doc(*blocks: dict[str, Any]) -> dict[str, Any]:
    return {"meta": {"title": "주요 업무 보고", "org": "총무과", "date": "2025-04"},
            "parts": [{"title": "일반 현황", "sections": [{"title": "현황",
                                                       "blocks": list(blocks)}]}]}


def problems(*blocks: dict[str, Any], severity: str = "error") -> list[tuple[str, str]]:
    report = g.loads(json.dumps(doc(*blocks), ensure_ascii=False), check=False)
    return [(p.path, p.message) for p in g.check(report) if p.severity == severity]


def table(rows: list[Any], header: list[Any] | None = None, **kw: Any) -> dict[str, Any]:
    return {"type": "table", "header": [header or ["구분", "A", "B"]], "rows": rows, **kw}


# ------------------------------------------------------------------ stated totals, by kind

def test_total_row_that_does_not_add_up_names_both_figures() -> None:
    got = problems(table([["a", 10, 5], ["b", 15, 16], {"cells": ["계", 99, 1], "total": True}]))
    assert [(p, m.split(" (")[0]) for p, m in got] == [
        (f"{B}.rows[2].cells[1].value", "stated 99, the rows above sum to 25"),
        (f"{B}.rows[2].cells[2].value", "stated 1, the rows above sum to 21")]
    assert '"checked": false' in got[0][1]


def test_total_row_that_adds_up_passes_and_first_row_totals_say_below() -> None:
    assert problems(table([["계", 25, 21], ["a", 10, 5], ["b", 15, 16]])) == []
    got = problems(table([["합 계", 26, 21], ["a", 10, 5], ["b", 15, 16]]))
    assert got[0][1].startswith("stated 26, the rows below sum to 25")


def test_subtotal_rows_add_up_their_group() -> None:
    rows = [[{"value": "본청", "rowspan": 3}, "가", 1], ["나", 2], ["소계", 4],
            [{"value": "사업소", "rowspan": 2}, "다", 5], ["소계", 5],
            [{"value": "계", "colspan": 2}, 11]]
    got = problems(table(rows, header=["구분", "부서", "인원"], stub_columns=2))
    assert [(p, m.split(" (")[0]) for p, m in got] == [
        (f"{B}.rows[2].cells[1].value", "stated 4, the rows of its group sum to 3"),
        (f"{B}.rows[5].cells[1].value", "stated 11, the rows above sum to 8")]


def test_subtotal_row_without_merged_label_sums_the_rows_since_the_last_total() -> None:
    rows = [["가", 1], ["나", 2], ["소계", 3], ["다", 5], ["라", 1], ["소계", 7]]
    got = problems(table(rows, header=["구분", "인원"]))
    assert [m.split(" (")[0] for _, m in got] == ["stated 7, the rows of its group sum to 6"]


def test_total_column_and_group_subtotal_columns() -> None:
    header = [[{"value": "구분", "rowspan": 2}, {"value": "총계", "rowspan": 2},
               {"value": "일반직", "colspan": 3}, {"value": "별정직", "colspan": 2}],
              ["소계", "5급", "6급", "소계", "4급"]]
    body = [["정원", 8, 5, 2, 3, 3, 3], ["현원", 8, 5, 2, 2, 1, 1]]
    report = {"type": "table", "header": header, "rows": body}
    got = problems(report)
    assert [(p, m.split(" (")[0]) for p, m in got] == [
        (f"{B}.rows[1].cells[1].value", "stated 8, the columns after it sum to 5"),
        (f"{B}.rows[1].cells[2].value", "stated 5, the columns of its group sum to 4")]


def test_rates_and_averages_in_a_total_row_are_not_sums() -> None:
    rows = [["a", 10, 40.0], ["b", 15, 60.0], ["계", 25, 100.0]]
    assert problems(table(rows, header=["구분", "인원", "비율(%)"])) == []
    rows = [["a", 3, 4.5], ["b", 5, 3.5], ["계", 8, 4.0]]
    assert problems(table(rows, header=["구분", "응답", "평균 점수"])) == []


def test_checked_false_opts_one_cell_out() -> None:
    rows = [["a", 10, 5], ["b", 15, 16],
            {"cells": ["계", {"value": 30, "checked": False}, 1], "total": True}]
    assert [p for p, _ in problems(table(rows))] == [f"{B}.rows[2].cells[2].value"]


def test_checked_false_opts_out_of_a_computed_row_check() -> None:
    computed = {"cells": ["계", 30, 21], "total": True, "compute": {"op": "sum"}}
    assert [p for p, _ in problems(table([["a", 10, 5], ["b", 15, 16], computed]))] == [
        f"{B}.rows[2].cells[1].value"]
    computed["cells"] = ["계", {"value": 30, "checked": False}, 21]
    assert problems(table([["a", 10, 5], ["b", 15, 16], computed])) == []


def test_budget_staffing_and_org_chart_totals_are_checked() -> None:
    budget = {"type": "budget_table", "lines": [{"name": "가", "budget": 100, "spent": 40},
                                                {"name": "나", "budget": 50, "spent": 10}],
              "total": {"budget": 150, "spent": 51}}
    assert problems(budget)[0][0] == f"{B}.total.spent"
    staffing = {"type": "staffing_table", "groups": [{"name": "일반직", "grades": ["5급"]}],
                "rows": [{"label": "정원", "counts": [[3]], "total": 4}]}
    assert problems(staffing)[0][0] == f"{B}.rows[0].total"
    org = {"type": "org_chart", "head": "행정국",
           "units": [{"name": "총무과", "teams": 2, "staff": 20}], "total": {"staff": 21}}
    assert problems(org)[0][0] == f"{B}.total.staff"


def test_a_records_table_total_is_computed_so_a_changed_figure_changes_it() -> None:
    t = table_from_records([{"구": "a", "n": 1}, {"구": "b", "n": 2}])
    r = g.Report(meta=g.Meta(title="t", org="o", date="2025-04"),
                 parts=[g.Part(title="p", sections=[g.Section(title="s", blocks=[t])])])
    assert [p for p in g.check(r) if p.severity == "error"] == []
    assert t.rows[-1].compute is not None


# ------------------------------------------------------------------ figures typed as text

@pytest.mark.parametrize(("text", "unit", "value"), [
    ("15", None, 15), ("1,500", None, 1500), ("1.5억", None, 150_000_000),
    ("1.5억", "억원", 1.5), ("△3", None, -3), ("-3", None, -3), ("１５", None, 15),
    (" 2,507 ", None, 2507), ("3만", "명", 30000),
])
def test_read_number(text: str, unit: str | None, value: float) -> None:
    assert read_number(text, unit) == pytest.approx(value)


@pytest.mark.parametrize("text", ["-", "", "12%", "5점", "약 3", "1,50", "3-4", "'25.3월"])
def test_not_a_number(text: str) -> None:
    assert read_number(text) is None


COMPUTED = table([{"key": "A", "cells": ["a", 10, "15"]}, ["b", 20, "1,500"],
                  ["c", "-", None], {"cells": ["계"], "total": True, "compute": {"op": "sum"}}],
                 header=["구분", "목표", "실적"])


def test_text_figures_in_a_computed_table_are_errors_naming_the_number() -> None:
    got = problems(COMPUTED)
    assert [p for p, _ in got] == [f"{B}.rows[0].cells[2].value", f"{B}.rows[1].cells[2].value"]
    assert "'1,500' is text, but it reads as the number 1500" in got[1][1]
    assert "coerce_numbers=True" in got[1][1] and "--coerce-numbers" in got[1][1]
    with pytest.raises(g.ValidationError):
        g.loads(json.dumps(doc(COMPUTED), ensure_ascii=False))


def test_text_figure_beside_typed_numbers_without_totals_is_a_warning() -> None:
    plain = table([["a", 10], ["b", "15"]], header=["구분", "A"])
    assert problems(plain) == []
    assert [p for p, _ in problems(plain, severity="warning")] == [f"{B}.rows[1].cells[1].value"]


def test_coerce_numbers_converts_with_a_warning_per_cell_and_keeps_dashes() -> None:
    text = json.dumps(doc(COMPUTED), ensure_ascii=False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = g.loads(text, coerce_numbers=True)
    coerced = [w.message for w in caught if isinstance(w.message, NumbersCoerced)]
    assert [w.problem.path for w in coerced] == [f"{B}.rows[0].cells[2].value",
                                                 f"{B}.rows[1].cells[2].value"]
    t = report.parts[0].sections[0].blocks[0]
    assert [[c.value for c in row.cells] for row in t.rows[:3]] == [
        ["a", 10, 15], ["b", 20, 1500], ["c", "-", None]]  # the dash stays a dash
    again, more = coerce_numbers(report)
    assert again is report and more == []


def test_cli_validate_render_refuse_text_figures_and_coerce_on_request(tmp_path: Path) -> None:
    src = tmp_path / "r.json"
    src.write_text(json.dumps(doc(COMPUTED), ensure_ascii=False), encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(cli, ["validate", str(src)])
    assert res.exit_code == 2 and "reads as the number 1500" in res.output
    out = tmp_path / "r.docx"
    res = runner.invoke(cli, ["render", str(src), "-o", str(out)])
    assert res.exit_code == 2 and not out.exists()
    res = runner.invoke(cli, ["validate", str(src), "--coerce-numbers"])
    assert res.exit_code == 0 and "'1,500' read as the number 1500" in res.output
    res = runner.invoke(cli, ["validate", "--strict", str(src), "--coerce-numbers"])
    assert res.exit_code == 2
    res = runner.invoke(cli, ["render", str(src), "-o", str(out), "--coerce-numbers"])
    assert res.exit_code == 0 and out.exists()
    import docx

    cells = [c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells]
    assert "1,515" in cells  # 15 + 1,500 + nothing for "-": the 계 of the converted figures


def test_cli_validate_reports_a_stated_total(tmp_path: Path) -> None:
    src = tmp_path / "r.json"
    bad = table([["a", 10, 5], ["b", 15, 16], {"cells": ["계", 99, 1], "total": True}])
    src.write_text(json.dumps(doc(bad), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "r.hwpx"
    res = CliRunner().invoke(cli, ["render", str(src), "-o", str(out)])
    assert res.exit_code == 2 and not out.exists()
    assert "rows[2].cells[1].value: stated 99, the rows above sum to 25" in res.output


# ------------------------------------------------------------------ formats on computed rows

def test_an_average_total_prints_with_the_columns_stated_decimals() -> None:
    from govreport.freeform import records

    cols = records.columns([{"s": 3.4}, {"s": 3.96}],
                           [{"field": "s", "decimals": 1, "total": "avg"}])
    assert records.column_total([{"s": 3.4}, {"s": 3.96}], cols[0]) == "3.7"  # not 3.68
    inferred = records.columns([{"d": 8}, {"d": 9}], [{"field": "d", "total": "avg"}])
    assert records.column_total([{"d": 8}, {"d": 9}], inferred[0]) == "8.5"


def test_computed_total_and_subtotal_rows_use_the_column_format() -> None:
    t = table_from_records([{"g": "가", "n": "a", "x": 1.25}, {"g": "가", "n": "b", "x": 2.5},
                              {"g": "나", "n": "c", "x": 0.25}],
                             ["n", {"field": "x", "decimals": 1}], group_by="g")
    r = g.Report(meta=g.Meta(title="t", org="o", date="2025-04"),
                 parts=[g.Part(title="p", sections=[g.Section(title="s", blocks=[t])])])
    from govreport.layout.tables import TableLayout
    from govreport.layout.text import TextFormatter
    from govreport.theme import Theme

    theme = Theme.seoul()
    layout = TableLayout(theme, TextFormatter(theme, "ko_KR"), theme.page.text_width_pt)
    texts = [[c.value for c in row.cells] for row in layout.resolve(t).rows]
    assert texts[2][-1] == "3.8" and texts[-1][-1] == "4.0"  # 3.75 half-up, 4.00
    assert [p for p in g.check(r) if p.severity == "error"] == []


# ------------------------------------------------------------------ readers follow

def test_an_imported_total_that_does_not_add_up_is_kept_reported_and_validates(
        tmp_path: Path) -> None:
    import docx

    from govreport.readers import read_document

    d = docx.Document()
    for line in ("2025년 실적 보고", "2025. 4. 1.", "기획예산과", "Ⅰ. 추진 실적", "□ 실적"):
        d.add_paragraph(line)
    grid = [["구분", "1분기", "2분기"], ["설계", "100", "200"], ["공사", "300", "400"],
            ["계", "400", "601"]]
    t = d.add_table(rows=4, cols=3)
    for row_cells, row in zip(t.rows, grid, strict=True):
        for cell, v in zip(row_cells.cells, row, strict=True):
            cell.text = v
    d.save(tmp_path / "old.docx")
    result = read_document(tmp_path / "old.docx")
    assert [str(f) for f in result.fallbacks] == [
        "table 1 (row 4, cell 3): the stated total does not add up, kept as stated: "
        "stated 601, the rows above sum to 600"]
    assert [p for p in g.check(result.report) if p.severity == "error"] == []
    again = g.loads(g.dumps(result.report))  # the JSON keeps the opt-out
    assert '"checked": false' in g.dumps(again)


def test_a_scale_in_parentheses_stays_text() -> None:
    from govreport.layout.text import TextFormatter
    from govreport.readers.inline import ValueReader
    from govreport.theme import Theme

    values = ValueReader(TextFormatter(Theme.seoul(), "ko_KR"))
    assert values.count("5점 만점") is None
    assert values.count("100명 이상") is None
    assert values.count("2,507건") == g.Quantity(value=2507, unit="건")


# ------------------------------------------------------------------ stated rates and groups

def test_stated_rate_difference_and_share_are_checked_at_their_decimals() -> None:
    rows = [["목표(A)", 400, 600], ["채택(B)", 412, 588], ["달성률(B/A)", 103.0, 97.5],
            ["증감(B-A)", 12, -10]]
    got = problems(table(rows, header=["구분", "2023", "2024"]))
    assert [(p, m.split(" (if")[0]) for p, m in got] == [
        (f"{B}.rows[2].cells[2].value", "stated 97.5, 채택(B) ÷ 목표(A) is 98.0"),
        (f"{B}.rows[3].cells[2].value", "stated -10, 채택(B) − 목표(A) is -12")]
    shares = [["도심권", 12, 48.0], ["동북권", 8, 32.0], ["서북권", 5, 21.0]]
    got = problems(table(shares, header=["구분", "기관 수", "비율"]))
    assert [m.split(" (if")[0] for _, m in got] == ["stated 21.0, its share of 기관수 is 20.0"]
    shares[2][2] = 20.0
    assert problems(table(shares, header=["구분", "기관 수", "비율"])) == []


def test_group_totals_heading_their_groups_and_a_grand_total_of_them() -> None:
    """As in a real 데이터 현황 table: 총합계 first, then each group's 합계 above its rows."""
    rows = [[{"value": "(A+B) 총합계", "colspan": 2}, 14],
            ["(A) 계측", "합계", 5], [None, "수문", 2], [None, "수도", 3],
            ["(B) ERP", "합계", 9], [None, "시설", 4], [None, "운영", 4]]
    got = problems(table(rows, header=["구분", "분야", "건수"], stub_columns=2))
    assert [(p, m.split(" (if")[0]) for p, m in got] == [  # 14 = 5 + 9, as stated
        (f"{B}.rows[4].cells[2].value", "stated 9, the group rows below sum to 8")]
    rows[0][1] = 15
    got = problems(table(rows, header=["구분", "분야", "건수"], stub_columns=2))
    assert got[0][1].startswith("stated 15, the other total rows sum to 14")
