"""HWPX writer: validity (python-hwpx validators), nothing lost, tables, page numbers,
determinism, package layout, templates and .hwp export."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest
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
    iter_paras,
    layout,
)
from govreport.support.errors import RenderError
from govreport.theme import Theme
from govreport.writers.hwpx import write_hwp, write_hwpx
from hwpx_validation import assert_valid_hwpx

hwpx = pytest.importorskip("hwpx")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "seoul-mayor-office-2025-04.json"
HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
HH = "{http://www.hancom.co.kr/hwpml/2011/head}"
HC = "{http://www.hancom.co.kr/hwpml/2011/core}"


@pytest.fixture(scope="module")
def theme() -> Theme:
    return Theme.seoul()


@pytest.fixture(scope="module")
def doc(theme: Theme) -> LaidDocument:
    return layout(govreport.load(SEED), theme)


@pytest.fixture(scope="module")
def data(doc: LaidDocument, theme: Theme) -> bytes:
    return write_hwpx(doc, theme)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _section(data: bytes) -> etree._Element:
    return etree.fromstring(_parts(data)["Contents/section0.xml"])


def _header(data: bytes) -> etree._Element:
    return etree.fromstring(_parts(data)["Contents/header.xml"])




def _para_texts(root: etree._Element) -> list[str]:
    """Plain text of every ``hp:p`` (own runs only; tabs as \\t, line breaks as \\n)."""
    out = []
    for p in root.iter(f"{HP}p"):
        parts: list[str] = []
        for t in p.iterfind(f"{HP}run/{HP}t"):
            parts.append(t.text or "")
            for child in t:
                name = etree.QName(child).localname  # fwSpace: the fixed space after a symbol
                parts.append({"tab": "\t", "lineBreak": "\n", "fwSpace": " ",
                              "nbSpace": "\u00a0"}.get(name, ""))
                parts.append(child.tail or "")
        out.append("".join(parts))
    return out


def _expected(p: Para) -> str:
    body = "".join(r.text for r in p.runs)
    return f"{p.symbol} {body}" if p.symbol else body


# ---------------------------------------------------------------------------- validity


def test_seed_passes_python_hwpx_validators(data: bytes) -> None:
    assert_valid_hwpx(data)


def test_package_layout(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        assert infos[0].filename == "mimetype"
        assert infos[0].compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/hwp+zip"
        names = {i.filename for i in infos}
    assert {"version.xml", "META-INF/container.xml", "META-INF/manifest.xml",
            "Contents/content.hpf", "Contents/header.xml", "Contents/section0.xml",
            "settings.xml", "Preview/PrvText.txt"} <= names
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in infos)


def test_deterministic(doc: LaidDocument, theme: Theme, data: bytes) -> None:
    assert write_hwpx(doc, theme) == data
    assert write_hwpx(layout(govreport.load(SEED), theme), Theme.seoul()) == data


def test_no_layout_caches(data: bytes) -> None:
    assert b"linesegarray" not in _parts(data)["Contents/section0.xml"]


# ---------------------------------------------------------------------------- nothing lost


def test_every_paragraph_read_back_by_lxml(doc: LaidDocument, data: bytes) -> None:
    got = _para_texts(_section(data))
    want = [_expected(p) for p in iter_paras(doc.cover + doc.body)]
    # cover and body paragraphs appear in order (TOC lines and spacers interleave)
    it = iter(got)
    for w in want:
        assert any(g == w for g in it), f"missing or out of order: {w!r}"
    for e in doc.front[0].entries:  # type: ignore[union-attr]
        assert any(g.startswith(f"{e.label} {e.text}\t{e.page}") for g in got)


def test_every_text_read_back_by_python_hwpx(doc: LaidDocument, data: bytes) -> None:
    from hwpx import HwpxDocument

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = HwpxDocument.open(data).text.plain()
    flat = re.sub(r"\s+", "", text)
    for p in iter_paras(doc.all_nodes()):
        want = re.sub(r"\s+", "", _expected(p))
        assert want in flat, f"lost: {p.text!r}"


# ---------------------------------------------------------------------------- structure


def test_fonts_all_language_slots(data: bytes) -> None:
    head = _header(data)
    faces = head.findall(f".//{HH}fontface")
    assert [f.get("lang") for f in faces] == ["HANGUL", "LATIN", "HANJA", "JAPANESE", "OTHER",
                                              "SYMBOL", "USER"]
    names = {f.get("face") for f in faces[0]}
    assert {"휴먼명조", "HY헤드라인M", "맑은 고딕"} <= names
    for cp in head.iter(f"{HH}charPr"):
        ref = cp.find(f"{HH}fontRef")
        assert ref is not None and len(set(ref.attrib.values())) == 1


def test_page_setup_from_theme(data: bytes, theme: Theme) -> None:
    sec = _section(data)
    page = sec.find(f".//{HP}pagePr")
    assert page is not None
    from govreport.writers.units import hwpx_margins, hwpx_page_hwpunit

    w, h = hwpx_page_hwpunit(theme.page)
    assert (int(page.get("width", 0)), int(page.get("height", 0))) == (w, h)
    margin = page.find(f"{HP}margin")
    assert margin is not None
    assert {k: int(v) for k, v in margin.attrib.items()} == hwpx_margins(theme.page)


def test_page_number_control(data: bytes, doc: LaidDocument) -> None:
    sec = _section(data)
    nums = sec.findall(f".//{HP}pageNum")
    assert len(nums) == 1
    num = nums[0]
    assert (num.get("pos"), num.get("formatType"), num.get("sideChar")) == (
        "BOTTOM_CENTER", "DIGIT", "-")
    first = sec[0]
    assert first.find(f".//{HP}secPr") is not None and first.find(f".//{HP}pageNum") is not None
    hiding = sec.findall(f".//{HP}pageHiding")
    assert len(hiding) == 2 and all(h.get("hidePageNum") == "1" for h in hiding)
    new = sec.findall(f".//{HP}newNum")
    assert len(new) == 1 and new[0].get("num") == "1" and new[0].get("numType") == "PAGE"
    # the restart sits in the first body paragraph, which starts a page
    body_first = next(p for p in sec if p.find(f".//{HP}newNum") is not None)
    assert body_first.get("pageBreak") == "1"
    assert _para_texts(body_first)[0] == "Ⅰ. 일반 현황"


def test_hanging_indent_convention(data: bytes, doc: LaidDocument) -> None:
    """○ paragraph: first line (symbol) at sym_x, wrapped lines at text_x; hp:default 2×."""
    head, sec = _header(data), _section(data)
    l2 = next(p for p in doc.body if isinstance(p, Para) and p.role == "L2")
    assert l2.indent is not None
    para = next(p for p in sec.iter(f"{HP}p") if _para_texts(p)[0].startswith("○ "))
    pr = head.find(f".//{HH}paraPr[@id='{para.get('paraPrIDRef')}']")
    assert pr is not None
    case, default = pr.find(f".//{HP}case/{HH}margin"), pr.find(f".//{HP}default/{HH}margin")
    assert case is not None and default is not None

    def val(m: etree._Element, name: str) -> int:
        el = m.find(f"{HC}{name}")
        assert el is not None
        return int(el.get("value", "0"))

    assert val(case, "left") == round((l2.indent.left_pt - l2.indent.hanging_pt) * 100)
    assert val(case, "intent") == -round(l2.indent.hanging_pt * 100)
    for name in ("left", "intent", "prev"):
        assert val(default, name) == 2 * val(case, name)


def _tables(data: bytes) -> list[etree._Element]:
    return list(_section(data).iter(f"{HP}tbl"))


def test_tables_consistent(data: bytes, doc: LaidDocument) -> None:
    boxes = [n for n in doc.body if isinstance(n, TableBox)]
    tables = _tables(data)
    assert len(tables) >= len(boxes)
    for tbl in tables:
        rows, cols = int(tbl.get("rowCnt", 0)), int(tbl.get("colCnt", 0))
        trs = tbl.findall(f"{HP}tr")
        assert len(trs) == rows
        covered: set[tuple[int, int]] = set()
        for r, tr in enumerate(trs):
            for tc in tr.findall(f"{HP}tc"):
                addr, span = tc.find(f"{HP}cellAddr"), tc.find(f"{HP}cellSpan")
                assert addr is not None and span is not None
                assert int(addr.get("rowAddr", -1)) == r
                c0, rs, cs = int(addr.get("colAddr", 0)), int(span.get("rowSpan", 1)), \
                    int(span.get("colSpan", 1))
                for dr in range(rs):
                    for dc in range(cs):
                        cell = (r + dr, c0 + dc)
                        assert cell not in covered and cell[0] < rows and cell[1] < cols
                        covered.add(cell)
        assert len(covered) == rows * cols
        # boxes and short tables are characters; a long table flows so it can split by rows
        pos = tbl.find(f"{HP}pos")
        assert pos is not None
        if pos.get("treatAsChar") == "0":
            assert tbl.get("pageBreak") == "CELL" and tbl.get("repeatHeader") == "1"
        else:
            assert pos.get("treatAsChar") == "1"


def test_staffing_table_merges(data: bytes) -> None:
    staffing = next(t for t in _tables(data) if t.get("colCnt") == "12")
    assert staffing.get("rowCnt") == "4"
    assert staffing.get("repeatHeader") == "1"
    spans = [(int(s.get("rowSpan", 1)), int(s.get("colSpan", 1)))
             for s in staffing.iter(f"{HP}cellSpan")]
    assert spans.count((1, 5)) == 2  # 일반직, 별정직
    assert spans.count((2, 1)) == 2  # 구분, 총계
    header_cells = [tc for tc in staffing.iter(f"{HP}tc") if tc.get("header") == "1"]
    assert len(header_cells) == 14
    head = _header(data)
    fill = head.find(f".//{HH}borderFill[@id='{header_cells[0].get('borderFillIDRef')}']")
    assert fill is not None
    brush = fill.find(f".//{HC}winBrush")
    assert brush is not None and brush.get("faceColor") == "#DFE6F7"


def test_toc_dot_leader_right_tab(data: bytes) -> None:
    sec, head = _section(data), _header(data)
    line = next(p for p in sec.iter(f"{HP}p") if _para_texts(p)[0].startswith("Ⅰ. 일반 현황\t"))
    tab = line.find(f".//{HP}tab")
    # inline tabs in numbers as Hancom writes them: type 2 = right, leader 3 = dots
    assert tab is not None and tab.get("type") == "2" and tab.get("leader") == "3"
    pr = head.find(f".//{HH}paraPr[@id='{line.get('paraPrIDRef')}']")
    assert pr is not None
    item = head.find(f".//{HH}tabPr[@id='{pr.get('tabPrIDRef')}']//{HH}tabItem")
    assert item is not None and item.get("type") == "RIGHT" and item.get("leader") == "DOT"


# ---------------------------------------------------------------------------- templates


def _build_template() -> bytes:
    from govreport.writers.hwpx import build_template

    return build_template()


def _replace_part(data: bytes, name: str, fn: Any) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == name:
                payload = fn(payload.decode()).encode()
            out.writestr(info, payload)
    return buf.getvalue()


def test_shipped_template_is_current() -> None:
    assert (shipped_path("report", "hwpx")).read_bytes() == _build_template()


def test_default_template_filled(doc: LaidDocument, theme: Theme) -> None:
    out = write_hwpx(doc, theme, template=shipped_path("report", "hwpx"))
    assert_valid_hwpx(out)
    texts = _para_texts(_section(out))
    joined = "\n".join(texts)
    assert "{{" not in joined and "}}" not in joined
    for key in ("title", "date", "org"):
        assert doc.fields[key] in texts
    for p in iter_paras(doc.body):
        assert _expected(p) in texts
    assert len(_section(out).findall(f".//{HP}pageNum")) == 1
    assert write_hwpx(doc, theme, template=shipped_path("report", "hwpx")) == out


def test_template_placeholder_split_across_runs(doc: LaidDocument, theme: Theme,
                                                tmp_path: Path) -> None:
    """Hancom splits '{{ title }}' over runs of different shapes; it is still filled."""
    def split(xml: str) -> str:
        m = re.search(r'<hp:run charPrIDRef="(\d+)"><hp:t>\{\{ title \}\}</hp:t></hp:run>', xml)
        assert m is not None
        cid = m.group(1)
        xml = xml.replace(m.group(0),
                          f'<hp:run charPrIDRef="{cid}"><hp:t>{{{{ ti</hp:t></hp:run>'
                          f'<hp:run charPrIDRef="0"><hp:t>tle </hp:t></hp:run>'
                          f'<hp:run charPrIDRef="{cid}"><hp:t>}}}}</hp:t></hp:run>')
        # and '{{ org }}' split inside one run over two hp:t around a line break
        return xml.replace("<hp:t>{{ org }}</hp:t>", "<hp:t>{{ o</hp:t><hp:t>rg }}</hp:t>")

    template = _replace_part((shipped_path("report", "hwpx")).read_bytes(),
                             "Contents/section0.xml", split)
    assert b"{{ ti</hp:t>" in _parts(template)["Contents/section0.xml"]
    path = tmp_path / "mine.hwpx"
    path.write_bytes(template)
    out = write_hwpx(doc, theme, template=path)
    assert_valid_hwpx(out)
    texts = _para_texts(_section(out))
    assert doc.fields["title"] in texts and doc.fields["org"] in texts
    assert not any("{" in t for t in texts)


def test_template_styles_by_role_name(doc: LaidDocument, theme: Theme) -> None:
    """A template style named like a role ('□ 1단계') styles that role's paragraphs."""
    out = write_hwpx(doc, theme, template=shipped_path("report", "hwpx"))
    head, sec = _header(out), _section(out)
    names = [s.get("name") for s in head.iter(f"{HH}style")]
    assert names.count("□ 1단계") == 1 and names.count("쪽 번호") == 1
    l1 = next(s for s in head.iter(f"{HH}style") if s.get("name") == "□ 1단계")
    para = next(p for p in sec.iter(f"{HP}p") if _para_texts(p)[0].startswith("□ "))
    assert para.get("styleIDRef") == l1.get("id")
    assert para.find(f"{HP}run").get("charPrIDRef") == l1.get("charPrIDRef")  # type: ignore[union-attr]


