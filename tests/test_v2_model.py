"""Schema version 2: migration of v1 files, computed table figures (hand-worked), the new
fields' checks and their layout (numbering mirrored in the 목차, lead box, annotations)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import govreport as g
from govreport.layout import layout
from govreport.layout.nodes import Para, TableBox, TocBlock, iter_paras
from govreport.layout.titles import balance_title
from govreport.model.compute import compute
from govreport.support.errors import ValidationError

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def doc(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "meta": {"title": "시험 보고", "org": "총무과", "date": "2025-04"},
        "parts": [{"title": "추진 배경", "intro": [{"type": "item", "text": "내용"}]}],
    }
    base.update(extra)
    return base


def load(data: dict[str, Any]) -> g.Report:
    return g.loads(json.dumps(data, ensure_ascii=False))


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    report = g.loads(json.dumps(data, ensure_ascii=False), check=False)
    return [(p.path, p.message) for p in g.check(report)]


# --------------------------------------------------------------------------- migration


def test_v1_file_loads_unchanged_as_v2() -> None:
    text = (EXAMPLES / "seoul-mayor-office-2025-04.json").read_text(encoding="utf-8")
    data = json.loads(text)
    data["schema_version"] = 1
    old = g.loads(json.dumps(data, ensure_ascii=False))
    new = g.loads(text)
    assert old == new
    assert old.schema_version == 2
    assert g.dumps(old) == text


def test_loads_versioned_reports_what_was_read() -> None:
    from govreport.readers.json import loads_versioned

    _, read = loads_versioned(json.dumps({**doc(), "schema_version": 1}, ensure_ascii=False))
    assert read == 1
    _, read = loads_versioned(json.dumps(doc(), ensure_ascii=False))
    assert read == 2


def test_schema_lists_the_v2_blocks() -> None:
    schema = g.json_schema()
    assert "(schema_version 2)" in schema["description"]
    tags = {d["properties"]["type"]["const"] for d in schema["$defs"].values()
            if "type" in d.get("properties", {}) and "const" in d["properties"]["type"]}
    assert {"org_chart", "vision", "comparison"} <= tags
    assert schema["$defs"]["Report"]["properties"]["layout"]["enum"] == [
        "booklet", "onepage", "compact"]


# --------------------------------------------------------------------------- computations


def five_year(rate_stated: float | None = None) -> g.Table:
    """목표(A) 100 120 150 180 210, 실적(B) 95 126 141 180 199; 계 column; 달성률 row."""
    rate_cells: list[Any] = ["달성률(B/A)"]
    if rate_stated is not None:
        rate_cells.append(rate_stated)
    return g.Table(
        header=[g.Row(cells=[g.Cell(value="구분"), *(g.Cell(value=y) for y in range(2021, 2026)),
                             g.Cell(value="계")])],
        rows=[
            g.Row(key="A", cells=[g.Cell(value="목표(A)"),
                                  *(g.Cell(value=v) for v in (100, 120, 150, 180, 210))]),
            g.Row(key="B", cells=[g.Cell(value="실적(B)"),
                                  *(g.Cell(value=v) for v in (95, 126, 141, 180, 199))]),
            g.Row(cells=[g.Cell(value=v) for v in rate_cells],
                  compute=g.Compute(op="ratio", of=("B", "A"))),
            g.Row(cells=[g.Cell(value="증감(B-A)")],
                  compute=g.Compute(op="difference", of=("B", "A"))),
        ],
        columns=[g.Column()] * 6 + [g.Column(compute=g.Compute(op="sum"))],
    )


def test_ratio_row_and_sum_column_hand_worked() -> None:
    ct = compute(five_year())
    # 계 column: A 100+120+150+180+210 = 760, B 95+126+141+180+199 = 741
    assert ct.values[(0, 6)] == 760
    assert ct.values[(1, 6)] == 741
    # 달성률: 95/100, 126/120, 141/150, 180/180, 199/210 = 94.76…; 계 741/760 = 97.5
    rates = [ct.values[(2, c)] for c in range(1, 7)]
    assert [round(r, 1) for r in rates if r is not None] == [
        Decimal("95.0"), Decimal("105.0"), Decimal("94.0"), Decimal("100.0"), Decimal("94.8"),
        Decimal("97.5")]
    # 증감: -5, 6, -9, 0, -11; 계 -19
    assert [ct.values[(3, c)] for c in range(1, 7)] == [-5, 6, -9, 0, -11, -19]
    assert not ct.issues


def test_rate_row_prints_as_percent_and_years_print_as_written() -> None:
    report = g.Report(meta=g.Meta(title="t", org="o", date="2025-04"), layout="onepage",
                      parts=[g.Part(title="p", intro=[five_year()])])
    box = next(n for n in layout(report).body if isinstance(n, TableBox) and n.kind == "data")
    text = {(c.row, c.col): "".join(r.text for p in c.paras for r in p.runs) for c in box.cells}
    assert [text[(0, c)] for c in range(1, 6)] == ["2021", "2022", "2023", "2024", "2025"]
    assert [text[(3, c)] for c in range(1, 7)] == [
        "95.0%", "105.0%", "94.0%", "100.0%", "94.8%", "97.5%"]
    assert text[(1, 6)] == "760"
    assert [text[(4, c)] for c in range(1, 7)] == ["△5", "6", "△9", "-", "△11", "△19"]


def test_growth_column_hand_worked_and_printed() -> None:
    """증감률 (``growth``): (2025 − 2024) ÷ 2024 in percent, the 계 row's from the sums."""
    table = g.Table(
        header=[g.Row(cells=[g.Cell(value=v) for v in ("구분", 2024, 2025, "증감", "증감률")])],
        rows=[g.Row(cells=[g.Cell(value="인건비"), g.Cell(value=1000), g.Cell(value=1100)]),
              g.Row(cells=[g.Cell(value="운영비"), g.Cell(value=500), g.Cell(value=480)]),
              g.Row(cells=[g.Cell(value="시설비"), g.Cell(value=0), g.Cell(value=30)]),
              g.Row(cells=[g.Cell(value="계")], total=True, compute=g.Compute(op="sum"))],
        columns=[g.Column(), g.Column(key="n"), g.Column(key="n2"),
                 g.Column(compute=g.Compute(op="difference", of=("n2", "n"))),
                 g.Column(compute=g.Compute(op="growth", of=("n2", "n")))])
    ct = compute(table)
    # 100/1000 = 10 %; -20/500 = -4 %; a zero base: no figure; 계 (1610 - 1500)/1500 = 7.33…
    assert [ct.values[(r, 4)] for r in range(3)] == [Decimal(10), Decimal(-4), None]
    assert round(ct.values[(3, 4)] or 0, 2) == Decimal("7.33")
    assert not ct.issues
    report = g.Report(meta=g.Meta(title="t", org="o", date="2025-04"), layout="onepage",
                      parts=[g.Part(title="p", intro=[table])])
    box = next(n for n in layout(report).body if isinstance(n, TableBox) and n.kind == "data")
    text = {(c.row, c.col): "".join(r.text for p in c.paras for r in p.runs) for c in box.cells}
    # a fall is marked as the table's other figures are (theme table.negative: △)
    assert [text[(r, 4)] for r in range(1, 5)] == ["10.0%", "△4.0%", "-", "7.3%"]
    assert [text[(r, 3)] for r in range(1, 5)] == ["100", "△20", "30", "110"]
    bad = attrs.evolve(table, columns=[*table.columns[:4], g.Column(
        compute=g.Compute(op="growth", of=("n2",)))])
    assert any(i.message == "growth needs 2 keys, 1 given" for i in compute(bad).issues)


