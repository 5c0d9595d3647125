"""Tables that are diagrams: the 비전 체계도 and the 비교 상자 (현행 ⇨ 개선)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...model.diagrams import Comparison, ComparisonColumn, Strategy, VisionDiagram
from ..inline import split_symbol
from ..source import SourceNode, SourceTable

if TYPE_CHECKING:
    from .document import Recognizer

ARROWS = frozenset({"⇨", "→", "⇒", "➡", "▶"})
"""The arrow cells between the columns of a comparison box."""


def read_vision(rec: Recognizer, nodes: list[SourceNode], k: int
                ) -> tuple[VisionDiagram, int] | None:
    """A 비전 체계도: a ``비전 | …`` box, then optionally a ``목표 | …`` row and a
    ``추진전략`` table (strategy titles over their ``-`` tasks).  Returns it and how many
    source tables it used."""
    t = nodes[k]
    if not (isinstance(t, SourceTable) and t.n_rows == 1 and t.n_cols == 2
            and t.cells[0].text.strip() == "비전" and t.cells[0].fill):
        return None
    vision = t.cells[1].text.strip()
    goals: tuple[str, ...] = ()
    strategies: list[Strategy] = []
    used = 1
    nxt = nodes[k + used] if k + used < len(nodes) else None
    if isinstance(nxt, SourceTable) and nxt.n_rows == 1 and nxt.cells and \
            nxt.cells[0].text.strip() == "목표":
        goals = tuple(c.text.strip() for c in nxt.cells[1:])
        used += 1
        nxt = nodes[k + used] if k + used < len(nodes) else None
    if isinstance(nxt, SourceTable) and nxt.cells and \
            nxt.cells[0].text.strip() == "추진전략":
        titles = [c for c in nxt.row(0)[1:]]
        tasks = {c.col: c for c in nxt.row(1)} if nxt.n_rows > 1 else {}
        for c in titles:
            lines: list[str] = []
            cell = tasks.get(c.col)
            for p in cell.paras if cell is not None else ():
                if p.text.strip():
                    sym = split_symbol(p.text)
                    lines.append(sym[2].strip() if sym else p.text.strip())
            strategies.append(Strategy(title=c.text.strip(), tasks=tuple(lines)))
        used += 1
    return VisionDiagram(vision=vision, goals=goals, strategies=tuple(strategies)), used


def read_comparison(rec: Recognizer, t: SourceTable, title: str | None) -> Comparison | None:
    """A 비교 상자: labels over two rows with ``⇨`` cells (rowspan 2) between the columns
    (현행 ⇨ 개선); the lines under each label are its items."""
    if t.n_rows != 2:
        return None
    top, below = t.row(0), t.row(1)
    arrows = [c for c in top if c.rowspan == 2 and c.text.strip() in ARROWS]
    labels = [c for c in top if c not in arrows]
    if not arrows or len(labels) != len(arrows) + 1 or len(below) != len(labels) or any(
            c.rowspan != 1 or c.colspan != 1 or not c.text.strip() or "\n" in c.text.strip()
            for c in labels):
        return None
    columns = []
    for label, content in zip(labels, below, strict=True):
        if content.col != label.col:
            return None
        items = []
        for p in content.paras:
            if not p.text.strip():
                continue
            sym = split_symbol(p.text)
            items.append(sym[2].strip() if sym else p.text.strip())
        columns.append(ComparisonColumn(label=label.text.strip(), items=tuple(items)))
    return Comparison(columns=tuple(columns), title=title)
