"""The source report a govreport document carries, trusted only where the page still agrees.

A DOCX or HWPX written by govreport holds the report it was made from
(:mod:`govreport.writers.source_part`).  Reading such a document, the recognised report is
compared with the carried one piece by piece — the cover fields, each part's title and
introduction, each section, each appendix, and inside a piece that differs each block — by
the text they print (words and numbers in reading order; tables with their computed figures
filled in; not the tree shape, ids or chart sources, which print nothing).  Where the two
agree the carried piece is taken, with everything the page does not show (ids, chart sources,
which item a ``※`` belongs to, computation declarations, ``meta.author``); where the document
was edited the recognised piece is taken and the change reported with its JSON path.  Pictures
always come from the document itself.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import Any

import attrs
from lxml import etree

from ..model import Report
from ..model.figure_walk import figures, map_figures
from ..model.figures import Figure
from ..model.tables import Table
from .log import ReadLog

_SILENT = frozenset({"id", "source", "categories", "series", "total", "key", "compute",
                     "format", "widths", "columns", "stub_columns", "align", "bold", "data",
                     "src", "width", "width_mm", "alt", "caption_position", "level", "base_dir",
                     "schema_version", "schema_url", "secondary_unit", "show", "kind",
                     "subtitle_position", "author", "parent_org"})
"""Fields that print no text of their own (or print it elsewhere): left out of comparisons."""
_MAX_SOURCE = 64 * 2**20


def carried_source(data: bytes, fmt: str) -> bytes | None:
    """The source part of a DOCX/HWPX package (its JSON bytes), or None."""
    from ..writers.source_part import DOCX_ITEM, HWPX_ENTRY, SOURCE_NS

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            name = HWPX_ENTRY if fmt == "hwpx" else DOCX_ITEM
            try:
                info = z.getinfo(name)
            except KeyError:
                return None
            if info.file_size > _MAX_SOURCE:
                return None
            blob = z.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError,
            NotImplementedError):
        return None
    if fmt == "hwpx":
        return blob
    try:
        root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True,
                                                      huge_tree=True))
    except etree.XMLSyntaxError:
        return None
    if root.tag != f"{{{SOURCE_NS}}}source":
        return None
    return (root.text or "").encode("utf-8")


def load_carried(source: bytes, log: ReadLog) -> Report | None:
    """The carried report, or None (and a note) when it cannot be read."""
    from ..support.errors import GovReportError
    from .json import loads

    try:
        return loads(source, source="the report carried in the document", check=False)
    except (GovReportError, ValueError, RecursionError) as exc:
        log.note("document", f"the report carried in the document cannot be read "
                             f"({str(exc)[:200]}): read from the page alone")
        return None


# --- printed text -----------------------------------------------------------------------------


def printed(obj: Any) -> tuple[str, ...]:
    """The words and numbers ``obj`` prints, in reading order, shape left out."""
    out: list[str] = []
    _collect(obj, out)
    return tuple(out)


_SPACES = re.compile(r"\s+")
_PRINTED_FIELDS: dict[type, tuple[str, ...] | None] = {}
"""Per class: the names of its fields that print (None: not a model class)."""


def _printed_fields(cls: type) -> tuple[str, ...] | None:
    names = _PRINTED_FIELDS.get(cls, ())
    if names == ():
        names = (tuple(f.name for f in attrs.fields(cls) if f.name not in _SILENT)
                 if attrs.has(cls) else None)
        _PRINTED_FIELDS[cls] = names
    return names


def _collect(obj: Any, out: list[str]) -> None:
    cls = type(obj)
    if cls is str:
        text = _SPACES.sub(" ", obj).strip()
        if text:
            out.append(text)
        return
    if obj is None or cls is bool:
        return
    if cls is tuple:
        for v in obj:
            _collect(v, out)
        return
    if cls is int or cls is float:
        out.append(f"{float(obj):g}")
        return
    if cls is Figure:
        out.append("<figure>")
        _collect(obj.caption, out)
        return
    if cls is Table and obj.computed:
        with contextlib.suppress(ArithmeticError, ValueError, KeyError, IndexError, TypeError):
            obj = _figures_filled(obj)
    names = _printed_fields(cls)
    if names is None:
        if isinstance(obj, str | int | float) and not isinstance(obj, bool):
            out.append(str(obj))
        return
    for name in names:
        _collect(getattr(obj, name), out)


def _figures_filled(table: Any) -> Any:
    """``table`` with each derived figure in its cell, as the page prints it (a computed 계
    row and a typed one that adds up print the same)."""
    from ..model.compute import compute
    from ..model.tables import Cell

    ct = compute(table)
    rows = []
    for r, row in enumerate(table.rows):
        cells = []
        for (rr, c), slot in sorted(ct.slots.items()):
            if rr != r:
                continue
            if slot.cell is not None:
                cells.append(slot.cell)
            else:
                value = ct.values.get((r, c))
                cells.append(Cell(value=float(value) if value is not None else None))
        rows.append(attrs.evolve(row, cells=tuple(cells)))
    return attrs.evolve(table, rows=tuple(rows))


# --- merging ----------------------------------------------------------------------------------


def merge(carried: Report, read: Report, log: ReadLog,
          printer: Printer | None = None) -> Report:
    """``carried`` where its printed text agrees with ``read`` (the page), else ``read``;
    every difference reported with its JSON path, pictures taken from ``read``.

    ``printer`` prints a reference to a computed figure (``{=org.staff}``) as the page does
    (the layout's :meth:`TextFormatter.figure`): the carried report is compared as printed,
    and a piece that agrees comes back with its references, not the numbers they printed."""
    shown, origins = _as_printed(carried, printer)
    if printed(shown) == printed(read):  # the document as govreport wrote it
        return _pictures(carried, read, log)
    merged = _merge(shown, read, log)
    out: Report = _restored(merged, origins, "$", frozenset())
    if origins:
        from ..model.refs import problems

        broken = frozenset(path for path, _ in problems(out))
        if broken:  # a figure it named was edited away on the page: keep what the page prints
            out = _restored(merged, origins, "$", broken)
            for path in sorted(broken):
                log.change(path, "a reference to a computed figure no longer names one on the "
                                 "edited page: kept as the page prints it")
    return out


def _merge(carried: Report, read: Report, log: ReadLog) -> Report:
    meta = _meta(carried.meta, read.meta, log)
    parts = _units(carried.parts, read.parts, "$.parts", log, _part)
    appendices = _units(carried.appendices, read.appendices, "$.appendices", log, _appendix)
    cover = carried.cover
    if printed(carried.cover) != printed(read.cover):
        cover = read.cover
        log.change("$.cover", "the cover changed since govreport wrote the document: read "
                              "from the page")
    out = attrs.evolve(carried, meta=meta, parts=parts, appendices=appendices, cover=cover)
    if printed(out.lead) != printed(read.lead):
        out = attrs.evolve(out, lead=read.lead)
        log.change("$.lead", "the lead box changed: read from the page")
    return _pictures(out, read, log)


Printer = Callable[[Any, Any], str]
"""A computed figure and its number format → the text the page prints."""


def _as_printed(carried: Report, printer: Printer | None) -> tuple[Report, dict[int, Any]]:
    """``carried`` with its references printed, and for each model object that printing
    changed (by ``id`` of the printed one, both alive for the merge) the carried original."""
    if printer is None:
        return carried, {}
    from ..model.refs import resolve

    shown = resolve(carried, printer)
    origins: dict[int, Any] = {}

    def pair(new: Any, old: Any) -> None:
        if new is old:
            return
        if type(new) is tuple:
            for a, b in zip(new, old, strict=True):
                pair(a, b)
        elif attrs.has(type(new)):
            origins[id(new)] = old
            for f in attrs.fields(type(new)):
                pair(getattr(new, f.name), getattr(old, f.name))

    pair(shown, carried)
    return shown, origins


def _restored(obj: Any, origins: dict[int, Any], path: str, broken: frozenset[str]) -> Any:
    """``obj`` (at JSON ``path``) with every printed piece the merge kept put back as carried
    (references again), except around the ``broken`` paths; a piece the merge rebuilt is
    restored inside, down to the pieces it kept."""
    if not origins:
        return obj
    old = origins.get(id(obj))
    if old is not None and not any(b == path or b.startswith((path + ".", path + "["))
                                   for b in broken):
        return old
    if type(obj) is tuple:
        items = tuple(_restored(x, origins, f"{path}[{i}]", broken) for i, x in enumerate(obj))
        return items if any(a is not b for a, b in zip(items, obj, strict=True)) else obj
    if not attrs.has(type(obj)):
        return obj
    changes = {}
    for f in attrs.fields(type(obj)):
        value = getattr(obj, f.name)
        new = _restored(value, origins, f"{path}.{f.name}", broken)
        if new is not value:
            changes[f.name] = new
    return attrs.evolve(obj, **changes) if changes else obj


def _meta(carried: Any, read: Any, log: ReadLog) -> Any:
    changes = {}
    for name in ("title", "org", "date", "subtitle", "division", "audience"):
        a, b = getattr(carried, name), getattr(read, name)
        if printed(a) != printed(b) and b is not None:
            changes[name] = b
            log.change(f"$.meta.{name}", "changed since govreport wrote the document: read "
                                         "from the page")
    return attrs.evolve(carried, **changes) if changes else carried


Merge = Callable[[Any, Any, str, ReadLog], Any]


def _units(carried: Sequence[Any], read: Sequence[Any], path: str, log: ReadLog,
           inner: Merge | None) -> tuple[Any, ...]:
    """Align two lists by printed text: agreeing runs from ``carried``; a run printed the
    same in another shape from ``carried`` too; pairs that differ merged by ``inner`` (or
    taken from ``read``); additions and removals from ``read``, each reported."""
    a = [printed(x) for x in carried]
    b = [printed(x) for x in read]
    out: list[Any] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(carried[i1:i2])
        elif op == "replace" and sum(a[i1:i2], ()) == sum(b[j1:j2], ()):
            out.extend(carried[i1:i2])  # the same page, another tree (a ※ under its item)
        elif op == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                here = f"{path}[{len(out)}]"
                old, new = carried[i1 + k], read[j1 + k]
                if inner is not None and type(old) is type(new):
                    out.append(inner(old, new, here, log))
                else:
                    out.append(_carry_id(old, new))
                    log.change(here, "changed since govreport wrote the document: read from "
                                     "the page")
        else:
            for k in range(j1, j2):
                log.change(f"{path}[{len(out) + k - j1}]", "added since govreport wrote the "
                                                           "document: read from the page")
            if i2 > i1:
                log.change(f"{path}[{len(out)}]", f"{i2 - i1} block{'s' if i2 - i1 != 1 else ''}"
                           " of the carried report no longer on the page: left out")
            out.extend(read[j1:j2])
    return tuple(out)


def _carry_id(old: Any, new: Any) -> Any:
    """``new`` keeping ``old``'s ``id`` (what a chart names it by) when the page lost it."""
    if getattr(old, "id", None) and hasattr(new, "id") and new.id is None:
        return attrs.evolve(new, id=old.id)
    return new


def _blocks(carried: Any, read: Any, path: str, log: ReadLog) -> Any:
    """Two blocks of one type that print differently: the page's, keeping the carried id."""
    log.change(path, "changed since govreport wrote the document: read from the page")
    return _carry_id(carried, read)


def _part(carried: Any, read: Any, path: str, log: ReadLog) -> Any:
    changes: dict[str, Any] = {}
    if printed(carried.title) != printed(read.title) or carried.number != read.number:
        changes.update(title=read.title, number=read.number)
        log.change(f"{path}.title", "changed since govreport wrote the document: read from "
                                    "the page")
    intro = _units(carried.intro, read.intro, f"{path}.intro", log, _blocks)
    sections = _units(carried.sections, read.sections, f"{path}.sections", log, _section)
    return attrs.evolve(carried, intro=intro, sections=sections, **changes)


def _section(carried: Any, read: Any, path: str, log: ReadLog) -> Any:
    changes: dict[str, Any] = {}
    head = ("title", "summary", "unit", "basis", "number")
    if any(printed(getattr(carried, k)) != printed(getattr(read, k)) for k in head):
        changes.update({k: getattr(read, k) for k in head})
        log.change(f"{path}.title", "the heading changed since govreport wrote the document: "
                                    "read from the page")
    blocks = _units(carried.blocks, read.blocks, f"{path}.blocks", log, _blocks)
    return attrs.evolve(carried, blocks=blocks, **changes)


def _appendix(carried: Any, read: Any, path: str, log: ReadLog) -> Any:
    changes: dict[str, Any] = {}
    if printed(carried.title) != printed(read.title):
        changes["title"] = read.title
        log.change(f"{path}.title", "changed since govreport wrote the document: read from "
                                    "the page")
    blocks = _units(carried.blocks, read.blocks, f"{path}.blocks", log, _blocks)
    return attrs.evolve(carried, blocks=blocks, **changes)


def _pictures(report: Report, read: Report, log: ReadLog) -> Report:
    """The carried pictures given the document's bytes, in reading order (by caption and
    description when the page has another number of pictures)."""
    from ..writers.source_part import PICTURE

    mine = figures(report)
    if not mine:
        return report
    page = figures(read)
    it = iter(page) if len(page) == len(mine) else None
    by_caption = {} if it is not None else {(f.caption, f.alt): f.data for f in page}
    if it is None:
        log.change("$", f"the page has {len(page)} pictures where the carried report has "
                        f"{len(mine)}: pictures matched by caption")

    def fill(fig: Figure) -> Figure:
        same_place = next(it) if it is not None else None
        if fig.src != PICTURE:
            return fig  # the page's own (a block read by recognition)
        data = same_place.data if same_place is not None \
            else by_caption.get((fig.caption, fig.alt))
        return attrs.evolve(fig, src=None, data=data)

    return map_figures(report, fill)
