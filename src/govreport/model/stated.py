"""Figures a table *states* next to the figures they come from, and numbers typed as text.

A generic :class:`~govreport.model.tables.Table` may type its 계/소계/합계/총계 rows and
columns instead of declaring them (``compute``).  This module finds those stated totals by
their labels (or ``Row.total``) and compares each typed figure with the sum of the figures it
stands for, so that a stated total cannot drift from its rows unnoticed; a cell with
``checked=False`` is a deliberate difference (a rounded or estimated total) and is left alone.

It also finds *figure columns* — the columns a table computes with, formats or totals — and
the strings in them that read as numbers (``"1,500"``, ``"1.5억"``, ``"△3"``, ``"１５"``): such
a figure is text to the computations, so it would silently fall out of every 계.

Pure: no formatting, no I/O.  Messages name cells by the JSON path suffix of the table
(``.rows[6].cells[1].value``), as :mod:`.compute` does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import attrs

from .compute import LINEAR, ComputedTable, Issue, compute, scaled, table_width, to_decimal
from .tables import Cell, NumberFormat, Table

TOTALS = frozenset({"계", "합계", "총계", "합", "총합계"})
"""Labels of a 계 row or column: the sum of every plain row (column)."""
TOTAL_END = re.compile(r"^\(.*\)(합계|총계|총합계)$")
"""A labelled total: ``(A+B)총합계``."""
SUBTOTALS = frozenset({"소계"})
"""Labels of a group's sum: the rows of its merged group label, else those since the last
total."""
NOT_ADDITIVE = re.compile(r"률|율|비율|비중|구성비|점유율|평균|%|단가|지수|순위|비고|연도|년도|"
                          r"만족도|점수|배율|대비")
"""Column labels whose figures do not add up (rates, averages, ranks): a 계 row's figure
there is not a sum."""
SCALE = {"천": 10**3, "만": 10**4, "백만": 10**6, "천만": 10**7, "억": 10**8, "조": 10**12}
NUMBER_TEXT = re.compile(
    r"(?P<sign>[-−△+])?\s*(?P<digits>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?"
    r"\s*(?P<scale>천만|백만|천|만|억|조)?")


@attrs.frozen(slots=True, kw_only=True)
class TextNumber:
    """A body cell whose text reads as a number (at grid column ``col``)."""

    row: int
    index: int
    col: int
    text: str
    value: Decimal
    counted: bool = True
    """True in a column that is computed with, formatted or totalled (an error there); False
    in a column that only holds other typed numbers (a warning: it prints as typed)."""


def read_number(text: str, unit: str | None = None) -> Decimal | None:
    """The number a figure typed as text stands for, or None when it is not one.

    ``"15"``, ``"1,500"``, ``"-3"``/``"△3"`` (a fall), full-width ``"１５"``, ``"1.5억"``
    (150,000,000 — or ``1.5`` when the table's ``unit`` is already in 억, as ``억원``).
    A lone ``"-"`` is the explicit dash, never a number; ``"12%"`` or ``"5점"`` are text.
    """
    s = unicodedata.normalize("NFKC", text).strip()
    if not s or len(s) > 40:
        return None
    m = NUMBER_TEXT.fullmatch(s)
    if m is None:
        return None
    try:
        value = Decimal(m.group("digits").replace(",", "") + (m.group("frac") or ""))
    except InvalidOperation:  # (the pattern admits only digits)
        return None
    scale = m.group("scale")
    if scale:
        word = unicodedata.normalize("NFKC", unit or "").strip()
        if not word.startswith(scale):  # 1.5억 in a table of 억원 is 1.5
            value = value * SCALE[scale]
    if m.group("sign") in ("-", "−", "△"):
        value = -value
    return value


def as_json_number(value: Decimal) -> int | float:
    """``value`` as the JSON number a user should type (an integer when it is whole)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _text(cell: Cell | None) -> str:
    if cell is None or not isinstance(cell.value, str):
        return ""
    return re.sub(r"\s+", "", cell.value)


def header_labels(table: Table, width: int) -> tuple[dict[int, str], dict[int, range]]:
    """Per grid column: its lowest own header label, and the span of columns of the header
    cell just above that label (its group: 일반직 over 소계, 5급, 6급)."""
    labels: dict[int, tuple[int, str]] = {}
    spans: dict[int, list[tuple[int, range]]] = {}
    until = [0] * width
    for r, row in enumerate(table.header):
        col = 0
        for cell in row.cells:
            while col < width and until[col] > r:
                col += 1
            if col >= width:
                break
            cs, rs = max(cell.colspan, 1), max(cell.rowspan, 1)
            cols = range(col, min(col + cs, width))
            bottom = r + rs - 1
            text = _text(cell) if not isinstance(cell.value, int | float) else str(cell.value)
            for c in cols:
                until[c] = r + rs
                if cs == 1 and (c not in labels or labels[c][0] < bottom):
                    labels[c] = (bottom, text)
                spans.setdefault(c, []).append((bottom, cols))
            col += cs
    groups: dict[int, range] = {}
    for c, found in spans.items():
        own = labels.get(c, (len(table.header), ""))[0]
        above = [cols for bottom, cols in found if bottom < own and len(cols) > 1]
        if above:
            groups[c] = above[-1]
    return {c: text for c, (_, text) in labels.items()}, groups


def row_labels(ct: ComputedTable, stub: int, r: int) -> list[str]:
    """The label texts a body row starts with (spaces out): its own cells before its first
    figure — the stub, or the next cells when a merged group label covers the stub."""
    out: list[str] = []
    for c in range(ct.width):
        slot = ct.slots.get((r, c))
        if slot is None or slot.cell is None:
            if c >= stub:
                break
            continue
        if to_decimal(slot.cell.value) is not None or slot.cell.items:
            break
        if (t := _text(slot.cell)):
            out.append(t)
        if c >= stub:
            break  # one label cell past the stub at most
    return out


def _row_kind(table: Table, ct: ComputedTable, r: int) -> str | None:
    """``"total"``, ``"subtotal"`` or None (a plain row) for a body row without compute."""
    row = table.rows[r]
    labels = row_labels(ct, table.stub_columns, r)
    if any(t in SUBTOTALS for t in labels):
        return "subtotal"
    if row.total or any(t in TOTALS or TOTAL_END.search(t) for t in labels):
        return "total"
    return None


def _group(table: Table, ct: ComputedTable, kinds: dict[int, str | None], s: int,
           below: bool = False) -> list[int]:
    """The rows a 소계 row ``s`` adds up: those of a merged stub label over it, else the
    plain rows since the previous total (or, with none above, those after it)."""
    for c in range(table.stub_columns):
        for r0 in range(s, -1, -1):
            slot = ct.slots.get((r0, c))
            if slot is None or slot.cell is None:
                continue
            if r0 < s <= r0 + slot.cell.rowspan - 1:
                members = range(r0, r0 + slot.cell.rowspan)
                return [r for r in members if r != s and kinds.get(r) is None
                        and table.rows[r].compute is None]
            break

    def run(rows: range) -> list[int]:
        out = []
        for r in rows:
            if kinds.get(r) is not None or table.rows[r].compute is not None:
                break
            out.append(r)
        return out

    above = run(range(s - 1, -1, -1))
    if below:
        return run(range(s + 1, len(table.rows)))
    return sorted(above) if above else run(range(s + 1, len(table.rows)))


def _where(members: list[int], at: int, what: str) -> str:
    if all(m < at for m in members):
        return f"the {what} above" if what == "rows" else f"the {what} before it"
    if all(m > at for m in members):
        return f"the {what} below" if what == "rows" else f"the {what} after it"
    return f"the other {what}"


def _shown(value: Decimal) -> str:
    return f"{value.normalize():,f}" if value == value.to_integral_value() else f"{value:,f}"


HINT = ' (if it deliberately differs, mark the cell "checked": false)'


def stated_totals(table: Table, ct: ComputedTable | None = None,
                  seen: set[tuple[int, int]] | None = None) -> list[Issue]:
    """Every typed figure of a 계/소계 row or column that differs from what it sums.

    ``seen`` (if given) collects the grid positions compared: each stated total checked and
    the figures it sums."""
    width = table_width(table)
    if table.columns and len(table.columns) != width:
        return []
    ct = ct if ct is not None else compute(table)
    stub = table.stub_columns
    columns = table.columns
    col_derived = {c for c, col in enumerate(columns) if col.compute is not None}
    labels, groups = header_labels(table, width)
    kinds = {r: (_row_kind(table, ct, r) if row.compute is None else "computed")
             for r, row in enumerate(table.rows)}

    def additive(c: int) -> bool:
        fmt = columns[c].format if columns else None
        if fmt is not None and fmt.style != "number":
            return False
        return not NOT_ADDITIVE.search(labels.get(c, ""))

    def fmt_at(pos: tuple[int, int]) -> NumberFormat | None:
        fmt = ct.format_of(*pos)
        return None if fmt is None else attrs.evolve(fmt, from_unit=None, to_unit=None)

    issues: list[Issue] = []

    def compare(pos: tuple[int, int], members: list[tuple[int, int]], where: str,
                others: tuple[list[tuple[int, int]], ...] = ()) -> None:
        """Report ``pos`` unless it is the sum of ``members`` (or of one of ``others``: a
        group's own 계, or a 총계 of the group totals)."""
        slot = ct.slots.get(pos)
        if slot is None or slot.cell is None or slot.index is None or pos in ct.derived:
            return
        cell = slot.cell
        stated = to_decimal(cell.value)
        if stated is None or not cell.checked or cell.colspan != 1:
            return
        fmt = fmt_at(pos)
        near: tuple[Decimal, str] | None = None  # the sum closest to the stated figure
        for k, cand in enumerate([members, *others]):
            got = [v for m in cand if (v := ct.values.get(m)) is not None]
            if not got:
                continue
            if seen is not None:
                seen.add(pos)
                seen.update(m for m in cand if ct.values.get(m) is not None)
            total = sum(got, Decimal(0))
            if scaled(stated, fmt) == scaled(total, fmt):
                return
            what = where if k == 0 else (
                "the other total rows" if k == len(others) else
                _where([m for m, _ in cand], pos[0], "rows").replace("the ", "the group ", 1))
            if near is None or abs(total - stated) < abs(near[0] - stated):
                near = (total, what)
        if near is not None:
            issues.append(Issue(
                path=f".rows[{pos[0]}].cells[{slot.index}].value",
                message=f"stated {_shown(stated)}, {near[1]} sum to "
                        f"{_shown(scaled(near[0], fmt))}{HINT}"))

    # total and subtotal rows, down each additive data column
    plain = [r for r, k in kinds.items() if k is None]
    totals = [r for r, k in kinds.items() if k == "total"]
    for r, kind in kinds.items():
        if kind not in ("total", "subtotal"):
            continue
        members = plain if kind == "total" else _group(table, ct, kinds, r)
        alternatives: list[list[int]] = []
        if kind == "total" and len(totals) > 1:  # several 계 rows: group totals, 총계 of them
            alternatives = [_group(table, ct, kinds, r), _group(table, ct, kinds, r, below=True),
                            [t for t in totals if t != r]]
        if not members:
            continue
        what = _where(members, r, "rows") if kind == "total" else "the rows of its group"
        for c in range(stub, width):
            if c in col_derived or not additive(c):
                continue
            compare((r, c), [(m, c) for m in members], what,
                    tuple([(m, c) for m in alt] for alt in alternatives if alt))
    # total and subtotal columns, along each row
    data = [c for c in range(stub, width) if c not in col_derived and additive(c)]
    total_cols = [c for c in data if labels.get(c, "") in TOTALS | SUBTOTALS]
    leaves = [c for c in data if c not in total_cols]
    for c in total_cols:
        if labels[c] in SUBTOTALS:
            span = groups.get(c)
            if span is None:
                continue
            members_c = [cc for cc in leaves if cc in span]
            what = "the columns of its group"
        else:
            members_c = leaves
            what = _where(members_c, c, "columns")
        if not members_c:
            continue
        for r, kind in kinds.items():
            if kind == "computed" and table.rows[r].compute is not None and \
                    table.rows[r].compute.op not in LINEAR:  # type: ignore[union-attr]
                continue
            compare((r, c), [(r, cc) for cc in members_c], what)
    return issues


def figure_columns(table: Table, ct: ComputedTable | None = None) -> set[int]:
    """The grid columns whose figures count: computed with (by a derived row or column, or
    a stated total row) or formatted."""
    width = table_width(table)
    stub = table.stub_columns
    out: set[int] = set()
    columns = table.columns if len(table.columns) == width else ()
    keys = {col.key: c for c, col in enumerate(columns) if col.key}
    for c, col in enumerate(columns):
        if col.format is not None:
            out.add(c)
        if col.compute is not None:
            if col.compute.of:
                out.update(keys[k] for k in col.compute.of if k in keys)
            else:
                out.update(cc for cc in range(stub, width) if columns[cc].compute is None)
    if any(row.compute is not None for row in table.rows):
        out.update(range(stub, width))
    ct = ct if ct is not None else compute(table)
    labels, _ = header_labels(table, width)
    if any(row.total for row in table.rows) or any(
            t in TOTALS | SUBTOTALS for r in range(len(table.rows))
            for t in row_labels(ct, stub, r)):
        out.update(c for c in range(stub, width) if not NOT_ADDITIVE.search(labels.get(c, "")))
    return {c for c in out if stub <= c < width}


def number_columns(table: Table, ct: ComputedTable) -> set[int]:
    """The grid columns with a typed number in the body (figures, whether totalled or not)."""
    return {c for (_, c), slot in ct.slots.items() if c >= table.stub_columns
            and slot.cell is not None and to_decimal(slot.cell.value) is not None}


def text_numbers(table: Table, ct: ComputedTable | None = None) -> Iterator[TextNumber]:
    """The body cells of figure columns whose text reads as a number (:func:`read_number`)."""
    width = table_width(table)
    if table.columns and len(table.columns) != width:
        return
    ct = ct if ct is not None else compute(table)
    counted = figure_columns(table, ct)
    cols = counted | number_columns(table, ct)
    for (r, c), slot in sorted(ct.slots.items()):
        cell = slot.cell
        if c not in cols or cell is None or slot.index is None or cell.colspan != 1:
            continue
        if isinstance(cell.value, str) and not cell.items:
            value = read_number(cell.value, table.unit)
            if value is not None:
                yield TextNumber(row=r, index=slot.index, col=c, text=cell.value, value=value,
                                 counted=c in counted)


_KEY = r"([A-Za-z가-힣])"
KEYED = re.compile(rf"\(\s*{_KEY}\s*\)$")
RATIO = re.compile(rf"\(\s*{_KEY}\s*[/÷]\s*{_KEY}\s*\)(?:\(?%\)?)?$")
DIFFERENCE = re.compile(rf"\(\s*{_KEY}\s*[-−–]\s*{_KEY}\s*\)$")
SHARES = re.compile(r"^(비율|비중|구성비|점유율)(\(%\))?$")


def _decimals(value: object) -> int:
    """The fraction digits a typed figure shows (``97.3`` → 1)."""
    if isinstance(value, float):
        text = repr(value)
        return 0 if "e" in text or "." not in text else len(text.split(".")[1])
    return 0


def stated_rates(table: Table, ct: ComputedTable | None = None,
                 seen: set[tuple[int, int]] | None = None) -> list[Issue]:
    """Typed figures of a ``달성률(B/A)``, ``증감(B-A)`` or ``비율`` row or column (not
    declared with ``compute``) that differ from what their figures give, at the decimals
    typed (half-up)."""
    width = table_width(table)
    if table.columns and len(table.columns) != width:
        return []
    ct = ct if ct is not None else compute(table)
    stub = table.stub_columns
    col_labels, _ = header_labels(table, width)
    rlabels = {r: (own[0] if (own := row_labels(ct, stub, r)) else "")
               for r in range(len(table.rows))}
    issues: list[Issue] = []
    derived_cols = {c for c, col in enumerate(table.columns) if col.compute is not None}

    def check(pos: tuple[int, int], computed: Decimal | None, what: str) -> None:
        slot = ct.slots.get(pos)
        if slot is None or slot.cell is None or slot.index is None or pos in ct.derived:
            return
        cell = slot.cell
        stated = to_decimal(cell.value)
        if stated is None or computed is None or not cell.checked:
            return
        if seen is not None:
            seen.add(pos)
        places = Decimal(1).scaleb(-_decimals(cell.value))
        shown = computed.quantize(places, ROUND_HALF_UP)
        if stated.quantize(places, ROUND_HALF_UP) != shown:
            issues.append(Issue(path=f".rows[{pos[0]}].cells[{slot.index}].value",
                                message=f"stated {stated.quantize(places):,f}, {what} is "
                                        f"{shown:,f}{HINT}"))

    def rule(label: str, keys: dict[str, int]) -> tuple[str, int, int] | None:
        for op, pattern in (("ratio", RATIO), ("difference", DIFFERENCE)):
            m = pattern.search(label)
            if m and m.group(1) in keys and m.group(2) in keys:
                return op, keys[m.group(1)], keys[m.group(2)]
        return None

    def value(pos: tuple[int, int]) -> Decimal | None:
        return ct.values.get(pos)

    def result(op: str, a: Decimal | None, b: Decimal | None) -> Decimal | None:
        if a is None or b is None:
            return None
        if op == "difference":
            return a - b
        return None if b == 0 else a * 100 / b

    # rows: 달성률(B/A) under 목표(A), 실적(B)
    row_keys = {m.group(1): r for r, t in rlabels.items()
                if (m := KEYED.search(t)) and not RATIO.search(t)}
    for r, label in rlabels.items():
        found = rule(label, row_keys) if table.rows[r].compute is None else None
        if found is None:
            continue
        op, a, b = found
        what = (f"{rlabels[a]} ÷ {rlabels[b]}" if op == "ratio"
                else f"{rlabels[a]} − {rlabels[b]}")
        for c in range(stub, width):
            if c not in derived_cols:
                check((r, c), result(op, value((a, c)), value((b, c))), what)
    # columns: 달성률(B/A), 증감(B-A), and 비율 after a column of figures
    col_keys = {m.group(1): c for c, t in col_labels.items()
                if (m := KEYED.search(t)) and not RATIO.search(t)}
    plain = [r for r in range(len(table.rows)) if table.rows[r].compute is None
             and not any(t in TOTALS | SUBTOTALS for t in row_labels(ct, stub, r))]
    for c, label in col_labels.items():
        if c < stub or c in derived_cols:
            continue
        found = rule(label, col_keys)
        if found is not None:
            op, a, b = found
            what = (f"{col_labels[a]} ÷ {col_labels[b]}" if op == "ratio"
                    else f"{col_labels[a]} − {col_labels[b]}")
            for r in range(len(table.rows)):
                check((r, c), result(op, value((r, a)), value((r, b))), what)
        elif SHARES.match(label) and c - 1 >= stub and c - 1 not in derived_cols:
            base = c - 1
            whole = [v for r in plain if (v := value((r, base))) is not None]
            if not whole or sum(whole, Decimal(0)) == 0:
                continue
            total = sum(whole, Decimal(0))
            for r in range(len(table.rows)):
                v = value((r, base))
                check((r, c), None if v is None else v * 100 / total,
                      f"its share of {col_labels.get(base, 'the column')}")
    return issues


_MAYBE_NUMBER = re.compile(r"^\s*[-−△+]?\s*[\d\uff10-\uff19]")
_MAYBE_TOTAL = re.compile(r"^\s*(?:계|합\s*계|총\s*계|소\s*계|합|총합계)\s*$")


def _might_matter(table: Table) -> tuple[bool, bool]:
    """(may hold a stated total, may hold a figure typed as text): a quick look at the raw
    cells, so that a big plain table costs one pass and no grid."""
    totals = any(row.total for row in table.rows)
    texts = False
    for rows in (table.header, table.rows):
        for row in rows:
            for cell in row.cells:
                v = cell.value
                if type(v) is str:
                    if not totals and _MAYBE_TOTAL.match(v):
                        totals = True
                    if not texts and rows is table.rows and _MAYBE_NUMBER.match(v) and \
                            read_number(v, table.unit) is not None:  # (not a date, a code)
                        texts = True
            if totals and texts:
                return True, True
    return totals, texts


_MAYBE_RATE = re.compile(
    r"\(\s*[A-Za-z가-힣]\s*[/÷\-−–]\s*[A-Za-z가-힣]\s*\)|비율|비중|구성비|점유율")


def _might_rate(table: Table) -> bool:
    """True when a label of the table may name a stated rate, difference or share."""
    return any(type(cell.value) is str and _MAYBE_RATE.search(cell.value)
               for rows in (table.header, table.rows) for row in rows[:200]
               for cell in row.cells[:4 if rows is table.rows else None])


def stated_problems(table: Table, ct: ComputedTable | None = None) -> list[Issue]:
    """The errors of :func:`stated_totals`, :func:`stated_rates` and :func:`text_numbers`
    (one per cell: an error where the column's figures count, else a warning)."""
    totals, texts = _might_matter(table)
    if not totals and not texts and not _might_rate(table):
        return []
    ct = ct if ct is not None else compute(table)
    out = stated_totals(table, ct) if totals else []
    out += stated_rates(table, ct)
    if texts:
        out += [Issue(path=f".rows[{f.row}].cells[{f.index}].value",
                      message=text_number_message(f),
                      severity="error" if f.counted else "warning")
                for f in text_numbers(table, ct)]
    return out


def text_number_message(found: TextNumber) -> str:
    """What to tell the user about a figure typed as text."""
    number = as_json_number(found.value)
    why = ("figures typed as text are left out of every total" if found.counted else
           "it prints as typed, unlike the column's numbers")
    return (f"{found.text!r} is text, but it reads as the number {number}: {why}; write it "
            f"as a JSON number ({number}) or load with coerce_numbers=True "
            f"(govreport … --coerce-numbers)")


def with_numbers(table: Table, found: list[TextNumber]) -> Table:
    """``table`` with the cells of ``found`` holding their numbers."""
    by_pos = {(f.row, f.index): as_json_number(f.value) for f in found}
    rows = []
    for r, row in enumerate(table.rows):
        if not any(rr == r for rr, _ in by_pos):
            rows.append(row)
            continue
        cells = tuple(attrs.evolve(cell, value=by_pos[(r, j)]) if (r, j) in by_pos else cell
                      for j, cell in enumerate(row.cells))
        rows.append(attrs.evolve(row, cells=cells))
    return attrs.evolve(table, rows=tuple(rows))


__all__ = ["NOT_ADDITIVE", "SUBTOTALS", "TOTALS", "TextNumber", "as_json_number",
           "figure_columns", "number_columns", "read_number", "stated_problems",
           "stated_totals", "text_number_message", "text_numbers", "with_numbers"]
