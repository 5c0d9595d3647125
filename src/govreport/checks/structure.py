"""The types of a report built (or changed) in Python, checked by the model's own field
checks (:func:`govreport.model.checked.type_problems`) — the rules a model object is held to
when it is made — as problems with JSON paths."""

from __future__ import annotations

from ..model import Report
from ..model.checked import type_problems
from ..support.errors import Problem


def structural_problems(report: Report) -> list[Problem]:
    """The problems of the types and allowed values of ``report``'s fields, every place."""
    return [Problem(path=path, message=message) for path, message in type_problems(report)]


def check(report: Report) -> list[Problem]:
    """:func:`govreport.check`: the structural problems if any, else the semantic ones."""
    from .semantic import check_report

    if not isinstance(report, Report):
        raise TypeError(f"check() takes a Report, not {type(report).__name__}")
    structural = structural_problems(report)
    if structural:  # the semantic checks need the right types
        return structural
    return check_report(report)


__all__ = ["check", "structural_problems"]
