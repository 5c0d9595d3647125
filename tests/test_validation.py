"""Bad input is reported with the exact JSON path and a readable message.

Structural problems come from the converter (``loads`` raises :class:`ValidationError`);
semantic ones from :func:`govreport.check` (errors also make ``loads(check=True)`` fail).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import govreport as g
from govreport.checks.semantic import check_report, errors_of

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "seoul-mayor-office-2025-04.json"
B = "$.parts[0].sections[0].blocks"


def doc(*blocks: dict[str, Any], **top: Any) -> dict[str, Any]:
    """A minimal valid report holding ``blocks`` in its first section."""
    return {
        "meta": {"title": "주요 업무 보고", "org": "시장비서실", "date": "2025-04"},
        "parts": [{"title": "일반 현황", "sections": [{"title": "주요 기능",
                                                    "blocks": list(blocks)}]}],
        **top,
    }


def item(text: str = "항목", **kw: Any) -> dict[str, Any]:
    return {"type": "item", "text": text, **kw}


def structural(data: Any) -> list[tuple[str, str]]:
    """(path, message) of every problem the parser reports (semantic checks off)."""
    text = data if isinstance(data, str | bytes) else json.dumps(data, ensure_ascii=False)
    with pytest.raises(g.ValidationError) as info:
        g.loads(text, check=False)
    assert all(p.severity == "error" for p in info.value.errors)
    return [(p.path, p.message) for p in info.value.errors]


def semantic(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(path, message, severity) of every semantic problem of a structurally valid document."""
    report = g.loads(json.dumps(data, ensure_ascii=False), check=False)
    return [(p.path, p.message, p.severity) for p in g.check(report)]


def errors(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p, m) for p, m, s in semantic(data) if s == "error"]


def warnings(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p, m) for p, m, s in semantic(data) if s == "warning"]


# --- the good cases -----------------------------------------------------------------------


def test_minimal_document_is_clean() -> None:
    assert semantic(doc(item())) == []


def test_seed_example_has_no_problems() -> None:
    assert g.check(g.load(EXAMPLE)) == []


# --- structural (converter) ---------------------------------------------------------------


def test_wrong_scalar_type() -> None:
    assert structural(doc(item(text=3))) == [(f"{B}[0].text", "3 is not a string")]


def test_bool_is_not_an_integer() -> None:
    assert structural(doc(item(level=True))) == [(f"{B}[0].level", "true is not an integer")]


def test_unknown_field_with_hint() -> None:
    data = doc(item())
    data["meta"]["titel"] = data["meta"].pop("title")
    assert structural(data) == [
        ("$.meta.title", "required field 'title' is missing"),
        ("$.meta", "unknown field: titel (did you mean title?)"),
    ]


def test_unknown_block_type() -> None:
    (problem,) = structural(doc({"type": "bullet", "text": "x"}))
    assert problem[0] == f"{B}[0]"
    assert problem[1].startswith('"bullet" is not a block type (one of budget_table, category')


def test_missing_block_type() -> None:
    (problem,) = structural(doc({"text": "x"}))
    assert problem[0] == f"{B}[0]"
    assert problem[1].startswith('block has no "type" (one of ')


def test_missing_required_field() -> None:
    assert structural(doc({"type": "event"})) == [
        (f"{B}[0].title", "required field 'title' is missing")
    ]


def test_bad_date_format() -> None:
    (problem,) = structural(doc(item(date="2025/03/01")))
    assert problem == (f"{B}[0].date", "'2025/03/01': '03/01' is not a valid date "
                                        "(use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM)")


def test_impossible_date() -> None:
    data = doc(item())
    data["parts"].append({"title": "주요 업무", "sections": [{"title": "과제", "blocks": [
        item(), item(), item(date="2025-02-30")]}]})
    assert structural(data) == [
        ("$.parts[1].sections[0].blocks[2].date", "'2025-02-30' is not a valid date")
    ]


def test_impossible_month_and_time() -> None:
    assert structural(doc(
        item(period="2025-13"),
        {"type": "when_where", "dates": ["2025-03-01T24:10"], "place": "본관"},
    )) == [
        (f"{B}[0].period", "'2025-13' is not a valid date (month 13)"),
        (f"{B}[1].dates[0]", "'2025-03-01T24:10' is not a valid time"),
    ]


