"""govreport — Korean government-format (개조식) reports as DOCX and HWPX from data.

Quick use::

    import govreport
    report = govreport.load("examples/seoul-mayor-office-2025-04.json")
    govreport.render(report, "out.docx")

Importing the package is cheap: the model, the JSON reader and the document readers are
imported on first use of one of their names (``govreport.Report``, ``govreport.load`` …),
so ``govreport --help`` starts as fast as the command-line library itself.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Imported eagerly (render.py imports its heavy parts on first call): binding the function
# here keeps the public function ``govreport.render`` (the pipeline: ``govreport.app.render``).
from .app.render import render
from .support.errors import GovReportError, Problem, RenderError, ValidationError

if TYPE_CHECKING:
    from .codec.converter import dump, dumps
    from .model import *  # noqa: F403
    from .model import Report
    from .readers import ReadError, read, read_document
    from .readers.json import load, loads

__version__ = "0.1.0"

_MODEL_NAMES = (
    "BLOCK_TAGS", "CHART_KINDS", "SCHEMA_VERSION", "Appendix", "Block", "BudgetLine",
    "BudgetTable", "BudgetTotal", "CategoryTag", "Cell", "Chart", "ChartSeries", "ChartSource",
    "Citation", "Column", "Comparison", "ComparisonColumn", "Compute", "Cover",
    "DateFormatError", "EnumItem", "Event", "Figure", "Footnote", "Item", "Lead", "LeadLine",
    "Meta", "Note", "NumberFormat", "Numbering", "OrgChart", "OrgGroup", "OrgTotal", "OrgUnit",
    "Paragraph", "Part", "PartialDate", "Period", "Quantity", "Report", "Row", "Section",
    "StaffGroup", "StaffRow", "StaffingTable", "Strategy", "SubCaption", "Table", "Toc",
    "VisionDiagram", "WhenWhere", "execution_rate", "parse_partial_date", "parse_period",
)
"""The public names of :mod:`govreport.model` (a test keeps this equal to its ``__all__``)."""

_LAZY: dict[str, str] = {
    **dict.fromkeys(_MODEL_NAMES, ".model"),
    **dict.fromkeys(("ReadError", "read", "read_document"), ".readers"),
    **dict.fromkeys(("dump", "dumps"), ".codec.converter"),
    **dict.fromkeys(("load", "loads"), ".readers.json"),
}
"""Public names imported on first use, by the module that holds them."""


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562) and keep the name here."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


def json_schema() -> dict[str, object]:
    """The JSON Schema of the report format (draft 2020-12)."""
    from .codec.schema import json_schema as _schema

    return _schema()


def check(report: Report) -> list[Problem]:
    """All problems (errors and warnings) of a report, structural and semantic.

    A report built in Python is checked by the rules its objects were held to when they were
    made (types and allowed values of every field, again, for objects changed since), then
    the semantic checks run (totals, table spans, dates, nesting, number sizes …) when the
    structure is sound.
    """
    from .checks.structure import check as _check

    return _check(report)


__all__ = [
    *_MODEL_NAMES,
    "GovReportError",
    "ReadError",
    "Problem",
    "RenderError",
    "ValidationError",
    "check",
    "dump",
    "dumps",
    "json_schema",
    "load",
    "loads",
    "read",
    "read_document",
    "render",
]
