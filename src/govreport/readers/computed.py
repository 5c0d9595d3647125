"""Derived rows and columns read back as their declaration (계, 소계, 증감, 증감률, 달성률,
비율).

A table as read holds every printed figure.  Where a row or column *looks* derived — a
``계``/``합계`` label, ``소계`` rows closing (or opening) their groups, ``달성률(B/A)``,
``증감(B-A)`` (or a bare ``증감`` after two figure columns: the later minus the earlier),
``증감률`` (the same pair, a 증감 between skipped: their growth in percent),
``비율``/``비중`` — this module proposes
the :class:`~govreport.model.Compute` rule, takes those cells out, lets the library compute
and print the figures exactly as the writers do (:class:`~govreport.layout.tables.TableLayout`),
and keeps the rule only when every printed cell of the table comes out the same.  Nothing is
guessed: a 계 row whose figures do not add up stays the figures as printed.

Keys come from the labels (``목표(A)`` → ``A``); a column or row that a ``비율`` divides and
that has no such label is given the key ``n`` (``n2``, … for more), the name docs/model.md uses;
the rows a ``소계`` adds up are keyed ``r0``, ``r1`` … by their place among the plain rows, as
:func:`~govreport.freeform.table_from_records` keys them.

A ``소계``'s group is the rows its merged group label spans (``rowspan``), else the plain rows
since the previous 소계 or 계 row (or, when the first 소계 comes before any of them, the rows
after it up to the next).  All 소계 rows of a table are one candidate: they hold together or
the table keeps them as printed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

import attrs

from ..layout.grid import GridError, place_cells
from ..layout.tables import TableLayout
from ..layout.text import TextFormatter
from ..model import Cell, NumberFormat, Row, Table
from ..model.compute import PERCENT, table_width, to_decimal
from ..model.stated import stated_rates, stated_totals
from ..model.tables import Column, Compute, Op
from ..theme import Theme
from .log import ReadLog

TOTALS = frozenset({"계", "합계", "총계"})
"""Labels of a 계 row or column (a sum of every plain row/column)."""
SUBTOTALS = frozenset({"소계"})
"""Labels of a group's sum row (the rows of its group, see the module docstring)."""
CHANGES = frozenset({"증감", "증감액", "전년대비증감", "전년대비증감액"})
"""Labels of a 증감 without ``(B-A)``: the later of the two figure columns (rows) just
before it minus the earlier."""
GROWTHS = frozenset({"증감률", "증감율", "증감률(%)", "증감율(%)", "전년대비증감률",
                     "전년대비증감율"})
"""Labels of a 증감률 (``growth``): of the two figure columns (rows) before it, derived ones
(a 증감 between them) skipped, the later over the earlier."""
SHARES = frozenset({"비율", "비중", "구성비", "점유율", "비율(%)", "비중(%)", "구성비(%)"})
_KEY = r"([A-Za-z가-힣])"
KEY_RE = re.compile(rf"\(\s*{_KEY}\s*\)$")
RATIO_RE = re.compile(rf"\(\s*{_KEY}\s*[/÷]\s*{_KEY}\s*\)$")
DIFF_RE = re.compile(rf"\(\s*{_KEY}\s*[-−–]\s*{_KEY}\s*\)$")
MAX_CELLS = 2000
"""Tables with more grid positions are left as printed: every rule is checked by reprinting
the whole table, and report tables are far smaller (a hostile file stays fast)."""
MAX_RULES = 8
"""At most this many candidates (a rule, or all 소계 rows of a table together) are tried per
table: each costs one reprint of the whole table."""
FIGURE_RE = re.compile(r"^\(?[+\-−△▲▽]?[\d,]*\d(?:\.(\d+))?(%p|%)?\)?$")
"""A printed figure (negatives as the themes print them: ``-``, ``△``, ``(12)``)."""


@attrs.frozen(slots=True, kw_only=True)
class _Rule:
    """A proposed derivation: ``axis`` ``row``/``col``, its index, the rule and references
    (indices of the rows/columns named in ``of``, in order)."""

    axis: str
    index: int
    op: Op
    refs: tuple[int, ...] = ()
    subtotal: bool = False  # a 소계 row: its refs are keyed r0, r1 … and it keeps its look


