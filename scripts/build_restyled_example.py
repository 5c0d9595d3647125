"""Make templates/examples/restyled-report.docx: the default template as an agency would
restyle it in Word or Hancom (no code) — here scripted so the example is reproducible.

Changes (all through styles and the cover, as a user would make them in Word):
* ``GR L1`` (□): 휴먼명조 16 pt bold instead of HY헤드라인M 15 pt, exact line 25.6 pt;
* ``GR Cover Title``: dark green; ``GR Chip Title``/``GR Task Title``: dark green;
* the cover gets an extra fixed line above the title ("2025년 업무보고 자료").

Run: ``python scripts/build_restyled_example.py``; then
``govreport render examples/seoul-mayor-office-2025-04.json -o out.docx
--template templates/examples/restyled-report.docx``.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "govreport" / "templates" / "report.docx"
TARGET = ROOT / "templates" / "examples" / "restyled-report.docx"
GREEN = RGBColor(0x1B, 0x5E, 0x20)


def main() -> None:
    doc = Document(str(SOURCE))
    l1 = doc.styles["GR L1"]
    l1.font.size = Pt(16)
    l1.font.bold = True
    l1.font.name = "휴먼명조"
    l1.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "휴먼명조")
    l1.paragraph_format.line_spacing = Pt(25.6)
    for name in ("GR Cover Title", "GR Chip Title", "GR Task Title"):
        doc.styles[name].font.color.rgb = GREEN
    title = next(p for p in doc.paragraphs if "{{ title }}" in p.text)
    extra = title.insert_paragraph_before("2025년 업무보고 자료")
    extra.style = doc.styles["GR Cover Date"]
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(TARGET))
    print("written:", TARGET.relative_to(ROOT))


if __name__ == "__main__":
    main()
