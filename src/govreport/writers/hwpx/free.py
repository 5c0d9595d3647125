"""Free-form HWPX templates with docxtpl's tags, compiled from the section XML to Jinja.

A section is parsed with lxml; Jinja tags that Hancom split over several runs are gathered
into the run where they start; then

* a paragraph holding ``{%p … %}`` is replaced by the bare statement ``{% … %}`` (so
  ``{%p for %}`` / ``{%p if %}`` repeat or drop whole paragraphs),
* the table row holding ``{%tr … %}`` and the cell holding ``{%tc … %}`` likewise,
* every other text slot keeps its text, its tags written raw into the Jinja source and its
  literal text XML-escaped.

The source is rendered once (with autoescape: values are XML-escaped) in the project's
sandbox, so a 10,000-row loop costs one pass.  The result is parsed again and the tables are
repaired: row and cell addresses, row/column counts, widths of repeated cells, and the
declared vertical merges (``{% vmerge %}``, ``{% vm %}``) turned into ``rowSpan``.

Each text slot starts a new source line (a Jinja comment holding a line break), so a
runtime error's line number names the section, paragraph or table cell it came from.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape

import attrs
import jinja2
from lxml import etree

from ...freeform.templating import (
    MERGE_RE,
    TAG_RE,
    TemplateSpot,
    TemplateStopped,
    describe_stop,
    environment,
    fit_widths,
    located_error,
    watchdog,
)
from ...support.errors import RenderError, short
from ...support.limits import current, hint
from ._xml import HP
from .slots import Slot
from .slots import set_slot_text as _set
from .slots import slot_text as _get
from .slots import text_slots as _slots

_P, _RUN, _T = f"{{{HP}}}p", f"{{{HP}}}run", f"{{{HP}}}t"
_TBL, _TR, _TC = f"{{{HP}}}tbl", f"{{{HP}}}tr", f"{{{HP}}}tc"
_PARSER = etree.XMLParser(remove_blank_text=False, resolve_entities=False, no_network=True,
                          huge_tree=True)
_LEVEL_RE = re.compile(r"\{%-?\s*(p|tr|tc)\s+(.*?)\s*-?%\}", re.S)
_HOLE_RE = re.compile("\ue000(\\d+)\ue001")
_STMT_RE = re.compile(r"<!--GRJ(\d+)-->")
_NL = "{#\n#}"  # a line break in the Jinja source that renders as nothing
_KEEP = {f"{{{HP}}}{n}" for n in ("secPr", "ctrl", "tbl", "pic", "rect", "line", "container",
                                  "equation", "ole", "colPr")}


def _gather(slots: list[Slot]) -> bool:
    """Move every Jinja tag wholly into the slot where it starts; ``True`` if any."""
    texts = [_get(s) for s in slots]
    full = "".join(texts)
    if "{" not in full:
        return False
    matches = list(TAG_RE.finditer(full))
    if not matches:
        return False
    # slot j starts at bounds[j]; a tag that starts in slot i and runs on into slot j moves
    # the start of slot j to the tag's end (slots between them become empty): one pass
    starts: list[int] = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t)
    bounds = [*starts, len(full)]
    m_i = 0
    for j in range(1, len(texts)):
        b = starts[j]
        while m_i < len(matches) and matches[m_i].end() <= b:
            m_i += 1
        if m_i < len(matches) and matches[m_i].start() < b < matches[m_i].end():
            bounds[j] = matches[m_i].end()
        bounds[j] = max(bounds[j], bounds[j - 1])
    for i, s in enumerate(slots):
        _set(s, full[bounds[i]:bounds[i + 1]])
    return True


def _text(p: etree._Element) -> str:
    return "".join(_get(s) for s in _slots(p))


@attrs.define
class CompiledSection:
    """A section as Jinja source, with the template place of each source line."""

    source: str
    lines: list[int]  # first source line of each spot, ascending
    spots: list[TemplateSpot]

    def spot_at(self, lineno: int | None) -> TemplateSpot | None:
        if lineno is None or not self.lines:
            return None
        i = bisect.bisect_right(self.lines, lineno) - 1
        return self.spots[i] if i >= 0 else None


class _Places:
    """Where a paragraph is, in words a template author recognises."""

    def __init__(self, root: etree._Element, section: int) -> None:
        self.section = section
        # the element lists keep lxml's proxies alive, so their ids stay unique
        self._paras = list(root.iterfind(_P))
        self._tables = list(root.iter(_TBL))
        self.top = {id(p): i + 1 for i, p in enumerate(self._paras)}
        self.tables = {id(t): i + 1 for i, t in enumerate(self._tables)}

    def __call__(self, p: etree._Element) -> str:
        where = f"section {self.section + 1}"
        cell = next(p.iterancestors(_TC), None)
        if cell is not None:
            tbl = next(cell.iterancestors(_TBL))
            addr = cell.find(f"{{{HP}}}cellAddr")
            row = int(addr.get("rowAddr", "0")) + 1 if addr is not None else 0
            col = int(addr.get("colAddr", "0")) + 1 if addr is not None else 0
            return f"{where}, table {self.tables.get(id(tbl), 0)} row {row} cell {col}"
        for anc in p.iterancestors():
            local = etree.QName(anc).localname
            if local in ("header", "footer"):
                return f"{where}, {local}"
            if anc.getparent() is None:
                break
        top, parent = p, p.getparent()
        while parent is not None and parent.getparent() is not None:
            top, parent = parent, parent.getparent()
        return f"{where}, paragraph {self.top.get(id(top), 0)}"


def compile_section(xml: bytes, section: int) -> CompiledSection:
    """The Jinja source of one section (see the module docstring)."""
    root = etree.fromstring(xml, _PARSER)
    place = _Places(root, section)
    tagged: list[tuple[etree._Element, str]] = []  # paragraph, its text with tags
    for p in root.iter(_P):
        slots = _slots(p)
        if slots and _gather(slots):
            for cache in p.findall(f"{{{HP}}}linesegarray"):
                p.remove(cache)
            tagged.append((p, _text(p)))
    statements: list[tuple[str, TemplateSpot]] = []
    holes: list[tuple[str, TemplateSpot]] = []
    replaced: set[int] = set()
    alive: list[etree._Element] = []  # keeps the replaced elements' proxies (and ids)

    def gone(el: etree._Element) -> bool:
        return id(el) in replaced or any(id(a) in replaced for a in el.iterancestors())

    for level in ("tr", "tc", "p"):
        targets: dict[int, tuple[etree._Element, list[str], etree._Element]] = {}
        order: list[int] = []
        for p, text in tagged:
            tags = [m for m in _LEVEL_RE.finditer(text) if m.group(1) == level]
            if not tags or gone(p):
                continue
            if level == "p":
                target = p
            else:
                tag = _TR if level == "tr" else _TC
                found = next(p.iterancestors(tag), None)
                if found is None:
                    raise RenderError(f"{place(p)}: {{%{level} … %}} outside a table "
                                      f"{'row' if level == 'tr' else 'cell'}: {text.strip()}")
                target = found
            if id(target) not in targets:
                targets[id(target)] = (target, [], p)
                order.append(id(target))
            targets[id(target)][1].extend(f"{{% {m.group(2)} %}}" for m in tags)
        for key in order:
            target, stmts, p = targets[key]
            spot = TemplateSpot(place(p), " ".join(stmts))
            statements.append(("".join(stmts), spot))
            marker = etree.Comment(f"GRJ{len(statements) - 1}")
            keep = [c for r in target.iterfind(_RUN) for c in r if c.tag in _KEEP] \
                if level == "p" else []
            if keep:  # the paragraph holding the page setup stays, emptied of text
                for s in _slots(target):
                    _set(s, "")
                target.addnext(marker)
                marker.tail, target.tail = target.tail, None
            else:
                marker.tail = target.tail
                parent = target.getparent()
                assert parent is not None
                parent.replace(target, marker)
                replaced.add(key)
                alive.append(target)
    for p, _ in tagged:
        if gone(p):
            continue
        spot_place = place(p)
        for s in _slots(p):
            text = _get(s)
            if TAG_RE.search(text):
                holes.append((text, TemplateSpot(spot_place, text.strip())))
                _set(s, f"\ue000{len(holes) - 1}\ue001")
    body = etree.tostring(root, encoding="unicode")
    spots: list[TemplateSpot] = []
    lines: list[int] = []
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>']
    line = 1
    pos = 0
    for m in re.finditer(f"{_STMT_RE.pattern}|{_HOLE_RE.pattern}", body):
        out.append(body[pos:m.start()])
        line += body.count("\n", pos, m.start())
        if m.group(1) is not None:
            code, spot = statements[int(m.group(1))]
            piece = code
        else:
            text, spot = holes[int(m.group(2))]
            piece = _source_of(text)
        out.append(_NL)
        line += 1
        lines.append(line)
        spots.append(spot)
        out.append(piece)
        line += piece.count("\n")
        pos = m.end()
    out.append(body[pos:])
    return CompiledSection("".join(out), lines, spots)


def _source_of(text: str) -> str:
    """Template text of one slot: tags raw, literal text XML-escaped."""
    parts: list[str] = []
    pos = 0
    for m in TAG_RE.finditer(text):
        parts.append(escape(text[pos:m.start()]))
        parts.append(m.group(0))
        pos = m.end()
    parts.append(escape(text[pos:]))
    return "".join(parts)


# --------------------------------------------------------------------------- after rendering


def _cell_merge(tc: etree._Element) -> tuple[str, bool] | None:
    """Remove the merge marks from a cell's text; ``(key, may_continue)`` or ``None``."""
    mark: tuple[str, str] | None = None
    for t in tc.iter(_T):
        for node, which in [(t, "text"), *((c, "tail") for c in t)]:
            value = (node.text if which == "text" else node.tail) or ""
            if "\ue100" not in value:
                continue
            for m in MERGE_RE.finditer(value):
                mark = (m.group(1), m.group(2))
            cleaned = MERGE_RE.sub("", value)
            if which == "text":
                node.text = cleaned
            else:
                node.tail = cleaned
    if mark is None:
        return None
    mode, key = mark
    if mode == "v":  # {% vmerge [key] %}: merge with the cell above holding the same key
        if key == "":
            key = "".join(str(x) for t in tc.iter(_T) for x in t.itertext())
        return "v:" + key, True
    return "l:" + key, mode == "c"  # {% vm %}: the iterations of one loop run


