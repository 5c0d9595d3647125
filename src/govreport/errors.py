"""Errors and warnings that name the JSON path of the bad value."""

from __future__ import annotations

from typing import Literal

import attrs


@attrs.frozen(slots=True, kw_only=True)
class Problem:
    """One problem found in a report: where (JSON path), what, and how bad."""

    path: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class GovReportError(Exception):
    """Base class of govreport's own errors."""


class ValidationError(GovReportError, ValueError):
    """A report (JSON or objects) is invalid; ``errors`` lists every problem at once."""

    def __init__(self, errors: list[Problem], source: str | None = None) -> None:
        self.errors = errors
        self.source = source
        head = f"{source}: " if source else ""
        n = len(errors)
        lines = [f"{head}{n} problem{'s' if n != 1 else ''} found:"]
        lines += [f"  {p}" for p in errors]
        super().__init__("\n".join(lines))


class RenderError(GovReportError):
    """A document could not be rendered (template error, missing converter …)."""
