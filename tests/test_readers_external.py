"""Documents made outside govreport's writer, the way people make them by hand."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from govreport import (
    Cover,
    EnumItem,
    Event,
    Footnote,
    Item,
    Note,
    Paragraph,
    Quantity,
    Table,
    WhenWhere,
)
from govreport.cli import main
from govreport.model import parse_period
from govreport.readers import ReadError, read, read_document


def _hand_made_docx(path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("2026년 하천 정비 추진계획")  # cover: title, date, org
    d.add_paragraph("2025. 12. 11.")
    d.add_paragraph("치수과")
    t = d.add_table(rows=2, cols=3)  # approval header
    for i, w in enumerate(["담당", "팀장", "과장"]):
        t.cell(0, i).text = w
    d.add_page_break()
    toc = d.add_table(rows=3, cols=2)  # 목차 as a table
    toc.cell(0, 0).text = "목 차"
    toc.cell(1, 0).text = "Ⅰ. 추진 개요"
    toc.cell(1, 1).text = "1"
    toc.cell(2, 0).text = "Ⅱ. 세부 계획"
    toc.cell(2, 1).text = "2"
    d.add_page_break()
    box = d.add_table(rows=1, cols=1)  # a part inside a one-cell box
    box.cell(0, 0).text = "Ⅰ  추진 개요"
    p = d.add_paragraph()
    p.add_run("□")  # the symbol in its own run, U+2007 after it
    p.add_run("\u2007하천 정비 대상 확대 (\'26. 1월~\'26. 6월)").bold = True
    p = d.add_paragraph("\u3000\u3000ㅇ\u3000대상 하천 12곳(지방하천)")
    p.paragraph_format.left_indent = Pt(14)
    d.add_paragraph("      -    구간별 정비(45건)")  # typed spaces, several spaces after -
    d.add_paragraph("2025. 12. 11. 회의 결과 반영")  # a date, not a numbered heading
    d.add_paragraph("   ※ 세부 구간은 붙임 참조")
    d.add_paragraph("Ⅱ. 세부 계획")
    chip = d.add_table(rows=1, cols=3)  # a section chip 1×3 with a spacer cell
    chip.cell(0, 0).text = "1"
    chip.cell(0, 2).text = "정비 일정 (단위 : 억원)"
    data = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["구 분", "상반기", "하반기"], ["설계", "1,200", "****"],
                             ["공사", "300", "-"]]):
        for c, v in enumerate(row):
            data.cell(r, c).text = v
    d.add_paragraph("① 공청회 개최 ('26.4.2.)")
    d.add_paragraph("* 하천법 시행령 제12조")
    d.add_paragraph("√ 주민 설명회 (\'26. 3월~)")
    d.add_paragraph("  ▶ 일시/장소 : '26. 3. 5.(목) 14:00 / 구청 대강당")
    d.add_paragraph("  ▶ 주요내용 : 정비 계획 설명")
    d.add_paragraph("**** 처리된 개인정보")  # masked text, not a footnote mark
    d.save(path)


def test_hand_made_docx_block_by_block(tmp_path: Path) -> None:
    path = tmp_path / "hand.docx"
    _hand_made_docx(path)
    result = read_document(path)
    r = result.report
    assert r.meta.title == "2026년 하천 정비 추진계획"
    assert r.meta.org == "치수과"
    assert r.meta.date == parse_period("2025-12-11")
    assert r.cover == Cover()
    assert [p.title for p in r.parts] == ["추진 개요", "세부 계획"]
    intro = r.parts[0].intro
    assert intro[0] == Item(
        text="하천 정비 대상 확대", bold=True, period=parse_period("2026-01/2026-06"),
        children=(Item(text="대상 하천 12곳(지방하천)", children=(
            Item(text="구간별 정비", count=Quantity(value=45, unit="건")),)),))
    assert intro[1] == Paragraph(text="2025. 12. 11. 회의 결과 반영")
    assert intro[2] == Note(text="세부 구간은 붙임 참조")
    sec = r.parts[1].sections[0]
    assert (sec.title, sec.unit, sec.kind) == ("정비 일정", "억원", "chip")
    table = sec.blocks[0]
    assert isinstance(table, Table)
    assert [[c.value for c in row.cells] for row in table.rows] == [
        ["설계", 1200, "****"], ["공사", 300, 0]]
    assert table.header[0].cells[0].value == "구 분"
    assert sec.blocks[1] == EnumItem(text="공청회 개최", date=parse_period("2026-04-02"))
    assert sec.blocks[2] == Footnote(text="하천법 시행령 제12조")
    event = sec.blocks[3]
    assert event == Event(title="주민 설명회", period=parse_period("2026-03/.."), children=(
        WhenWhere(dates=("2026-03-05T14:00",), place="구청 대강당"),
        Item(key="주요내용", text="정비 계획 설명")))
    assert sec.blocks[4] == Paragraph(text="**** 처리된 개인정보")
    assert result.fallbacks == ()
    assert any("approval" in n.reason for n in result.notes)


def test_plain_text_ladder(tmp_path: Path) -> None:
    src = tmp_path / "memo.txt"
    src.write_text(
        "주간 업무 보고\n2025. 4.\n총무과\n\nⅠ. 추진 현황\n"
        "◦ 시설 점검 완료 (연중 지속)\n"
        "   - 소방 설비(12곳)\n"
        "      ※ 2곳 재점검\n"
        "◦ 예산 집행(약 1,200만원)\n", encoding="utf-8")
    r = read(src)
    assert r.meta.title == "주간 업무 보고" and r.meta.org == "총무과"
    # ◦ is this document's first level: no explicit level anywhere
    assert r.parts[0].intro == (
        Item(text="시설 점검 완료", status="연중 지속", children=(
            Item(text="소방 설비", count=Quantity(value=12, unit="곳"), children=(
                Note(text="2곳 재점검"),)),)),
        Item(text="예산 집행", count=Quantity(value=1200, unit="만원", approx="약")))


def test_import_cli_strict_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.txt"
    src.write_text("제목\n본문만 있는 글\n", encoding="utf-8")
    out = tmp_path / "a.json"
    with pytest.raises(SystemExit) as exc:
        main(["import", str(src), "-o", str(out), "--strict"])
    assert exc.value.code == 2 and not out.exists()
    bad = tmp_path / "b.hwpx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(SystemExit) as exc:
        main(["import", str(bad), "-o", str(out)])
    assert exc.value.code == 2 and not out.exists()
    assert "not an HWPX file" in capsys.readouterr().err
    with pytest.raises(ReadError):
        read(b"\xff\xfe broken", format="txt")