@pytest.mark.parametrize("date", ["0000", "0000-01", "0000-02-29"])
def test_year_zero_is_not_a_date(date: str) -> None:
    """There is no year 0: a message naming the place, not a traceback from the calendar."""
    assert structural(doc(item(date=date))) == [
        (f"{B}[0].date", f"{date!r} is not a valid date (year 0)")]


def test_period_ending_before_it_starts() -> None:
    assert structural(doc(item(period="2025-05/2025-03"))) == [
        (f"{B}[0].period", "'2025-05/2025-03': the period ends before it starts")
    ]


def test_unknown_date_qualifier() -> None:
    (problem,) = structural(doc(item(period="2025-03 끝")))
    assert problem[0] == f"{B}[0].period"
    assert problem[1].startswith("'2025-03 끝': unknown qualifier '끝' (one of 말, 초, 중")


def test_bad_literal() -> None:
    assert structural(doc({"type": "note", "text": "참고", "scope": "page"})) == [
        (f"{B}[0].scope", '"page" is not one of "item", "table"')
    ]


def test_non_list_where_list_expected() -> None:
    assert structural(doc(item(children={"type": "note", "text": "x"}))) == [
        (f"{B}[0].children", '{"type": "note", "text": "x"} is not a list')
    ]


def test_fixed_length_list() -> None:
    table = {"type": "budget_table", "lines": [], "headers": ["구분", "예산액"]}
    assert structural(doc(table)) == [
        (f"{B}[0].headers", '["구분", "예산액"] has 2 items, 5 are needed')
    ]


def test_bad_cell_in_short_form_row() -> None:
    table = {"type": "table", "rows": [["a", True], [{"value": "b", "rowspan": "2"}]]}
    assert structural(doc(table)) == [
        (f"{B}[0].rows[0].cells[1]", "true is not text, a number or null"),
        (f"{B}[0].rows[1].cells[0].rowspan", '"2" is not an integer'),
    ]


def test_invalid_json_text_has_line_and_column() -> None:
    assert structural('{"meta": {\n  "title": }\n}') == [
        ("$", "not valid JSON (Expecting value at line 2 column 12)")
    ]


def test_not_utf8() -> None:
    assert structural(b'{"meta": "\xff"}') == [("$", "not UTF-8 text (byte 0xFF at offset 10)")]


def test_report_must_be_an_object() -> None:
    assert structural("[]") == [("$", "a report must be a JSON object")]


def test_all_structural_problems_at_once() -> None:
    data = doc(
        item(text=3),
        {"type": "bullet"},
        {"type": "event"},
        item(date="2025-02-30"),
        {"type": "note", "text": "x", "scope": "page"},
        item(children="not a list"),
    )
    data["meta"]["date"] = 2025
    data["extra"] = True
    paths = [p for p, _ in structural(data)]
    assert paths == [
        "$.meta.date",
        f"{B}[0].text",
        f"{B}[1]",
        f"{B}[2].title",
        f"{B}[3].date",
        f"{B}[4].scope",
        f"{B}[5].children",
        "$",
    ]


# --- semantic errors ----------------------------------------------------------------------


def test_item_needs_text_or_key() -> None:
    assert errors(doc(item(text="  "), item(text="", key="일정", schedule="2025-07"))) == [
        (f"{B}[0].text", "an item needs text or a key")
    ]


def test_empty_titles() -> None:
    data = doc({"type": "event", "title": " "})
    data["meta"]["title"] = ""
    data["meta"]["org"] = "\t"
    data["parts"][0]["title"] = ""
    data["parts"][0]["sections"][0]["title"] = "   "
    data["parts"].append({"title": "향후 계획", "intro": [item()]})
    assert errors(data) == [
        ("$.meta.title", "the report title must not be empty"),
        ("$.meta.org", "the organisation is only spaces"),
        ("$.parts[0].title", "a part title must not be empty"),
        ("$.parts[0].sections[0].title", "a section title is only spaces"),
        (f"{B}[0].title", "an event title is only spaces"),
    ]


def test_a_body_without_parts_is_one_untitled_part() -> None:
    """A 결과보고 or a press release has no Ⅰ parts: its body is one part without a title
    (printed without a heading); with two parts each needs its title."""
    data = doc(item())
    data["parts"][0]["title"] = ""
    assert errors(data) == []
    data["parts"].append({"title": "", "intro": [item()]})
    assert [p for p, _ in errors(data)] == ["$.parts[0].title", "$.parts[1].title"]