def test_template_without_marker_is_an_error(doc: LaidDocument, theme: Theme) -> None:
    template = _replace_part((shipped_path("report", "hwpx")).read_bytes(),
                             "Contents/section0.xml",
                             lambda x: x.replace("{{ body }}", "본문"))
    with pytest.raises(RenderError, match="body"):
        write_hwpx(doc, theme, template=template)


def test_template_is_sandboxed(doc: LaidDocument, theme: Theme) -> None:
    template = _replace_part((shipped_path("report", "hwpx")).read_bytes(),
                             "Contents/section0.xml",
                             lambda x: x.replace("{{ org }}",
                                                 "{{ org.__class__.__mro__[1].__subclasses__() }}"))
    with pytest.raises(RenderError):
        write_hwpx(doc, theme, template=template)


# ---------------------------------------------------------------------------- .hwp


def test_hwp_export(doc: LaidDocument, theme: Theme) -> None:
    from hwpx import HwpxDocument

    data = write_hwp(doc, theme)
    assert data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = HwpxDocument.open(data).text.plain()
    assert doc.fields["title"] in text and "규제철폐 100일의 성과" in text


def test_free_form_template() -> None:
    from govreport.writers.hwpx.template import fill_free_template

    template = _replace_part((shipped_path("report", "hwpx")).read_bytes(),
                             "Contents/section0.xml",
                             lambda x: x.replace("{{ body }}", "항목: {{ items | join(', ') }}"))
    out = fill_free_template(template, {"title": "제목", "date": "2025. 4.", "org": "기관",
                                        "items": ["가", "나"]})
    assert_valid_hwpx(out)
    texts = _para_texts(_section(out))
    assert {"제목", "2025. 4.", "기관", "항목: 가, 나"} <= set(texts)


