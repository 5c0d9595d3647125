"""Table geometry: resolve row/col spans into grid positions and choose column widths."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import attrs

from ..model import Cell, Row
from ..support.errors import GovReportError
from ..support.limits import current, hint


class GridError(GovReportError, ValueError):
    """Spans that overlap or run past the table edge; ``row``/``cell`` locate the culprit.

    Rows, cells and columns are numbered from 0, like the JSON indices of the table.
    """

    def __init__(self, message: str, row: int, cell: int) -> None:
        super().__init__(message)
        self.row = row
        self.cell = cell


@attrs.frozen(slots=True, kw_only=True)
class Placed:
    """A model cell at its grid position."""

    row: int
    col: int
    cell: Cell


def place_cells(rows: Sequence[Row]) -> tuple[list[Placed], int]:
    """Place cells HTML-style (each row lists the cells starting in it); return cells, columns.

    Linear in the grid size (per column, the row where the span covering it ends).  Raises
    :class:`GridError` when spans overlap, run past the last row or the table limits
    (:class:`~govreport.support.limits.Limits`), or rows differ in width.
    """
    lim = current()
    until: list[int] = []  # per column: first row no longer covered
    placed: list[Placed] = []
    widths: list[int] = []
    area = 0
    for r, row in enumerate(rows):
        c = 0
        for i, cell in enumerate(row.cells):
            while c < len(until) and until[c] > r:
                c += 1
            if r + cell.rowspan > len(rows):
                raise GridError(f"rowspan {cell.rowspan} runs past the last row", r, i)
            if cell.rowspan < 1 or cell.colspan < 1:
                raise GridError("rowspan and colspan must be 1 or more", r, i)
            if c + cell.colspan > lim.table_columns:
                raise GridError(f"the table is wider than {lim.table_columns} columns "
                                f"({hint('table_columns')})", r, i)
            if c + cell.colspan > len(until):
                until.extend([0] * (c + cell.colspan - len(until)))
            for cc in range(c, c + cell.colspan):
                if until[cc] > r:
                    raise GridError(f"overlaps the cell spanning into column {cc}", r, i)
                until[cc] = r + cell.rowspan
            placed.append(Placed(row=r, col=c, cell=cell))
            c += cell.colspan
        covered = [cc for cc in range(len(until)) if until[cc] > r]
        widths.append(covered[-1] + 1 if covered else 0)
        if len(covered) != widths[-1]:
            gap = next(cc for cc in range(widths[-1]) if until[cc] <= r)
            raise GridError(f"row has a gap at column {gap}", r, len(row.cells))
        area += len(until)
        if area > lim.table_cells:
            raise GridError(f"the table has more than {lim.table_cells:,} grid cells "
                            f"({hint('table_cells')})", r, 0)
    n_cols = max(widths, default=0)
    for r, w in enumerate(widths):
        if w != n_cols:
            raise GridError(f"row has {w} columns, the table has {n_cols}", r,
                            len(rows[r].cells))
    return placed, n_cols


class _CharWidths(dict[str, float]):
    """Advance of a character in em, computed once per character."""

    def __missing__(self, ch: str) -> float:
        if ch in " \u00a0":
            w = 0.5
        elif ch in "\u2060\u200b":  # word joiner, zero-width space: no width
            w = 0.0
        elif unicodedata.east_asian_width(ch) in ("W", "F", "A"):
            w = 1.0
        elif ch.isdigit():
            w = 0.6  # digits of 맑은 고딕 / NanumGothic
        else:
            w = 0.55
        self[ch] = w
        return w


_WIDTHS = _CharWidths()

_EMS: dict[str, float] = {}
"""Widths measured so far, by text: the layout measures one paragraph or word many times
(line fitting, pagination, row heights).  Bounded: emptied when it reaches
:data:`_EMS_MAX` entries, so that a long-lived process does not grow with it."""
_EMS_MAX = 1 << 14


def text_em(text: str) -> float:
    """Width of the longest line of ``text`` in em (Hangul/CJK 1.0, others 0.55, space 0.5)."""
    em = _EMS.get(text)
    if em is None:
        if "\n" in text:
            em = max(sum(map(_WIDTHS.__getitem__, line)) for line in text.split("\n"))
        else:
            em = sum(map(_WIDTHS.__getitem__, text))
        if len(_EMS) >= _EMS_MAX:
            _EMS.clear()
        _EMS[text] = em
    return em


_WORD_EMS: dict[str, float] = {}
""":func:`word_em` results by text, bounded as :data:`_EMS`."""


def word_em(text: str) -> float:
    """Width in em of the longest unbreakable word (Korean breaks at spaces, 어절)."""
    em = _WORD_EMS.get(text)
    if em is None:
        words = (w for line in text.split("\n") for w in line.replace("\t", " ").split(" ")
                 if w)
        em = max((text_em(w) for w in words), default=0.0)
        if len(_WORD_EMS) >= _EMS_MAX:
            _WORD_EMS.clear()
        _WORD_EMS[text] = em
    return em


def column_widths(
    min_pt: Sequence[float], natural_pt: Sequence[float], long_text: Sequence[bool],
    total_pt: float,
) -> tuple[float, ...]:
    """Fit columns to ``total_pt`` (FORMAT.md §6, like HTML auto layout).

    ``min_pt`` is each column's longest unbreakable word, ``natural_pt`` its longest line
    (both with padding).  If all lines fit, the spare width goes to the long-text columns; else
    every column keeps its minimum and the rest is shared in proportion to what each lacks.
    """
    n = len(natural_pt)
    if n == 0:
        return ()
    mins = [max(m, 1.0) for m in min_pt]
    nat = [max(w, m) for w, m in zip(natural_pt, mins, strict=True)]
    if sum(nat) <= total_pt:
        longs = [i for i in range(n) if long_text[i]] or list(range(n))
        share = sum(nat[i] for i in longs)
        extra = total_pt - sum(nat)
        return tuple(nat[i] + (extra * nat[i] / share if i in longs else 0.0) for i in range(n))
    if sum(mins) <= total_pt:
        lack = sum(nat) - sum(mins)
        spare = total_pt - sum(mins)
        return tuple(mins[i] + (nat[i] - mins[i]) * spare / lack for i in range(n))
    scale = total_pt / sum(mins)
    return tuple(m * scale for m in mins)