def test_empty_optional_text_should_be_omitted() -> None:
    assert errors(doc(item(label=""))) == [
        (f"{B}[0].label", "label must not be empty (omit the field instead)")
    ]


def test_duplicate_section_numbers() -> None:
    data = doc(item())
    data["parts"][0]["sections"] = [
        {"title": "가", "number": 2}, {"title": "나", "number": 3}, {"title": "다", "number": 2},
    ]
    assert errors(data) == [
        ("$.parts[0].sections[2].number", "section number 2 is already used by sections[0]")
    ]


def staffing(**kw: Any) -> dict[str, Any]:
    return {
        "type": "staffing_table",
        "groups": [{"name": "일반직", "grades": ["5급", "6급"]}, {"name": "별정직",
                                                              "grades": ["5급상당"]}],
        "rows": [{"label": "정원", "counts": [[1, 2], [3]], "total": 6}],
        **kw,
    }


def test_staffing_total_disagrees() -> None:
    table = staffing(rows=[{"label": "정원", "counts": [[1, 2], [3]], "total": 7}])
    assert errors(doc(table)) == [
        (f"{B}[0].rows[0].total", "stated total 7 differs from the computed 총계 6")
    ]


def test_staffing_counts_do_not_match_grades() -> None:
    table = staffing(rows=[
        {"label": "정원", "counts": [[1, 2, 3], [3]]},
        {"label": "현원", "counts": [[1, 2]]},
    ])
    assert errors(doc(table)) == [
        (f"{B}[0].rows[0].counts[0]", "3 counts for the 2 grades of 일반직 (5급, 6급)"),
        (f"{B}[0].rows[1].counts", "1 count group for 2 staff groups"),
    ]


def test_negative_staff_count() -> None:
    table = staffing(rows=[{"label": "정원", "counts": [[1, -2], [3]]}])
    assert errors(doc(table)) == [
        (f"{B}[0].rows[0].counts[0][1]", "a count cannot be negative (-2)")
    ]


def budget(**kw: Any) -> dict[str, Any]:
    return {
        "type": "budget_table",
        "lines": [{"name": "기관운영업무추진비", "budget": 318000, "spent": 80036},
                  {"name": "시책추진업무추진비", "budget": 80000, "spent": 19865}],
        **kw,
    }


def test_budget_total_disagrees() -> None:
    assert errors(doc(budget(total={"budget": 398000, "spent": 99900}))) == [
        (f"{B}[0].total.spent", "stated total 집행액 99,900 differs from the computed 계 99,901")
    ]


def test_spent_exceeds_budget() -> None:
    table = budget(lines=[{"name": "업무추진비", "budget": 1000, "spent": 1200}])
    assert errors(doc(table)) == [
        (f"{B}[0].lines[0].spent", "집행액 1,200 exceeds 예산액 1,000")
    ]


def test_negative_amount_and_count() -> None:
    table = budget(lines=[{"name": "업무추진비", "budget": -5, "spent": 0}])
    assert errors(doc(table, item(count={"value": -3, "unit": "건"}))) == [
        (f"{B}[0].lines[0].budget", "예산액 cannot be negative (-5)"),
        (f"{B}[1].count.value", "a count cannot be negative (-3)"),
    ]


def test_table_cells_overlap() -> None:
    table = {"type": "table", "rows": [
        ["a", {"value": "b", "rowspan": 2}, "c"],
        [{"value": "d", "colspan": 2}, "e"],
        ["f", "g", "h"],
    ]}
    assert errors(doc(table)) == [(
        f"{B}[0].rows[1].cells[0]",
        "cell 0 of row 1 overlaps cell 1 of row 0 (through rowspan/colspan) at row 1, column 1",
    )]


def test_rows_of_unequal_width() -> None:
    table = {"type": "table", "header": [["구분", "내용", "비고"]], "rows": [
        [{"value": "a", "rowspan": 2}, "b", "c"],
        ["d"],
        ["e", "f", "g", "h"],
    ]}
    assert errors(doc(table)) == [
        (f"{B}[0].rows[1]", "row 1 covers 2 columns after rowspan/colspan, but the table is "
                            "3 wide (header row 0)"),
        (f"{B}[0].rows[2]", "row 2 covers 4 columns after rowspan/colspan, but the table is "
                            "3 wide (header row 0)"),
    ]


