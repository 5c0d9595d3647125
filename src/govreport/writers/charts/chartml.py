"""A :class:`ChartBox` as DrawingML chartML (``c:chartSpace``) — the chart part of both formats.

Word keeps it as ``word/charts/chartN.xml`` (with the data in an embedded workbook, so the
chart stays editable); Hancom reads the same chartML from ``Chart/chartN.xml`` of an HWPX
package.  Values are cached in the part (``c:numCache``/``c:strCache``), so viewers draw the
chart without opening the workbook.  The look is the government one: plain axes, no chart
title inside the frame (the caption ``< 제목 >`` is a paragraph), value labels, theme colours
and the theme's font for Korean text.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from ...layout.nodes import ChartBox, ChartSeriesData
from ..units import pt_to_emu

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
PACKAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
SHEET = "Sheet1"

_C, _A = f"{{{C_NS}}}", f"{{{A_NS}}}"
Element = etree._Element

_CAT_AX, _VAL_AX, _CAT_AX2, _VAL_AX2 = 500100, 500200, 500300, 500400


def _c(parent: Element, tag: str, val: object | None = None) -> Element:
    el = etree.SubElement(parent, _C + tag)
    if val is not None:
        el.set("val", str(val))
    return el


def _a(parent: Element, tag: str, **attrib: object) -> Element:
    el = etree.SubElement(parent, _A + tag)
    for k, v in attrib.items():
        el.set(k, str(v))
    return el


def _hex(color: str) -> str:
    return color.lstrip("#").upper()


def col_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based index (0 → ``A``, 26 → ``AA``)."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _solid(parent: Element, color: str) -> None:
    _a(_a(parent, "solidFill"), "srgbClr", val=_hex(color))


def _line(parent: Element, color: str | None, width_pt: float = 0.75) -> None:
    ln = _a(parent, "ln", w=pt_to_emu(width_pt))
    if color is None:
        _a(ln, "noFill")
    else:
        _solid(ln, color)


def _text_props(parent: Element, box: ChartBox, *, size_pt: float | None = None,
                bold: bool = False) -> None:
    """``c:txPr``: the theme font (Latin and East-Asian) at the chart text size."""
    tx = _c(parent, "txPr")
    _a(tx, "bodyPr")
    _a(tx, "lstStyle")
    p = _a(tx, "p")
    ppr = _a(p, "pPr")
    rpr = _a(ppr, "defRPr", sz=round((size_pt or box.font_pt) * 100), b=int(bold))
    _solid(rpr, box.text_color)
    _a(rpr, "latin", typeface=box.font)
    _a(rpr, "ea", typeface=box.font)
    _a(p, "endParaRPr", lang="ko-KR")


def _str_ref(parent: Element, ref: str, values: Sequence[str]) -> None:
    sr = _c(parent, "strRef")
    _c(sr, "f").text = ref
    cache = _c(sr, "strCache")
    _c(cache, "ptCount", len(values))
    for i, v in enumerate(values):
        pt = _c(cache, "pt")
        pt.set("idx", str(i))
        _c(pt, "v").text = v


def _num_ref(parent: Element, ref: str, values: Sequence[float | None], fmt: str) -> None:
    nr = _c(parent, "numRef")
    _c(nr, "f").text = ref
    cache = _c(nr, "numCache")
    _c(cache, "formatCode").text = fmt
    _c(cache, "ptCount", len(values))
    for i, v in enumerate(values):
        if v is None:
            continue
        pt = _c(cache, "pt")
        pt.set("idx", str(i))
        _c(pt, "v").text = repr(float(v)) if not float(v).is_integer() else str(int(v))


def _labels(parent: Element, box: ChartBox, s: ChartSeriesData, position: str | None) -> None:
    dl = _c(parent, "dLbls")
    nf = _c(dl, "numFmt")
    nf.set("formatCode", s.number_format)
    nf.set("sourceLinked", "0")
    sp = _c(dl, "spPr")
    _a(sp, "noFill")
    _line(sp, None)
    _text_props(dl, box, size_pt=box.font_pt * 0.9)
    if position:
        _c(dl, "dLblPos", position)
    _c(dl, "showLegendKey", 0)
    _c(dl, "showVal", int(box.value_labels))
    _c(dl, "showCatName", 0)
    _c(dl, "showSerName", 0)
    _c(dl, "showPercent", 0)
    _c(dl, "showBubbleSize", 0)


def _series(parent: Element, box: ChartBox, s: ChartSeriesData, index: int, column: int,
            label_pos: str | None) -> None:
    n = len(box.categories)
    col = col_letter(column)
    ser = _c(parent, "ser")
    _c(ser, "idx", index)
    _c(ser, "order", index)
    _str_ref(_c(ser, "tx"), f"{SHEET}!${col}$1", [s.name])
    sp = _c(ser, "spPr")
    if s.kind == "line":
        ln = _a(sp, "ln", w=pt_to_emu(2.25), cap="rnd")
        _solid(ln, s.color)
        _a(ln, "round")
    elif s.kind != "pie":
        _solid(sp, s.color)
        _line(sp, None)
    if s.kind == "bar":
        _c(ser, "invertIfNegative", 0)
    if s.kind == "line":
        marker = _c(ser, "marker")
        _c(marker, "symbol", "circle")
        _c(marker, "size", 6)
        msp = _c(marker, "spPr")
        _solid(msp, s.color)
        _line(msp, s.color)
    if s.kind == "pie":
        for i, color in enumerate(box.colors):
            dpt = _c(ser, "dPt")
            _c(dpt, "idx", i)
            _c(dpt, "bubble3D", 0)
            dsp = _c(dpt, "spPr")
            _solid(dsp, color)
            _line(dsp, "#FFFFFF")
    _labels(ser, box, s, label_pos)
    _str_ref(_c(ser, "cat"), f"{SHEET}!$A$2:$A${n + 1}", box.categories)
    _num_ref(_c(ser, "val"), f"{SHEET}!${col}$2:${col}${n + 1}", s.values, s.number_format)
    if s.kind == "line":
        _c(ser, "smooth", 0)


def _axis_common(ax: Element, box: ChartBox, ax_id: int, cross: int, pos: str,
                 *, delete: bool = False, zero: bool = False) -> None:
    _c(ax, "axId", ax_id)
    scaling = _c(ax, "scaling")
    _c(scaling, "orientation", "minMax")
    if zero:  # bars start at zero (a cut axis exaggerates differences)
        _c(scaling, "min", 0)
    _c(ax, "delete", int(delete))
    _c(ax, "axPos", pos)


def _cat_axis(plot: Element, box: ChartBox, ax_id: int, cross: int, *,
              delete: bool = False) -> None:
    ax = _c(plot, "catAx")
    _axis_common(ax, box, ax_id, cross, "b", delete=delete)
    _c(ax, "majorTickMark", "none")
    _c(ax, "minorTickMark", "none")
    _c(ax, "tickLblPos", "nextTo" if not delete else "none")
    sp = _c(ax, "spPr")
    _line(sp, box.axis_color)
    _text_props(ax, box)
    _c(ax, "crossAx", cross)
    _c(ax, "crosses", "autoZero")
    _c(ax, "auto", 1)
    _c(ax, "lblAlgn", "ctr")
    _c(ax, "lblOffset", 100)
    _c(ax, "noMultiLvlLbl", 0)


def _val_axis(plot: Element, box: ChartBox, ax_id: int, cross: int, fmt: str, *,
              secondary: bool = False, zero: bool = False) -> None:
    ax = _c(plot, "valAx")
    _axis_common(ax, box, ax_id, cross, "r" if secondary else "l", zero=zero)
    if box.gridlines and not secondary:
        grid = _c(ax, "majorGridlines")
        _line(_c(grid, "spPr"), "#D9D9D9", 0.5)
    nf = _c(ax, "numFmt")
    nf.set("formatCode", fmt)
    nf.set("sourceLinked", "0")
    _c(ax, "majorTickMark", "out")
    _c(ax, "minorTickMark", "none")
    _c(ax, "tickLblPos", "nextTo")
    sp = _c(ax, "spPr")
    _line(sp, box.axis_color)
    _text_props(ax, box)
    _c(ax, "crossAx", cross)
    _c(ax, "crosses", "max" if secondary else "autoZero")
    _c(ax, "crossBetween", "between")


def _bars_from_zero(members: Sequence[tuple[int, ChartSeriesData]]) -> bool:
    """True when the axis holds bars and no negative value (then it starts at 0)."""
    return any(s.kind == "bar" for _, s in members) and all(
        v is None or v >= 0 for _, s in members for v in s.values)


def axis_format(members: Sequence[tuple[int, ChartSeriesData]]) -> str:
    """Axis numbers: whole numbers unless the values are all small (then one decimal)."""
    values = [abs(v) for _, s in members for v in s.values if v is not None]
    percent = any(s.number_format.endswith('"%"') for _, s in members)
    whole = "#,##0" if not values or max(values) >= 10 else "#,##0.0"
    return whole + ('"%"' if percent else "")


def chart_xml(box: ChartBox, *, workbook_rid: str | None = None) -> bytes:
    """The chart part; ``workbook_rid`` links the embedded workbook (DOCX), else none."""
    space = etree.Element(_C + "chartSpace", nsmap={"c": C_NS, "a": A_NS, "r": R_NS})
    _c(space, "date1904", 0)
    _c(space, "lang", "ko-KR")
    _c(space, "roundedCorners", 0)
    chart = _c(space, "chart")
    _c(chart, "autoTitleDeleted", 1)
    plot = _c(chart, "plotArea")
    _c(plot, "layout")
    primary = [(i, s) for i, s in enumerate(box.series) if not s.secondary]
    secondary = [(i, s) for i, s in enumerate(box.series) if s.secondary]
    pfmt = axis_format(primary)
    if box.kind == "pie":
        pie = _c(plot, "pieChart")
        _c(pie, "varyColors", 1)
        for i, s in enumerate(box.series[:1]):
            _series(pie, box, s, i, i + 1, "outEnd")
        _c(pie, "firstSliceAng", 0)
    else:
        def group(members: list[tuple[int, ChartSeriesData]], axes: tuple[int, int]) -> None:
            bars = [(i, s) for i, s in members if s.kind == "bar"]
            lines = [(i, s) for i, s in members if s.kind == "line"]
            if bars:
                stacked = box.kind == "stacked_bar"
                bc = _c(plot, "barChart")
                _c(bc, "barDir", "col")
                _c(bc, "grouping", "stacked" if stacked else "clustered")
                _c(bc, "varyColors", 0)
                for i, s in bars:
                    _series(bc, box, s, i, i + 1, "ctr" if stacked else "outEnd")
                _c(bc, "gapWidth", 80)
                if stacked:
                    _c(bc, "overlap", 100)
                _c(bc, "axId", axes[0])
                _c(bc, "axId", axes[1])
            if lines:
                lc = _c(plot, "lineChart")
                _c(lc, "grouping", "standard")
                _c(lc, "varyColors", 0)
                for i, s in lines:
                    _series(lc, box, s, i, i + 1, "t")
                _c(lc, "marker", 1)
                _c(lc, "axId", axes[0])
                _c(lc, "axId", axes[1])

        group(primary, (_CAT_AX, _VAL_AX))
        if secondary:
            group(secondary, (_CAT_AX2, _VAL_AX2))
        _cat_axis(plot, box, _CAT_AX, _VAL_AX)
        _val_axis(plot, box, _VAL_AX, _CAT_AX, pfmt, zero=_bars_from_zero(primary))
        if secondary:
            _cat_axis(plot, box, _CAT_AX2, _VAL_AX2, delete=True)
            _val_axis(plot, box, _VAL_AX2, _CAT_AX2, axis_format(secondary), secondary=True,
                      zero=_bars_from_zero(secondary))
    psp = _c(plot, "spPr")
    _a(psp, "noFill")
    _line(psp, None)
    if box.legend:
        legend = _c(chart, "legend")
        _c(legend, "legendPos", "b")
        _c(legend, "overlay", 0)
        _text_props(legend, box)
    _c(chart, "plotVisOnly", 1)
    _c(chart, "dispBlanksAs", "gap")
    sp = _c(space, "spPr")
    _solid(sp, "#FFFFFF")
    _line(sp, None)
    _text_props(space, box)
    if workbook_rid is not None:
        ext = _c(space, "externalData")
        ext.set(f"{{{R_NS}}}id", workbook_rid)
        _c(ext, "autoUpdate", 0)
    return bytes(etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True))


__all__ = ["CHART_CONTENT_TYPE", "CHART_REL", "PACKAGE_REL", "SHEET", "chart_xml", "col_letter"]
