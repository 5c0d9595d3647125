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


__all__ = ["structural_problems"]
