"""The last step of every read: make the recognised report obey the rules the checks apply.

Real documents break rules a report JSON must keep: a header cell merged down into the body,
rows narrower than the table (a cell Hancom left out), numbering that restarts inside one part.
:func:`make_consistent` repairs these in the model — each repair a fallback with its JSON path,
so ``--strict`` fails on it — and :func:`remaining_problems` takes whatever still would not
validate: a block the checks find an error in is kept as a plain paragraph of its text (a
fallback naming the error), and an error outside any block is reported.  An imported report
that renders is the promise; where a construct cannot be kept, the user is told where.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs

from ..model import Paragraph, Report
from ..model.document import Part
from ..model.tables import Cell, Row, Table
from .log import ReadLog

Fix = Callable[[Any, str, ReadLog], Any]


def make_consistent(report: Report, log: ReadLog) -> Report:
    """``report`` with duplicate numbers and broken table grids repaired (each one logged)."""
    out = _walk(report, "$", log)
    assert isinstance(out, Report)
    return out


def remaining_problems(report: Report, log: ReadLog) -> Report:
    """``report`` with every block the checks still find an error in kept as a plain
    paragraph of its text (a fallback naming the error); errors outside blocks are logged."""
    from ..checks.semantic import errors_of
    from ..checks.structure import check

    errors = errors_of(check(report))
    if not errors:
        return report
    places: dict[tuple[str | int, ...], str] = {}
    for p in errors:
        place = _block_place(p.path)
        if place is None:
            log.fallback(p.path, f"the imported report does not validate here: {p.message}")
        else:
            places.setdefault(place, p.message)
    outer = [pl for pl in places if not any(o != pl and pl[:len(o)] == o for o in places)]
    for place in sorted(outer, key=len, reverse=True):
        where = _path_text(place)
        block = _get(report, place)
        text = " ".join(_texts(block))
        log.fallback(where, f"the imported report does not validate here ({places[place]}): "
                            "the block is kept as a paragraph of its text"
                     if text else f"the imported report does not validate here "
                                  f"({places[place]}): the block, without text, left out")
        report = _replace(report, place, Paragraph(text=text) if text else None)
    for p in errors_of(check(report)):
        log.fallback(p.path, f"the imported report does not validate here: {p.message}")
    return report


_BLOCK_LISTS = frozenset({"intro", "blocks", "children", "items"})
_STEP = re.compile(r"\.([A-Za-z_]\w*)|\[(\d+)\]")


def _block_place(path: str) -> tuple[str | int, ...] | None:
    """The steps to the innermost block a JSON path lies in (None: not inside a block)."""
    steps: list[str | int] = [int(i) if i else name for name, i in _STEP.findall(path)]
    for k in range(len(steps) - 2, -1, -1):
        if steps[k] in _BLOCK_LISTS and isinstance(steps[k + 1], int):
            return tuple(steps[:k + 2])
    return None


def _path_text(steps: tuple[str | int, ...]) -> str:
    return "$" + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in steps)


def _get(obj: Any, steps: tuple[str | int, ...]) -> Any:
    for s in steps:
        obj = obj[s] if isinstance(s, int) else getattr(obj, s)
    return obj


def _replace(obj: Any, steps: tuple[str | int, ...], new: Any) -> Any:
    """``obj`` with the value at ``steps`` replaced by ``new`` (None: removed from its list)."""
    head, rest = steps[0], steps[1:]
    if isinstance(head, int):
        items = list(obj)
        if rest:
            items[head] = _replace(items[head], rest, new)
        elif new is None:
            del items[head]
        else:
            items[head] = new
        return tuple(items)
    return attrs.evolve(obj, **{head: _replace(getattr(obj, head), rest, new)})


def _texts(obj: Any) -> list[str]:
    """The words and figures of a block (spans, flags and settings left out)."""
    cls = type(obj)
    if cls is str:
        return [obj.strip()] if obj.strip() else []
    if cls is tuple:
        return [t for v in obj for t in _texts(v)]
    names = _fields(cls)
    if names is None:
        return []
    out: list[str] = []
    for name in names:
        value = getattr(obj, name)
        if name in _NOT_TEXT or type(value) is bool:
            continue
        if type(value) in (int, float):
            out.append(f"{value:,}" if name == "value" and type(value) is int else f"{value:g}")
        else:
            out.extend(_texts(value))
    return out


_NOT_TEXT = frozenset({"type", "id", "align", "symbol", "key", "compute", "format", "columns",
                       "widths", "source", "level", "kind", "data", "src", "alt", "width",
                       "width_mm", "caption_position", "rowspan", "colspan", "stub_columns",
                       "position", "style", "decimals"})
"""Fields that hold settings, not words or figures of the page."""


_FIELDS: dict[type, tuple[str, ...] | None] = {}
"""Per class: the names of its fields (None: not a model class)."""


def _fields(cls: type) -> tuple[str, ...] | None:
    names = _FIELDS.get(cls, ())
    if names == ():
        names = tuple(f.name for f in attrs.fields(cls)) if attrs.has(cls) else None
        _FIELDS[cls] = names
    return names


def _walk(obj: Any, path: str, log: ReadLog) -> Any:
    """Rebuild ``obj`` bottom-up where a child changed; tables and parts get their repair."""
    cls = type(obj)
    if cls is tuple:
        items = [_walk(v, f"{path}[{i}]", log) for i, v in enumerate(obj)]
        return obj if all(a is b for a, b in zip(items, obj, strict=True)) else tuple(items)
    names = _fields(cls)
    if names is None:
        return obj
    changes: dict[str, Any] = {}
    for name in names:
        value = getattr(obj, name)
        kind = type(value)
        if value is None or kind is str or kind is int or kind is bool or kind is float:
            continue
        new = _walk(value, f"{path}.{name}", log)
        if new is not value:
            changes[name] = new
    if changes:
        obj = attrs.evolve(obj, **changes)
    if cls is Table and not obj.computed:
        return _table(obj, path, log)
    if cls is Report:
        return _numbers(obj, log)
    return obj


# --- numbers ---------------------------------------------------------------------------------


def _unique_numbers(items: tuple[Any, ...], path: str, what: str, log: ReadLog,
                    key: Callable[[Any], Any] = lambda x: x.number) -> tuple[Any, ...]:
    """``items`` with a repeated explicit ``number`` dropped (numbered by place), logged."""
    seen: dict[Any, int] = {}
    out = list(items)
    for i, item in enumerate(items):
        if item.number is None:
            continue
        k = key(item)
        if k in seen:
            log.fallback(f"{path}[{i}].number",
                         f"{what} number {item.number} repeats {path.rsplit('.', 1)[-1]}"
                         f"[{seen[k]}] (numbering restarts in the document): numbered by "
                         "its place instead")
            out[i] = attrs.evolve(item, number=None)
        else:
            seen[k] = i
    return tuple(out)


def _numbers(report: Report, log: ReadLog) -> Report:
    parts = _unique_numbers(report.parts, "$.parts", "part", log)
    parts = tuple(_part_numbers(p, f"$.parts[{i}]", log) for i, p in enumerate(parts))
    appendices = _unique_numbers(report.appendices, "$.appendices", "appendix", log,
                                 key=lambda a: (a.label, a.number))
    if all(a is b for a, b in zip(parts, report.parts, strict=True)) \
            and appendices is report.appendices:
        return report
    return attrs.evolve(report, parts=parts, appendices=appendices)


def _part_numbers(part: Part, path: str, log: ReadLog) -> Part:
    sections = _unique_numbers(part.sections, f"{path}.sections", "section", log)
    if all(a is b for a, b in zip(sections, part.sections, strict=True)):
        return part
    return attrs.evolve(part, sections=sections)


# --- table grids -----------------------------------------------------------------------------


def _placed(rows: tuple[Row, ...]) -> tuple[list[tuple[int, int, int, int]], list[int]]:
    """Cells placed as HTML does — (row, cell index, first column, last row + 1) of each —
    and how many grid columns each row covers (its cells and rowspans from above)."""
    until: list[int] = []
    cells: list[tuple[int, int, int, int]] = []
    counts: list[int] = []
    for r, row in enumerate(rows):
        col = 0
        for j, c in enumerate(row.cells):
            while col < len(until) and until[col] > r:
                col += 1
            rs, cs = max(c.rowspan, 1), max(c.colspan, 1)
            if col + cs > len(until):
                until.extend([0] * (col + cs - len(until)))
            for cc in range(col, col + cs):
                until[cc] = max(until[cc], r + rs)
            cells.append((r, j, col, r + rs))
            col += cs
        counts.append(sum(1 for u in until if u > r))
    return cells, counts


def _plain(row: Row) -> bool:
    return not row.total and row.key is None and row.compute is None and row.format is None


def _cap_rowspans(rows: tuple[Row, ...], path: str, log: ReadLog) -> tuple[Row, ...]:
    """Rowspans cut at the last row of their group (header or body), each cut logged."""
    n = len(rows)
    cut: dict[tuple[int, int], int] = {}
    for r, j, _, end in _placed(rows)[0]:
        if end > n:
            cut[r, j] = n - r
    if not cut:
        return rows
    out = []
    for r, row in enumerate(rows):
        cells = list(row.cells)
        for j, c in enumerate(cells):
            if (r, j) in cut:
                log.fallback(f"{path}[{r}].cells[{j}].rowspan",
                             f"rowspan {c.rowspan} reaches past the last row of the group: "
                             f"cut to {cut[r, j]}")
                cells[j] = attrs.evolve(c, rowspan=cut[r, j])
        out.append(attrs.evolve(row, cells=tuple(cells)) if cells != list(row.cells) else row)
    return tuple(out)


def _table(t: Table, path: str, log: ReadLog) -> Table:
    """A table whose spans stay in their group and whose rows all cover the same width."""
    from ..support.limits import current

    lim = current()
    if sum(len(r.cells) for r in (*t.header, *t.rows)) > lim.table_cells:
        return t  # a hostile size: the checks say so; nothing to repair cell by cell
    if any(c.colspan > lim.table_columns or c.rowspan > lim.table_cells
           for r in (*t.header, *t.rows) for c in r.cells):
        return t
    header, rows = t.header, t.rows
    if header:
        # a header cell merged down into the body: the header ends below it (when the rows
        # it takes are plain), else the span is cut at the header's last row
        end = max(e for _, _, _, e in _placed(header)[0])
        total = len(header) + len(rows)
        take = end - len(header)
        if 0 < take < len(rows) and all(_plain(r) for r in rows[:take]):
            log.fallback(f"{path}.header", f"a header cell spans {take} more row"
                         f"{'s' if take != 1 else ''} into the body: "
                         f"{'they are' if take != 1 else 'it is'} header rows too")
            header, rows = header + rows[:take], rows[take:]
        elif end >= total and all(_plain(r) for r in rows):
            log.fallback(f"{path}.header", "a header cell spans the whole table: "
                                           "the table is read without header rows")
            header, rows = (), header + rows
    header = _cap_rowspans(header, f"{path}.header", log)
    rows = _cap_rowspans(rows, f"{path}.rows", log)
    counts = {name: _placed(group)[1] for name, group in (("header", header), ("rows", rows))}
    width = max((n for group in counts.values() for n in group), default=0)
    padded: dict[str, tuple[Row, ...]] = {}
    for name, group in (("header", header), ("rows", rows)):
        out = list(group)
        for r, n in enumerate(counts[name]):
            if n < width:
                log.fallback(f"{path}.{name}[{r}]",
                             f"row {r} covers {n} of the table's {width} columns: "
                             f"{width - n} empty cell{'s' if width - n != 1 else ''} added")
                out[r] = attrs.evolve(group[r], cells=group[r].cells
                                      + tuple(Cell() for _ in range(width - n)))
        padded[name] = tuple(out)
    changes: dict[str, Any] = {}
    if padded["header"] != t.header:
        changes["header"] = padded["header"]
    if padded["rows"] != t.rows:
        changes["rows"] = padded["rows"]
    if t.widths is not None and len(t.widths) != width:
        changes["widths"] = None
        log.fallback(f"{path}.widths", f"{len(t.widths)} column widths for {width} columns: "
                                       "widths left to the layout")
    if t.columns and len(t.columns) != width:
        changes["columns"] = ()
        log.fallback(f"{path}.columns", f"{len(t.columns)} column options for {width} "
                                        "columns: dropped")
    if t.stub_columns > width:
        changes["stub_columns"] = min(1, width)
    return attrs.evolve(t, **changes) if changes else t
