"""The layout step: numbering, symbols, indents, captions, tables — shared by both writers."""

from __future__ import annotations

from pathlib import Path

import pytest

import govreport
from govreport.layout import LaidDocument, Para, TableBox, TocBlock, iter_paras, layout
from govreport.layout.grid import GridError, place_cells
from govreport.layout.text import NBSP, keep_together
from govreport.model import Cell, Item, Meta, Part, Report, Row, Section, parse_period
from govreport.theme import Theme

EXAMPLE = Path(__file__).parents[1] / "examples" / "seoul-mayor-office-2025-04.json"


@pytest.fixture(scope="module")
def seed() -> LaidDocument:
    return layout(govreport.load(EXAMPLE))


def texts(doc: LaidDocument) -> list[str]:
    """Paragraph texts with the no-break spaces inside dates read as spaces."""
    return [p.text.replace(NBSP, " ") for p in iter_paras(doc.body)]


def first(doc: LaidDocument, role: str, contains: str = "") -> Para:
    return next(p for p in iter_paras(doc.body) if p.role == role and contains in p.text)


def test_parts_are_numbered_with_roman_numerals(seed: LaidDocument) -> None:
    heads = [p.text for p in iter_paras(seed.body) if p.role == "part_heading"]
    assert heads == ["Ⅰ. 일반 현황", "Ⅱ. 주요 업무"]


def test_sections_and_tasks_are_numbered_per_part(seed: LaidDocument) -> None:
    chips = [p.text for p in iter_paras(seed.body) if p.role == "chip_number"]
    tasks = [p.text for p in iter_paras(seed.body) if p.role == "task_number"]
    assert chips == ["1", "2", "3"]
    assert tasks == ["1", "2", "3", "4", "5"]


def test_overview_is_derived_from_task_titles(seed: LaidDocument) -> None:
    overview = [p for p in iter_paras(seed.body) if p.role == "overview"]
    titles = [p.text for p in iter_paras(seed.body) if p.role == "task_title"]
    assert [p.symbol for p in overview] == ["①", "②", "③", "④", "⑤"]
    assert [p.text.split("\t", 1)[1] for p in overview] == [t.strip() for t in titles]


def test_ladder_symbols_and_hanging_indents(seed: LaidDocument) -> None:
    l1 = first(seed, "L1", "추진방향")
    l2 = first(seed, "L2", "시민의 삶과 밀접한")
    l3 = first(seed, "L3", "피해지역과의")
    assert (l1.symbol, l2.symbol, l3.symbol) == ("□", "○", "-")
    assert l1.indent and l1.indent.left_pt == pytest.approx(22.5)
    assert l2.indent and (l2.indent.left_pt, l2.indent.first_line_pt) == pytest.approx((30, 7.5))
    assert l3.indent and (l3.indent.left_pt, l3.indent.first_line_pt) == pytest.approx(
        (37.5, 22.5))


def test_central_theme_changes_the_level_2_symbol() -> None:
    doc = layout(govreport.load(EXAMPLE), Theme.central())
    assert first(doc, "L2", "시민의 삶과 밀접한").symbol == "ㅇ"


def test_event_fields_are_formatted_from_typed_dates(seed: LaidDocument) -> None:
    assert any(t.endswith("일시/장소 : '25. 3. 24.(월) 21:20 / 명일동 대명초등학교 인근 사거리")
               for t in texts(seed))
    field = first(seed, "event_field", "정부서울청사")
    assert field.symbol == "▶"
    assert "'25. 3. 25.(화), 4. 2.(수) / 정부서울청사" in field.text.replace(NBSP, " ")


def test_item_annotations(seed: LaidDocument) -> None:
    all_text = "\n".join(texts(seed))
    assert "주요 추진내용 ('25. 2월~'25. 4월)" in all_text
    assert "총 1,022호 공급('24.7.~12.)" in all_text
    assert "규제 제안·접수(2,507건)" in all_text
    assert "민생 소통 활성화 추진 (연중 지속)" in all_text
    assert "관련 조례 개정 및 성과보고회 개최 : '25. 4~5월 중" in all_text
    assert "산불 피해지역 지원현황 ('25. 3월~)" in all_text