def test_span_past_the_table_edge() -> None:
    table = {"type": "table", "rows": [
        ["a", "b", "c"],
        ["d", {"value": "e", "colspan": 3}],
        [{"value": "f", "rowspan": 2}, "g", "h"],
    ]}
    assert errors(doc(table)) == [
        (f"{B}[0].rows[2].cells[0].rowspan",
         "rowspan 2 of cell 0 in row 2 reaches past the last row (the group has 3 rows, "
         "the last is row 2)"),
        (f"{B}[0].rows[1].cells[1].colspan",
         "colspan 3 of cell 1 in row 1 reaches past the table edge (it starts at column 1; "
         "the table has 3 columns, the last is column 2)"),
    ]


def test_zero_span_and_widths() -> None:
    table = {"type": "table", "rows": [[{"value": "a", "colspan": 0}, "b"]], "widths": [1, 0, 2]}
    assert errors(doc(table)) == [
        (f"{B}[0].widths", "3 widths given for a table of 2 columns"),
        (f"{B}[0].widths[1]", "a column width must be positive (0)"),
        (f"{B}[0].rows[0].cells[0].colspan", "colspan 0 must be 1 or more"),
    ]


def test_xml_invalid_control_characters() -> None:
    table = {"type": "table", "rows": [["ok", "bell\x07", "nul\x00 and \x1b"]]}
    assert errors(doc(item(text="탭\t줄\n복귀\r 정상"), item(text="x\ufffe"), table)) == [
        (f"{B}[1].text", "contains a character not allowed in XML: U+FFFE"),
        (f"{B}[2].rows[0].cells[1].value", "contains a character not allowed in XML: U+0007"),
        (f"{B}[2].rows[0].cells[2].value",
         "contains characters not allowed in XML: U+0000, U+001B"),
    ]


def test_lone_surrogate() -> None:
    report = g.loads('{"meta": {"title": "a\\ud800", "org": "o", "date": "2025"}}', check=False)
    assert [(p.path, p.message) for p in g.check(report)] == [
        ("$.meta.title", "contains a character not allowed in XML: U+D800")
    ]


def test_level_out_of_range_and_empty_symbol() -> None:
    assert errors(doc(item(level=0), item(level=9), item(symbol=""))) == [
        (f"{B}[0].level", "level 0 is out of range (1 to 8)"),
        (f"{B}[1].level", "level 9 is out of range (1 to 8)"),
        (f"{B}[2].symbol", "a symbol override must not be empty"),
    ]


def test_errors_make_loads_fail_but_warnings_do_not() -> None:
    with pytest.raises(g.ValidationError) as info:
        g.loads(json.dumps(doc(item(text="", symbol=""), {"type": "when_where",
                                                          "dates": ["2025-03-01"]})))
    assert [p.path for p in info.value.errors] == [f"{B}[0].text", f"{B}[0].symbol"]
    assert "2 problems found:" in str(info.value)
    report = g.loads(json.dumps(doc({"type": "when_where", "dates": ["2025-03-01"]})))
    assert [p.severity for p in g.check(report)] == ["warning"]


def test_check_report_on_objects_built_in_python() -> None:
    report = g.Report(
        meta=g.Meta(title="보고", org="기관", date=g.parse_period("2025-04")),
        parts=(g.Part(title="현황", sections=(g.Section(title="기능", blocks=(
            g.Item(text="x", date=g.Period(start=g.PartialDate(year=2025, month=2, day=30))),
        )),)),),
    )
    assert [(p.path, p.message) for p in check_report(report)] == [
        (f"{B}[0].date", "'2025-02-30' is not a valid date")
    ]


# --- semantic warnings --------------------------------------------------------------------


def event(title: str, when: str) -> dict[str, Any]:
    return {"type": "event", "title": title,
            "children": [{"type": "when_where", "dates": [when], "place": "본관"}]}


def test_events_not_newest_first() -> None:
    category = {"type": "category", "label": "안전 분야", "children": [
        event("가", "2025-03-25"), event("나", "2025-03-24T21:20"), event("다", "2025-03-30"),
    ]}
    assert warnings(doc(category)) == [
        (f"{B}[0].children[2]", "events are listed newest first, but this one (2025-03-30) is "
                                "newer than the one before it (2025-03-24T21:20)"),
    ]


