"""Semantic checks of a structurally valid report.

:func:`check_report` walks the model and returns every
:class:`~govreport.support.errors.Problem` with
a JSON path in the converter's style (``$.parts[1].sections[0].blocks[2].children[0].text``):
field names as in JSON, list indexes in brackets, rows as ``rows[i].cells[j]`` whether the JSON
wrote them in short or long form.  Errors make :func:`govreport.loads` fail (``check=True``);
warnings are advisory and only returned by :func:`govreport.check`.
"""

from __future__ import annotations

import contextlib
import functools
import keyword
from collections.abc import Callable
from typing import Any

import attrs

from ..model import (
    Appendix,
    BudgetLine,
    BudgetTable,
    BudgetTotal,
    CategoryTag,
    Cell,
    Chart,
    Citation,
    Comparison,
    ComparisonColumn,
    EnumItem,
    Event,
    Figure,
    Footnote,
    Item,
    Lead,
    LeadLine,
    Meta,
    Note,
    NumberFormat,
    OrgChart,
    OrgGroup,
    OrgUnit,
    Paragraph,
    Part,
    PartialDate,
    Period,
    Quantity,
    Report,
    Row,
    Section,
    StaffGroup,
    StaffingTable,
    StaffRow,
    Strategy,
    SubCaption,
    Table,
    VisionDiagram,
    WhenWhere,
)
from ..support.errors import Problem
from ..support.limits import current as current_limits
from .base import (
    _XML_BAD,
    MAX_LEVEL,
    MAX_NUMBER,
    MIN_LEVEL,
    NESTING_FIELDS,
    nesting_message,
)
from .document import DocumentChecks
from .figures import FigureChecks
from .tables import TableChecks


def check_report(report: Report) -> list[Problem]:
    """All semantic problems (errors and warnings) of a report, in document order.

    A report is immutable, so it is checked once: the report keeps the problems with the
    limits in force (``Report._checked``) and a second call returns them again — ``load``
    then ``render`` (or one file rendered to several formats) checks once."""
    lim = current_limits()
    kept = getattr(report, "_checked", None)
    if isinstance(kept, tuple) and kept[0] == lim:
        return list(kept[1])
    checker = _Checker(report)
    checker.walk(report, "$", 0)
    checker.references()
    with contextlib.suppress(AttributeError, TypeError):  # a stand-in object: nothing kept
        object.__setattr__(report, "_checked", (lim, tuple(checker.problems)))
    return checker.problems


def errors_of(problems: list[Problem]) -> list[Problem]:
    """Only the problems of severity ``"error"``."""
    return [p for p in problems if p.severity == "error"]


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in attrs.fields(cls))


_ClassInfo = tuple[Callable[..., None] | None, int,
                   Callable[[Any], list[tuple[str, Any]]]]


def _class_info(cls: type) -> _ClassInfo:
    """What the walk needs of an attrs class: its check, its kind (1 an item, 2 a cell, 0
    other), and :func:`_picker` of its fields."""
    kind = 1 if issubclass(cls, Item) else 2 if issubclass(cls, Cell) else 0
    return _CHECKS.get(cls), kind, _picker(_field_names(cls))


def _picker(names: tuple[str, ...]) -> Callable[[Any], list[tuple[str, Any]]]:
    """A function giving the (name, value) of an object's fields that may need a look, last
    field first (the walk's stack then pops them in field order): not None, True or False,
    a string without characters XML cannot hold, nor an int of a printable size.

    Generated like attrs' and cattrs' own methods: one test per field, no loop (a report has
    thousands of fields, most of them None)."""
    lines = ["def pick(obj):", "    out = []"]
    for name in reversed(names):
        if not name.isidentifier() or keyword.iskeyword(name):  # (never, for attrs fields)
            lines.append(f"    v = getattr(obj, {name!r})")
        else:
            lines.append(f"    v = obj.{name}")
        lines += [
            "    if v is not None and v is not True and v is not False:",
            "        t = type(v)",
            "        if not ((t is str and not xml_bad(v)) or (t is int and -big < v < big)):",
            f"            out.append(({name!r}, v))",
        ]
    lines.append("    return out")
    namespace: dict[str, Any] = {"xml_bad": _XML_BAD.search, "big": MAX_NUMBER}
    exec("\n".join(lines), namespace)  # the names of a model class's fields only
    return namespace["pick"]  # type: ignore[no-any-return]


_CLASSES: dict[type, _ClassInfo] = {}
""":func:`_class_info` of the attrs classes the walk has met (never str, tuple, a number, a
date or a :class:`Row`: those are told apart before)."""


# --- the walk -----------------------------------------------------------------------------