# ---------------------------------------------------------------------------- theme options
# 자간/장평, double lines, cover frame, hwp-native blank lines (hand-made nodes)

_LANGS = ("hangul", "latin", "hanja", "japanese", "other", "symbol", "user")


def _with_body(doc: LaidDocument, *nodes: Any) -> LaidDocument:
    return attrs.evolve(doc, cover=(), front=(), body=tuple(nodes))


def _by_id(header: etree._Element, tag: str) -> dict[str, etree._Element]:
    return {el.get("id"): el for el in header.iter(f"{HH}{tag}")}


def _p_with(section: etree._Element, text: str) -> etree._Element:
    for p in section.iter(f"{HP}p"):
        if "".join(t.text or "" for t in p.iterfind(f"{HP}run/{HP}t")) == text:
            return p
    raise AssertionError(text)


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


def _cell_lines(data: bytes, text: str) -> dict[str, str]:
    """Line type of each side of the cell holding ``text``."""
    fills = _by_id(_header(data), "borderFill")
    for tc in _section(data).iter(f"{HP}tc"):
        if any(t.text == text for t in tc.iter(f"{HP}t")):
            bf = fills[tc.get("borderFillIDRef")]
            return {side: bf.find(f"{HH}{side}Border").get("type")
                    for side in ("top", "bottom", "left", "right")}
    raise AssertionError(text)