def test_date_far_in_the_future() -> None:
    assert warnings(doc(item(date="2026-04-30"), item(period="2026-05/2026-12"))) == [
        (f"{B}[1].period", "2026-05 is more than 1 year after the report date"),
    ]


def test_level_jump() -> None:
    data = doc(item(level=2, children=[item(level=4), item(level=3), item(level=2)]))
    assert warnings(data) == [
        (f"{B}[0].children[0].level", "level 4 under a level-2 item skips a level (expected 3)"),
        (f"{B}[0].children[2].level", "level 2 is not deeper than the parent item's level 2"),
    ]


def test_when_where_without_place() -> None:
    assert semantic(doc({"type": "when_where", "dates": ["2025-03-01"]})) == [
        (f"{B}[0].place", "the event has no place", "warning")
    ]


def test_newer_schema_version() -> None:
    assert semantic(doc(item(), schema_version=99)) == [
        ("$.schema_version", "schema_version 99 is newer than this govreport understands (2)",
         "warning")
    ]


def test_cell_counts_do_not_sum_to_the_item_count() -> None:
    table = {"type": "table", "rows": [
        [{"value": "건설\n주택", "count": {"value": 39}}, "x"],
        [{"value": "기업", "count": {"value": 21}}, "y"],
    ]}
    assert warnings(doc(item(count={"value": 123, "unit": "건"}, children=[table]))) == [
        (f"{B}[0].children[0]", "the table's cell counts sum to 60 but the item's count is 123")
    ]
    assert semantic(doc(item(count={"value": 60, "unit": "건"}, children=[table]))) == []