def _int(el: etree._Element | None, name: str, default: int = 0) -> int:
    if el is None:
        return default
    try:
        return int(el.get(name, default))
    except ValueError:
        return default


_ADDR, _SPAN, _SIZE = f"{{{HP}}}cellAddr", f"{{{HP}}}cellSpan", f"{{{HP}}}cellSz"
Placed = tuple[etree._Element, int, int, int, dict[str, etree._Element]]


def fix_table(tbl: etree._Element, marks: bool = True) -> None:
    """Addresses, counts, widths and vertical merges of a rendered table (``marks``: the
    rendered text holds merge marks at all)."""
    rows = tbl.findall(_TR)
    width_total = _int(tbl.find(f"{{{HP}}}sz"), "width")
    # grid positions (rowSpans of the template respected)
    taken: dict[int, set[int]] = {}
    placed: list[list[Placed]] = []  # tc, col, colspan, rowspan, its parts
    for r, tr in enumerate(rows):
        row: list[Placed] = []
        col = 0
        busy = taken.get(r, ())
        for tc in tr.iterchildren(_TC):
            while col in busy:
                col += 1
            parts = {child.tag: child for child in tc}
            span = parts.get(_SPAN)
            cs, rs = max(1, _int(span, "colSpan", 1)), max(1, _int(span, "rowSpan", 1))
            if rs > 1:
                for dr in range(1, rs):
                    taken.setdefault(r + dr, set()).update(range(col, col + cs))
            row.append((tc, col, cs, rs, parts))
            col += cs
        placed.append(row)
    # declared vertical merges
    anchors: dict[int, tuple[Placed, str, int, int]] = {}  # col → anchor, key, first row, n
    spans: dict[int, int] = {}
    removed: set[int] = set()
    for r, row in enumerate(placed if marks else ()):
        for cell in row:
            tc, col, cs, rs, parts = cell
            mark = _cell_merge(tc)
            anchor = anchors.get(col)
            if (mark is not None and mark[1] and anchor is not None and anchor[1] == mark[0]
                    and anchor[0][2] == cs and anchor[2] + anchor[3] == r and rs == 1):
                atc = anchor[0]
                anchors[col] = (atc, mark[0], anchor[2], anchor[3] + 1)
                spans[id(atc[0])] = anchor[3] + 1
                _add_height(atc[4].get(_SIZE), parts.get(_SIZE))
                removed.add(id(tc))
                tc.getparent().remove(tc)  # type: ignore[union-attr]
            elif mark is not None and rs == 1:
                anchors[col] = (cell, mark[0], r, 1)
            else:
                anchors.pop(col, None)
    ncols = max((c[1] + c[2] for row in placed for c in row), default=0)
    widths: dict[int, int] = {}
    for row in placed:
        for _, col, cs, _, parts in row:
            if cs == 1 and col not in widths:
                widths[col] = _int(parts.get(_SIZE), "width")
        if len(widths) == ncols:
            break
    resize = False
    if ncols and len(widths) == ncols and width_total:
        fitted = dict(enumerate(fit_widths([widths[c] for c in range(ncols)], width_total)))
        resize = fitted != widths
        widths = fitted
    heights: list[int] = []
    for r, row in enumerate(placed):
        tallest = 0
        for tc, col, cs, rs, parts in row:
            if id(tc) in removed:
                continue
            rs = spans.get(id(tc), rs)
            size = parts.get(_SIZE)
            if rs == 1:
                tallest = max(tallest, _int(size, "height"))
            addr = parts.get(_ADDR)
            if addr is not None:
                addr.set("colAddr", str(col))
                addr.set("rowAddr", str(r))
            if rs > 1:
                span = parts.get(_SPAN)
                if span is not None:
                    span.set("rowSpan", str(rs))
            if resize and size is not None:
                size.set("width", str(sum(widths.get(c, 0) for c in range(col, col + cs))))
        heights.append(tallest)
    tbl.set("rowCnt", str(len(rows)))
    tbl.set("colCnt", str(ncols))
    size = tbl.find(f"{{{HP}}}sz")
    if size is not None:
        size.set("height", str(sum(heights)))
        if resize:
            size.set("width", str(sum(widths.values())))


