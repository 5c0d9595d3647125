"""Figures typed as text turned into numbers, on request, with a warning per cell.

A CSV or spreadsheet dump types every figure as text (``"1,500"``); the checks refuse such a
figure in a column the table computes with (it would fall out of every 계).  Asked for —
``govreport.load(path, coerce_numbers=True)``, ``--coerce-numbers`` on the command line, or
:func:`coerce_numbers` — each such cell becomes the number it reads as
(:func:`~govreport.model.stated.read_number`), and every conversion is reported as a warning
with its JSON path.  Empty cells and ``"-"`` stay as they are (never a silent zero).
"""

from __future__ import annotations

from typing import Any

import attrs

from ..model import Report, Table
from ..model.compute import table_width
from ..model.stated import as_json_number, text_numbers, with_numbers
from ..support.errors import Problem

MAX_DEPTH = 200
"""The walk stops below this many nested objects (the checks report deeper nesting)."""


class NumbersCoerced(UserWarning):
    """A figure typed as text was converted to a number (``coerce_numbers=True``); ``problem``
    is the warning with its JSON path."""

    def __init__(self, problem: Problem, source: str | None = None) -> None:
        super().__init__(f"{source}: {problem.path}: {problem.message}" if source
                         else f"{problem.path}: {problem.message}")
        self.problem = problem


def warn_coerced(report: Report, source: str | None = None) -> Report:
    """:func:`coerce_numbers`, each conversion issued as a :class:`NumbersCoerced` warning
    (what ``load(..., coerce_numbers=True)`` does)."""
    import warnings

    new, problems = coerce_numbers(report)
    for problem in problems:
        warnings.warn(NumbersCoerced(problem, source), stacklevel=3)
    return new


def coerce_numbers(report: Report) -> tuple[Report, list[Problem]]:
    """``report`` with every figure typed as text in a figure column as a number, and a
    warning (:class:`~govreport.errors.Problem`) per converted cell."""
    problems: list[Problem] = []
    new = _walk(report, "$", problems, 0)
    return new, problems


def _walk(obj: Any, path: str, problems: list[Problem], depth: int) -> Any:
    if depth > MAX_DEPTH:
        return obj
    if isinstance(obj, Table):
        obj = _table(obj, path, problems)
    if isinstance(obj, tuple):
        items = [_walk(x, f"{path}[{i}]", problems, depth + 1) for i, x in enumerate(obj)]
        return tuple(items) if any(a is not b for a, b in zip(items, obj, strict=True)) else obj
    if not attrs.has(type(obj)):
        return obj
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if not isinstance(value, tuple) or not value or isinstance(value[0], str | int | float):
            continue
        new = _walk(value, f"{path}.{field.name}", problems, depth + 1)
        if new is not value:
            changes[field.name] = new
    return attrs.evolve(obj, **changes) if changes else obj


def _table(table: Table, path: str, problems: list[Problem]) -> Table:
    if table.columns and len(table.columns) != table_width(table):
        return table
    try:
        found = list(text_numbers(table))
    except (ValueError, IndexError, KeyError, ArithmeticError):  # a broken grid: the checks
        return table  # report it
    if not found:
        return table
    for f in found:
        problems.append(Problem(
            path=f"{path}.rows[{f.row}].cells[{f.index}].value",
            message=f"{f.text!r} read as the number {as_json_number(f.value)} "
                    "(coerce_numbers)",
            severity="warning"))
    return with_numbers(table, found)


__all__ = ["NumbersCoerced", "coerce_numbers", "warn_coerced"]
