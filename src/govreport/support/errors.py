"""Errors and warnings that name the JSON path of the bad value."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def short(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters (messages never echo megabytes of input)."""
    text = str(text)
    return text if len(text) <= limit else f"{text[:limit - 1]}… ({len(text):,} characters)"


def printable(text: str) -> str:
    """``text`` safe to print anywhere: control characters and lone surrogates (which no
    encoder accepts) shown as ``\\uXXXX`` escapes."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One problem found in a report: where (JSON path), what, and how bad.

    A dataclass, not attrs: it is imported by ``import govreport`` and ``govreport --help``,
    which must not pay for importing attrs (issue 11, fast start).
    """

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


class GovReportWarning(UserWarning):
    """Something of the input was left out or replaced while rendering (a template's unsafe
    or macro part …); the CLI prints it as ``govreport: warning: …``."""


def warn(message: str) -> None:
    """Issue a :class:`GovReportWarning` (shown every time, not once per place)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("always", GovReportWarning)
        warnings.warn(GovReportWarning(message), stacklevel=2)