def _add_height(a: etree._Element | None, b: etree._Element | None) -> None:
    if a is not None and b is not None:
        a.set("height", str(_int(a, "height") + _int(b, "height")))


def _line_breaks(root: etree._Element) -> None:
    """A value's ``\\n`` becomes an ``hp:lineBreak`` (Hancom ignores raw newlines)."""
    for t in list(root.iter(_T)):
        for node, which in [(t, "text"), *((c, "tail") for c in list(t))]:
            value = (node.text if which == "text" else node.tail) or ""
            if "\n" not in value:
                continue
            first, *rest = value.split("\n")
            if which == "text":
                node.text = first
                anchor_parent, index = t, 0
            else:
                node.tail = first
                anchor_parent, index = t, t.index(node) + 1
            for k, piece in enumerate(rest):
                br = etree.Element(f"{{{HP}}}lineBreak")
                br.tail = piece
                anchor_parent.insert(index + k, br)


def _unique_ids(root: etree._Element, start: int) -> int:
    """Repeated paragraphs get fresh ids (Hancom expects them distinct)."""
    seen: set[str] = set()
    next_id = start
    for p in root.iter(_P):
        pid = p.get("id", "")
        if pid in seen:
            next_id += 1
            p.set("id", str(next_id))
        else:
            seen.add(pid)
    return next_id


