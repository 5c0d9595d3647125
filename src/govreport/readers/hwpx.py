"""HWPX reader: the OWPML package (zip of XML) read with lxml.

Only what recognition needs is read: paragraph text (``hp:t`` with its tabs, line breaks and
special spaces), bold runs (``hh:charPr/hh:bold``), alignment (``hh:paraPr/hh:align``), page
breaks, and tables with their cell addresses and spans (``hp:cellAddr``/``hp:cellSpan``),
nested tables included, table captions, and the text of text boxes and shapes.  Pictures, drawings
without text and equations are noted as skipped.
"""

from __future__ import annotations

import math
import re
import zipfile
from collections.abc import Callable
from io import BytesIO
from typing import Any

from lxml import etree

from ..support.errors import short
from ..support.limits import current, hint
from .charts import read_chart as _read_chart
from .errors import ReadError
from .inline import map_symbol_font, shows_text, typed_indent_pt
from .log import ReadLog
from .pictures import PictureConverter
from .source import (
    Align,
    SourceCell,
    SourceDocument,
    SourceNode,
    SourcePageBreak,
    SourcePara,
    SourcePicture,
    SourceTable,
)

HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
HH = "{http://www.hancom.co.kr/hwpml/2011/head}"
HC = "{http://www.hancom.co.kr/hwpml/2011/core}"
MAX_PART_BYTES = 200 * 1024 * 1024
"""Refuse a package part that would inflate beyond this (zip bombs)."""
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          remove_blank_text=False)
_ALIGN: dict[str, Align] = {"LEFT": "left", "CENTER": "center", "RIGHT": "right",
                            "JUSTIFY": "justify", "DISTRIBUTE": "justify"}
_SKIPPED = {"equation": "an equation", "ole": "an embedded object",
            "rect": "a drawing", "ellipse": "a drawing", "line": "a drawing",
            "polygon": "a drawing", "curve": "a drawing", "arc": "a drawing",
            "container": "a drawing group", "textart": "text art"}


MAX_TOTAL_BYTES = 512 * 1024 * 1024
"""Refuse a package whose parts inflate beyond this in all."""


MAX_PARAGRAPHS = 200_000
"""Paragraphs a document may hold (cells' included), as the text reader's line limit."""
_PARA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s>/]")
"""A paragraph's start tag, whatever its prefix (counted in the raw part, before parsing)."""


def _int(el: etree._Element, attr: str, default: int, where: str) -> int:
    """A whole-number attribute (``default`` when absent); :class:`ReadError` naming the
    place, the element and the value otherwise."""
    raw = el.get(attr)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ReadError(f"{where}: {etree.QName(el).localname} {attr}={short(raw, 40)!r} is "
                        "not a whole number") from None


def _length(el: etree._Element | None, attr: str, where: str) -> int:
    """A length attribute (HWPUNIT); a decimal one (``1.5``) is rounded, anything that is no
    finite number is a :class:`ReadError` naming the place."""
    if el is None:
        return 0
    raw = el.get(attr)
    if raw is None or not raw.strip():
        return 0
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or abs(value) > 1e12:
        raise ReadError(f"{where}: {etree.QName(el).localname} {attr}={short(raw, 40)!r} is "
                        "not a length")
    return round(value)


def _read_part(z: zipfile.ZipFile, name: str) -> bytes:
    info = z.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise ReadError(f"{name}: part is {info.file_size} bytes, more than the limit")
    return z.read(name)


def _check_package(z: zipfile.ZipFile) -> None:
    total = sum(i.file_size for i in z.infolist())
    if total > MAX_TOTAL_BYTES:
        raise ReadError(f"the package inflates to {total} bytes, more than the limit")


def _xml(data: bytes, name: str) -> etree._Element:
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"{name}: not well-formed XML ({exc})") from None