def test_stated_figure_is_checked_against_the_computed_one() -> None:
    data = json.loads(g.dumps(g.Report(meta=g.Meta(title="t", org="o", date="2025-04"),
                                       parts=[g.Part(title="p", intro=[five_year(95.0)])])))
    assert problems(data) == []
    data["parts"][0]["intro"][0]["rows"][2]["cells"][1] = 96.0
    assert problems(data) == [("$.parts[0].intro[0].rows[2].cells[1].value",
                               "stated 96.0 differs from the computed 95.0")]
    with pytest.raises(ValidationError):
        g.loads(json.dumps(data, ensure_ascii=False))


def test_share_column_and_total_row_hand_worked() -> None:
    def row(*values: Any, **kw: Any) -> g.Row:
        return g.Row(cells=[g.Cell(value=v) for v in values], **kw)

    table = g.Table(
        header=[row("구분", "기관 수", "비율")],
        rows=[row("계", total=True, compute=g.Compute(op="sum")),
              row("자치구", 12), row("공공기관", 8), row("민간", 5)],
        columns=[g.Column(), g.Column(key="n"), g.Column(compute=g.Compute(op="share", of="n"))],
    )
    ct = compute(table)
    assert ct.values[(0, 1)] == 25  # 12 + 8 + 5
    # 12/25 = 48.0 %, 8/25 = 32.0 %, 5/25 = 20.0 %, 계 100.0 %
    assert [ct.values[(r, 2)] for r in range(4)] == [100, 48, 32, 20]


