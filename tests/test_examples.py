"""Every bundled example is valid, canonical and renders to DOCX and HWPX with all its text.

The examples show the model is not tied to the seed: a 추진계획 with other parts, appendices
(참고/붙임), footnotes and a colspan table; a one-page 요지 보고.
"""

from __future__ import annotations

import html
import io
import re
import warnings
import zipfile
from pathlib import Path

import pytest
from docx import Document

import govreport
from govreport.app.render import render_bytes
from govreport.layout import iter_paras, layout

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.json"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _docx_text(data: bytes) -> str:
    d = Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        parts += [c.text for c in t._cells]
    return _squash("".join(parts))


def _hwpx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("Contents/sec"))
    return _squash(html.unescape(re.sub(r"<[^>]+>", "", xml)))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_is_valid_and_canonical(path: Path) -> None:
    report = govreport.load(path)
    assert [p for p in govreport.check(report) if p.severity == "error"] == []
    assert govreport.dumps(report) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_renders_with_nothing_lost(path: Path) -> None:
    report = govreport.load(path)
    texts = [_squash(p.text.replace("\t", "")) for p in iter_paras(layout(report).body)]
    docx_text = _docx_text(render_bytes(report, "docx"))
    hwpx = render_bytes(report, "hwpx")
    hwpx_text = _hwpx_text(hwpx)
    missing_docx = [t for t in texts if t and t not in docx_text]
    missing_hwpx = [t for t in texts if t and t not in hwpx_text]
    assert not missing_docx and not missing_hwpx, (missing_docx[:3], missing_hwpx[:3])
    hwpx_mod = pytest.importorskip("hwpx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert hwpx_mod.validate_editor_open_safety(hwpx).ok


def test_plan_example_uses_appendices_footnotes_and_spans() -> None:
    report = govreport.load(Path(__file__).parents[1] / "examples"
                            / "smart-civil-service-plan-2025.json")
    laid = layout(report)
    toc = [e.label for e in laid.front[0].entries if e.level == 1]  # type: ignore[union-attr]
    assert toc == ["Ⅰ.", "Ⅱ.", "참고 1", "붙임 1", "참고 2"]
    roles = {p.role for p in iter_paras(laid.body)}
    assert {"footnote", "lead", "appendix_label", "note_table"} <= roles


# --------------------------------------------------------------------------- schema v2 examples

V2 = Path(__file__).parents[1] / "examples"


def _cells(report: govreport.Report, title: str) -> dict[tuple[int, int], str]:
    """The printed text of each cell of the data table that follows the ``< title >`` line."""
    from govreport.layout.nodes import Para, TableBox

    body = layout(report).body
    at = next(i for i, n in enumerate(body)
              if isinstance(n, Para) and n.text == f"< {title} >")
    box = next(n for n in body[at:] if isinstance(n, TableBox) and n.kind == "data")
    return {(c.row, c.col): "".join(r.text for p in c.paras for r in p.runs) for c in box.cells}


def test_plan_example_chapters_lead_and_computed_rate_row() -> None:
    report = govreport.load(V2 / "citizen-proposal-plan-2025.json")
    laid = layout(report)
    toc = [(e.label, e.text) for e in laid.front[0].entries]  # type: ignore[union-attr]
    assert toc == [("1.", "추진 배경"), ("2.", "그간 추진 실적"), ("3.", "추진 계획"),
                   ("4.", "행정 사항")]
    kinds = [n.kind for n in laid.body if hasattr(n, "kind")]
    assert kinds[:3] == ["title_box", "lead", "chip"]
    cells = _cells(report, "연도별 시민 제안 채택 실적")
    # 채택/목표 by hand: 412/400, 438/450, 515/500, 561/550, 588/600; 계 2,514/2,500
    assert [cells[(3, c)] for c in range(1, 7)] == [
        "103.0%", "97.3%", "103.0%", "102.0%", "98.0%", "100.6%"]
    assert [cells[(1, 6)], cells[(2, 6)]] == ["2,500", "2,514"]
    assert [cells[(0, c)] for c in range(1, 6)] == ["2020", "2021", "2022", "2023", "2024"]


def test_operation_plan_example_subtitle_circled_toc_and_appendix_list() -> None:
    report = govreport.load(V2 / "sports-facility-night-opening-plan-2025.json")
    laid = layout(report)
    cover = [p.text for p in laid.cover]  # type: ignore[union-attr]
    # the subtitle sits right above the title, which breaks into balanced lines
    assert cover[:2] == ["- 시민 생활체육 공간 확대를 위한 -", "공공체육시설 야간\n개방 운영계획"]
    assert "문화체육국 (체육진흥과)" in cover
    toc = [(e.level, e.label, e.text) for e in laid.front[0].entries]  # type: ignore[union-attr]
    assert (2, "①", "운영 목적") in toc and (2, "②", "안전 관리") in toc
    assert toc[-3:] == [(1, "", "※ 붙임 문서"), (2, "1.", "개방 시설 목록"), (2, "2.", "이용 수칙")]
    texts = [p.text for p in iter_paras(laid.body)]
    assert "현행" in texts and "개선" in texts and "⇨" in texts


def test_bureau_report_example_org_chart_vision_and_shares() -> None:
    report = govreport.load(V2 / "administration-bureau-work-report-2025.json")
    texts = [p.text for p in iter_paras(layout(report).body)]
    # divisions 6+5+5+4 = 20 teams, 120+64+58+35 = 277 staff
    assert "4과 20팀 277명" in texts
    assert "6팀 120명" in texts and "(2개소)" in texts and "(1개 기관)" in texts
    assert {"시민과 함께하는 신뢰 행정", "공정한 인사", "-\t성과 중심 평가"} <= set(texts)
    # 12/25, 8/25, 5/25 and 1,340/2,500, 860/2,500, 300/2,500
    shares = _cells(report, "권역별 참여 기관 현황")
    assert [shares[(r, 2)] for r in range(1, 5)] == ["100.0%", "48.0%", "32.0%", "20.0%"]
    assert shares[(1, 1)] == "25"
    people = _cells(report, "분야별 교육 이수 인원")
    assert [people[(r, 2)] for r in range(1, 5)] == ["100.0%", "53.6%", "34.4%", "12.0%"]
    assert people[(1, 1)] == "2,500"


def test_org_chart_boxes_are_wide_enough_for_their_counts() -> None:
    """``6팀 120명`` never wraps: every division box holds its longest line at its size."""
    from govreport.layout.grid import text_em
    from govreport.layout.nodes import TableBox
    from govreport.theme import Theme

    report = govreport.load(V2 / "administration-bureau-work-report-2025.json")
    body_pt = Theme.seoul().resolve("table_body").pt
    chart = next(n for n in layout(report).body if isinstance(n, TableBox)
                 and n.kind == "diagram" and n.n_rows == 4)
    for cell in chart.cells:
        if cell.row != 3 or cell.colspan != 2:
            continue
        width = sum(chart.col_widths_pt[cell.col:cell.col + cell.colspan])
        inner = width - 2 * chart.cell_margin_mm[0] * 72 / 25.4
        for p in cell.paras:
            for r in p.runs:
                assert text_em(r.text) * (r.size_pt or body_pt) <= inner, r.text
