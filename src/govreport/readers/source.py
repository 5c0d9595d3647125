"""The neutral shape every format reader produces: paragraphs, tables and page breaks.

A format reader (HWPX, HWP, DOCX, text) only turns its file into these few classes; the
recognizer (the :mod:`govreport.readers.recognize` package) alone decides what they mean.
Text is kept as written (symbols, tabs, U+2007/U+3000 included); ``where`` names the place
for messages (``paragraph 12``, ``table 3 (row 2, cell 1)``).
"""

from __future__ import annotations

from typing import Any, Literal, Union

import attrs

Align = Literal["left", "center", "right", "justify"]


@attrs.frozen(slots=True, kw_only=True)
class SourcePicture:
    """An embedded picture: its bytes, description and width as a share of the text width."""

    data: bytes = attrs.field(repr=False)
    alt: str | None = None
    width: float | None = None
    width_mm: float | None = None


@attrs.frozen(slots=True, kw_only=True)
class SourcePara:
    """One paragraph: its text (runs joined), whether every visible run is bold, alignment."""

    text: str
    bold: bool = False
    align: Align | None = None
    where: str = ""
    page_break: bool = False
    """A page (or section) break before this paragraph."""
    toc: bool = False
    """The file marks this paragraph as a table-of-contents line (a TOC style or field)."""
    indent: float | None = None
    """Where the first line starts (pt from the text margin, or columns in plain text)."""
    text_indent: float | None = None
    """Where the text after a hanging symbol starts (same unit as ``indent``)."""
    footnotes: tuple[str, ...] = ()
    object: str | None = None
    """``"picture"``/``"chart"``/… when the paragraph holds an object (and no text)."""
    picture: SourcePicture | None = None
    """The picture itself when it could be read."""
    chart: dict[str, Any] | None = None
    """A chart's ``kind``/``categories``/``series`` when it could be read."""
    """Texts of real footnotes (Hancom/Word footnote objects) anchored in this paragraph."""


@attrs.frozen(slots=True, kw_only=True)
class SourceCell:
    """A cell at its grid position with its spans and paragraphs."""

    row: int
    col: int
    paras: tuple[SourcePara, ...]
    rowspan: int = 1
    colspan: int = 1
    fill: bool = False
    header: bool = False
    """Marked as a header cell (HWPX ``header="1"``, DOCX repeated header row)."""

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras)


@attrs.frozen(slots=True, kw_only=True)
class SourceTable:
    """A table (grid with spans); cells are listed row by row."""

    n_rows: int
    n_cols: int
    cells: tuple[SourceCell, ...]
    where: str = ""
    page_break: bool = False

    _rows: dict[int, list[SourceCell]] = attrs.field(init=False, factory=dict, repr=False,
                                                     eq=False, hash=False)
    """The cells by row, filled on first use of :meth:`row` (one pass, not one per row)."""

    def row(self, r: int) -> list[SourceCell]:
        """The cells whose top row is ``r``, left to right as listed."""
        if not self._rows and self.cells:
            for c in self.cells:
                self._rows.setdefault(c.row, []).append(c)
        return list(self._rows.get(r, ()))


@attrs.frozen(slots=True, kw_only=True)
class SourcePageBreak:
    """An explicit page break between blocks."""


SourceNode = Union[SourcePara, SourceTable, SourcePageBreak]  # noqa: UP007


@attrs.frozen(slots=True, kw_only=True)
class SourceDocument:
    """A document as read: nodes in order plus the file's metadata (title, subject, creator…)."""

    nodes: tuple[SourceNode, ...]
    properties: dict[str, str] = attrs.field(factory=dict)
    format: str = ""
