"""Layout: the report laid out as nodes shared by the DOCX and HWPX writers."""

from .build import layout, report_fields
from .nodes import (
    Border,
    Borders,
    CellBox,
    Indent,
    LaidDocument,
    Node,
    PageBreak,
    Para,
    Run,
    TableBox,
    TocBlock,
    TocEntry,
    iter_paras,
)

__all__ = [
    "Border", "Borders", "CellBox", "Indent", "LaidDocument", "Node", "PageBreak", "Para", "Run",
    "TableBox", "TocBlock", "TocEntry", "iter_paras", "layout", "report_fields",
]
