"""govreport — Korean government-format (개조식) reports as DOCX and HWPX from data.

Quick use::

    import govreport
    report = govreport.load("examples/seoul-mayor-office-2025-04.json")
    govreport.render(report, "out.docx")
"""

from __future__ import annotations

from .errors import GovReportError, Problem, RenderError, ValidationError
from .model import *  # noqa: F403
from .model import __all__ as _model_all

# Imported eagerly: binding the function here also keeps the submodule ``govreport.render``
# from shadowing it once imported.
from .readers import ReadError, read, read_document
from .render import render
from .serialization import dump, dumps, load, loads

__version__ = "0.1.0"


def json_schema() -> dict[str, object]:
    """The JSON Schema of the report format (draft 2020-12)."""
    from .schema import json_schema as _schema

    return _schema()


def check(report: Report) -> list[Problem]:  # noqa: F405
    """All problems (errors and warnings) of a report, structural and semantic.

    A report built in Python is checked by the same rules as one read from JSON: it is
    written as JSON and read back (types, allowed values, nesting, number sizes), then the
    semantic checks run (totals, table spans, dates …) when the structure is sound.
    """
    from .serialization import structural_problems
    from .validation import check_report

    if not isinstance(report, Report):  # noqa: F405
        raise TypeError(f"check() takes a Report, not {type(report).__name__}")
    structural = structural_problems(report)
    if structural:  # the semantic checks need the right types
        return structural
    return check_report(report)


__all__ = [
    *_model_all,
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