class _Header:
    """Bold character shapes, paragraph alignments and filled border-fills of ``header.xml``."""

    def __init__(self, root: etree._Element | None) -> None:
        self.bold: set[str] = set()
        self.align: dict[str, Align] = {}
        self.filled: set[str] = set()
        self.indent: dict[str, float] = {}
        self.text_indent: dict[str, float] = {}
        if root is None:
            return
        for cp in root.iter(f"{HH}charPr"):
            if cp.find(f"{HH}bold") is not None:
                self.bold.add(cp.get("id", ""))
        for pp in root.iter(f"{HH}paraPr"):
            al = pp.find(f"{HH}align")
            if al is not None and al.get("horizontal") in _ALIGN:
                self.align[pp.get("id", "")] = _ALIGN[al.get("horizontal", "")]
            left = next(pp.iter(f"{HC}left"), None)
            first = next(pp.iter(f"{HC}intent"), None)
            if left is not None:
                # a negative 들여쓰기 is a hanging indent: the first line starts at ``left``
                where = f"Contents/header.xml: paraPr {short(pp.get('id', ''), 20)}"
                indent = _length(first, "value", where)
                x = _length(left, "value", where) + max(indent, 0)
                self.indent[pp.get("id", "")] = x / 100.0
                hang = -indent
                self.text_indent[pp.get("id", "")] = (x + max(hang, 0)) / 100.0
        for bf in root.iter(f"{HH}borderFill"):
            brush = bf.find(f"{HC}fillBrush/{HC}winBrush")
            color = (brush.get("faceColor") or "none").lower() if brush is not None else "none"
            if color not in ("none", "#ffffff", "#ffffffff"):
                self.filled.add(bf.get("id", ""))


def _t_text(t: etree._Element) -> str:
    parts = [t.text or ""]
    for child in t:
        tag = etree.QName(child).localname
        if tag == "tab":
            parts.append("\t")
        elif tag == "lineBreak":
            parts.append("\n")
        elif tag == "nbSpace":  # a no-break space (inside a date) reads as a space
            parts.append(" ")
        elif tag == "fwSpace":
            parts.append("\u2007")
        elif tag == "hyphen":
            parts.append("-")
        parts.append(child.tail or "")
    return map_symbol_font("".join(parts))