def test_paragraph_letter_spacing_and_width_apply_to_text_runs_only(doc: LaidDocument,
                                                                    theme: Theme) -> None:
    squeezed = (Para(role="L2", symbol="○", letter_spacing_pct=-5.0, width_pct=95.0,
                     runs=(Run(text="서울시는 시민 안전을"),)),
                Para(role="L2", symbol="○", letter_spacing_pct=-5.0, width_pct=95.0,
                     runs=(Run(text="같은 자간 장평"),)),
                Para(role="L2", symbol="○", runs=(Run(text="보통 문단"),)))
    data = write_hwpx(_with_body(doc, *squeezed), theme)
    assert_valid_hwpx(data)
    chars = _by_id(_header(data), "charPr")
    sec = _section(data)
    runs = [p.findall(f"{HP}run") for p in sec.iter(f"{HP}p")
            if any((t.text or "").startswith("○") for t in p.iter(f"{HP}t"))]
    (sym1, text1), (sym2, text2), (plain,) = runs[0][-2:], runs[1][-2:], runs[2][-1:]

    def shape(run: etree._Element) -> tuple[set[str], set[str]]:
        cp = chars[run.get("charPrIDRef")]
        return ({cp.find(f"{HH}spacing").get(a) for a in _LANGS},
                {cp.find(f"{HH}ratio").get(a) for a in _LANGS})

    assert shape(text1) == ({"-5"}, {"95"})  # all seven language slots
    assert shape(sym1) == shape(plain) == ({"0"}, {"100"})  # the symbol keeps the role's shape
    assert text1.get("charPrIDRef") == text2.get("charPrIDRef")  # interned
    assert sym1.get("charPrIDRef") == sym2.get("charPrIDRef") == plain.get("charPrIDRef")
    assert text1.get("charPrIDRef") != sym1.get("charPrIDRef")
    assert [t.text for t in sym1.iter(f"{HP}t")] == ["○"]
    # the gap after the symbol is a fixed-width space: justification does not widen it
    assert [etree.QName(c).localname for t in sym1.iter(f"{HP}t") for c in t] == ["fwSpace"]


