"""DOCX writer: the structure a reader of the Word file cares about (styles per level, hanging
indents, merged headers, numbers, page numbering, TOC, fonts, templates, nothing lost)."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest
from docx import Document
from docx.shared import Pt
from lxml import etree

import govreport
from govreport.app.shipped_templates import shipped_path
from govreport.layout import (
    Border,
    Borders,
    CellBox,
    LaidDocument,
    Para,
    Run,
    TableBox,
    TocBlock,
    iter_paras,
    layout,
)
from govreport.support.errors import RenderError
from govreport.theme import Theme
from govreport.writers.docx import STYLE_NAMES, build_template, write_docx
from govreport.writers.docx.ooxml import W_NS, text_of

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "seoul-mayor-office-2025-04.json"
NS = {"w": W_NS}


def q(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


@pytest.fixture(scope="module")
def theme() -> Theme:
    return Theme.seoul()


@pytest.fixture(scope="module")
def laid(theme: Theme) -> LaidDocument:
    return layout(govreport.load(EXAMPLE), theme)


@pytest.fixture(scope="module")
def data(laid: LaidDocument, theme: Theme) -> bytes:
    return write_docx(laid, theme)


@pytest.fixture(scope="module")
def docx(data: bytes):  # type: ignore[no-untyped-def]
    return Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def body(docx) -> etree._Element:  # type: ignore[no-untyped-def]
    return docx.element.body


def ptext(p: etree._Element) -> str:
    """Paragraph text with tabs and line breaks (field codes excluded)."""
    out: list[str] = []
    for el in p.iter(q("t"), q("tab"), q("br")):
        if el.tag == q("t"):
            out.append(el.text or "")
        elif el.tag == q("tab") and el.getparent().tag == q("r"):
            out.append("\t")
        elif el.tag == q("br"):
            out.append("\n")
    return "".join(out)


def style_name(docx, p: etree._Element) -> str:  # type: ignore[no-untyped-def]
    ps = p.find("w:pPr/w:pStyle", NS)
    assert ps is not None
    return str(docx.styles.element.get_by_id(ps.get(q("val"))).name_val)


def top_paras(body: etree._Element) -> list[etree._Element]:
    return body.findall("w:p", NS)


def table_with(body: etree._Element, text: str) -> etree._Element:
    for tbl in body.iter(q("tbl")):
        if text in text_of(tbl):
            return tbl
    raise AssertionError(f"no table containing {text!r}")


# ---------------------------------------------------------------- levels and indents


@pytest.mark.parametrize(("symbol", "style"), [
    ("□", "GR L1"), ("○", "GR L2"), ("√", "GR Event Title"), ("▶", "GR Event Field"),
    ("①", "GR Enum"), ("●", "GR Subcaption"),
])
def test_symbol_paragraphs_use_their_level_style(docx, body, symbol: str,  # type: ignore[no-untyped-def]
                                                 style: str) -> None:
    paras = [p for p in top_paras(body) if ptext(p).startswith(symbol + "\t")]
    assert paras, symbol
    assert {style_name(docx, p) for p in paras} == {style}


def test_dash_paragraphs_are_l3_or_event_sub(docx, body) -> None:  # type: ignore[no-untyped-def]
    names = {style_name(docx, p) for p in top_paras(body) if ptext(p).startswith("-\t")}
    assert names == {"GR L3", "GR Event Sub"}


def test_notes_use_note_styles(docx, body) -> None:  # type: ignore[no-untyped-def]
    names = {style_name(docx, p) for p in top_paras(body) if ptext(p).startswith("※\t")}
    assert names == {"GR Note", "GR Note Table"}


def test_hanging_indent_and_tab_after_symbol(body) -> None:  # type: ignore[no-untyped-def]
    expected = {"□": (450, 450), "○": (600, 450), "√": (900, 450), "▶": (1170, 420)}
    for p in top_paras(body):
        text = ptext(p)
        sym = text[:1]
        if sym in expected and text[1:2] == "\t":
            ind = p.find("w:pPr/w:ind", NS)
            assert ind is not None
            got = (int(ind.get(q("left"))), int(ind.get(q("hanging"))))
            assert got == expected[sym], text
    # never a symbol followed by spaces for positioning
    assert not any(ptext(p)[:2] in ("□ ", "○ ", "- ", "※ ") for p in body.iter(q("p")))


def test_l3_under_l2_indent(body) -> None:  # type: ignore[no-untyped-def]
    p = next(p for p in top_paras(body) if ptext(p).startswith("-\t민생문제"))
    ind = p.find("w:pPr/w:ind", NS)
    assert (ind.get(q("left")), ind.get(q("hanging"))) == ("750", "300")


def test_symbol_runs_carry_east_asian_hint(body) -> None:  # type: ignore[no-untyped-def]
    p = next(p for p in top_paras(body) if ptext(p).startswith("○\t"))
    r = p.find("w:r", NS)
    assert r.find("w:rPr/w:rFonts", NS).get(q("hint")) == "eastAsia"


def test_space_before_and_keep_next(body) -> None:  # type: ignore[no-untyped-def]
    l1 = next(p for p in top_paras(body) if ptext(p) == "□\t향후계획")
    assert l1.find("w:pPr/w:spacing", NS).get(q("before")) == "320"  # 16 pt
    event = next(p for p in top_paras(body) if ptext(p).startswith("√\t"))
    assert event.find("w:pPr/w:keepNext", NS) is not None


def test_part_headings_start_pages_with_rule_and_outline(docx, body) -> None:  # type: ignore[no-untyped-def]
    heads = [p for p in top_paras(body) if style_name(docx, p) == "GR Part Heading"]
    assert [ptext(p) for p in heads] == ["Ⅰ. 일반 현황", "Ⅱ. 주요 업무"]
    assert heads[1].find("w:pPr/w:pageBreakBefore", NS) is not None
    assert heads[0].find("w:pPr/w:outlineLvl", NS).get(q("val")) == "0"
    rule = docx.styles["GR Part Heading"].element.find("w:pPr/w:pBdr/w:bottom", NS)
    assert (rule.get(q("sz")), rule.get(q("color"))) == ("11", "000080")


# ---------------------------------------------------------------- tables


def test_staffing_table_merged_headers(body) -> None:  # type: ignore[no-untyped-def]
    tbl = table_with(body, "별정직")
    grid = [int(g.get(q("w"))) for g in tbl.findall("w:tblGrid/w:gridCol", NS)]
    assert len(grid) == 12
    rows = tbl.findall("w:tr", NS)

    def cells(row: etree._Element) -> list[tuple[str, str | None, str | None]]:
        out = []
        for tc in row.findall("w:tc", NS):
            span = tc.find("w:tcPr/w:gridSpan", NS)
            vm = tc.find("w:tcPr/w:vMerge", NS)
            out.append((ptext(tc.find("w:p", NS)),
                        span.get(q("val")) if span is not None else None,
                        (vm.get(q("val")) or "continue") if vm is not None else None))
        return out

    assert cells(rows[0]) == [("구분", None, "restart"), ("총계", None, "restart"),
                              ("일반직", "5", None), ("별정직", "5", None)]
    second = cells(rows[1])
    assert second[:2] == [("", None, "continue"), ("", None, "continue")]
    assert [c[0] for c in second[2:]] == ["소계", "2·3급", "5급", "6급", "7급", "소계",
                                          "4급상당", "5급상당", "6급상당", "7~9급상당"]
    for row in rows:  # every row covers the 12 grid columns
        assert sum(int(c[1] or 1) for c in cells(row)) == 12
    header = [r.find("w:trPr/w:tblHeader", NS) is not None for r in rows]
    assert header == [True, True, False, False]
    assert tbl.find("w:tblPr/w:tblLayout", NS).get(q("type")) == "fixed"


def test_header_cells_are_shaded_and_bold(docx, body) -> None:  # type: ignore[no-untyped-def]
    tbl = table_with(body, "예산액")
    tc = tbl.find("w:tr/w:tc", NS)
    assert tc.find("w:tcPr/w:shd", NS).get(q("fill")) == "DFE6F7"
    assert style_name(docx, tc.find("w:p", NS)) == "GR Table Head"
    assert docx.styles["GR Table Head"].font.bold is True


def test_formatted_numbers_and_right_aligned_amounts(body) -> None:  # type: ignore[no-untyped-def]
    tbl = table_with(body, "예산액")
    texts = [ptext(p) for p in tbl.iter(q("p"))]
    for value in ("398,000", "298,099", "99,901\n(25.1%)"):
        assert value in texts
    amount = next(p for p in tbl.iter(q("p")) if ptext(p) == "398,000")
    assert amount.find("w:pPr/w:jc", NS).get(q("val")) == "right"
    staff = [ptext(p) for p in table_with(body, "별정직").iter(q("p"))]
    assert "-" in staff


def test_rowspans_emit_continuation_cells(body) -> None:  # type: ignore[no-untyped-def]
    tbl = table_with(body, "주요 사례")
    rows = tbl.findall("w:tr", NS)
    first = [tc.find("w:tcPr/w:vMerge", NS) for tc in (r.find("w:tc", NS) for r in rows)]
    kinds = [None if v is None else (v.get(q("val")) or "continue") for v in first]
    assert kinds == [None, None, "restart", "continue", "restart", "continue", "restart",
                     "continue"]


def test_chip_is_a_navy_number_cell_with_title(docx, body) -> None:  # type: ignore[no-untyped-def]
    tbl = table_with(body, "인력 현황")
    num, title = tbl.find("w:tr", NS).findall("w:tc", NS)
    assert num.find("w:tcPr/w:shd", NS).get(q("fill")) == "000080"
    assert ptext(num.find("w:p", NS)) == "2"
    tp = title.find("w:p", NS)
    assert ptext(tp).startswith(" 인력 현황\t(기준 / 단위 :")
    assert tp.find("w:pPr/w:tabs/w:tab", NS).get(q("val")) == "right"
    assert tp.find("w:pPr/w:keepNext", NS) is not None


def test_summary_box_is_framed(body) -> None:  # type: ignore[no-untyped-def]
    tbl = table_with(body, "시민의 삶과 밀접히 관련된")
    sides = tbl.find("w:tr/w:tc/w:tcPr/w:tcBorders", NS)
    assert [sides.find(f"w:{s}", NS).get(q("val")) for s in ("top", "left", "bottom", "right")] \
        == ["single"] * 4


# ---------------------------------------------------------------- sections, footer, TOC


def test_page_setup_and_sections(docx, body) -> None:  # type: ignore[no-untyped-def]
    sects = list(body.iter(q("sectPr")))
    assert len(sects) == 2
    for sp in sects:
        assert sp.find("w:pgSz", NS).get(q("w")) == "11906"
        mar = sp.find("w:pgMar", NS)
        assert [mar.get(q(k)) for k in ("top", "bottom", "left", "right", "header", "footer")] \
            == ["1417", "1417", "1134", "1134", "850", "850"]
        assert sp.find("w:docGrid", NS).get(q("type")) == "default"
    front, main = sects
    assert front.find("w:footerReference", NS) is None
    assert main.find("w:footerReference", NS) is not None
    assert main.find("w:pgNumType", NS).get(q("start")) == "1"


def test_footer_page_number_field(docx) -> None:  # type: ignore[no-untyped-def]
    footer = docx.sections[-1].footer
    p = footer._element.find("w:p", NS)
    runs = p.findall("w:r", NS)
    texts = ["".join(t.text or "" for t in r.findall("w:t", NS)) for r in runs]
    instr = [r.find("w:instrText", NS) for r in runs]
    assert texts[0] == "- " and texts[-1] == " -"
    assert any(i is not None and i.text.strip() == "PAGE" for i in instr)
    assert p.find("w:pPr/w:jc", NS).get(q("val")) == "center"


def test_toc_field_with_prefilled_entries(laid, body) -> None:  # type: ignore[no-untyped-def]
    instr = [i.text for i in body.iter(q("instrText"))]
    assert any(i.strip().startswith('TOC \\o "1-2" \\h') for i in instr)
    toc = next(n for n in laid.front if isinstance(n, TocBlock))
    lines = [ptext(p) for p in top_paras(body)]
    for e in toc.entries:
        assert f"{e.label} {e.text}\t{e.page}" in lines
        assert any(i.strip() == f"PAGEREF {e.bookmark} \\h" for i in instr)
    marks = {b.get(q("name")) for b in body.iter(q("bookmarkStart"))}
    assert {e.bookmark for e in toc.entries} <= marks
    tab = next(p for p in top_paras(body) if ptext(p).startswith("Ⅰ."))
    assert tab.find("w:pPr/w:pStyle", NS).get(q("val")) == "TOC1"


def test_cover_fields_are_filled(docx, body) -> None:  # type: ignore[no-untyped-def]
    lines = [ptext(p) for p in top_paras(body)]
    assert lines[:3] == ["주요 업무 보고", "2025. 4.", "시장비서실"]
    assert "{{" not in text_of(body)
    assert docx.core_properties.title == "주요 업무 보고"


# ---------------------------------------------------------------- fonts and styles


def test_l2_style_has_east_asian_font(docx) -> None:  # type: ignore[no-untyped-def]
    st = docx.styles["GR L2"].element
    fonts = st.find("w:rPr/w:rFonts", NS)
    assert {fonts.get(q(k)) for k in ("ascii", "hAnsi", "eastAsia", "cs")} == {"휴먼명조"}
    assert st.find("w:rPr/w:lang", NS).get(q("eastAsia")) == "ko-KR"
    sp = st.find("w:pPr/w:spacing", NS)
    assert (sp.get(q("line")), sp.get(q("lineRule"))) == ("480", "exact")
    assert st.find("w:pPr/w:snapToGrid", NS).get(q("val")) == "0"
    assert st.find("w:pPr/w:jc", NS).get(q("val")) == "both"


def test_font_table_declares_hangul_charset(docx) -> None:  # type: ignore[no-untyped-def]
    part = next(r.target_part for r in docx.part.rels.values() if r.reltype.endswith("/fontTable"))
    root = etree.fromstring(part.blob)
    fonts = {f.get(q("name")): (f.find("w:charset", NS).get(q("val")),
                                f.find("w:family", NS).get(q("val")))
             for f in root.findall("w:font", NS)}
    assert fonts["휴먼명조"] == ("81", "roman")
    assert fonts["맑은 고딕"] == ("81", "swiss")
    assert fonts["HY헤드라인M"] == ("81", "swiss")


def test_every_role_has_a_named_style(docx) -> None:  # type: ignore[no-untyped-def]
    names = {s.name for s in docx.styles}
    assert set(STYLE_NAMES.values()) <= names


# ---------------------------------------------------------------- nothing lost


def test_nothing_lost(laid: LaidDocument, body) -> None:  # type: ignore[no-untyped-def]
    full = "\n\n".join(ptext(p) for p in body.iter(q("p")))
    missing = [p.text for p in iter_paras(laid.all_nodes()) if p.text and p.text not in full]
    assert missing == []
    for node in laid.front:
        if isinstance(node, TocBlock):
            assert node.title in full
            assert all(e.text in full for e in node.entries)


# ---------------------------------------------------------------- templates


def test_template_is_reproducible_and_committed(theme: Theme) -> None:
    a, b = build_template(theme), build_template(theme)
    assert a == b
    committed = shipped_path("report", "docx")
    assert committed.read_bytes() == a, "run scripts/build_templates.py"


def test_restyled_template_is_honoured(laid, theme, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tpl = Document(io.BytesIO(build_template(theme)))
    tpl.styles["GR L1"].font.size = Pt(18)
    path = tmp_path / "restyled.docx"
    tpl.save(str(path))
    out = Document(io.BytesIO(write_docx(laid, theme, template=path)))
    assert out.styles["GR L1"].font.size == Pt(18)
    l1 = [p for p in out.paragraphs if p.style.name == "GR L1"]
    assert l1 and all(r.font.size is None for p in l1 for r in p.runs)


def test_template_without_cover_fields_gets_layout_cover(laid, theme, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tpl = Document(io.BytesIO(build_template(theme)))
    body = tpl.element.body
    for p in list(body.findall("w:p", NS)):
        if any(f"{{{{ {name}" in text_of(p) for name in ("title", "cover_title", "date", "org")):
            body.remove(p)
    path = tmp_path / "nocover.docx"
    tpl.save(str(path))
    out = Document(io.BytesIO(write_docx(laid, theme, template=path)))
    cover = [p for p in out.paragraphs if p.style.name == "GR Cover Title"]
    assert [p.text for p in cover] == ["주요 업무 보고"]


def test_missing_styles_are_added_from_theme(laid, theme, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tpl = Document(io.BytesIO(build_template(theme)))
    styles = tpl.styles.element
    styles.remove(tpl.styles["GR L3"].element)
    path = tmp_path / "nol3.docx"
    tpl.save(str(path))
    out = Document(io.BytesIO(write_docx(laid, theme, template=path)))
    assert out.styles["GR L3"].font.name == "휴먼명조"


def test_template_fields_are_sandboxed(laid, theme, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tpl = Document(io.BytesIO(build_template(theme)))
    tpl.add_paragraph("{{ title.__class__.__mro__ }}|{{ title | length }}")
    path = tmp_path / "evil.docx"
    tpl.save(str(path))
    with pytest.raises(RenderError, match=r"evil\.docx"):  # refused, never printed
        write_docx(laid, theme, template=path)
    tpl = Document(io.BytesIO(build_template(theme)))
    tpl.add_paragraph("{{ title | length }}|{{ org }}")
    tpl.save(str(path))
    out = Document(io.BytesIO(write_docx(laid, theme, template=path)))
    assert "8|시장비서실" in [p.text for p in out.paragraphs]  # filters work in the sandbox


def test_report_without_cover_or_toc_is_one_numbered_section(laid, theme) -> None:  # type: ignore[no-untyped-def]
    bare = attrs.evolve(laid, cover=(), front=())
    out = Document(io.BytesIO(write_docx(bare, theme)))
    sects = list(out.element.body.iter(q("sectPr")))
    assert len(sects) == 1
    assert out.paragraphs[0].text == "Ⅰ. 일반 현황"
    assert not any("TOC" in (i.text or "") for i in out.element.body.iter(q("instrText")))


def test_central_theme_renders(laid) -> None:  # type: ignore[no-untyped-def]
    theme = Theme.central()
    doc = layout(govreport.load(EXAMPLE), theme)
    out = Document(io.BytesIO(write_docx(doc, theme)))
    fonts = out.styles["GR L1"].element.find("w:rPr/w:rFonts", NS)
    assert fonts.get(q("eastAsia")) == theme.resolve("L1").font


# ---------------------------------------------------------------- LibreOffice


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) and poppler-utils needed")
def test_libreoffice_renders_numbered_body(data: bytes, tmp_path: Path) -> None:
    src = tmp_path / "seed.docx"
    src.write_bytes(data)
    profile = tmp_path / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
        check=True, capture_output=True, timeout=180,
    )
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "seed.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    pages = ["".join(page.split()) for page in text.split("\f")]  # pdftotext spacing varies
    assert "주요업무보고" in pages[0] and not pages[0].endswith("-")
    assert pages[1].startswith("목차") and not pages[1].endswith("-")
    assert pages[2].startswith("Ⅰ.일반현황") and pages[2].endswith("-1-")
    assert pages[3].endswith("-2-")


def test_boxed_toc_sits_in_a_framed_cell() -> None:
    theme = Theme.seoul().override({"toc.boxed": True})
    doc = layout(govreport.load(EXAMPLE), theme)
    out = Document(io.BytesIO(write_docx(doc, theme)))
    tbl = out.element.body.find("w:tbl", NS)
    assert tbl is not None
    entries = [p for p in tbl.iter(q("p")) if p.find("w:pPr/w:pStyle", NS) is not None]
    assert ptext(entries[0]).startswith("Ⅰ. 일반 현황\t")
    assert any(i.text.strip().startswith("TOC") for i in tbl.iter(q("instrText")))
    # the page numbers stay inside the frame: a right tab at the cell's inner width
    grid = sum(int(c.get(q("w"))) for c in tbl.iter(q("gridCol")))
    mar = tbl.find("w:tblPr/w:tblCellMar", NS)
    inner = grid - int(mar.find("w:left", NS).get(q("w"))) - int(
        mar.find("w:right", NS).get(q("w")))
    for p in entries:
        tab = p.find("w:pPr/w:tabs/w:tab", NS)
        assert tab is not None and tab.get(q("val")) == "right"
        assert inner - 20 <= int(tab.get(q("pos"))) <= inner
        assert tab.get(q("leader")) == "dot"


def test_unreadable_template_is_a_render_error(laid, theme, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(govreport.RenderError, match=r"bad\.docx"):
        write_docx(laid, theme, template=bad)


def test_shipped_restyled_example_template_is_honoured(tmp_path: Path) -> None:
    """templates/examples/restyled-report.docx (an agency's restyle) drives the output look."""
    import govreport as _g

    root = Path(__file__).parents[1]
    out = _g.render(_g.load(root / "examples" / "seoul-mayor-office-2025-04.json"),
                    tmp_path / "r.docx",
                    template=root / "templates" / "examples" / "restyled-report.docx")
    d = Document(str(out))
    l1 = d.styles["GR L1"]
    assert l1.font.size is not None and l1.font.size.pt == 16 and l1.font.bold
    texts = [p.text for p in d.paragraphs]
    assert "2025년 업무보고 자료" in texts  # the agency's own cover line stays
    assert "주요 업무 보고" in texts  # and the cover fields are filled
    assert any(p.style.name == "GR L1" and p.text.endswith("추진방향") for p in d.paragraphs)


# ---------------------------------------------------------------- theme options: 자간/장평, double
# lines, cover frame, hwp-native blank lines (hand-made nodes, so the layout is not involved)


def _with_body(laid: LaidDocument, *nodes: object) -> LaidDocument:
    return attrs.evolve(laid, cover=(), front=(), body=tuple(nodes))


def _hand_table(kind: str, header_rows: int = 0) -> TableBox:
    """A 4×2 data table (header rows 0–1, 구분 spanning both; body rows 2–3) or a 요약 박스."""
    line = Border(width_mm=0.12)
    box = Borders(top=line, bottom=line, left=line, right=line)
    if kind == "summary":
        return TableBox(kind="summary", n_rows=1, n_cols=1, col_widths_pt=(400.0,),
                        cells=(CellBox(row=0, col=0, borders=box,
                                       paras=(Para(role="summary", runs=(Run(text="요약"),)),)),))
    cells = []
    for r, c, text, head, rowspan in ((0, 0, "구분", True, 2), (0, 1, "합계", True, 1),
                                     (1, 1, "소계", True, 1), (2, 0, "정원", False, 1),
                                     (2, 1, "31", False, 1), (3, 0, "현원", False, 1),
                                     (3, 1, "28", False, 1)):
        role = "table_head" if head else "table_body"
        cells.append(CellBox(row=r, col=c, rowspan=rowspan, header=head, borders=box,
                             paras=(Para(role=role, runs=(Run(text=text),)),)))
    return TableBox(kind="data", n_rows=4, n_cols=2, col_widths_pt=(100.0, 100.0),
                    cells=tuple(cells), header_rows=header_rows)


def _cell_sides(tbl: etree._Element, text: str) -> dict[str, str]:
    for tc in tbl.iter(q("tc")):
        if ptext(tc) == text:
            bd = tc.find("w:tcPr/w:tcBorders", NS)
            return {etree.QName(b).localname: b.get(q("val")) for b in bd}
    raise AssertionError(text)


def test_paragraph_letter_spacing_and_width_apply_to_text_runs_only(laid, theme) -> None:  # type: ignore[no-untyped-def]
    from govreport.writers import units

    squeezed = Para(role="L2", symbol="○", letter_spacing_pct=-5.0, width_pct=95.0,
                    runs=(Run(text="서울시는 시민 안전을"), Run(text=" 최우선", size_pt=12.0)))
    plain = Para(role="L2", symbol="○", runs=(Run(text="보통 문단"),))
    out = Document(io.BytesIO(write_docx(_with_body(laid, squeezed, plain), theme)))
    p1, p2 = [p for p in top_paras(out.element.body) if ptext(p).startswith("○")][:2]
    symbol, *texts = p1.findall("w:r", NS)
    assert symbol.find("w:rPr/w:spacing", NS) is None and symbol.find("w:rPr/w:w", NS) is None
    assert [r.find("w:rPr/w:spacing", NS).get(q("val")) for r in texts] == [
        str(units.letter_spacing_twip(15.0, -5.0)), str(units.letter_spacing_twip(12.0, -5.0))]
    assert [r.find("w:rPr/w:w", NS).get(q("val")) for r in texts] == ["95", "95"]
    assert units.letter_spacing_twip(15.0, -5.0) == -15
    # None = as the role style: nothing on the runs
    assert not p2.findall(".//w:rPr/w:spacing", NS) and not p2.findall(".//w:rPr/w:w", NS)


def test_summary_box_double_border(laid) -> None:  # type: ignore[no-untyped-def]
    for style, val in (("single", "single"), ("double", "double")):
        theme = Theme.seoul().override({"summary_box.border_style": style})
        out = Document(io.BytesIO(write_docx(_with_body(laid, _hand_table("summary")), theme)))
        tbl = out.element.body.find("w:tbl", NS)
        assert _cell_sides(tbl, "요약") == dict.fromkeys(("top", "left", "bottom", "right"), val)
    doc = layout(govreport.load(EXAMPLE), theme)  # the real 요약 박스 of the seed, too
    body = Document(io.BytesIO(write_docx(doc, theme))).element.body
    sides = table_with(body, "시민의 삶과 밀접히 관련된").find("w:tr/w:tc/w:tcPr/w:tcBorders", NS)
    assert {s.get(q("val")) for s in sides} == {"double"}


@pytest.mark.parametrize("header_rows", [2, 0])  # 0: repeat_header off, header cells still known
def test_table_head_rule_double(laid, header_rows: int) -> None:  # type: ignore[no-untyped-def]
    theme = Theme.seoul().override({"table.head_rule": "double"})
    out = Document(io.BytesIO(write_docx(_with_body(laid, _hand_table("data", header_rows)),
                                         theme)))
    tbl = out.element.body.find("w:tbl", NS)
    assert _cell_sides(tbl, "구분")["bottom"] == "double"  # spans both header rows
    assert _cell_sides(tbl, "소계")["bottom"] == "double"
    assert _cell_sides(tbl, "합계")["bottom"] == "single"  # first header row only
    assert _cell_sides(tbl, "정원")["top"] == "double" and _cell_sides(tbl, "31")["top"] == "double"
    assert _cell_sides(tbl, "정원")["bottom"] == "single"
    assert _cell_sides(tbl, "현원")["top"] == "single"
    single = Document(io.BytesIO(write_docx(_with_body(laid, _hand_table("data", header_rows)),
                                            Theme.seoul())))
    assert "double" not in etree.tostring(single.element.body).decode()


def test_cover_title_frame(laid) -> None:  # type: ignore[no-untyped-def]
    theme = Theme.seoul().override({"cover.title_frame": True})
    for doc_ in (laid, attrs.evolve(laid, front=())):
        body = Document(io.BytesIO(write_docx(doc_, theme))).element.body
        title = next(p for p in body.iter(q("p")) if ptext(p) == "주요 업무 보고")
        bdr = title.find("w:pPr/w:pBdr", NS)
        assert bdr is not None
        assert [(etree.QName(b).localname, b.get(q("val")), b.get(q("sz")), b.get(q("color")))
                for b in bdr] == [(s, "single", "3", "000080")
                                  for s in ("top", "left", "bottom", "right")]
        ind = title.find("w:pPr/w:ind", NS)  # the box stays inside the text width
        assert ind.get(q("left")) == ind.get(q("right")) == "80"
    # the layout's cover (template without cover fields) gets the frame too
    from govreport.writers.docx.body import BodyWriter
    from govreport.writers.docx.ooxml import append_xml, root, sub

    parent = sub(root("document"), "body")
    out: list[str] = []
    BodyWriter(theme).para(out, Para(role="cover_title", runs=(Run(text="제목"),)))
    append_xml(parent, "".join(out))
    el = parent[0]
    assert el.find("w:pPr/w:pBdr/w:top", NS).get(q("color")) == "000080"
    plain = Document(io.BytesIO(write_docx(laid, Theme.seoul()))).element.body
    assert plain.find(".//w:pBdr/w:left", NS) is None


def test_blank_paragraphs_replace_space_before(laid) -> None:  # type: ignore[no-untyped-def]
    from govreport.writers import blank_line_pt

    theme = Theme.seoul().override({"layout.blank_paragraphs": True})
    assert blank_line_pt(theme, 16.0) == 10.0 and blank_line_pt(theme, 0.0) is None
    assert blank_line_pt(Theme.seoul(), 16.0) is None
    nodes = (Para(role="L1", symbol="□", runs=(Run(text="첫째"),), space_before_pt=0.0),
             Para(role="L2", symbol="○", runs=(Run(text="둘째"),), space_before_pt=8.0),
             Para(role="L1", symbol="□", runs=(Run(text="셋째"),), space_before_pt=16.0),
             attrs.evolve(_hand_table("summary"), space_before_pt=10.0))
    body = Document(io.BytesIO(write_docx(_with_body(laid, *nodes), theme))).element.body
    kids = [el for el in body if el.tag in (q("p"), q("tbl"))]
    texts = [ptext(el) if el.tag == q("p") else "<tbl>" for el in kids]
    assert texts[:7] == ["□\t첫째", "", "○\t둘째", "", "□\t셋째", "", "<tbl>"]

    def blank(el: etree._Element) -> tuple[str | None, str | None, str | None]:
        sp, sz = el.find("w:pPr/w:spacing", NS), el.find("w:pPr/w:rPr/w:sz", NS)
        return sp.get(q("line")), sp.get(q("lineRule")), sz.get(q("val"))

    # N = space / 1.6 pt, one exact line of N × 160 % = the space
    assert blank(kids[1]) == ("160", "exact", "10")  # 8 pt → 5 pt
    assert blank(kids[3]) == ("320", "exact", "20")  # 16 pt → 10 pt
    assert blank(kids[5]) == ("200", "exact", "13")  # 10 pt → 6.25 pt
    for el in (kids[2], kids[4]):
        assert el.find("w:pPr/w:spacing", NS).get(q("before")) == "0"
    assert kids[1].find("w:r", NS) is None and kids[1].find("w:pPr/w:keepNext", NS) is not None
    spaced = Document(io.BytesIO(write_docx(_with_body(laid, *nodes), Theme.seoul())))
    paras = [ptext(p) for p in top_paras(spaced.element.body)]
    assert paras[:3] == ["□\t첫째", "○\t둘째", "□\t셋째"]  # no blank lines by default


def test_same_report_gives_the_same_bytes_at_another_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """python-docx dates zip entries with the clock; the writer fixes them (deterministic)."""
    import time

    report = govreport.load(EXAMPLE)
    from govreport.app.render import render_bytes

    first = render_bytes(report, "docx")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 3 * 3600)
    assert render_bytes(report, "docx") == first