def test_money_scaling_rounds_half_up() -> None:
    from govreport.layout.tables import TableLayout
    from govreport.layout.text import TextFormatter

    theme = g.Theme.seoul() if hasattr(g, "Theme") else None
    from govreport.theme import Theme

    theme = Theme.seoul()
    tl = TableLayout(theme, TextFormatter(theme), 400.0)
    fmt = g.NumberFormat(from_unit="원", to_unit="백만원")
    # 1,234,567,890원 = 1,234.56789 백만원 → 1,235
    assert tl.figure(Decimal(1234567890), fmt) == "1,235"
    assert tl.figure(Decimal(1234567890), g.NumberFormat(from_unit="원", to_unit="억원",
                                                         decimals=1)) == "12.3"


def test_unknown_key_and_wrong_arity_are_reported() -> None:
    data = json.loads(g.dumps(g.Report(meta=g.Meta(title="t", org="o", date="2025-04"),
                                       parts=[g.Part(title="p", intro=[five_year()])])))
    data["parts"][0]["intro"][0]["rows"][2]["compute"]["of"] = ["B", "Z"]
    data["parts"][0]["intro"][0]["rows"][3]["compute"]["of"] = ["B"]
    found = problems(data)
    assert ("$.parts[0].intro[0].rows[2].compute.of",
            "no row has the key 'Z' (keys: A, B)") in found
    assert ("$.parts[0].intro[0].rows[3].compute.of", "difference needs 2 keys, 1 given") in found


# --------------------------------------------------------------------------- other checks


def test_org_chart_total_and_comparison_columns_are_checked() -> None:
    data = doc()
    data["parts"][0]["intro"] = [
        {"type": "org_chart", "head": "행정국",
         "units": [{"name": "총무과", "teams": 6, "staff": 120},
                   {"name": "인사과", "teams": 5, "staff": 95}],
         "total": {"teams": 11, "staff": 210}},
        {"type": "comparison", "columns": [{"label": "현행"}]},
    ]
    assert problems(data) == [
        ("$.parts[0].intro[0].total.staff",
         "stated total staff 210 differs from the sum of the units 215"),
        ("$.parts[0].intro[1].columns", "a comparison has 2 or 3 columns, not 1"),
    ]


def test_duplicate_explicit_appendix_numbers() -> None:
    data = doc(appendices=[{"title": "가", "label": "붙임", "number": 2},
                           {"title": "나", "label": "붙임", "number": 2}])
    assert problems(data) == [("$.appendices[1].number",
                               "붙임 2 is already used by appendices[0]")]


# --------------------------------------------------------------------------- layout


def toc_of(report: g.Report) -> list[tuple[int, str, str, bool]]:
    toc = next(n for n in layout(report).front if isinstance(n, TocBlock))
    return [(e.level, e.label, e.text, e.page is not None) for e in toc.entries]


def test_toc_prints_the_body_numbers() -> None:
    report = load(doc(
        numbering={"parts": "roman"},
        parts=[
            {"title": "운영 개요", "sections_numbering": "circled",
             "sections": [{"title": "운영 방향"}, {"title": "운영 체계"}]},
            {"title": "세부 계획", "sections_numbering": "none", "number": 3,
             "sections": [{"title": "홍보"}]},
        ],
        appendices=[{"title": "연도별 실적", "label": "붙임", "number": 1},
                    {"title": "관계 법령", "label": "붙임", "number": 3}],
        toc={"appendix_heading": "※ 붙임 문서"},
    ))
    assert toc_of(report) == [
        (1, "Ⅰ", "운영 개요", True), (2, "①", "운영 방향", True), (2, "②", "운영 체계", True),
        (1, "Ⅲ", "세부 계획", True), (2, "", "홍보", True),
        (1, "", "※ 붙임 문서", False), (2, "1.", "연도별 실적", True), (2, "3.", "관계 법령", True),
    ]
    body = [p.text for p in iter_paras(layout(report).body)]
    assert "① 운영 방향" in body and "Ⅲ 세부 계획" in body and "홍보" in body


