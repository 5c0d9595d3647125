"""References to computed figures of other blocks, inside running text: ``{=name}``.

A □ line that repeats a figure another block holds — the org chart's totals, a table's 계, a
budget's 집행률, the number of tasks — names it instead of retyping it::

    "조직·인력 : {=org.units}과 {=org.teams}팀 {=org.staff}명"     →  조직·인력 : 4과 20팀 277명
    "{=count.parts}대 분야 {=count.tasks}대 과제"                     →  3대 분야 15대 과제
    "집행률 {=budget-2025.rate}"                                      →  집행률 25.1%

The layout prints the figure in the theme's number format; the model keeps the reference, so
the figure cannot drift from its block.  ``{=org.staff:277}`` also *states* the figure: the
checks compare it like a stated total (the computed one is printed).

Names (``id`` is the block's ``id``; labels and keys are matched with spaces ignored):

* org chart — ``id.units`` (divisions), ``id.teams``, ``id.staff``, ``id.<group label>``
  (its units: ``id.사업소``), ``id.<group label>.staff``/``.teams``;
* budget table — ``id.budget``/``spent``/``balance``/``rate`` (the 계 row), or
  ``id.<line name>.budget`` …;
* staffing table — ``id.<row label>`` (its 총계: ``id.정원``), ``id.<row label>.<group>``
  (its 소계);
* table — ``id.<row>.<column>``: a row by ``key`` or label, a column by ``key`` or header
  label (``id.계.시설 수``), computed figures included, printed with the table's format;
* ``count.parts``, ``count.sections``, ``count.tasks`` (sections of kind ``task``),
  ``count.appendices``.

Texts without ``{=`` are never touched (version 2 files mean what they meant).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from .compute import compute, table_width, to_decimal
from .diagrams import OrgChart
from .stated import header_labels, row_labels
from .tables import BudgetTable, NumberFormat, StaffingTable, Table

REF = re.compile(r"\{=([^{}:]+?)(?::\s*([^{}]*?))?\s*\}")
"""``{=name}`` or ``{=name:stated}``."""
RATE = NumberFormat(style="percent", decimals=1)

Figure = tuple[Decimal, NumberFormat | None]
"""A referenced figure and how it prints (None: a plain number)."""


class RefError(ValueError):
    """A reference that names no figure (the message says what the block offers)."""


def _key(text: object) -> str:
    return re.sub(r"\s+", "", str(text))


def _one_of(names: list[str]) -> str:
    shown = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
    return f"one of {shown}" if names else "none"


class Figures:
    """The figures a report's blocks hold, by reference name (see the module docstring)."""

    def __init__(self, report: Any) -> None:
        self.report = report
        self.blocks: dict[str, Any] = {}
        for block in _blocks(report):
            bid = getattr(block, "id", None)
            if isinstance(block, Table | BudgetTable | StaffingTable | OrgChart) and bid:
                self.blocks.setdefault(bid, block)

    def lookup(self, name: str) -> Figure:
        """The figure ``name`` refers to; :class:`RefError` when there is none."""
        parts = [p.strip() for p in name.strip().split(".")]
        if parts[0] == "count":
            return self._count(parts[1:])
        block = self.blocks.get(parts[0])
        if block is None:
            raise RefError(f"no block has the id {parts[0]!r} (ids: "
                           f"{', '.join(sorted(self.blocks)) or 'none'}; a table, budget, "
                           "staffing table or org chart needs an \"id\" to be referred to)")
        rest = parts[1:]
        if isinstance(block, OrgChart):
            return _org(block, rest), None
        if isinstance(block, BudgetTable):
            return _budget(block, rest)
        if isinstance(block, StaffingTable):
            return _staffing(block, rest), None
        return _table(block, rest)

    def _count(self, rest: list[str]) -> Figure:
        r = self.report
        counts = {
            "parts": len(r.parts),
            "sections": sum(len(p.sections) for p in r.parts),
            "tasks": sum(s.kind == "task" for p in r.parts for s in p.sections),
            "appendices": len(r.appendices),
        }
        if len(rest) != 1 or rest[0] not in counts:
            raise RefError(f"count.{'.'.join(rest)} is not a count ({_one_of(list(counts))})")
        return Decimal(counts[rest[0]]), None