def test_summary_box_double_border(doc: LaidDocument) -> None:
    for style, kind in (("single", "SOLID"), ("double", "DOUBLE_SLIM")):
        theme = Theme.seoul().override({"summary_box.border_style": style})
        data = write_hwpx(_with_body(doc, _hand_table("summary")), theme)
        assert_valid_hwpx(data)
        assert set(_cell_lines(data, "요약").values()) == {kind}
    seed = write_hwpx(layout(govreport.load(SEED), theme), theme)
    fills = _by_id(_header(seed), "borderFill")
    assert any(bf.find(f"{HH}leftBorder").get("type") == "DOUBLE_SLIM" for bf in fills.values())


@pytest.mark.parametrize("header_rows", [2, 0])  # 0: repeat_header off, header cells still known
def test_table_head_rule_double(doc: LaidDocument, header_rows: int) -> None:
    theme = Theme.seoul().override({"table.head_rule": "double"})
    data = write_hwpx(_with_body(doc, _hand_table("data", header_rows)), theme)
    assert_valid_hwpx(data)
    assert _cell_lines(data, "구분")["bottom"] == "DOUBLE_SLIM"  # spans both header rows
    assert _cell_lines(data, "소계")["bottom"] == "DOUBLE_SLIM"
    assert _cell_lines(data, "합계")["bottom"] == "SOLID"  # first header row only
    assert _cell_lines(data, "정원")["top"] == _cell_lines(data, "31")["top"] == "DOUBLE_SLIM"
    assert _cell_lines(data, "정원")["bottom"] == _cell_lines(data, "현원")["top"] == "SOLID"
    single = write_hwpx(_with_body(doc, _hand_table("data", header_rows)), Theme.seoul())
    assert b"DOUBLE_SLIM" not in _parts(single)["Contents/header.xml"]