def _label(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _printed(table: Table, layout: TableLayout) -> dict[tuple[int, int], tuple[str, int, int,
                                                                             int]] | None:
    """Every cell's printed text and spans by grid position (None: the grid does not place)."""
    resolved = layout.resolve(table)
    n_head = len(resolved.header)
    try:
        placed, _ = place_cells((*resolved.header, *resolved.rows))
    except GridError:
        return None
    return {(p.row, p.col): (layout.cell_text(p.cell, plain=p.row < n_head), p.cell.rowspan,
                             p.cell.colspan, len(p.cell.items)) for p in placed}


def _grid(table: Table) -> dict[tuple[int, int], Cell] | None:
    """Body cells by grid position (row index in ``table.rows``)."""
    try:
        placed, _ = place_cells((*table.header, *table.rows))
    except GridError:
        return None
    n_head = len(table.header)
    return {(p.row - n_head, p.col): p.cell for p in placed if p.row >= n_head}


def _column_labels(table: Table, width: int) -> dict[int, str]:
    """The header text over each grid column (the lowest header cell that covers it alone,
    else the one spanning it)."""
    if not table.header:
        return {}
    try:
        placed, _ = place_cells(table.header)
    except GridError:
        return {}
    out: dict[int, tuple[int, str]] = {}
    for p in placed:
        if p.cell.colspan != 1 or not isinstance(p.cell.value, str | int):
            continue
        bottom = p.row + p.cell.rowspan - 1
        if p.col < width and (p.col not in out or out[p.col][0] < bottom):
            out[p.col] = (bottom, str(p.cell.value))
    return {c: text for c, (_, text) in out.items()}


def _figure_format(texts: Sequence[str]) -> NumberFormat | bool | None:
    """The format printed figures show: ``%``/``%p`` and their decimals; False when they
    are not figures at all (then the rule cannot hold)."""
    styles: set[tuple[str, int]] = set()
    for t in texts:
        if t in ("", "-"):
            continue
        m = FIGURE_RE.match(t.strip())
        if m is None:
            return False
        style = {"%": "percent", "%p": "points"}.get(m.group(2) or "", "number")
        styles.add((style, len(m.group(1) or "")))
    if len(styles) != 1:
        return None
    style, decimals = styles.pop()
    return NumberFormat(style=style, decimals=decimals)  # type: ignore[arg-type]


def _is_figure(cell: Cell) -> bool:
    return isinstance(cell.value, int | float) and not isinstance(cell.value, bool)


def _row_stubs(grid: dict[tuple[int, int], Cell], r: int, width: int) -> list[str]:
    """The texts a row starts with, before its first figure (its own cells, spaces out)."""
    out: list[str] = []
    for c in range(width):
        cell = grid.get((r, c))
        if cell is None:
            continue
        if _is_figure(cell) or cell.items:
            break
        if isinstance(cell.value, str) and _label(cell.value):
            out.append(_label(cell.value))
    return out


def _groups(grid: dict[tuple[int, int], Cell], subtotals: list[int], labels: dict[int, str],
            n_rows: int) -> tuple[_Rule, ...]:
    """One ``sum`` rule per 소계 row over the rows of its group (see the module docstring);
    empty when a group cannot be told."""
    if not subtotals:
        return ()
    boundary = set(subtotals) | {r for r, t in labels.items() if t in TOTALS | CHANGES}
    spans: dict[int, range] = {}  # a merged group label (rowspan) over a 소계 row
    for (r0, _), cell in sorted(grid.items(), key=lambda kv: kv[0][1]):
        if cell.rowspan > 1:  # spans of one column never overlap: linear in the grid
            k = bisect_left(subtotals, r0)
            while k < len(subtotals) and subtotals[k] < r0 + cell.rowspan:
                spans.setdefault(subtotals[k], range(r0, min(r0 + cell.rowspan, n_rows)))
                k += 1

    def run(rows: range) -> list[int]:
        out: list[int] = []
        for r in rows:
            if r in boundary:
                break
            out.append(r)
        return out

    first = subtotals[0]
    leading = first not in spans and not run(range(first - 1, -1, -1))
    rules: list[_Rule] = []
    for s in subtotals:
        if s in spans:
            members = [r for r in spans[s] if r != s]
            if any(r in boundary for r in members):
                return ()
        elif leading:
            members = run(range(s + 1, n_rows))
        else:
            members = sorted(run(range(s - 1, -1, -1)))
        if not members:
            return ()
        rules.append(_Rule(axis="row", index=s, op="sum", refs=tuple(members), subtotal=True))
    return tuple(rules)


class ComputedReader:
    """Finds the derived rows and columns of one read table (see the module docstring).

    A stated 계 or 소계 that does not add up is kept as printed, its cell marked
    ``checked=False`` (so the imported report validates), and reported to ``log`` with both
    figures: importing last year's report finds its arithmetic errors."""

    def __init__(self, theme: Theme, fmt: TextFormatter, log: ReadLog | None = None) -> None:
        self.layout = TableLayout(theme, fmt, theme.page.text_width_pt)
        self.log = log

    def declare(self, table: Table, where: str = "table") -> Table:
        """:meth:`declared`, then every stated total that does not add up kept as stated and
        reported (see the class docstring)."""
        table = self.declared(table)
        try:
            totals = stated_totals(table)
            issues = totals + stated_rates(table)
        except (ArithmeticError, ValueError, KeyError, IndexError):
            return table
        if not issues:
            return table
        off: set[tuple[int, int]] = set()
        for issue in issues:
            m = re.match(r"\.rows\[(\d+)\]\.cells\[(\d+)\]", issue.path)
            if m is None:
                continue
            r, j = int(m.group(1)), int(m.group(2))
            off.add((r, j))
            if self.log is not None:
                self.log.fallback(f"{where} (row {r + len(table.header) + 1}, cell {j + 1})",
                              ("the stated total does not add up" if issue in totals else
                               "the stated figure differs from its figures")
                              + ", kept as stated: " + issue.message.split(" (if it")[0])
        rows = tuple(row if not any(rr == r for rr, _ in off) else attrs.evolve(
            row, cells=tuple(attrs.evolve(c, checked=False) if (r, j) in off else c
                             for j, c in enumerate(row.cells)))
            for r, row in enumerate(table.rows))
        return attrs.evolve(table, rows=rows)

    def declared(self, table: Table) -> Table:
        """``table`` with every derived row/column that the printed figures confirm declared
        (``compute``, keys, formats) and its figures left to the library; columns of
        decimals or percentages typed as numbers with their format; else unchanged."""
        if not table.rows or table.columns or table.computed:
            return table
        width = table_width(table)
        if width * (len(table.rows) + len(table.header)) > MAX_CELLS:
            return table
        grid = _grid(table)
        if grid is None or width <= table.stub_columns:
            return table
        want = _printed(table, self.layout)
        if want is None:
            return table
        table = self._formats(table, grid, width, want)
        grid = _grid(table) or grid
        candidates = self._candidates(table, grid, width)[:MAX_RULES]
        if not candidates:
            return table

        def holds(chosen: list[tuple[_Rule, ...]]) -> Table | None:
            built = self._build(table, grid, width, [r for c in chosen for r in c], want)
            if built is None:
                return None
            try:
                got = _printed(built, self.layout)
            except (ArithmeticError, ValueError, KeyError, IndexError):
                return None
            return built if got == want else None

        best = holds(candidates)
        if best is not None:
            return best
        chosen: list[tuple[_Rule, ...]] = []
        for candidate in candidates:  # one at a time, each kept only while the whole table
            if holds([*chosen, candidate]) is not None:  # still prints the same
                chosen.append(candidate)
        return (holds(chosen) or table) if chosen else table

    # ------------------------------------------------------------------ column formats
    def _figure(self, text: str) -> tuple[int | float, NumberFormat] | None:
        """``12.5``, ``1,234.50``, ``45.0%``, ``△1.5`` as a number and the format that prints
        it so (checked later by reprinting the whole table)."""
        negative = self.layout.theme.table.negative or "-"
        m = re.fullmatch(r"([-−△▲]?)([\d,]*\d)(?:\.(\d+))?(%?)", text.strip())
        if m is None or (m.group(1) and m.group(1) not in (negative, "-", "−")):
            return None
        decimals = len(m.group(3) or "")
        digits = m.group(2).replace(",", "") + (f".{m.group(3)}" if decimals else "")
        if len(digits) > 40:  # past what a report may hold (and int()'s digit limit)
            return None
        value: int | float = float(digits) if decimals else int(digits)
        if not abs(value) < 10**18:
            return None
        if m.group(1):
            value = -value
        style = "percent" if m.group(4) else "number"
        return value, NumberFormat(style=style, decimals=decimals)  # type: ignore[arg-type]

    def _formats(self, table: Table, grid: dict[tuple[int, int], Cell], width: int,
                 want: dict[tuple[int, int], tuple[str, int, int, int]]) -> Table:
        """Columns whose cells are all figures printed with the same decimals (``12.5``) or as
        percentages (``45.0%``): the numbers typed and the column given that format, each
        column kept only when the table reprints the same."""
        chosen: dict[int, tuple[NumberFormat, dict[int, Cell]]] = {}
        n_head = len(table.header)
        for c in range(table.stub_columns, width):
            found = self._column_format(table, grid, c)
            if found is None:
                continue
            fmt, cells = found
            column = [(r, cell) for r in range(len(table.rows))
                      if (cell := grid.get((r, c))) is not None and isinstance(
                          cell.value, int | float) and not isinstance(cell.value, bool)]
            typed = [(r, cells.get(r, cell)) for r, cell in column] + [
                (r, cell) for r, cell in cells.items() if r not in dict(column)]
            if all(self.layout.figure(to_decimal(cell.value), fmt)
                   == want.get((r + n_head, c), ("",))[0] for r, cell in typed):
                chosen[c] = found  # each figure prints as written; the table is checked below
        if not chosen:
            return table
        typed_table = self._typed(table, grid, width, chosen)
        return typed_table if _printed(typed_table, self.layout) == want else table

    def _column_format(self, table: Table, grid: dict[tuple[int, int], Cell],
                       c: int) -> tuple[NumberFormat, dict[int, Cell]] | None:
        formats: set[NumberFormat] = set()
        cells: dict[int, Cell] = {}
        for r in range(len(table.rows)):
            cell = grid.get((r, c))
            if cell is None or cell.colspan != 1 or cell.value is None:
                continue
            if cell.items or cell.ratio is not None or cell.count is not None:
                return None
            if isinstance(cell.value, bool) or not isinstance(cell.value, str):
                continue
            got = self._figure(cell.value)
            if got is None:
                return None
            formats.add(got[1])
            cells[r] = attrs.evolve(cell, value=got[0])
        if len(formats) != 1:
            return None
        fmt = formats.pop()
        if fmt.style == "number" and fmt.decimals == 0:
            return None  # plain whole numbers are typed already
        return fmt, cells

    @staticmethod
    def _typed(table: Table, grid: dict[tuple[int, int], Cell], width: int,
               chosen: dict[int, tuple[NumberFormat, dict[int, Cell]]]) -> Table:
        swap = {id(grid[(r, c)]): new for c, (_, cells) in chosen.items()
                for r, new in cells.items()}
        rows = tuple(attrs.evolve(row, cells=tuple(swap.get(id(x), x) for x in row.cells))
                     for row in table.rows)
        columns = tuple(Column(format=chosen[c][0]) if c in chosen else Column()
                        for c in range(width))
        return attrs.evolve(table, rows=rows, columns=columns)

    # ------------------------------------------------------------------ candidates
    def _candidates(self, table: Table, grid: dict[tuple[int, int], Cell],
                    width: int) -> list[tuple[_Rule, ...]]:
        """Candidate rules, each a tuple tried as one: every column rule, then the 소계 rows
        together, then the other row rules."""
        stub = table.stub_columns
        n_rows = len(table.rows)
        row_labels = {r: _label(str(grid[(r, 0)].value)) for r in range(n_rows)
                      if (r, 0) in grid and isinstance(grid[(r, 0)].value, str)}
        subtotals: list[int] = []
        for r in range(n_rows):
            stubs = _row_stubs(grid, r, width)
            if any(text in SUBTOTALS for text in stubs):
                subtotals.append(r)
                row_labels[r] = "소계"
            elif not row_labels.get(r) and stubs:  # the first column merged from above
                row_labels[r] = stubs[0]
        col_labels = {c: _label(t) for c, t in _column_labels(table, width).items()
                      if c >= stub}
        out: list[tuple[_Rule, ...]] = [
            (rule,) for rule in self._axis("col", col_labels, range(stub, width))]
        family = _groups(grid, subtotals, row_labels, n_rows)
        if family:
            out.append(family)
        plain_labels = {r: t for r, t in row_labels.items() if r not in subtotals}
        out += [(rule,) for rule in self._axis("row", plain_labels, range(n_rows))]
        return out

    @staticmethod
    def _axis(axis: str, labels: dict[int, str], indices: range) -> list[_Rule]:
        keyed = {m.group(1): i for i, text in labels.items()
                 if (m := KEY_RE.search(text)) and not RATIO_RE.search(text)}
        out: list[_Rule] = []
        derived: set[int] = set()
        for i in indices:
            text = labels.get(i)
            if text is None:
                continue
            rule: _Rule | None = None
            op: Op
            if text in TOTALS:
                rule = _Rule(axis=axis, index=i, op="sum")
            elif (m := RATIO_RE.search(text)) or (m := DIFF_RE.search(text)):
                a, b = keyed.get(m.group(1)), keyed.get(m.group(2))
                if a is not None and b is not None:
                    op = "ratio" if RATIO_RE.search(text) else "difference"
                    rule = _Rule(axis=axis, index=i, op=op, refs=(a, b))
            elif text in CHANGES:  # the two just before, later minus earlier
                if all(j in indices and j in labels and j not in derived
                       and labels[j] not in TOTALS | CHANGES for j in (i - 1, i - 2)):
                    rule = _Rule(axis=axis, index=i, op="difference", refs=(i - 1, i - 2))
            elif text in GROWTHS:  # the two plain ones before, a 증감 between skipped
                pair = [j for j in range(i - 1, indices.start - 1, -1) if j not in derived][:2]
                if len(pair) == 2 and all(j in labels and labels[j] not in TOTALS | CHANGES
                                          | GROWTHS for j in pair) and all(
                        j in derived for j in range(pair[0] + 1, i)):
                    rule = _Rule(axis=axis, index=i, op="growth", refs=(pair[0], pair[1]))
            elif text in SHARES:
                before = [j for j in indices if j < i and j not in derived and j in labels
                          and labels[j] not in TOTALS]
                if before:
                    rule = _Rule(axis=axis, index=i, op="share", refs=(before[-1],))
            if rule is not None:
                out.append(rule)
                derived.add(i)
        return out

    # ------------------------------------------------------------------ building
    def _build(self, table: Table, grid: dict[tuple[int, int], Cell], width: int,
               rules: list[_Rule], want: dict[tuple[int, int], tuple[str, int, int, int]]
               ) -> Table | None:
        col_rules = {r.index: r for r in rules if r.axis == "col"}
        row_rules = {r.index: r for r in rules if r.axis == "row"}
        plain = [r for r in range(len(table.rows)) if r not in row_rules]
        if any(r.subtotal for r in rules):
            if any(i in row_rules for r in rules if r.subtotal for i in r.refs):
                return None  # a 소계 adds up plain rows only
            # the group label and the line labels are all name columns (stub), as
            # table_from_records makes them: up to the first column with a figure
            lead = min((c for (_, c), cell in grid.items() if _is_figure(cell)), default=0)
            if lead > table.stub_columns:
                table = attrs.evolve(table, stub_columns=lead)
        stub = table.stub_columns
        n_head = len(table.header)
        if any(i < stub for i in col_rules):
            return None
        labels_c = _column_labels(table, width)
        labels_r = {r: str(grid[(r, 0)].value) for r in range(len(table.rows))
                    if (r, 0) in grid}
        keys_c = self._keys([r for r in rules if r.axis == "col"], labels_c)
        keys_r = self._keys([r for r in rules if r.axis == "row"], labels_r,
                            {r: f"r{k}" for k, r in enumerate(plain)})
        if keys_c is None or keys_r is None:
            return None

        def printed(positions: list[tuple[int, int]]) -> list[str]:
            return [want[(r + n_head, c)][0] for r, c in positions
                    if (r + n_head, c) in want]

        def rule_of(rule: _Rule, keys: dict[int, str]) -> Compute:
            return Compute(op=rule.op, of=tuple(keys[i] for i in rule.refs))

        def fmt_for(rule: _Rule, texts: list[str]) -> NumberFormat | bool | None:
            shown = _figure_format(texts)
            if shown is False or shown is None:
                return shown
            assert isinstance(shown, NumberFormat)
            default = PERCENT if rule.op in ("ratio", "share", "growth") else NumberFormat()
            return None if shown == default or (
                shown.style == "number" and shown.decimals == 0) else shown

        base = table.columns if len(table.columns) == width else (Column(),) * width
        columns: list[Column] = []
        for c in range(width):
            kw: dict[str, object] = {"format": base[c].format} if base[c].format else {}
            if c in keys_c:
                kw["key"] = keys_c[c]
            if c in col_rules:  # a derived column's format is what its figures show
                kw.pop("format", None)
                rule = col_rules[c]
                kw["compute"] = rule_of(rule, keys_c)
                f = fmt_for(rule, printed([(r, c) for r in plain]))
                if f is False:
                    return None
                if isinstance(f, NumberFormat):
                    kw["format"] = f
            columns.append(Column(**kw))  # type: ignore[arg-type]
        rows: list[Row] = []
        for r, row in enumerate(table.rows):
            if r in row_rules:
                rule = row_rules[r]
                stub_cells = [grid.get((r, c)) for c in range(stub)]
                stubs = [cell for cell in row.cells if any(cell is s for s in stub_cells)]
                if any(grid.get((r, c)) is not None and grid[(r, c)].rowspan > 1
                       for c in range(stub, width)):
                    return None
                f = fmt_for(rule, printed([(r, c) for c in range(stub, width)
                                           if c not in col_rules]))
                if f is False:
                    return None
                rows.append(attrs.evolve(  # a 계 row is a total row, styled apart or not
                    row, cells=tuple(stubs), key=keys_r.get(r), compute=rule_of(rule, keys_r),
                    total=row.total or (rule.op == "sum" and not rule.subtotal),
                    format=f if isinstance(f, NumberFormat) else None))
                continue
            cells = list(row.cells)
            for c in col_rules:
                cell = grid.get((r, c))
                at = [k for k, x in enumerate(cells) if x is cell]
                if cell is None or not at or cell.colspan != 1 or cell.rowspan != 1:
                    return None
                del cells[at[0]]
            rows.append(attrs.evolve(row, cells=tuple(cells), key=keys_r.get(r)))
        return attrs.evolve(table, rows=tuple(rows),
                            columns=tuple(columns) if col_rules or keys_c or table.columns
                            else ())

    @staticmethod
    def _keys(rules: list[_Rule], labels: dict[int, str],
              plain: dict[int, str] | None = None) -> dict[int, str] | None:
        """Keys of the rows/columns the rules refer to: the ``(A)`` of their label, else
        ``r0``, ``r1`` … (``plain``) for the rows a 소계 adds up, else ``n``, ``n2`` … in
        grid order; None when two would share a key."""
        keys: dict[int, str] = {}
        spare = (f"n{k}" if k > 1 else "n" for k in range(1, 1000))
        grouped = {i for rule in rules if rule.subtotal for i in rule.refs}
        for i in sorted({i for rule in rules for i in rule.refs}):
            m = KEY_RE.search(_label(labels.get(i, "")))
            if m:
                keys[i] = m.group(1)
            elif i in grouped and plain is not None and i in plain:
                keys[i] = plain[i]
            else:
                keys[i] = next(spare)
        return keys if len(set(keys.values())) == len(keys) else None


def declare_computed(table: Table, theme: Theme, fmt: TextFormatter,
                     log: ReadLog | None = None) -> Table:
    """Shorthand for :meth:`ComputedReader.declare`."""
    return ComputedReader(theme, fmt, log).declare(table)


__all__ = ["ComputedReader", "declare_computed"]
