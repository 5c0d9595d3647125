"""The chart's data as a minimal SpreadsheetML workbook (``.xlsx``) embedded in the DOCX.

Word opens it when a user chooses "Edit data"; LibreOffice reads the values cached in the
chart part.  Layout of ``Sheet1``: categories in column A from row 2, one series per column
from B with its name in row 1 — the cell references the chart part's formulas name.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

from ...layout.nodes import ChartBox
from .chartml import SHEET, col_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_EPOCH = (1980, 1, 1, 0, 0, 0)


def _text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def _sheet(box: ChartBox) -> str:
    rows = []
    head = [_text_cell("A1", "")]
    head += [_text_cell(f"{col_letter(j + 1)}1", s.name) for j, s in enumerate(box.series)]
    rows.append(f'<row r="1">{"".join(head)}</row>')
    for i, cat in enumerate(box.categories):
        r = i + 2
        cells = [_text_cell(f"A{r}", cat)]
        for j, s in enumerate(box.series):
            v = s.values[i] if i < len(s.values) else None
            if v is not None:
                num = str(int(v)) if float(v).is_integer() else repr(float(v))
                cells.append(f'<c r="{col_letter(j + 1)}{r}"><v>{num}</v></c>')
        rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    return (f'{_DECL}<worksheet xmlns="{_MAIN}"><sheetData>{"".join(rows)}</sheetData>'
            "</worksheet>")


def chart_workbook(box: ChartBox) -> bytes:
    """``.xlsx`` bytes holding the chart's categories and series (deterministic)."""
    parts = {
        "[Content_Types].xml": (
            f'{_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            f'{_DECL}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'{_DECL}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            f'<sheet name={quoteattr(SHEET)} sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            f'{_DECL}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
            f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": _sheet(box),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


__all__ = ["XLSX_CONTENT_TYPE", "chart_workbook"]