def test_chapter_chips_and_lead_box() -> None:
    report = load(doc(numbering={"parts": "chapter"}, title_box=True,
                      lead={"text": "시민 참여를 넓히기 위해 추진", "symbol": "◈"},
                      parts=[{"title": "추진 배경"}, {"title": "추진 계획"}]))
    body = layout(report).body
    kinds = [n.kind for n in body if isinstance(n, TableBox)]
    assert kinds[:4] == ["title_box", "lead", "chip", "chip"]
    lead = next(n for n in body if isinstance(n, TableBox) and n.kind == "lead")
    assert lead.cells[0].paras[0].text == "◈\t시민 참여를 넓히기 위해 추진"
    chip = [n for n in body if isinstance(n, TableBox) and n.kind == "chip"][1]
    assert chip.cells[0].paras[0].text == "2"
    assert not any(type(n).__name__ == "PageBreak" for n in body)  # chapters follow on


def test_inline_annotations() -> None:
    report = load(doc(layout="compact", parts=[{"title": "현황", "intro": [
        {"type": "item", "text": "연도별 집행 실적", "note": "'15년부터 집계"},
        {"type": "item", "text": "등록 인원 1,200명", "as_of": "2024-01-01"},
        {"type": "item", "text": "위원회 구성",
         "cite": {"source": "시장방침 제123호", "date": "2022-03-04"}},
        {"type": "item", "key": "정례회의", "key_count": {"value": 3, "unit": "회"},
         "schedule": "2024-01/2024-02"},
    ]}]))
    # the spaces inside a date are no-break spaces (U+00A0): read them as spaces here
    lines = [p.text.replace("\u00a0", " ") for p in iter_paras(layout(report).body)
             if isinstance(p, Para)]
    assert "□\t연도별 집행 실적  ※ '15년부터 집계" in lines
    assert "□\t등록 인원 1,200명 ('24. 1. 1. 기준)" in lines
    assert "□\t위원회 구성 (시장방침 제123호, '22.3.4.)" in lines
    assert "□\t정례회의 (3회) : '24. 1~2월" in lines


def test_compact_layout_has_no_cover_toc_or_task_breaks() -> None:
    report = load(doc(layout="compact", parts=[
        {"title": "금주 실적", "sections": [{"title": "가", "kind": "task"},
                                         {"title": "나", "kind": "task"}]},
        {"title": "차주 계획", "sections": [{"title": "다", "kind": "task"}]}]))
    laid = layout(report)
    assert laid.cover == () and laid.front == ()
    assert not any(type(n).__name__ == "PageBreak" for n in laid.body)


def test_title_breaks_at_sensible_points() -> None:
    # never after 「 or (, 「…」 kept together, lines balanced
    assert balance_title("2025년 「시민 참여 예산」 확대 추진계획", 14) == (
        "2025년 「시민 참여 예산」\n확대 추진계획")
    assert balance_title("짧은 제목", 20) == "짧은 제목"
    broken = balance_title("공공시설 개방 운영계획 (시민 참여 확대)", 14)
    assert broken.split("\n")[-1] == "(시민 참여 확대)"


def test_month_range_forms_are_both_producible() -> None:
    import attrs

    from govreport.layout.text import TextFormatter
    from govreport.model import parse_period
    from govreport.theme import Theme

    theme = Theme.seoul()
    period = parse_period("2024-01/2024-02")
    assert TextFormatter(theme).schedule(period) == "'24.\u00a01~2월"  # no-break space
    repeated = attrs.evolve(theme, dates=attrs.evolve(theme.dates, month_range="repeated"))
    assert TextFormatter(repeated).schedule(period) == "'24.1월~2월"
    # other ranges are unchanged: across years, and days
    assert TextFormatter(repeated).schedule(parse_period("2024-11/2025-02")) == (
        TextFormatter(theme).schedule(parse_period("2024-11/2025-02")))


def test_too_many_boxes_side_by_side_are_refused() -> None:
    data = doc()
    data["parts"][0]["intro"] = [{"type": "org_chart", "head": "국",
                                  "units": [{"name": f"{i}과"} for i in range(13)]}]
    assert problems(data) == [("$.parts[0].intro[0].units",
                               "13 units do not fit side by side (at most 12); split the chart "
                               "or use a table")]


def test_title_breaking_is_bounded_for_paragraph_long_titles() -> None:
    long = " ".join(["가나다"] * 5000)
    assert balance_title(long, 30) == long  # left to the renderer, no combinatorial search