def test_cover_title_frame(doc: LaidDocument) -> None:
    theme = Theme.seoul().override({"cover.title_frame": True})
    data = write_hwpx(doc, theme)
    assert_valid_hwpx(data)
    header, sec = _header(data), _section(data)
    paras, fills = _by_id(header, "paraPr"), _by_id(header, "borderFill")
    title = _p_with(sec, doc.fields["title"])
    pp = paras[title.get("paraPrIDRef")]
    border = pp.find(f"{HH}border")
    bf = fills[border.get("borderFillIDRef")]
    assert [(bf.find(f"{HH}{s}Border").get("type"), bf.find(f"{HH}{s}Border").get("width"),
             bf.find(f"{HH}{s}Border").get("color")) for s in ("left", "right", "top", "bottom")] \
        == [("SOLID", "0.12 mm", "#000080")] * 4
    assert {border.get(f"offset{s}") for s in ("Left", "Right", "Top", "Bottom")} == {"400"}
    # the frame would enclose the space before: it sits on an empty paragraph above
    assert pp.find(f".//{HP}case//{HC}prev").get("value") == "0"
    above = title.getprevious()
    prev = paras[above.get("paraPrIDRef")].find(f".//{HP}case//{HC}prev")
    assert int(prev.get("value")) > 10000 and not "".join(above.itertext())
    plain = write_hwpx(doc, Theme.seoul())
    title = _p_with(_section(plain), doc.fields["title"])
    pp = _by_id(_header(plain), "paraPr")[title.get("paraPrIDRef")]
    assert pp.find(f"{HH}border").get("borderFillIDRef") == "2"  # Hancom's empty border fill


