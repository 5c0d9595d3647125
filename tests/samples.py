"""Documents several test modules feed to LibreOffice."""

from __future__ import annotations

from pathlib import Path

import govreport

EXAMPLE = Path(__file__).parents[1] / "examples" / "seoul-mayor-office-2025-04.json"


def seed_docx(title: str | None = None, shift: int = 0) -> bytes:
    """The seed as DOCX, optionally retitled, with every 목차 number off by ``shift``."""
    import attrs

    from govreport.layout import TocBlock, layout
    from govreport.theme import Theme
    from govreport.writers.docx import write_docx

    report = govreport.load(EXAMPLE)
    if title is not None:
        report = attrs.evolve(report, meta=attrs.evolve(report.meta, title=title))
    theme = Theme.seoul()
    laid = layout(report, theme, "ko_KR")
    if shift:
        front = tuple(
            attrs.evolve(n, entries=tuple(attrs.evolve(e, page=e.page + shift)
                                          if e.page is not None else e for e in n.entries))
            if isinstance(n, TocBlock) else n for n in laid.front)
        laid = attrs.evolve(laid, front=front)
    return write_docx(laid, theme, None)