def test_a_date_never_breaks_inside_itself(seed: LaidDocument) -> None:
    raw = "\n".join(p.text for p in iter_paras(seed.body))
    assert "주요 추진내용 ('25.\u00a02월~'25.\u00a04월)" in raw
    assert "'25.\u00a04~5월\u00a0중" in raw  # "5월 중" stays with its month
    assert "일시/장소 : '25.\u00a03.\u00a024.(월)\u00a021:20 / 명일동 " in raw


def test_a_range_may_still_break_after_its_mark() -> None:
    assert keep_together("'25. 2월 ~ '25. 4월", " ~ ") == "'25.\u00a02월\u00a0~ '25.\u00a04월"
    assert keep_together("'25. 3. 25.(화), 4. 2.(수)") == (
        "'25.\u00a03.\u00a025.(화), 4.\u00a02.(수)")


def test_enum_items_are_numbered_and_children_sit_under_them(seed: LaidDocument) -> None:
    enum = first(seed, "enum", "서울 교통 통합브랜드")
    assert enum.symbol == "①" and enum.text.endswith("('25.2.24.)")
    paras = iter_paras(seed.body)
    child = paras[paras.index(enum) + 1]
    assert child.role == "L3" and child.symbol == "-"
    assert enum.indent and child.indent
    assert child.indent.first_line_pt == pytest.approx(enum.indent.first_line_pt + 15)


def test_chip_carries_the_unit_caption(seed: LaidDocument) -> None:
    title = first(seed, "chip_title", "인력 현황")
    assert title.text.endswith("(기준 / 단위 : '25.3월말 / 명)")
    assert title.tab_right_pt is not None
    # the table below does not repeat the caption
    assert not any(p.role == "unit_caption" for p in iter_paras(seed.body))


def _table(doc: LaidDocument, first_cell: str, second: str) -> TableBox:
    for node in doc.body:
        if isinstance(node, TableBox) and node.kind == "data":
            heads = [c.paras[0].text for c in node.cells if c.row == 0]
            if heads[:2] == [first_cell, second]:
                return node
    raise AssertionError("table not found")


def test_staffing_table_grid_matches_the_seed(seed: LaidDocument) -> None:
    t = _table(seed, "구분", "총계")
    assert (t.n_rows, t.n_cols, t.header_rows) == (4, 12, 2)
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in t.cells}
    assert spans[(0, 0)] == (2, 1) and spans[(0, 1)] == (2, 1)
    assert spans[(0, 2)] == (1, 5) and spans[(0, 7)] == (1, 5)
    row = {c.col: c.paras[0].text for c in t.cells if c.row == 2}
    assert [row[i] for i in range(12)] == [
        "정원", "31", "9", "1", "2", "4", "2", "22", "1", "17", "4", "-"]
    assert all(c.fill for c in t.cells if c.row < 2)


def test_budget_table_computes_total_row_and_rates(seed: LaidDocument) -> None:
    t = _table(seed, "구분", "예산액")
    total = {c.col: c.paras[0].text for c in t.cells if c.row == 1}
    assert total[0] == "계" and total[1] == "398,000" and total[3] == "298,099"
    assert total[2] == "99,901\n(25.1%)"
    amounts = [c for c in t.cells if c.row > 0 and c.col == 1]
    assert all(c.paras[0].align == "right" for c in amounts)
    assert sum(t.col_widths_pt) == pytest.approx(Theme.seoul().page.text_width_pt)


def test_toc_lists_parts_and_tasks_with_increasing_pages(seed: LaidDocument) -> None:
    (toc,) = seed.front
    assert isinstance(toc, TocBlock)
    assert [e.text for e in toc.entries if e.level == 1] == ["일반 현황", "주요 업무"]
    pages = [e.page for e in toc.entries]
    assert all(p is not None for p in pages)
    assert pages == sorted(p for p in pages if p is not None)
    assert pages[0] == 1


def test_cover_fields_are_formatted(seed: LaidDocument) -> None:
    assert seed.fields["date"] == "2025. 4."
    assert [p.text for p in seed.cover if isinstance(p, Para)][:3] == [
        "주요 업무 보고", "2025. 4.", "시장비서실"]


