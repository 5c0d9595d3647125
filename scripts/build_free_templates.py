"""Build the free-form docxtpl templates in src/govreport/templates/free/ (reproducible).

* ``brief.docx`` — a one-page 요지 보고 filled from a govreport report JSON (its canonical
  JSON is the Jinja context, plus ``fields`` with formatted cover values).
* ``table-dump.docx`` — any JSON with ``title``/``rows`` → a titled table; shows the
  formatting filters (``num``, ``kdate``, ``ratio``) on data that is not a report.

Run: ``python scripts/build_free_templates.py``.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

OUT = Path(__file__).resolve().parents[1] / "src" / "govreport" / "templates" / "free"


def _korean_font(doc: Document, name: str = "휴먼명조", size: float = 13) -> None:  # type: ignore[valid-type]
    style = doc.styles["Normal"]
    style.font.name = name
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def brief() -> None:
    doc = Document()
    _korean_font(doc)
    title = doc.add_paragraph("{{ meta.title }} (요지)")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.runs[0].font.size = Pt(20)
    title.runs[0].bold = True
    by = doc.add_paragraph("{{ fields.date }}  {{ fields.org_full }}")
    by.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("{%p for part in parts %}")
    doc.add_paragraph("{{ loop.index | roman }}. {{ part.title }}")
    doc.add_paragraph("{%p for s in part.sections %}")
    doc.add_paragraph("  □ {{ s.title }}{% if s.summary %} — {{ s.summary }}{% endif %}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")
    doc.save(OUT / "brief.docx")


def table_dump() -> None:
    doc = Document()
    _korean_font(doc, size=12)
    head = doc.add_paragraph("{{ title }}")
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.runs[0].font.size = Pt(18)
    head.runs[0].bold = True
    cap = doc.add_paragraph("(기준 / 단위 : {{ as_of | kdate(weekday=false) }} / {{ unit }})")
    cap.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    table = doc.add_table(rows=4, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["구분", "접수", "처리", "미처리", "처리율"],
                          strict=True):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for r in rows %}"
    cells = table.rows[2].cells
    cells[0].text = "{{ r.district }}"
    cells[1].text = "{{ r.received | num }}"
    cells[2].text = "{{ r.done | num }}"
    cells[3].text = "{{ r.pending | cell }}"
    cells[4].text = "{{ r.done | ratio(r.received) }}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    doc.add_paragraph("{% for n in notes %}※ {{ n }}\n{% endfor %}")
    doc.add_paragraph("{{ org }}")
    doc.save(OUT / "table-dump.docx")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    brief()
    table_dump()
    print("written:", *sorted(p.name for p in OUT.glob("*.docx")))
