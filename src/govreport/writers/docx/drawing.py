"""Pictures and charts in WordprocessingML: ``wp:inline`` drawings and their parts.

A picture is an image part (``word/media/imageN.png``) shown by ``pic:pic``; a chart is a
chart part (``word/charts/chartN.xml``, :mod:`..chartml`) with its data in an embedded
workbook (``word/embeddings/…xlsx``), shown by ``c:chart`` — a native chart that Word and
LibreOffice can edit.  Each sits inline in its own paragraph, aligned by the paragraph.
"""

from __future__ import annotations

import io
from typing import Any

from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from ...layout.nodes import ChartBox, PictureBox
from ..chartml import CHART_CONTENT_TYPE, CHART_REL, PACKAGE_REL, chart_xml
from ..units import pt_to_emu, pt_to_twip
from ..workbook import XLSX_CONTENT_TYPE, chart_workbook
from .ooxml import Element, sub, w
from .props import JC, ppr

WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


_PREFIX = {WP_NS: "wp", A_NS: "a", PIC_NS: "pic", C_NS: "c"}


def _el(parent: Element, ns: str, tag: str, **attrib: object) -> Element:
    """A child element with the usual prefix of its namespace (``wp:``, ``a:``, ``pic:``,
    ``c:``), as Word writes them."""
    nsmap = None if parent.nsmap.get(_PREFIX[ns]) == ns else {_PREFIX[ns]: ns}
    el = etree.SubElement(parent, f"{{{ns}}}{tag}", nsmap=nsmap)
    for k, v in attrib.items():
        el.set(k, str(v))
    return el


class DocxMedia:
    """Adds image, chart and workbook parts to a python-docx document; hands out ids."""

    def __init__(self, document: Any) -> None:
        self.part = document.part
        self.package = self.part.package
        found: Any = etree.XPath(".//wp:docPr/@id", namespaces={"wp": WP_NS})(
            document.element.body)
        used = [int(str(x)) for x in found if str(x).isdigit()]
        self._next_id = max(used, default=0) + 1

    def shape_id(self) -> int:
        n = self._next_id
        self._next_id += 1
        return n

    def image(self, data: bytes) -> str:
        """Relationship id of an image part holding ``data`` (shared when repeated)."""
        rid, _ = self.part.get_or_add_image(io.BytesIO(data))
        return str(rid)

    def chart(self, box: ChartBox) -> str:
        """Relationship id of a new chart part (with its embedded workbook) for ``box``."""
        name = self.package.next_partname("/word/charts/chart%d.xml")
        chart = Part(PackURI(name), CHART_CONTENT_TYPE, b"", self.package)
        rid = self.part.relate_to(chart, CHART_REL)
        book_name = self.package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx")
        book = Part(PackURI(book_name), XLSX_CONTENT_TYPE, chart_workbook(box), self.package)
        book_rid = chart.relate_to(book, PACKAGE_REL)
        chart._blob = chart_xml(box, workbook_rid=book_rid)
        return str(rid)


def _inline(run: Element, width_pt: float, height_pt: float, shape_id: int, name: str,
            descr: str) -> tuple[Element, int, int]:
    cx, cy = pt_to_emu(width_pt), pt_to_emu(height_pt)
    drawing = sub(run, "drawing")
    inline = _el(drawing, WP_NS, "inline", distT=0, distB=0, distL=0, distR=0)
    _el(inline, WP_NS, "extent", cx=cx, cy=cy)
    _el(inline, WP_NS, "effectExtent", l=0, t=0, r=0, b=0)
    _el(inline, WP_NS, "docPr", id=shape_id, name=name or f"Shape {shape_id}", descr=descr)
    frame = _el(inline, WP_NS, "cNvGraphicFramePr")
    _el(frame, A_NS, "graphicFrameLocks", noChangeAspect=1)
    return _el(inline, A_NS, "graphic"), cx, cy


def picture_run(run: Element, box: PictureBox, rid: str, shape_id: int) -> None:
    """``w:drawing`` of an inline picture in ``run``."""
    graphic, cx, cy = _inline(run, box.width_pt, box.height_pt, shape_id, box.name, box.descr)
    data = _el(graphic, A_NS, "graphicData", uri=PIC_NS)
    pic = _el(data, PIC_NS, "pic")
    nv = _el(pic, PIC_NS, "nvPicPr")
    _el(nv, PIC_NS, "cNvPr", id=0, name=box.name or "picture")
    _el(nv, PIC_NS, "cNvPicPr")
    fill = _el(pic, PIC_NS, "blipFill")
    _el(fill, A_NS, "blip").set(f"{{{R_NS}}}embed", rid)
    _el(_el(fill, A_NS, "stretch"), A_NS, "fillRect")
    sp = _el(pic, PIC_NS, "spPr")
    xfrm = _el(sp, A_NS, "xfrm")
    _el(xfrm, A_NS, "off", x=0, y=0)
    _el(xfrm, A_NS, "ext", cx=cx, cy=cy)
    _el(_el(sp, A_NS, "prstGeom", prst="rect"), A_NS, "avLst")


def chart_run(run: Element, box: ChartBox, rid: str, shape_id: int) -> None:
    """``w:drawing`` of an inline chart in ``run``."""
    graphic, _, _ = _inline(run, box.width_pt, box.height_pt, shape_id,
                            box.title or f"Chart {shape_id}", box.title)
    data = _el(graphic, A_NS, "graphicData", uri=C_NS)
    _el(data, C_NS, "chart").set(f"{{{R_NS}}}id", rid)


def drawing_para(parent: Element, style_id: str, box: PictureBox | ChartBox, *,
                 page_break: bool, before_twip: int | None) -> Element:
    """The paragraph that holds a drawing: aligned, single line pitch (never exact: an exact
    pitch would clip the picture), keeping with the caption below when asked."""
    p = sub(parent, "p")
    ppr(p, style_id=style_id, keep_next=box.keep_next, page_break_before=page_break,
        before=before_twip if before_twip is not None else pt_to_twip(box.space_before_pt),
        after=0, ind=(0, 0), jc=JC[box.align])
    spacing = p.find(f"{w('pPr')}/{w('spacing')}")
    if spacing is not None:
        spacing.set(w("line"), "240")
        spacing.set(w("lineRule"), "auto")
    return p