def render_section(compiled: CompiledSection, env: jinja2.Environment,
                   context: Mapping[str, Any], name: str, next_id: int) -> tuple[bytes, int]:
    """Render one compiled section; fix its tables.  Returns the XML and the last id used."""
    try:
        template = env.from_string(compiled.source)
    except jinja2.TemplateSyntaxError as exc:
        raise located_error(exc, name, compiled.spot_at(exc.lineno), env, context) from None
    try:
        with watchdog():
            text = template.render(context)
    except (Exception, TemplateStopped) as exc:
        raise located_error(exc, name, compiled.spot_at(_template_line(exc)), env,
                            context) from None
    try:
        root = etree.fromstring(text.encode("utf-8", "surrogatepass"), _PARSER)
    except etree.XMLSyntaxError as exc:
        raise RenderError(f"{name}: the filled section is not well-formed XML (a tag that "
                          f"cuts through the document structure?): {short(str(exc))}") from None
    marks = "\ue100" in text
    for tbl in reversed(list(root.iter(_TBL))):  # inner tables first
        fix_table(tbl, marks)
    _line_breaks(root)
    last = _unique_ids(root, next_id)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return out, last


def _template_line(exc: BaseException) -> int | None:
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def fill_sections(sections: Mapping[str, bytes], context: Mapping[str, Any], name: str,
                  locale: str) -> dict[str, bytes]:
    """Compile and render every section of a free-form template.  One watchdog covers it
    all — compiling, filling, and the table and line-break fixes after the fill — so the
    ``render_seconds`` and ``template_memory_mb`` limits stop a template whatever part of
    the work it makes huge; a filled section larger than ``output_mb`` is refused."""
    env = environment(locale, autoescape=True)
    out: dict[str, bytes] = {}
    next_id = 10_000_000
    part = ""
    try:
        with watchdog():
            for i, (part, xml) in enumerate(sections.items()):
                try:
                    compiled = compile_section(xml, i)
                except etree.XMLSyntaxError as exc:
                    raise RenderError(f"{name}: {part}: not well-formed XML "
                                      f"({short(str(exc))})") from None
                out[part], next_id = render_section(compiled, env, context, name, next_id)
                if len(out[part]) > current().bytes("output_mb"):
                    raise RenderError(f"{name}: {part}: the filled section is larger than "
                                      f"{current().output_mb:g} MB ({hint('output_mb')})")
    except (TemplateStopped, MemoryError) as exc:
        raise RenderError(f"{name}: {part}: {describe_stop(exc)}") from None
    return out


__all__ = ["CompiledSection", "compile_section", "fill_sections", "fix_table", "render_section"]
