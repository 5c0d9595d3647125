"""Errors of the readers."""

from __future__ import annotations

from ..support.errors import GovReportError


class ReadError(GovReportError, ValueError):
    """A file could not be read as a report (wrong type, damaged, refused as hostile)."""
