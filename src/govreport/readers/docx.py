"""DOCX reader: python-docx, with paragraph properties resolved through the style chain.

Alignment, bold and indents come from the paragraph's direct formatting first, then its
style, then the style's base styles (``w:basedOn``), as Word resolves them.  Tables are read
from the XML grid: ``w:gridSpan`` gives column spans, ``w:vMerge`` row spans, ``w:tblHeader``
header rows.  Pictures and charts are noted as skipped.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from typing import Any

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

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ALIGN: dict[str, Align] = {"left": "left", "start": "left", "center": "center",
                            "right": "right", "end": "right", "both": "justify",
                            "distribute": "justify"}
MAX_UNCOMPRESSED = 300 * 1024 * 1024
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def _text_width_emu(document: Any) -> float:
    """The text width of the first section (page width minus margins), in EMU."""
    try:
        sec = document.sections[0]
        return float(sec.page_width - sec.left_margin - sec.right_margin)
    except Exception:
        return 0.0


def _on(el: Any) -> bool | None:
    if el is None:
        return None
    val = el.get(f"{W}val")
    return val not in ("0", "false", "off")


class _Styles:
    """Paragraph style properties resolved along ``w:basedOn``."""

    def __init__(self, document: Any) -> None:
        self.by_id: dict[str, Any] = {}
        try:
            root = document.styles.element
        except Exception:
            return
        for st in root.iterfind(f"{W}style"):
            self.by_id[st.get(f"{W}styleId", "")] = st

    def chain(self, style_id: str | None) -> list[Any]:
        out: list[Any] = []
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            st = self.by_id[style_id]
            out.append(st)
            based = st.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None
        return out

    def find(self, style_id: str | None, path: str) -> Any:
        for st in self.chain(style_id):
            el = st.find(path)
            if el is not None:
                return el
        return None

    def name(self, style_id: str | None) -> str:
        st = self.by_id.get(style_id or "")
        n = st.find(f"{W}name") if st is not None else None
        return (n.get(f"{W}val") or "") if n is not None else ""


MAX_PARAGRAPHS = 200_000
"""Paragraphs a document may hold (cells' included), as the text reader's line limit."""
_PARA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s>/]")
"""A paragraph's start tag, whatever its prefix (counted in the raw part, before parsing)."""


def _whole(raw: str | None, default: int, what: str) -> int:
    """A whole-number attribute value (``default`` when absent); :class:`ReadError` naming
    the place and the value otherwise."""
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ReadError(f"{what} {short(raw, 40)!r} is not a whole number") from None


def _twips(v: str | None) -> float:
    try:
        return int(v or 0) / 20.0
    except ValueError:
        return 0.0


class _Walker:
    def __init__(self, document: Any, log: ReadLog) -> None:
        self.styles = _Styles(document)
        self.footnotes = _footnotes(document)
        self.part = document.part
        self.text_width_emu = _text_width_emu(document)
        self.charts: list[dict[str, Any] | None] = []
        self.log = log
        self.pictures = PictureConverter(log)
        self.n_para = 0
        self.n_table = 0

    def body(self, parent: Any, out: list[SourceNode], where: str) -> None:
        for el in parent.iterchildren():
            if el.tag == f"{W}p":
                self.paragraph(el, out, where)
            elif el.tag == f"{W}tbl":
                out.append(self.table(el, where))
            elif el.tag == f"{W}sdt":
                content = el.find(f"{W}sdtContent")
                if content is not None:
                    self.body(content, out, where)

    def paragraph(self, p: Any, out: list[SourceNode], where: str) -> None:
        self.n_para += 1
        if self.n_para > MAX_PARAGRAPHS:
            raise ReadError(f"more than {MAX_PARAGRAPHS:,} paragraphs")
        loc = where or f"paragraph {self.n_para}"
        ppr = p.find(f"{W}pPr")
        sid = None
        if ppr is not None and ppr.find(f"{W}pStyle") is not None:
            sid = ppr.find(f"{W}pStyle").get(f"{W}val")
        page_break = False
        pb = ppr.find(f"{W}pageBreakBefore") if ppr is not None else None
        if _on(pb) or (pb is None and _on(self.styles.find(sid, f"{W}pPr/{W}pageBreakBefore"))):
            page_break = True
        jc = ppr.find(f"{W}jc") if ppr is not None else None
        if jc is None:
            jc = self.styles.find(sid, f"{W}pPr/{W}jc")
        align = _ALIGN.get(jc.get(f"{W}val", "")) if jc is not None else None
        ind = ppr.find(f"{W}ind") if ppr is not None else None
        if ind is None:
            ind = self.styles.find(sid, f"{W}pPr/{W}ind")
        indent = text_indent = None
        if ind is not None:
            left = _twips(ind.get(f"{W}left") or ind.get(f"{W}start"))
            first = _twips(ind.get(f"{W}firstLine")) - _twips(ind.get(f"{W}hanging"))
            indent, text_indent = left + first, max(left, left + first)
        style_bold = _on(self.styles.find(sid, f"{W}rPr/{W}b")) or False
        runs: list[tuple[str, bool]] = []
        notes: list[str] = []
        objects: list[str] = []
        pictures: list[SourcePicture] = []
        breaks_before = False
        for r in p.iter(f"{W}r"):
            if r.getparent().tag not in (f"{W}p", f"{W}hyperlink", f"{W}ins", f"{W}smartTag"):
                continue
            rpr = r.find(f"{W}rPr")
            b = rpr.find(f"{W}b") if rpr is not None else None
            bold = _on(b) if b is not None else style_bold
            parts: list[str] = []
            for el in r:
                tag = el.tag
                if tag == f"{W}t":  # a no-break space (inside a date) reads as a space,
                    # a word joiner (the layout's no-break join) as nothing
                    parts.append(map_symbol_font(
                        (el.text or "").replace("\u00a0", " ").replace("\u2060", "")))
                elif tag == f"{W}tab":
                    parts.append("\t")
                elif tag in (f"{W}br", f"{W}cr"):
                    if el.get(f"{W}type") == "page":
                        if not "".join(t for t, _ in runs).strip():
                            breaks_before = True
                        else:
                            out.append(SourcePageBreak())
                    else:
                        parts.append("\n")
                elif tag == f"{W}footnoteReference":
                    body = self.footnotes.get(el.get(f"{W}id", ""))
                    if body:
                        notes.append(body)
                elif tag == f"{W}drawing":
                    kind, pic = self.drawing(el, loc)
                    objects.append(kind)
                    if pic is not None:
                        pictures.append(pic)
                elif tag in (f"{W}pict", f"{W}object"):
                    self.log.skip(loc, "a legacy drawing or embedded object is not read")
                    objects.append("object")
            runs.append(("".join(parts), bool(bold)))
        text = "".join(t for t, _ in runs)
        typed = typed_indent_pt(text)
        indent = (indent or 0.0) + typed
        text_indent = (text_indent or 0.0) + typed
        shown = [b for t, b in runs if shows_text(t)]
        toc = self.styles.name(sid).lower().startswith("toc")
        if (page_break or breaks_before) and not where:
            out.append(SourcePageBreak())
        if pictures and text.strip():
            self.log.skip(loc, "a picture beside text is not read")
        elif pictures and where:  # a picture alone in a cell's paragraph: a photo table?
            out.extend(SourcePara(text="", where=loc, object="picture", picture=pic)
                       for pic in pictures)
        charts, self.charts = self.charts, []
        if objects and not text.strip() and not where:
            pics, chs = iter(pictures), iter(charts)
            for kind in objects:
                pic = next(pics, None) if kind == "picture" else None
                chart = next(chs, None) if kind == "chart" else None
                out.append(SourcePara(text="", where=loc, object=kind, picture=pic,
                                      chart=chart, align=align, page_break=page_break))
        else:
            out.append(SourcePara(text=text, bold=bool(shown) and all(shown), align=align,
                                  where=loc, page_break=page_break, toc=toc, indent=indent,
                                  text_indent=text_indent, footnotes=tuple(notes)))
        if ppr is not None and ppr.find(f"{W}sectPr") is not None and not where:
            out.append(SourcePageBreak())

    def drawing(self, el: Any, loc: str) -> tuple[str, SourcePicture | None]:
        """A ``w:drawing``: a picture (bytes, alt, width share) or a chart/shape (skipped)."""
        gd = next(el.iter(f"{A}graphicData"), None)
        uri = gd.get("uri", "") if gd is not None else ""
        if uri.endswith("/chart"):
            ref = next(el.iter(f"{C}chart"), None)
            rid = ref.get(f"{R}id") if ref is not None else None
            try:
                blob = self.part.related_parts[rid].blob if rid else None
            except KeyError:
                blob = None
            self.charts.append(_read_chart(blob, loc, self.log))
            return "chart", None
        blip = next(el.iter(f"{A}blip"), None)
        rid = blip.get(f"{R}embed") if blip is not None else None
        try:
            data = self.part.related_parts[rid].blob if rid else None
        except KeyError:
            data = None
        if data is None:
            self.log.skip(loc, "a drawing that is not an embedded picture is not read")
            return "drawing", None
        data = self.pictures(data, loc)
        if data is None:  # skipped (logged): not a picture the writers can place
            return "drawing", None
        doc_pr = next(el.iter(f"{WP}docPr"), None)
        alt = (doc_pr.get("descr") or "").strip() or None if doc_pr is not None else None
        extent = next(el.iter(f"{WP}extent"), None)
        cx = _whole(extent.get("cx"), 0, f"{loc}: picture extent cx") if extent is not None \
            else 0
        share = round(cx / self.text_width_emu, 3) if cx and self.text_width_emu else None
        return "picture", SourcePicture(
            data=data, alt=alt, width=share if share and share <= 1 else None,
            width_mm=round(cx / 36000, 1) if cx else None)

    def table(self, tbl: Any, where: str) -> SourceTable:
        self.n_table += 1
        loc = where or f"table {self.n_table}"
        lim = current()
        grid: list[list[dict[str, Any]]] = []
        header_rows: set[int] = set()
        for r_i, tr in enumerate(tbl.iterfind(f"{W}tr")):
            trpr = tr.find(f"{W}trPr")
            if trpr is not None and _on(trpr.find(f"{W}tblHeader")):
                header_rows.add(r_i)
            col = 0
            row: list[dict[str, Any]] = []
            for tc in tr.iterfind(f"{W}tc"):
                tcpr = tc.find(f"{W}tcPr")
                span = 1
                vmerge = None
                fill = False
                place = f"{loc} (row {r_i + 1}, cell {col + 1})"
                if tcpr is not None:
                    gs = tcpr.find(f"{W}gridSpan")
                    if gs is not None:
                        span = max(_whole(gs.get(f"{W}val"), 1, f"{place}: gridSpan"), 1)
                        if col + span > lim.table_columns:
                            raise ReadError(f"{place}: gridSpan {span:,} reaches column "
                                            f"{col + span:,}, more than {lim.table_columns:,} "
                                            f"({hint('table_columns')})")
                    vm = tcpr.find(f"{W}vMerge")
                    if vm is not None:
                        vmerge = vm.get(f"{W}val") or "continue"
                    shd = tcpr.find(f"{W}shd")
                    if shd is not None:
                        fill = (shd.get(f"{W}fill") or "auto").lower() not in (
                            "auto", "ffffff", "none")
                paras: list[SourceNode] = []
                self.body(tc, paras, f"{loc} (row {r_i + 1}, cell {col + 1})")
                flat = [n for n in paras if isinstance(n, SourcePara)]
                if any(isinstance(n, SourceTable) for n in paras):
                    self.log.note(f"{loc} (row {r_i + 1}, cell {col + 1})",
                                  "a table inside a cell is read as its text")
                    for n in paras:
                        if isinstance(n, SourceTable):
                            flat.extend(q for c in n.cells for q in c.paras)
                row.append({"col": col, "span": span, "vmerge": vmerge, "paras": flat,
                            "fill": fill})
                col += span
            grid.append(row)
        cells: list[SourceCell] = []
        n_cols = max((sum(c["span"] for c in row) for row in grid), default=0)
        if len(grid) * n_cols > lim.table_cells:
            raise ReadError(f"{loc}: {len(grid):,} × {n_cols:,} cells is more than "
                            f"{lim.table_cells:,} ({hint('table_cells')})")
        # rows a vertical merge covers, bottom up: each cell looks at the one row below it
        by_col = [{c["col"]: c for c in row} for row in grid]
        below: dict[int, int] = {}  # column → rows merged into the cell above (next row's)
        spans: list[dict[int, int]] = [{} for _ in grid]
        for r_i in range(len(grid) - 1, -1, -1):
            here: dict[int, int] = {}
            for col in by_col[r_i]:
                nxt = by_col[r_i + 1].get(col) if r_i + 1 < len(grid) else None
                more = below.get(col, 0) + 1 if nxt is not None and nxt["vmerge"] == \
                    "continue" else 0
                spans[r_i][col] = 1 + more
                here[col] = more
            below = here
        for r_i, row in enumerate(grid):
            for c in row:
                if c["vmerge"] == "continue":
                    continue
                cells.append(SourceCell(row=r_i, col=c["col"], rowspan=spans[r_i][c["col"]],
                                        colspan=c["span"], paras=tuple(c["paras"]),
                                        fill=c["fill"], header=r_i in header_rows))
        return SourceTable(n_rows=len(grid), n_cols=n_cols, cells=tuple(cells), where=loc)


def _footnotes(document: Any) -> dict[str, str]:
    """Footnote id → its text, from ``word/footnotes.xml`` (separators left out)."""
    from lxml import etree

    out: dict[str, str] = {}
    for rel in document.part.rels.values():
        if not rel.reltype.endswith("/footnotes") or rel.is_external:
            continue
        try:
            root = etree.fromstring(rel.target_part.blob, etree.XMLParser(
                resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            return out
        for fn in root.iterfind(f"{W}footnote"):
            if fn.get(f"{W}type") in ("separator", "continuationSeparator",
                                      "continuationNotice"):
                continue
            paras = ["".join(t.text or "" for t in p.iter(f"{W}t")).strip()
                     for p in fn.iter(f"{W}p")]
            out[fn.get(f"{W}id", "")] = " ".join(x for x in paras if x)
    return out


def read_docx(data: bytes, log: ReadLog) -> SourceDocument:
    """The source nodes of a DOCX file."""
    import docx

    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            total = sum(i.file_size for i in z.infolist())
            if total > MAX_UNCOMPRESSED:
                raise ReadError(f"the package inflates to {total} bytes, more than the limit")
            if "word/document.xml" not in z.namelist():
                raise ReadError("not a DOCX file (no word/document.xml)")
            paras = len(_PARA_TAG.findall(z.read("word/document.xml")))
            if paras > MAX_PARAGRAPHS:  # before python-docx builds a tree of them all
                raise ReadError(f"word/document.xml: more than {MAX_PARAGRAPHS:,} paragraphs")
    except zipfile.BadZipFile:
        raise ReadError("not a DOCX file (not a zip package)") from None
    try:
        document = docx.Document(BytesIO(data))
    except Exception as exc:
        raise ReadError(f"not a readable DOCX file ({exc})") from None
    walker = _Walker(document, log)
    nodes: list[SourceNode] = []
    walker.body(document.element.body, nodes, "")
    cp = document.core_properties
    props = {k: v for k, v in {
        "title": cp.title or "", "subject": cp.subject or "", "author": cp.author or "",
        "creator": cp.category or "",
        "created": cp.created.isoformat() if cp.created else "",
    }.items() if v}
    return SourceDocument(nodes=tuple(nodes), properties=props, format="docx")