def _org(o: OrgChart, rest: list[str]) -> Decimal:
    figures: dict[str, Callable[[], int]] = {
        "units": lambda: len(o.units), "teams": o.teams, "staff": o.staff}
    if len(rest) == 1 and rest[0] in figures:
        return Decimal(figures[rest[0]]())
    groups = {_key(g.label): g for g in o.groups}
    if rest and _key(rest[0]) in groups:
        g = groups[_key(rest[0])]
        if len(rest) == 1:
            return Decimal(len(g.units))
        if len(rest) == 2 and rest[1] in ("teams", "staff"):
            return Decimal(sum(getattr(u, rest[1]) or 0 for u in g.units))
    raise RefError(f"{'.'.join(rest)!r} is not a figure of the org chart "
                   f"({_one_of([*figures, *[g.label for g in o.groups]])}; a group also "
                   "has .staff and .teams)")


def _budget(t: BudgetTable, rest: list[str]) -> Figure:
    names = ("budget", "spent", "balance", "rate")
    lines = {_key(x.name): x for x in t.lines}
    line = t.total_line()
    if len(rest) == 2 and _key(rest[0]) in lines:
        line, rest = lines[_key(rest[0])], rest[1:]
    if len(rest) != 1 or rest[0] not in names:
        raise RefError(f"{'.'.join(rest)!r} is not a figure of the budget table "
                       f"({_one_of(list(names))}, for the 계 row or after a line name)")
    if rest[0] == "rate":
        rate = line.rate
        if rate is None:
            raise RefError("the 집행률 cannot be computed (예산액 0)")
        return rate, RATE
    return Decimal(getattr(line, rest[0]) if rest[0] != "balance" else line.balance), None


def _staffing(t: StaffingTable, rest: list[str]) -> Decimal:
    rows = {_key(r.label): r for r in t.rows}
    if rest and _key(rest[0]) in rows:
        row = rows[_key(rest[0])]
        if len(rest) == 1:
            return Decimal(row.grand_total())
        groups = [_key(g.name) for g in t.groups]
        if len(rest) == 2 and _key(rest[1]) in groups:
            return Decimal(row.subtotals()[groups.index(_key(rest[1]))])
    raise RefError(f"{'.'.join(rest)!r} is not a figure of the staffing table (a row label: "
                   f"{_one_of([r.label for r in t.rows])}, then optionally a group: "
                   f"{_one_of([g.name for g in t.groups])})")


def _table(t: Table, rest: list[str]) -> Figure:
    width = table_width(t)
    if t.columns and len(t.columns) != width:
        raise RefError("the table's columns do not match its width")
    ct = compute(t)
    columns = t.columns
    rows: dict[str, int] = {}
    for r, row in enumerate(t.rows):
        if row.key:
            rows.setdefault(_key(row.key), r)
        for label in row_labels(ct, t.stub_columns, r):
            rows.setdefault(label, r)
    labels, _ = header_labels(t, width)
    cols: dict[str, int] = {}
    for c in range(t.stub_columns, width):
        if columns and columns[c].key:
            cols.setdefault(_key(columns[c].key), c)
        if labels.get(c):
            cols.setdefault(labels[c], c)
    if len(rest) != 2 or _key(rest[0]) not in rows or _key(rest[1]) not in cols:
        raise RefError(f"{'.'.join(rest)!r} is not a figure of the table: give a row "
                       f"({_one_of(list(rows))}) and a column ({_one_of(list(cols))})")
    pos = (rows[_key(rest[0])], cols[_key(rest[1])])
    value = ct.values.get(pos)
    if value is None:
        slot = ct.slots.get(pos)
        value = to_decimal(slot.cell.value) if slot is not None and slot.cell else None
    if value is None:
        raise RefError(f"the table has no figure at row {rest[0]!r}, column {rest[1]!r}")
    return value, ct.format_of(*pos)


# ------------------------------------------------------------------ texts holding references