class _Walker:
    def __init__(self, header: _Header, log: ReadLog,
                 binary: dict[str, bytes] | None = None,
                 part: Callable[[str], bytes | None] | None = None) -> None:
        self.h = header
        self.log = log
        self.pictures = PictureConverter(log)
        self.binary = binary or {}
        self.part = part or (lambda name: None)
        self.text_width = 0.0  # HWPUNIT, from the section's page size and margins
        self.n_para = 0
        self.n_table = 0

    def paragraphs(self, parent: etree._Element, out: list[SourceNode], where: str) -> None:
        for p in parent.iterchildren(f"{HP}p"):
            self.paragraph(p, out, where)

    def paragraph(self, p: etree._Element, out: list[SourceNode], where: str) -> None:
        self.n_para += 1
        if self.n_para > MAX_PARAGRAPHS:
            raise ReadError(f"more than {MAX_PARAGRAPHS:,} paragraphs")
        loc = where or f"paragraph {self.n_para}"
        page_break = p.get("pageBreak") == "1"
        if page_break and not where:
            out.append(SourcePageBreak())
        runs: list[tuple[str, bool]] = []
        pending: list[SourceNode] = []
        before_table = 0  # how many text runs came before the first table of the paragraph
        toc = False
        notes: list[str] = []
        objects: list[str] = []
        pictures: list[SourcePicture] = []
        charts: list[dict[str, Any] | None] = []
        for run in p.iterchildren(f"{HP}run"):
            bold = run.get("charPrIDRef", "") in self.h.bold
            for el in run:
                tag = etree.QName(el).localname
                if tag == "t":
                    runs.append((_t_text(el), bold))
                    if any(c.get("leader", "NONE") not in ("NONE", "0")
                           for c in el.iterchildren(f"{HP}tab")):
                        toc = True
                elif tag == "tbl":
                    if not pending:
                        before_table = len(runs)
                    self.caption(el, pending, where)
                    pending.append(self.table(el, where))
                elif tag == "pic":
                    pic = self.picture(el, loc)
                    objects.append("picture" if pic is not None else "drawing")
                    if pic is not None:
                        pictures.append(pic)
                elif tag == "chart":
                    chart = self.chart(el, loc)
                    objects.append("chart")
                    charts.append(chart)
                elif tag in _SKIPPED and self.shape_text(el, pending, where):
                    pass  # a text box or a shape with text: its paragraphs, after this one
                elif tag in _SKIPPED:
                    self.log.skip(loc, f"{_SKIPPED[tag]} is not read (kept out of the model)")
                    objects.append(tag)
                elif tag == "ctrl":
                    for fn in el.iter(f"{HP}footNote", f"{HP}endNote"):
                        sub: list[SourceNode] = []
                        sub_list = fn.find(f"{HP}subList")
                        self.paragraphs(sub_list if sub_list is not None else fn, sub, loc)
                        notes.append(" ".join(n.text.strip() for n in sub
                                              if isinstance(n, SourcePara)))
        text = "".join(t for t, _ in runs)
        if pictures and text.strip():
            self.log.skip(loc, "a picture beside text is not read")
        elif pictures and where:  # a picture alone in a cell's paragraph: a photo table?
            out.extend(SourcePara(text="", where=loc, object="picture", picture=pic)
                       for pic in pictures)
        if objects and not text.strip() and not where:
            pics, chs = iter(pictures), iter(charts)
            for kind in objects:
                pic = next(pics, None) if kind == "picture" else None
                chart = next(chs, None) if kind == "chart" else None
                out.append(SourcePara(text="", where=loc, object=kind, page_break=page_break,
                                      picture=pic, chart=chart, align=self.h.align.get(
                                          p.get("paraPrIDRef", ""))))
        elif text.strip() or not pending:
            shown = [b for t, b in runs if shows_text(t)]
            if pending and not "".join(t for t, _ in runs[:before_table]).strip():
                out.extend(pending)  # a table anchored before the text ("표 … 끝."): first
                pending = []
            out.append(SourcePara(
                text=text, bold=bool(shown) and all(shown),
                align=self.h.align.get(p.get("paraPrIDRef", "")), where=loc,
                indent=self.h.indent.get(p.get("paraPrIDRef", ""), 0.0) + typed_indent_pt(text),
                text_indent=self.h.text_indent.get(p.get("paraPrIDRef", ""), 0.0)
                + typed_indent_pt(text),
                page_break=page_break, toc=toc, footnotes=tuple(notes)))
        out.extend(pending)

    def caption(self, tbl: etree._Element, out: list[SourceNode], where: str) -> None:
        """A table's own caption (``hp:caption``: its title, ``(단위 : 억원, %)``), put
        before the table whichever side it is printed on, where the recognizer takes a
        title and a unit line for the table that follows."""
        cap = tbl.find(f"{HP}caption")
        if cap is None:
            return
        sub_list = cap.find(f"{HP}subList")
        found: list[SourceNode] = []
        self.paragraphs(sub_list if sub_list is not None else cap, found, where)
        out.extend(n for n in found if not isinstance(n, SourcePara) or n.text.strip())

    def shape_text(self, el: etree._Element, out: list[SourceNode], where: str) -> bool:
        """The paragraphs of a text box or a shape with text (``hp:drawText``, also inside
        a drawing group), appended to ``out``; False when the shape holds no text."""
        found: list[SourceNode] = []
        for dt in el.iter(f"{HP}drawText"):
            sub_list = dt.find(f"{HP}subList")
            self.paragraphs(sub_list if sub_list is not None else dt, found, where)
        if not any(isinstance(n, SourcePara) and n.text.strip() for n in found):
            return False
        out.extend(n for n in found if not (isinstance(n, SourcePara) and not n.text.strip()
                                            and n.object is None))
        return True

    def picture(self, pic: etree._Element, loc: str) -> SourcePicture | None:
        """The bytes, description and width of an ``hp:pic``; None (and a skip) if absent."""
        img = next(pic.iter(f"{HC}img"), None)
        data = self.binary.get(img.get("binaryItemIDRef", "")) if img is not None else None
        if data is None:
            self.log.skip(loc, "a picture whose image is not in the package is not read")
            return None
        data = self.pictures(data, loc)
        if data is None:
            return None
        comment = pic.find(f"{HP}shapeComment")
        alt = (comment.text or "").strip() or None if comment is not None else None
        size = pic.find(f"{HP}curSz")
        if size is None:
            size = pic.find(f"{HP}sz")
        width = _length(size, "width", loc)
        share = round(width / self.text_width, 3) if self.text_width and width else None
        return SourcePicture(data=data, alt=alt, width=share if share and share <= 1 else None,
                             width_mm=round(width / 7200 * 25.4, 1) if width else None)

    def chart(self, el: etree._Element, loc: str) -> dict[str, Any] | None:
        """The data of an ``hp:chart`` (its OOXML chart part); None and a skip otherwise."""
        data = self.part(el.get("chartIDRef", ""))
        return _read_chart(data, loc, self.log)

    def page(self, section: etree._Element) -> None:
        """Remember the text width of the section's page (for picture widths)."""
        pp = next(section.iter(f"{HP}pagePr"), None)
        if pp is None:
            return
        m = pp.find(f"{HP}margin")
        where = "page settings (pagePr)"
        width = _length(pp, "width", where)
        if pp.get("landscape") == "NARROWLY":
            width = _length(pp, "height", where) or width
        margins = _length(m, "left", where) + _length(m, "right", where)
        self.text_width = float(max(width - margins, 0))

    def table(self, tbl: etree._Element, where: str) -> SourceTable:
        """A table from its rows (``hp:tr``) and cells; the declared counts (``rowCnt``,
        ``colCnt``) and every address and span are checked against the rows the table holds
        and the limits before anything is sized from them."""
        self.n_table += 1
        loc = where or f"table {self.n_table}"
        lim = current()
        rows = list(tbl.iterchildren(f"{HP}tr"))
        cells: list[SourceCell] = []
        for tr_i, tr in enumerate(rows):
            for tc_i, tc in enumerate(tr.iterchildren(f"{HP}tc")):
                place = f"{loc} (row {tr_i + 1}, cell {tc_i + 1})"
                addr = tc.find(f"{HP}cellAddr")
                span = tc.find(f"{HP}cellSpan")
                row = _int(addr, "rowAddr", tr_i, place) if addr is not None else tr_i
                col = _int(addr, "colAddr", tc_i, place) if addr is not None else tc_i
                rs = _int(span, "rowSpan", 1, place) if span is not None else 1
                cs = _int(span, "colSpan", 1, place) if span is not None else 1
                if not 0 <= row < len(rows):
                    self.log.fallback(place, f"rowAddr {row} is outside the table's "
                                             f"{len(rows)} rows; read as row {tr_i + 1}")
                    row = tr_i
                if col < 0:
                    self.log.fallback(place, f"colAddr {col} is negative; read as column "
                                             f"{tc_i + 1}")
                    col = tc_i
                rs, cs = max(rs, 1), max(cs, 1)
                if row + rs > len(rows):
                    self.log.fallback(place, f"rowSpan {rs} reaches past the table's "
                                             f"{len(rows)} rows; cut to {len(rows) - row}")
                    rs = len(rows) - row
                if col + cs > lim.table_columns:
                    raise ReadError(f"{place}: the cell reaches column {col + cs:,}, more "
                                    f"than {lim.table_columns:,} ({hint('table_columns')})")
                paras: list[SourceNode] = []
                sub = tc.find(f"{HP}subList")
                self.paragraphs(sub if sub is not None else tc, paras,
                                f"{loc} (row {row + 1}, cell {col + 1})")
                inner = [n for n in paras if isinstance(n, SourcePara)]
                if any(isinstance(n, SourceTable) for n in paras):
                    self.log.note(f"{loc} (row {row + 1}, cell {col + 1})",
                                  "a table inside a cell is read as its text")
                    inner = _flatten(paras)
                cells.append(SourceCell(row=row, col=col, rowspan=rs, colspan=cs,
                                        paras=tuple(inner),
                                        fill=tc.get("borderFillIDRef", "") in self.h.filled,
                                        header=tc.get("header") == "1"))
        n_rows = max((c.row + c.rowspan for c in cells), default=0)
        n_cols = max((c.col + c.colspan for c in cells), default=0)
        for attr, held in (("rowCnt", n_rows), ("colCnt", n_cols)):
            declared = _int(tbl, attr, held, loc)
            if declared != held and cells:
                self.log.fallback(loc, f"{attr} says {declared:,}; the cells fill {held:,} "
                                       "(read as the cells fill it)")
        if n_rows * n_cols > lim.table_cells:
            raise ReadError(f"{loc}: {n_rows:,} × {n_cols:,} cells is more than "
                            f"{lim.table_cells:,} ({hint('table_cells')})")
        cells.sort(key=lambda c: (c.row, c.col))
        return SourceTable(n_rows=n_rows, n_cols=n_cols, cells=tuple(cells), where=loc)