class _Checker(DocumentChecks, TableChecks, FigureChecks):
    """Walks the model once, in field order, collecting problems (the checks of each
    subject come from its module: document, tables, figures)."""

    def walk(self, root: object, path: str, level: int) -> None:
        """Check ``root`` (at JSON ``path``; ``level`` = effective level of the enclosing item).

        Iterative (an explicit stack, in document order), so that deeply nested models built
        in Python cannot exhaust the interpreter stack; blocks nested deeper than
        the limits' ``nesting`` are reported and not descended into.
        """
        # (value, JSON path, level, children/items lists enclosing it)
        stack: list[tuple[object, str, int, int]] = [(root, path, level, 0)]
        max_nesting = current_limits().nesting
        classes = _CLASSES
        xml_bad = _XML_BAD.search
        while stack:
            obj, path, level, nesting = stack.pop()
            cls = type(obj)
            info = classes.get(cls)
            if info is None:
                if isinstance(obj, str):
                    self.string(obj, path)
                    continue
                if isinstance(obj, Period):
                    self.period(obj, path)
                    continue
                if isinstance(obj, PartialDate):
                    self.point(obj, path)
                    continue
                if isinstance(obj, int | float) and not isinstance(obj, bool):
                    self.number(obj, path)
                    continue
                if isinstance(obj, tuple):
                    stack.extend([(obj[i], f"{path}[{i}]", level, nesting)
                                  for i in range(len(obj) - 1, -1, -1)])
                    continue
                if isinstance(obj, Row):
                    self.row(obj, path, stack, level, nesting)
                    continue
                if not attrs.has(cls):
                    continue
                info = classes[cls] = _class_info(cls)
            check, kind, pick = info
            if check is not None:
                check(self, obj, path, level)
            if kind == 1:
                level = self.level_of(obj, level)  # type: ignore[arg-type]
            elif kind == 2:
                level = 0  # bullet lines inside a cell start afresh
            # only fields that may need a look (clean leaves are left out, no path made)
            for name, value in pick(obj):
                vkind = type(value)
                if vkind is str or vkind is int:
                    pass  # a string XML cannot hold, a number too large: reported below
                elif vkind is tuple:
                    if not value:
                        continue
                    fpath = f"{path}.{name}"
                    deeper = nesting + (name in NESTING_FIELDS)
                    if deeper > max_nesting:
                        self.add(fpath, nesting_message(0, deeper) or "")
                        continue
                    # its items in its place on the stack (what popping it would do), but
                    # no path made for a clean leaf
                    for i in range(len(value) - 1, -1, -1):
                        item = value[i]
                        ikind = type(item)
                        if ikind is str:
                            if not xml_bad(item):
                                continue
                        elif ikind is int:
                            if -MAX_NUMBER < item < MAX_NUMBER:
                                continue
                        elif item is None or ikind is bool:
                            continue
                        stack.append((item, f"{fpath}[{i}]", level, deeper))
                    continue
                elif vkind is PartialDate or vkind is Period:
                    if self.fine_date(value):
                        continue  # nothing to report (no path made for it)
                elif vkind is bool or value == ():
                    continue
                fpath = f"{path}.{name}"
                deeper = nesting + (name in NESTING_FIELDS)
                if deeper > max_nesting:
                    self.add(fpath, nesting_message(0, deeper) or "")
                else:
                    stack.append((value, fpath, level, deeper))


_CHECKS: dict[type, Callable[[_Checker, Any, str, int], None]] = {
    Report: _Checker.report, Meta: _Checker.meta, Part: _Checker.part,
    Section: _Checker.section, Appendix: _Checker.appendix, Item: _Checker.item,
    Note: _Checker.note, Footnote: _Checker.footnote, Event: _Checker.event,
    WhenWhere: _Checker.when_where, EnumItem: _Checker.enum, CategoryTag: _Checker.category,
    LeadLine: _Checker.text_block, SubCaption: _Checker.text_block,
    Paragraph: _Checker.text_block, Quantity: _Checker.quantity, Table: _Checker.table,
    Cell: _Checker.cell, StaffingTable: _Checker.staffing, StaffGroup: _Checker.staff_group,
    StaffRow: _Checker.staff_row, BudgetTable: _Checker.budget,
    BudgetLine: _Checker.budget_line, BudgetTotal: _Checker.budget_total,
    Figure: _Checker.figure, Chart: _Checker.chart, Lead: _Checker.lead,
    Citation: _Checker.citation, NumberFormat: _Checker.number_format,
    OrgChart: _Checker.org_chart, OrgUnit: _Checker.org_unit, OrgGroup: _Checker.org_group,
    VisionDiagram: _Checker.vision, Strategy: _Checker.strategy,
    Comparison: _Checker.comparison, ComparisonColumn: _Checker.comparison_column,
}
"""The check of each model class (plain functions: bound methods kept on the checker
would make a cycle through it)."""


__all__ = ["MAX_LEVEL", "MIN_LEVEL", "check_report", "errors_of"]