def _blocks(report: Any) -> Iterator[Any]:
    """The tables, budget and staffing tables and org charts of the report (nested ones
    included), in document order."""
    stack: list[Any] = [report]
    while stack:
        obj = stack.pop()
        if isinstance(obj, tuple):
            stack.extend(reversed(obj))
        elif isinstance(obj, _SKIP):
            yield obj
        elif attrs.has(type(obj)) and type(obj).__name__ != "Meta":
            stack.extend(value for f in reversed(attrs.fields(type(obj)))
                         if isinstance(value := getattr(obj, f.name), tuple)
                         or attrs.has(type(value)))


_SKIP = (Table, BudgetTable, StaffingTable, OrgChart)
"""Blocks whose texts are labels, not running text (never searched for references)."""


def texts(report: Any) -> Iterator[tuple[str, str]]:
    """(JSON path, text) of every running text that holds ``{=`` (document order)."""
    stack: list[tuple[Any, str]] = [(report, "$")]
    while stack:
        obj, path = stack.pop()
        if isinstance(obj, str):
            if "{=" in obj:
                yield path, obj
            continue
        if isinstance(obj, tuple):
            stack.extend((obj[i], f"{path}[{i}]") for i in range(len(obj) - 1, -1, -1))
            continue
        if not attrs.has(type(obj)) or isinstance(obj, _SKIP) or type(obj).__name__ == "Meta":
            continue
        fields = attrs.fields(type(obj))
        for f in reversed(fields):
            value = getattr(obj, f.name)
            if isinstance(value, str | tuple) or attrs.has(type(value)):
                stack.append((value, f"{path}.{f.name}"))


def problems(report: Any) -> Iterator[tuple[str, str]]:
    """(JSON path, message) of every reference that names no figure or whose stated figure
    differs."""
    found = list(texts(report))
    if not found:
        return
    figures = Figures(report)
    for path, text in found:
        for m in REF.finditer(text):
            try:
                value, _ = figures.lookup(m.group(1))
            except RefError as exc:
                yield path, f"{m.group(0)}: {exc}"
                continue
            stated = m.group(2)
            if stated is None:
                continue
            from .stated import read_number

            number = read_number(stated)
            if number is None:
                yield path, f"{m.group(0)}: {stated!r} after ':' is not a number"
            elif number != value:
                yield path, (f"{m.group(0)}: stated {stated}, {m.group(1).strip()} is "
                             f"{value.normalize():,f}")


def resolve(report: Any, printer: Callable[[Decimal, NumberFormat | None], str]) -> Any:
    """``report`` with every reference in its running text printed by ``printer`` (an
    unknown one is left as written: the checks report it)."""
    found = dict(texts(report))
    if not found:
        return report
    figures = Figures(report)

    def one(m: re.Match[str]) -> str:
        try:
            return printer(*figures.lookup(m.group(1)))
        except (RefError, ArithmeticError):
            return m.group(0)

    return map_texts(report, set(found), lambda text: REF.sub(one, text))


def map_texts(report: Any, paths: set[str], fn: Callable[[str], str]) -> Any:
    """``report`` with the running texts at ``paths`` (as :func:`texts` names them) replaced
    by ``fn`` of them."""
    found = paths

    def walk(obj: Any, path: str) -> Any:
        if isinstance(obj, str):
            return fn(obj) if path in found else obj
        if isinstance(obj, tuple):
            items = [walk(x, f"{path}[{i}]") for i, x in enumerate(obj)]
            return tuple(items) if any(a is not b for a, b in zip(items, obj, strict=True)) \
                else obj
        if not attrs.has(type(obj)) or isinstance(obj, _SKIP) or type(obj).__name__ == "Meta":
            return obj
        if not any(p.startswith(path + ".") or p.startswith(path + "[") for p in found):
            return obj
        changes = {}
        for f in attrs.fields(type(obj)):
            value = getattr(obj, f.name)
            new = walk(value, f"{path}.{f.name}")
            if new is not value:
                changes[f.name] = new
        return attrs.evolve(obj, **changes) if changes else obj

    return walk(report, "$")


__all__ = ["REF", "Figures", "RefError", "map_texts", "problems", "resolve", "texts"]
