"""Pictures and charts in WordprocessingML: ``wp:inline`` drawings and their parts.

The report writer writes drawings as strings (:func:`picture_run_xml`, :func:`chart_run_xml`)
and collects their parts in a :class:`PackageMedia`; free-form templates, filled through
python-docx, use the element builders and :class:`DocxMedia`.

A picture is an image part (``word/media/imageN.png``) shown by ``pic:pic``; a chart is a
chart part (``word/charts/chartN.xml``, :mod:`..chartml`) with its data in an embedded
workbook (``word/embeddings/…xlsx``), shown by ``c:chart`` — a native chart that Word and
LibreOffice can edit.  Each sits inline in its own paragraph, aligned by the paragraph.
"""

from __future__ import annotations

import io
from typing import Any

from lxml import etree

from ...layout.nodes import ChartBox, PictureBox
from ..charts.chartml import CHART_CONTENT_TYPE, CHART_REL, PACKAGE_REL, chart_xml
from ..charts.workbook import XLSX_CONTENT_TYPE, chart_workbook
from ..units import pt_to_emu
from .ooxml import Element, sub
from .wml import attr

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
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

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


# --------------------------------------------------------------------------- as strings
# The string writer declares each namespace on the element that first uses it, so a drawing
# is well-formed in any template whatever prefixes its document root declares.

def _inline_xml(width_pt: float, height_pt: float, shape_id: int, name: str,
                descr: str) -> tuple[str, int, int]:
    cx, cy = pt_to_emu(width_pt), pt_to_emu(height_pt)
    head = (
        f'<w:r><w:drawing><wp:inline xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" distT="0" distB="0" '
        f'distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="{attr(name or f"Shape {shape_id}")}" '
        f'descr="{attr(descr)}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        "<a:graphic>"
    )
    return head, cx, cy


_INLINE_END = "</a:graphic></wp:inline></w:drawing></w:r>"


def picture_run_xml(box: PictureBox, rid: str, shape_id: int) -> str:
    """A ``w:r`` holding the inline drawing of a picture (image relationship ``rid``)."""
    head, cx, cy = _inline_xml(box.width_pt, box.height_pt, shape_id, box.name, box.descr)
    return (
        f'{head}<a:graphicData uri="{PIC_NS}"><pic:pic xmlns:pic="{PIC_NS}"><pic:nvPicPr>'
        f'<pic:cNvPr id="0" name="{attr(box.name or "picture")}"/><pic:cNvPicPr/>'
        f'</pic:nvPicPr><pic:blipFill><a:blip xmlns:r="{R_NS}" r:embed="{attr(rid)}"/>'
        "<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>"
        f'<a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        f"</a:graphicData>{_INLINE_END}"
    )


def chart_run_xml(box: ChartBox, rid: str, shape_id: int) -> str:
    """A ``w:r`` holding the inline drawing of a chart (chart relationship ``rid``)."""
    head, _, _ = _inline_xml(box.width_pt, box.height_pt, shape_id,
                             box.title or f"Chart {shape_id}", box.title)
    return (
        f'{head}<a:graphicData uri="{C_NS}"><c:chart xmlns:c="{C_NS}" xmlns:r="{R_NS}" '
        f'r:id="{attr(rid)}"/></a:graphicData>{_INLINE_END}'
    )


_IMAGE_TYPES = {"png": ("png", "image/png"), "jpeg": ("jpg", "image/jpeg")}
IMAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


class PackageMedia:
    """Image, chart and workbook parts added to a DOCX package written directly.

    Relationship ids continue after the document part's own (``used_rids``), part names
    after the package's (``names``), shape ids after the largest ``wp:docPr`` id
    (``first_shape_id``).  Identical images share one part.
    """

    def __init__(self, used_rids: set[str], names: set[str], first_shape_id: int) -> None:
        self._rids = used_rids
        self._names = names
        self._next_id = first_shape_id
        self._images: dict[bytes, str] = {}
        self.parts: dict[str, bytes] = {}
        """New parts by zip name (``word/media/image1.png`` …)."""
        self.rels: list[tuple[str, str, str]] = []
        """New relationships of the document part: ``(rId, type, target)``."""
        self.content_types: dict[str, str] = {}
        """``/part/name`` → content type of every new part."""

    def shape_id(self) -> int:
        n = self._next_id
        self._next_id += 1
        return n

    def new_rid(self) -> str:
        n = 1
        while f"rId{n}" in self._rids:
            n += 1
        rid = f"rId{n}"
        self._rids.add(rid)
        return rid

    def _name(self, pattern: str) -> str:
        n = 1
        while pattern % n in self._names:
            n += 1
        name = pattern % n
        self._names.add(name)
        return name

    def image(self, data: bytes, fmt: str = "png") -> str:
        """Relationship id of an image part holding ``data`` (shared when repeated)."""
        import hashlib

        key = hashlib.sha1(data).digest()
        rid = self._images.get(key)
        if rid is None:
            ext, ctype = _IMAGE_TYPES.get(fmt, _IMAGE_TYPES["png"])
            n = len(self._images) + 1
            while any(f"word/media/image{n}.{e}" in self._names for e in ("png", "jpg")):
                n += 1
            name = f"word/media/image{n}.{ext}"
            self._names.add(name)
            self.parts[name] = data
            self.content_types[f"/{name}"] = ctype
            rid = self._images[key] = self.new_rid()
            self.rels.append((rid, IMAGE_REL, name.removeprefix("word/")))
        return rid

    def chart(self, box: ChartBox) -> str:
        """Relationship id of a new chart part (with its embedded workbook) for ``box``."""
        name = self._name("word/charts/chart%d.xml")
        book = self._name("word/embeddings/Microsoft_Excel_Worksheet%d.xlsx")
        self.parts[book] = chart_workbook(box)
        self.content_types[f"/{book}"] = XLSX_CONTENT_TYPE
        self.parts[name] = chart_xml(box, workbook_rid="rId1")
        self.content_types[f"/{name}"] = CHART_CONTENT_TYPE
        folder, _, base = name.rpartition("/")
        self.parts[f"{folder}/_rels/{base}.rels"] = relationships_xml(
            [("rId1", PACKAGE_REL, f"../embeddings/{book.rpartition('/')[2]}")])
        rid = self.new_rid()
        self.rels.append((rid, CHART_REL, name.removeprefix("word/")))
        return rid


def relationships_xml(items: list[tuple[str, str, str]]) -> bytes:
    """A ``.rels`` part of ``(Id, Type, Target)`` relationships."""
    body = "".join(f'<Relationship Id="{attr(i)}" Type="{attr(t)}" Target="{attr(g)}"/>'
                   for i, t, g in items)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns='
        f'"http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>'
    ).encode()
