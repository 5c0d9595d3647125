"""Free-form templates: the Jinja sandbox that fills DOCX and HWPX templates
(:mod:`~govreport.freeform.templating`), the records helpers they use
(:mod:`~govreport.freeform.records`), and :func:`table_from_records` (a list of records → a
typed table, for Python users without a template)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .records_table import table_from_records


def __getattr__(name: str) -> Any:
    """:func:`table_from_records` on first use (the templating sandbox stays unimported)."""
    if name == "table_from_records":
        from .records_table import table_from_records

        return table_from_records
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["table_from_records"]
