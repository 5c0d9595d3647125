"""Walks over a report: every block in document order, the tables by id."""

from __future__ import annotations

from collections.abc import Iterator

from .blocks import Block
from .document import Report
from .tables import BudgetTable, StaffingTable, Table

AnyTable = Table | StaffingTable | BudgetTable


def iter_blocks(report: Report) -> Iterator[Block]:
    """Every block of the report in document order, nested ones included."""
    stack: list[Block] = []
    for part in reversed(report.parts):
        for section in reversed(part.sections):
            stack.extend(reversed(section.blocks))
        stack.extend(reversed(part.intro))
    roots = [b for app in report.appendices for b in app.blocks]
    stack[:0] = list(reversed(roots))
    while stack:
        b = stack.pop()
        yield b
        children = getattr(b, "children", ())
        stack.extend(reversed(children))
        if isinstance(b, Table):
            for row in (*b.header, *b.rows):
                for cell in row.cells:
                    stack.extend(reversed(cell.items))


def table_index(report: Report) -> dict[str, AnyTable]:
    """Tables by ``id`` (the first one wins; duplicates are reported by the checks)."""
    out: dict[str, AnyTable] = {}
    for b in iter_blocks(report):
        if isinstance(b, Table | StaffingTable | BudgetTable) and b.id and b.id not in out:
            out[b.id] = b
    return out


__all__ = ["AnyTable", "iter_blocks", "table_index"]