def test_onepage_layout_has_title_box_and_byline() -> None:
    report = Report(
        meta=Meta(title="규제철폐 추진 결과", org="시장비서실", date=parse_period("2025-04-14")),
        layout="onepage",
        parts=(Part(title="개요", sections=(Section(title="추진 결과", blocks=(
            Item(text="추진 성과", children=(Item(text="규제 123건 철폐"),)),)),)),),
    )
    doc = layout(report)
    assert doc.cover == () and doc.front == ()
    assert isinstance(doc.body[0], TableBox) and doc.body[0].kind == "title_box"
    assert first(doc, "byline").text == "2025. 4. 14.  시장비서실"


def test_overlapping_spans_are_rejected() -> None:
    rows = [Row(cells=(Cell(value="a", rowspan=2), Cell(value="b"))),
            Row(cells=(Cell(value="c", colspan=2),))]
    with pytest.raises(GridError):
        place_cells(rows)


def test_english_locale_prints_english_dates() -> None:
    doc = layout(govreport.load(EXAMPLE), locale="en")
    assert "(as of / unit" in first(doc, "chip_title", "인력").text
    assert any("Mar 24, 2025" in t for t in texts(doc))


def test_label_wrap_option_moves_wrapped_lines_after_the_label() -> None:
    report = govreport.load(EXAMPLE)
    normal = first(layout(report), "L2", "(위기대응)")
    after = first(layout(report, Theme.seoul().override({"layout.label_wrap": "label"})),
                  "L2", "(위기대응)")
    assert normal.indent and after.indent
    assert after.indent.left_pt > normal.indent.left_pt  # text of line 2 starts after "(…) "
    assert after.indent.first_line_pt == pytest.approx(normal.indent.first_line_pt)


def test_totals_can_come_last() -> None:
    doc = layout(govreport.load(EXAMPLE), Theme.seoul().override({"table.totals_first": False}))
    t = _table(doc, "구분", "예산액")
    labels = [c.paras[0].text for c in t.cells if c.col == 0 and c.row > 0]
    assert labels == ["기관운영업무추진비", "시책추진업무추진비", "계"]


def test_money_space_option_spaces_the_won_of_counts() -> None:
    report = govreport.load(Path(__file__).parents[1] / "examples"
                            / "smart-civil-service-plan-2025.json")
    plain = "\n".join(texts(layout(report)))
    spaced = "\n".join(texts(layout(report, Theme.seoul().override(
        {"numbers.money_space": True}))))
    assert "소요 예산(약 1,200백만원)" in plain
    assert "소요 예산(약 1,200백만 원)" in spaced


def test_thousands_separator_option() -> None:
    doc = layout(govreport.load(EXAMPLE), Theme.seoul().override({"numbers.thousands": " "}))
    t = _table(doc, "구분", "예산액")
    assert {c.col: c.paras[0].text for c in t.cells if c.row == 1}[1] == "398 000"
    assert any("(2 507건)" in x for x in texts(doc))


def test_a_part_whose_only_section_is_a_task_shares_its_first_page() -> None:
    """No page holding only "Ⅱ. 주요 업무": the one task follows its part heading on the
    same page; with two tasks each starts a page (theme chip.task_page_break)."""
    import json

    from govreport.layout.nodes import PageBreak

    seed = Path(__file__).resolve().parents[1] / "examples" / "seoul-mayor-office-2025-04.json"
    data = json.loads(seed.read_text(encoding="utf-8"))

    def breaks_after_part_two(n_tasks: int) -> int:
        d = json.loads(json.dumps(data))
        d["parts"][1]["sections"] = d["parts"][1]["sections"][:n_tasks]
        body = layout(govreport.loads(json.dumps(d, ensure_ascii=False))).body
        start = next(i for i, n in enumerate(body)
                     if isinstance(n, Para) and n.text.startswith("Ⅱ."))
        return sum(1 for n in body[start:] if isinstance(n, PageBreak) and not n.soft)

    assert breaks_after_part_two(1) == 0
    assert breaks_after_part_two(2) == 2  # one before each task


def test_zero_spend_prints_the_zero_mark_without_a_zero_share() -> None:
    """A zero with a ratio of 0 prints the theme's zero mark alone, never "- / (0.0%)"."""
    from govreport.layout.tables import TableLayout
    from govreport.layout.text import TextFormatter

    theme = Theme.seoul()
    build = TableLayout(theme, TextFormatter(theme), theme.page.text_width_pt)
    assert build.cell_text(Cell(value=0, ratio=0.0)) == theme.table.zero
    assert build.cell_text(Cell(value=19865, ratio=24.8)) == "19,865\n(24.8%)"