def _flatten(nodes: list[SourceNode]) -> list[SourcePara]:
    out: list[SourcePara] = []
    for n in nodes:
        if isinstance(n, SourcePara):
            out.append(n)
        elif isinstance(n, SourceTable):
            for c in n.cells:
                out.extend(c.paras)
    return out


def _binary_items(z: zipfile.ZipFile) -> dict[str, bytes]:
    """Manifest id → bytes of the embedded images (``BinData/…``)."""
    out: dict[str, bytes] = {}
    if "Contents/content.hpf" not in z.namelist():
        return out
    root = _xml(_read_part(z, "Contents/content.hpf"), "Contents/content.hpf")
    names = set(z.namelist())
    for item in root.iter():
        if etree.QName(item).localname != "item":
            continue
        href = item.get("href", "")
        if href.startswith("BinData/") and href in names and (
                item.get("media-type", "").startswith("image/")):
            out[item.get("id", "")] = _read_part(z, href)
    return out


def _section_names(z: zipfile.ZipFile) -> list[str]:
    names = [n for n in z.namelist() if re.fullmatch(r"Contents/section\d+\.xml", n)]
    return sorted(names, key=lambda n: int(re.findall(r"\d+", n)[-1]))


def _properties(z: zipfile.ZipFile) -> dict[str, str]:
    props: dict[str, str] = {}
    if "Contents/content.hpf" not in z.namelist():
        return props
    root = _xml(_read_part(z, "Contents/content.hpf"), "Contents/content.hpf")
    for el in root.iter():
        tag = etree.QName(el).localname
        if tag == "title" and el.text:
            props["title"] = el.text.strip()
        elif tag == "meta" and el.get("name") and (el.text or "").strip():
            props[el.get("name", "").lower()] = (el.text or "").strip()
    return props