def test_seed_counts_are_checked() -> None:
    """Breaking one T3 count in the seed is noticed."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    text = json.dumps(broken, ensure_ascii=False).replace(
        '"count": {"value": 58}', '"count": {"value": 57}')
    problems = g.check(g.loads(text))
    assert [(p.severity, p.message) for p in problems] == [
        ("warning", "the table's cell counts sum to 122 but the item's count is 123")
    ]
    assert problems[0].path.endswith(".children[2]")


# --- objects, numbers, nesting and text problems found by QA ------------------------------


@pytest.mark.parametrize(("where", "value", "shown"), [
    ("count", 3, "3"),
    ("count", "3회", '"3회"'),
    ("count", [39], "[39]"),
    ("meta", None, "null"),
    ("meta", [], "[]"),
    ("cover", "표지", '"표지"'),
])
def test_object_fields_reject_non_objects(where: str, value: Any, shown: str) -> None:
    if where == "count":
        data, path = doc(item(count=value)), f"{B}[0].count"
    else:
        data, path = doc(item()), f"$.{where}"
        data[where] = value
    assert structural(data) == [(path, f"{shown} is not an object")]


def test_object_check_keeps_the_short_forms_and_block_messages() -> None:
    table = {"type": "table", "rows": [
        ["a", {"value": "b", "count": 3}],
        {"cells": [{"value": "c", "count": "39건"}], "total": True},
        "not a row",
    ]}
    budget = {"type": "budget_table", "lines": [{"name": "a", "budget": 1, "spent": 0}],
              "total": []}
    assert structural(doc(table, budget, "not a block")) == [
        (f"{B}[0].rows[0].cells[1].count", "3 is not an object"),
        (f"{B}[0].rows[1].cells[0].count", '"39건" is not an object'),
        (f"{B}[0].rows[2]", '"not a row" is not a row (a list of cells)'),
        (f"{B}[1].total", "[] is not an object"),
        (f"{B}[2]", '"not a block" is not a block object'),
    ]
    # …and the short forms still load
    report = g.loads(json.dumps(doc(
        {"type": "table", "rows": [["a", 1, None, {"value": "b", "count": {"value": 2}}]]}
    )), check=False)
    table_block = report.parts[0].sections[0].blocks[0]
    assert isinstance(table_block, g.Table)
    assert table_block.rows[0].cells[3].count == g.Quantity(value=2)


def test_non_finite_numbers_are_rejected() -> None:
    text = json.dumps(doc(
        item(count={"value": 1}),
        {"type": "table", "rows": [[2, {"value": 3, "ratio": 4}]], "widths": [1, 5]},
    ))
    for good, bad in (('"value": 1', '"value": Infinity'), ("[2,", "[NaN,"),
                      ('"ratio": 4', '"ratio": -Infinity'), ("[1, 5]", "[1, NaN]")):
        text = text.replace(good, bad, 1)
    assert structural(text) == [
        (f"{B}[0].count.value", "Infinity is not a finite number"),
        (f"{B}[1].rows[0].cells[0]", "NaN is not a finite number"),
        (f"{B}[1].rows[0].cells[1].ratio", "-Infinity is not a finite number"),
        (f"{B}[1].widths[1]", "NaN is not a finite number"),
    ]


def test_huge_numbers_are_rejected() -> None:
    too_large = "is too large (it must be less than 10^18)"
    budget = {"type": "budget_table", "lines": [{"name": "a", "budget": 10**28, "spent": 0}]}
    table = {"type": "table", "rows": [[1e19, {"value": 1, "colspan": 10**18}]]}
    assert structural(doc(item(count={"value": 10**30}), budget, table)) == [
        (f"{B}[0].count.value", f"1e+30 {too_large}"),
        (f"{B}[1].lines[0].budget", f"1e+28 {too_large}"),
        (f"{B}[2].rows[0].cells[0]", f"1e+19 {too_large}"),
        (f"{B}[2].rows[0].cells[1].colspan", f"1e+18 {too_large}"),
    ]


def test_numbers_below_the_limit_load_and_render() -> None:
    big = 10**18 - 1
    budget = {"type": "budget_table", "lines": [{"name": "a", "budget": big, "spent": big - 1}]}
    report = g.loads(json.dumps(doc(item(count={"value": big}), budget)))
    assert g.check(report) == []
    from govreport.app.render import render_bytes

    assert render_bytes(report, "docx")[:2] == b"PK"


def test_python_built_bad_numbers_are_check_errors() -> None:
    report = g.loads(json.dumps(doc(item())))
    section = report.parts[0].sections[0]
    blocks = (g.Item(text="x", count=g.Quantity(value=float("inf"))),
              g.Table(rows=(g.Row(cells=(g.Cell(value=10**20),)),)))
    report = attrs.evolve(report, parts=(attrs.evolve(
        report.parts[0], sections=(attrs.evolve(section, blocks=blocks),)),))
    assert errors_of(check_report(report)) == [
        g.Problem(path=f"{B}[0].count.value", message="Infinity is not a finite number"),
        g.Problem(path=f"{B}[1].rows[0].cells[0].value",
                  message="1e+20 is too large (it must be less than 10^18)"),
    ]


def _nested_items(depth: int) -> str:
    """Report JSON whose first block has ``depth`` levels of ``children`` (built as text)."""
    chain = ('{"type": "item", "text": "x"' + ', "children": [{"type": "item", "text": "x"'
             * depth + "}]" * depth + "}")
    return json.dumps(doc(item("PLACEHOLDER"))).replace(
        '{"type": "item", "text": "PLACEHOLDER"}', chain)


@pytest.mark.parametrize("depth", [65, 3000, 5000])
def test_deep_item_nesting_is_rejected(depth: int) -> None:
    ((path, message),) = structural(_nested_items(depth))
    assert path == B + "[0]" + ".children[0]" * 64 + ".children"
    assert message == "blocks are nested more than 64 levels deep (children/items)"


def test_nesting_at_the_limit_loads_checks_and_renders() -> None:
    from govreport.app.render import render_bytes

    report = g.loads(_nested_items(64))
    assert render_bytes(report, "docx")[:2] == b"PK"
    assert g.loads(g.dumps(report)) == report


@pytest.mark.parametrize("depth", [200, 5000])
def test_deep_json_nesting_is_rejected(depth: int) -> None:
    text = json.dumps(doc(item()), ensure_ascii=False).replace(
        '"시장비서실"', "[" * depth + "]" * depth)
    ((path, message),) = structural(text)
    assert path == "$.meta.org" + "[0]" * 158  # $ is level 1, meta 2, org 3
    assert message == "the JSON is nested more than 160 levels deep"


@pytest.mark.parametrize("depth", [158, 159])
def test_json_nesting_right_at_the_limit(depth: int) -> None:
    # 158 lists inside "org" are 160 levels (allowed: only the type is wrong); 159 are one
    # too many, reported with the path of the innermost list
    text = json.dumps(doc(item()), ensure_ascii=False).replace(
        '"시장비서실"', "[" * depth + "]" * depth)
    ((path, message),) = structural(text)
    if depth == 158:
        assert path == "$.meta.org"
        assert message.endswith("... is not a string")
    else:
        assert path == "$.meta.org" + "[0]" * 158
        assert message == "the JSON is nested more than 160 levels deep"


def test_duplicate_key_inside_lists_of_lists_is_found() -> None:
    text = json.dumps(doc({"type": "table", "rows": [["a", "b"], [{"value": 1}, "c"]]}))
    text = text.replace('{"value": 1}', '{"value": 1, "value": 2}')
    assert structural(text) == [(f"{B}[0].rows[1][0].value", 'duplicate key "value"')]


def test_deep_python_model_is_checked_without_recursion() -> None:
    block = g.Item(text="x")
    for _ in range(5000):
        block = g.Item(text="x", children=(block,))
    report = g.Report(meta=g.Meta(title="t", org="o", date="2025-04"), parts=(
        g.Part(title="p", sections=(g.Section(title="s", blocks=(block,)),)),))
    assert errors_of(check_report(report)) == [g.Problem(
        path=B + "[0]" + ".children[0]" * 64 + ".children",
        message="blocks are nested more than 64 levels deep (children/items)",
    )]


def test_duplicate_keys_are_errors_with_their_path() -> None:
    text = json.dumps(doc(item(text="a", bold=True), {"type": "note", "text": "x"}),
                      ensure_ascii=False)
    text = text.replace('"title": "주요 업무 보고"', '"title": "a", "title": "b"')
    text = text.replace('"text": "a"', '"text": "a", "text": "b", "text": "c"')
    text = text.replace('"type": "note"', '"type": "note", "type": "note", "scope": 3')
    assert structural(text) == [
        ("$.meta.title", 'duplicate key "title"'),
        (f"{B}[0].text", 'duplicate key "text"'),
        (f"{B}[1].type", 'duplicate key "type"'),
        (f"{B}[1].scope", '3 is not one of "item", "table"'),
    ]


@pytest.mark.parametrize("date", ["２０２５-01-01", "2025-0٣", "2025-01-01T１0:00"])
def test_full_width_digits_are_not_dates(date: str) -> None:
    ((path, message),) = structural(doc(item(date=date)))
    assert path == f"{B}[0].date"
    assert message.startswith(f"{date!r} is not a valid date")
    with pytest.raises(g.DateFormatError):
        g.parse_period(date)


@pytest.mark.parametrize("content", [b"", b"  \n", b"\xef\xbb\xbf"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(content)
    with pytest.raises(g.ValidationError) as info:
        g.load(path)
    assert [str(p) for p in info.value.errors] == ["$: file is empty"]
    assert structural("") == [("$", "text is empty")]


def test_cp949_file_gets_a_hint() -> None:
    data = json.dumps(doc(item("한글 항목")), ensure_ascii=False).encode("cp949")
    ((path, message),) = structural(data)
    assert path == "$"
    assert message.startswith("not UTF-8 text (byte 0x")
    assert message.endswith("; save it as UTF-8 (it looks like CP949/EUC-KR)")


def test_grid_messages_use_json_indices_and_singulars() -> None:
    table = {"type": "table", "rows": [["a", {"value": "b", "rowspan": 2}, "c"], []]}
    one_row = {"type": "table", "rows": [[{"value": "a", "rowspan": 2}]], "widths": [1, 2]}
    assert errors(doc(table, one_row)) == [
        (f"{B}[0].rows[1]", "row 1 covers 1 column after rowspan/colspan, but the table is "
                            "3 wide (rows row 0); column 0 empty"),
        (f"{B}[1].rows[0].cells[0].rowspan", "rowspan 2 of cell 0 in row 0 reaches past the "
                                             "last row (the group has 1 row, the last is row 0)"),
        (f"{B}[1].widths", "2 widths given for a table of 1 column"),
    ]


def test_grid_error_is_a_govreport_error() -> None:
    from govreport.layout.grid import GridError, place_cells

    rows = [g.Row(cells=(g.Cell(value="a", rowspan=3),))]
    with pytest.raises(g.GovReportError) as info:
        place_cells(rows)
    assert isinstance(info.value, GridError)
    assert isinstance(info.value, ValueError)
    assert (info.value.row, info.value.cell) == (0, 0)