def test_blank_paragraphs_replace_space_before(doc: LaidDocument) -> None:
    from govreport.writers import blank_line_pt

    theme = Theme.seoul().override({"layout.blank_paragraphs": True})
    assert blank_line_pt(theme, 16.0) == 10.0 and blank_line_pt(theme, None) is None
    nodes = (Para(role="L1", symbol="□", runs=(Run(text="첫째"),), space_before_pt=0.0),
             Para(role="L2", symbol="○", runs=(Run(text="둘째"),), space_before_pt=8.0),
             Para(role="L1", symbol="□", runs=(Run(text="셋째"),), space_before_pt=16.0),
             attrs.evolve(_hand_table("summary"), space_before_pt=10.0))
    data = write_hwpx(_with_body(doc, *nodes), theme)
    assert_valid_hwpx(data)
    header, sec = _header(data), _section(data)
    paras, chars = _by_id(header, "paraPr"), _by_id(header, "charPr")
    top = list(sec.iterfind(f"{HP}p"))
    texts = ["<tbl>" if p.find(f".//{HP}tbl") is not None else "".join(_para_texts(p))
             for p in top]
    assert texts == ["□ 첫째", "", "○ 둘째", "", "□ 셋째", "", "<tbl>"]

    def prev(p: etree._Element) -> str:
        return paras[p.get("paraPrIDRef")].find(f".//{HP}case//{HC}prev").get("value")

    def blank(p: etree._Element) -> tuple[str, str, str]:
        pp = paras[p.get("paraPrIDRef")]
        (run,) = p.findall(f"{HP}run")
        return (chars[run.get("charPrIDRef")].get("height"),
                pp.find(f".//{HP}case/{HH}lineSpacing").get("value"), prev(p))

    # N = space / 1.6 pt at 160 % line spacing, no space before of its own
    assert blank(top[1]) == ("500", "160", "0")  # 8 pt → 5 pt
    assert blank(top[3]) == ("1000", "160", "0")  # 16 pt → 10 pt
    assert blank(top[5]) == ("625", "160", "0")  # 10 pt → 6.25 pt
    assert prev(top[2]) == prev(top[4]) == prev(top[6]) == "0"
    assert paras[top[1].get("paraPrIDRef")].find(f"{HH}breakSetting").get("keepWithNext") == "1"
    spaced = _section(write_hwpx(_with_body(doc, *nodes), Theme.seoul()))
    assert len(list(spaced.iterfind(f"{HP}p"))) == 4  # no blank lines by default


def test_styles_carry_the_roles_indent_and_spacing(data: bytes) -> None:
    """Re-applying 「○」's style in Hancom keeps the hanging indent and the space before;
    ○ paragraphs with the usual spacing use the style's shape itself (no direct format)."""
    head, sec = _header(data), _section(data)
    style = next(s for s in head.iter(f"{HH}style") if s.get("engName") == "L2")
    pr = head.find(f".//{HH}paraPr[@id='{style.get('paraPrIDRef')}']")
    assert pr is not None
    margin = pr.find(f".//{HP}case/{HH}margin")
    assert margin is not None
    value = {etree.QName(c).localname: int(c.get("value", "0")) for c in margin}
    assert value["intent"] < 0 and value["left"] > 0 and value["prev"] > 0
    l2 = [p for p in sec.iter(f"{HP}p") if p.get("styleIDRef") == style.get("id")]
    assert any(p.get("paraPrIDRef") == style.get("paraPrIDRef") for p in l2)


def test_version_part_is_stored_like_hancom(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.getinfo("version.xml").compress_type == zipfile.ZIP_STORED
        assert z.getinfo("Contents/section0.xml").compress_type == zipfile.ZIP_DEFLATED


def test_new_page_number_has_no_child(data: bytes) -> None:
    new = _section(data).findall(f".//{HP}newNum")
    assert new and all(len(n) == 0 for n in new)


def test_long_table_splits_between_rows_short_one_moves_whole(data: bytes) -> None:
    """The seed's 8-row 규제철폐 사례 table is taller than a third of a page: it flows (and
    breaks by rows); the 2-row 인력 현황 table stays a character (moves whole)."""
    sec = _section(data)
    flows = {t.get("rowCnt") for t in sec.iter(f"{HP}tbl")
             if t.find(f"{HP}pos").get("treatAsChar") == "0"}  # type: ignore[union-attr]
    assert flows == {"8"}


def test_each_report_gets_its_own_header_whatever_was_rendered_before() -> None:
    """The header part is kept by the shapes and styles it is made of: reports rendered one
    after another (a batch) each get the header of their own shapes."""
    from govreport.app.render import render_bytes
    from govreport.writers.hwpx import header as header_module

    reports = [govreport.load(p) for p in sorted((ROOT / "examples").glob("*.json"))]

    def headers() -> list[bytes]:
        return [zipfile.ZipFile(io.BytesIO(render_bytes(r, "hwpx")))
                .read("Contents/header.xml") for r in reports]

    header_module._RENDERED.clear()
    alone = []
    for r in reports:  # each rendered with nothing kept
        header_module._RENDERED.clear()
        alone.append(zipfile.ZipFile(io.BytesIO(render_bytes(r, "hwpx")))
                     .read("Contents/header.xml"))
    assert headers() == alone
    assert headers() == alone  # again, every header now kept
    assert len(set(alone)) > 1  # the examples differ in their shapes


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.json")),
                         ids=lambda p: p.stem)
