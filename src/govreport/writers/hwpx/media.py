"""Pictures and charts in HWPX: ``BinData/`` images with ``hp:pic``, ``Chart/`` parts with
``hp:chart``.

A picture's bytes go to ``BinData/imageN.png|jpg``, listed in the ``content.hpf`` manifest
with ``isEmbeded="1"`` (Hancom drops unlisted pictures); ``hp:pic`` points at the manifest
id.  A chart is Hancom's native chart object: the same DrawingML chartML as the DOCX chart
part (:mod:`..chartml`) stored as ``Chart/chartN.xml`` — Hancom registers chart parts in no
manifest — and anchored by ``hp:chart chartIDRef="Chart/chartN.xml"``.  Both are
treat-as-character objects in their own paragraph, so the paragraph's alignment places them.
"""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping

from ...layout.nodes import ChartBox, PictureBox
from ..charts.chartml import chart_xml
from ..units import pt_to_hwpunit
from ._xml import attr

_IDENTITY = 'e1="1" e2="0" e3="0" e4="0" e5="1" e6="0"'
_GAP = 283
"""Outer margin below a picture or chart (1 mm), so the line under it does not touch it."""


class HwpxMedia:
    """Collects the binary and chart parts of one package and hands out their references."""

    def __init__(self) -> None:
        self.images: dict[str, tuple[str, str, bytes, str]] = {}  # sha1 → id, path, data, type
        self.charts: dict[str, bytes] = {}

    def image(self, data: bytes, fmt: str) -> str:
        """Manifest id of a ``BinData`` image holding ``data`` (shared when repeated)."""
        key = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        if key not in self.images:
            n = len(self.images) + 1
            ext = "png" if fmt == "png" else "jpg"
            self.images[key] = (f"image{n}", f"BinData/image{n}.{ext}", data, f"image/{fmt}")
        return self.images[key][0]

    def chart(self, box: ChartBox) -> str:
        """Part name of a new chart part for ``box``."""
        name = f"Chart/chart{len(self.charts) + 1}.xml"
        self.charts[name] = chart_xml(box)
        return name

    def manifest_items(self) -> str:
        """``opf:item`` entries of the images (charts are not listed, as Hancom does)."""
        return "".join(
            f'<opf:item id="{i}" href="{p}" media-type="{t}" isEmbeded="1"/>'
            for i, p, _, t in self.images.values())

    def add_to(self, parts: MutableMapping[str, bytes]) -> None:
        """Put the parts into a package and list the images in ``Contents/content.hpf``."""
        if not self.images and not self.charts:
            return
        for _, path, data, _ in self.images.values():
            parts[path] = data
        parts.update(self.charts)
        hpf = parts.get("Contents/content.hpf")
        if hpf is not None and self.images:
            text = hpf.decode("utf-8")
            for end in ("</opf:manifest>", "<opf:manifest/>"):
                if end in text:
                    items = self.manifest_items()
                    text = text.replace(end, items + "</opf:manifest>" if end[1] == "/"
                                        else "<opf:manifest>" + items + "</opf:manifest>", 1)
                    break
            parts["Contents/content.hpf"] = text.encode("utf-8")


def pic_xml(box: PictureBox, item_id: str, obj_id: int) -> str:
    """A treat-as-character ``hp:pic`` of ``box`` showing manifest item ``item_id``."""
    w, h = pt_to_hwpunit(box.width_pt), pt_to_hwpunit(box.height_pt)
    # the bitmap's own size, 75 HWPUNIT a pixel (96 dpi), as Hancom records it: imgClip
    # (no cropping) and imgDim are in these units
    dw, dh = (box.px_width * 75, box.px_height * 75) if box.px_width else (w, h)
    return (
        f'<hp:pic id="{obj_id}" zOrder="{obj_id % 100000}" numberingType="PICTURE" '
        'textWrap="TOP_AND_BOTTOM" textFlow="BOTH_SIDES" lock="0" dropcapstyle="None" '
        f'href="" groupLevel="0" instid="{obj_id}" reverse="0">'
        '<hp:offset x="0" y="0"/>'
        f'<hp:orgSz width="{w}" height="{h}"/><hp:curSz width="{w}" height="{h}"/>'
        '<hp:flip horizontal="0" vertical="0"/>'
        f'<hp:rotationInfo angle="0" centerX="{w // 2}" centerY="{h // 2}" rotateimage="1"/>'
        f'<hp:renderingInfo><hc:transMatrix {_IDENTITY}/><hc:scaMatrix {_IDENTITY}/>'
        f'<hc:rotMatrix {_IDENTITY}/></hp:renderingInfo>'
        f'<hp:imgRect><hc:pt0 x="0" y="0"/><hc:pt1 x="{w}" y="0"/><hc:pt2 x="{w}" y="{h}"/>'
        f'<hc:pt3 x="0" y="{h}"/></hp:imgRect>'
        f'<hp:imgClip left="0" right="{dw}" top="0" bottom="{dh}"/>'
        '<hp:inMargin left="0" right="0" top="0" bottom="0"/>'
        f'<hp:imgDim dimwidth="{dw}" dimheight="{dh}"/>'
        f'<hc:img binaryItemIDRef="{attr(item_id)}" bright="0" contrast="0" effect="REAL_PIC" '
        'alpha="0"/><hp:effects/>'
        f'<hp:sz width="{w}" widthRelTo="ABSOLUTE" height="{h}" heightRelTo="ABSOLUTE" '
        'protect="0"/>'
        '<hp:pos treatAsChar="1" affectLSpacing="0" flowWithText="1" allowOverlap="0" '
        'holdAnchorAndSO="0" vertRelTo="PARA" horzRelTo="COLUMN" vertAlign="TOP" '
        'horzAlign="LEFT" vertOffset="0" horzOffset="0"/>'
        f'<hp:outMargin left="0" right="0" top="0" bottom="{_GAP}"/>'
        f"<hp:shapeComment>{attr(box.descr)}</hp:shapeComment></hp:pic>"
    )


def chart_anchor_xml(box: ChartBox, part: str, obj_id: int) -> str:
    """A treat-as-character ``hp:chart`` anchoring chart part ``part``."""
    w, h = pt_to_hwpunit(box.width_pt), pt_to_hwpunit(box.height_pt)
    return (
        f'<hp:chart id="{obj_id}" zOrder="{obj_id % 100000}" numberingType="PICTURE" '
        'textWrap="TOP_AND_BOTTOM" textFlow="BOTH_SIDES" lock="0" dropcapstyle="None" '
        f'chartIDRef="{attr(part)}">'
        f'<hp:sz width="{w}" widthRelTo="ABSOLUTE" height="{h}" heightRelTo="ABSOLUTE" '
        'protect="0"/>'
        '<hp:pos treatAsChar="1" affectLSpacing="0" flowWithText="1" allowOverlap="0" '
        'holdAnchorAndSO="0" vertRelTo="PARA" horzRelTo="COLUMN" vertAlign="TOP" '
        'horzAlign="LEFT" vertOffset="0" horzOffset="0"/>'
        f'<hp:outMargin left="0" right="0" top="0" bottom="{_GAP}"/></hp:chart>'
    )
