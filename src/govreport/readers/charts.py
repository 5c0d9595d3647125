"""Charts back from their OOXML chart part (``c:chartSpace``), the same in DOCX and HWPX.

The cached categories and values of each series are read (``c:strCache``/``c:numCache``):
bar, stacked bar, line, bar + line and pie charts.  The data come back inline
(``categories`` + ``series``); a chart drawn from a table (``source``) reads back with the
numbers it showed.
"""

from __future__ import annotations

import math
from typing import Any

from lxml import etree

from ..support.errors import short
from .errors import ReadError
from .log import ReadLog

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


MAX_POINTS = 10_000
"""Points one series of a chart part may declare (``c:ptCount``); a chart shows at most 200
categories, so a part declaring more is not read (no list of that size is made)."""


def _number(text: str | None, notes: list[str]) -> int | float | None:
    if text is None or not text.strip():
        return None
    try:
        v = float(text)
    except ValueError:
        return None
    if not math.isfinite(v) or abs(v) >= 1e18:
        notes.append(f"the value {short(text.strip(), 40)!r} is not a finite number of a "
                     "report; read as empty")
        return None
    v = round(v, 9)  # 16.200000000000003 → 16.2 (binary noise of the writer's arithmetic)
    return int(v) if v.is_integer() and abs(v) < 1e15 else v


def _count(el: Any, attr: str, what: str) -> int:
    """A whole-number attribute of a chart element; :class:`ReadError` otherwise."""
    raw = el.get(attr, "0")
    try:
        return int(raw)
    except ValueError:
        raise ReadError(f"{what} {short(raw, 40)!r} is not a whole number") from None


def _points(parent: Any, cache: str) -> list[Any]:
    node = next(parent.iter(f"{C}{cache}"), None) if parent is not None else None
    if node is None:
        return []
    count_el = node.find(f"{C}ptCount")
    n = _count(count_el, "val", "ptCount") if count_el is not None else 0
    if n > MAX_POINTS:
        raise ReadError(f"ptCount {n:,} is more than {MAX_POINTS:,} points")
    out: list[Any] = [None] * max(n, 0)
    for pt in node.iterfind(f"{C}pt"):
        i = _count(pt, "idx", "point idx")
        v = pt.find(f"{C}v")
        if 0 <= i < n and v is not None:
            out[i] = v.text
    return out


def read_chart_xml(data: bytes, notes: list[str] | None = None) -> dict[str, Any] | None:
    """``kind``/``categories``/``series`` of a chart part, or None when it is not one;
    :class:`ReadError` (with the reason) when it declares more than it may or holds
    attributes that are not numbers.  ``notes`` gets what was read as empty (values that
    are no finite number)."""
    notes = notes if notes is not None else []
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return None
    plot = next(root.iter(f"{C}plotArea"), None)
    if plot is None:
        return None
    groups = [g for g in plot if etree.QName(g).localname in (
        "barChart", "bar3DChart", "lineChart", "line3DChart", "pieChart", "pie3DChart",
        "doughnutChart")]
    if not groups:
        return None
    names = {etree.QName(g).localname.replace("3D", "") for g in groups}
    stacked = any((g.find(f"{C}grouping") is not None and
                   g.find(f"{C}grouping").get("val") in ("stacked", "percentStacked"))
                  for g in groups if "bar" in etree.QName(g).localname)
    if names <= {"pieChart", "doughnutChart"}:
        kind = "pie"
    elif names == {"lineChart"}:
        kind = "line"
    elif names == {"barChart"}:
        kind = "stacked_bar" if stacked else "bar"
    elif names == {"barChart", "lineChart"}:
        kind = "bar_line"
    else:
        return None
    categories: list[str] = []
    series: list[dict[str, Any]] = []
    for g in groups:
        gname = etree.QName(g).localname
        for ser in g.iterfind(f"{C}ser"):
            name_pts = _points(ser.find(f"{C}tx"), "strCache")
            cats = _points(ser.find(f"{C}cat"), "strCache") or _points(
                ser.find(f"{C}cat"), "numCache")
            if cats and not categories:
                categories = [str(c) if c is not None else "" for c in cats]
            values = [_number(v, notes) for v in _points(ser.find(f"{C}val"), "numCache")]
            entry: dict[str, Any] = {"name": (name_pts[0] if name_pts else None) or "",
                                     "values": values}
            if kind == "bar_line":
                entry["kind"] = "line" if gname.startswith("line") else "bar"
            series.append(entry)
    if kind == "bar_line" and series:
        # bars by default and the last series a line: only say what differs from that
        for i, s in enumerate(series):
            default = "line" if i == len(series) - 1 else "bar"
            if s["kind"] == default:
                del s["kind"]
    return {"kind": kind, "categories": categories, "series": series}


def read_chart(data: bytes | None, loc: str, log: ReadLog) -> dict[str, Any] | None:
    """:func:`read_chart_xml` for a reader: what is not read is logged at ``loc``."""
    notes: list[str] = []
    try:
        found = read_chart_xml(data, notes) if data else None
    except ReadError as exc:
        log.skip(loc, f"a chart is not read ({exc})")
        return None
    if found is None:
        log.skip(loc, "a chart is not read (kept out of the model)")
    for note in notes[:20]:
        log.fallback(loc, f"chart: {note}")
    return found