def test_page_breaks_only_where_the_format_starts_a_page(path: Path) -> None:
    """The page estimate is never written as a forced break (issue 24): every
    ``pageBreak="1"`` paragraph opens the 목차, the body, a part, a task (a section of a
    part with an overview) or an appendix; the estimate's page ends are keep rules
    (``keepWithNext``) Hancom applies itself."""
    report = govreport.load(path)
    laid = layout(report)
    flat = lambda t: re.sub(r"\s+", "", t)  # noqa: E731
    starts = ["목차", flat(next(p for p in iter_paras(laid.body) if p.text.strip()).text)[:10]]
    for part in report.parts:
        starts.append(flat(part.title)[:10])
        if part.overview:
            starts += [flat(s.title)[:10] for s in part.sections]
    starts += ["참고", "붙임"]  # appendix labels (참고 1, 붙임 2 …)
    files = zipfile.ZipFile(io.BytesIO(write_hwpx(laid, Theme.seoul())))
    xml = files.read("Contents/section0.xml").decode()
    broken = [flat("".join(re.findall(r"<hp:t>([^<]*)", xml[m.end():m.end() + 4000])))
              for m in re.finditer(r'<hp:p [^>]*pageBreak="1"[^>]*>', xml)]
    odd = [t[:20] for t in broken if not any(s in t[:40] for s in starts)]
    assert odd == []
    header = files.read("Contents/header.xml").decode()
    assert 'keepWithNext="1" keepLines="1"' in header, "headings keep with their content"


def test_hancoms_built_in_styles_are_present() -> None:
    """바탕글, 본문, 개요 1–7, 각주, 캡션 as in Hancom's own files, before ours."""
    laid = layout(govreport.load(SEED))
    header = zipfile.ZipFile(io.BytesIO(write_hwpx(laid, Theme.seoul()))).read(
        "Contents/header.xml").decode()
    names = re.findall(r'<hh:style id="(\d+)" type="PARA" name="([^"]+)"', header)
    order = [n for _, n in names]
    want = ["바탕글", "본문", *(f"개요 {n}" for n in range(1, 8)), "각주", "캡션"]
    assert order[:len(want)] == want
    assert "□ 1단계" in order[len(want):]


def test_declared_fonts_name_hancoms_substitutes() -> None:
    """휴먼명조 → 함초롬바탕, HY헤드라인M / 맑은 고딕 → 함초롬돋움 (hh:substFont, as Hancom's own
    files declare it), so a computer without them keeps the family."""
    laid = layout(govreport.load(SEED))
    header = zipfile.ZipFile(io.BytesIO(write_hwpx(laid, Theme.seoul()))).read(
        "Contents/header.xml").decode()
    font = r'<hh:font id="\d+" face="([^"]+)"[^>]*><hh:substFont face="([^"]+)"'
    subst = dict(re.findall(font, header))
    assert subst == {"휴먼명조": "함초롬바탕", "HY헤드라인M": "함초롬돋움",
                     "맑은 고딕": "함초롬돋움"}