def read_hwpx(data: bytes, log: ReadLog) -> SourceDocument:
    """The source nodes of an HWPX package."""
    try:
        z = zipfile.ZipFile(BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError("not an HWPX file (not a zip package)") from None
    with z:
        _check_package(z)
        sections = _section_names(z)
        if not sections:
            raise ReadError("not an HWPX file (no Contents/section*.xml)")
        header = None
        if "Contents/header.xml" in z.namelist():
            header = _xml(_read_part(z, "Contents/header.xml"), "Contents/header.xml")
        names = set(z.namelist())

        def part(name: str) -> bytes | None:
            return _read_part(z, name) if name in names else None

        walker = _Walker(_Header(header), log, _binary_items(z), part)
        nodes: list[SourceNode] = []
        seen = 0
        for i, name in enumerate(sections):
            if i:
                nodes.append(SourcePageBreak())
            raw = _read_part(z, name)
            seen += len(_PARA_TAG.findall(raw))  # before lxml builds a tree of them all
            if seen > MAX_PARAGRAPHS:
                raise ReadError(f"{name}: more than {MAX_PARAGRAPHS:,} paragraphs")
            root = _xml(raw, name)
            walker.page(root)
            walker.paragraphs(root, nodes, "")
        return SourceDocument(nodes=tuple(nodes), properties=_properties(z), format="hwpx")
