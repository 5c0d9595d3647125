"""Build the free-form docxtpl templates in src/govreport/templates/free/ (reproducible).

* ``brief.docx`` — a one-page 요지 보고 filled from a govreport report JSON (its canonical
  JSON is the Jinja context, plus ``fields`` with formatted cover values).
* ``table-dump.docx`` — any JSON with ``title``/``rows`` → a titled table; shows the
  formatting filters (``num``, ``kdate``, ``ratio``) on data that is not a report.

* ``records-table``, ``grouped-report``, ``time-series`` (``.docx`` and ``.hwpx``) — the
  templates for common dump shapes (docs/free-form.md).  Each is a govreport one-page report
  whose texts are Jinja tags, laid out once and written by both writers, so the DOCX and the
  HWPX template have the same look and the same tags.

Run: ``python scripts/build_free_templates.py`` (``--check``: fail when a file is stale).
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import attrs
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


# --------------------------------------------------------------------------- dump templates

SET_RECORDS = "{%p set records = records if records is defined else data %}"
CAPTION = ("{% if as_of or unit %}({% if as_of %}기준 : {{ as_of | todate | kdate(weekday=false) }}"
           "{% endif %}{% if as_of and unit %} / {% endif %}{% if unit %}단위 : {{ unit }}"
           "{% endif %}){% endif %}")
BYLINE = ("{% if as_of %}{{ as_of | todate | kdate('official', weekday=false) }}  {% endif %}"
          "{{ org | default('') }}")
NOTES = ["{%p for n in (notes if notes is defined else []) %}", "{{ n }}", "{%p endfor %}"]


TEXTS: list[str] = []


def T(text: str) -> str:
    """A short token standing for ``text`` while laying out (so tag texts do not inflate the
    estimated row heights and page breaks); swapped back before writing."""
    if not text:
        return text
    TEXTS.append(text)
    return f"@@{len(TEXTS) - 1}@@"


def _cell(text: str, **kw: object) -> object:
    from govreport.model import Cell

    return Cell(value=T(text), align=kw.pop("align", "center"), **kw)  # type: ignore[arg-type]


def _row(cells: Sequence[object], total: bool = False) -> object:
    from govreport.model import Row

    return Row(cells=tuple(cells), total=total)  # type: ignore[arg-type]


def _tag_row(tag: str, n: int) -> object:
    return _row([_cell(tag, colspan=n, align="left")])


def _col_loop(inner: str, cols: str = "cols") -> list[object]:
    return [_cell(f"{{%tc for c in {cols} %}}"), _cell(inner), _cell("{%tc endfor %}")]


def _p(text: str) -> object:
    from govreport.model import Paragraph

    return Paragraph(text=T(text))


def _notes() -> list[object]:
    from govreport.model import Note

    return [_p(NOTES[0]), Note(text=T(NOTES[1]), scope="table"), _p(NOTES[2])]


def records_table() -> list[object]:
    from govreport.model import Table

    table = Table(
        header=(_row(_col_loop("{{ c.label }}")),),
        rows=(_tag_row("{%tr for r in records %}", 3),
              _row(_col_loop("{{ r | colval(c) }}")),
              _tag_row("{%tr endfor %}", 3),
              _row(_col_loop("{{ records | coltotal(c, loop.first) }}"), total=True)),
        unit="UNIT", widths=(1.0, 30.0, 1.0))
    return [_p(SET_RECORDS), _p("{%p set cols = records | columns(columns | default(none)) %}"),
            table, *_notes()]


def grouped_report() -> list[object]:
    from govreport.model import Item, SubCaption, Table

    label = "{{ group_label | default(group_by) }}"
    key = "{{ g.key if g.key is not none else '(미상)' }}"
    head = f"{key} : {{{{ g.count }}}}건" \
        "{% for c in cols if c.total == 'sum' %}, {{ c.label }} {{ g.items | coltotal(c) }}" \
        "{% endfor %}"
    table = Table(
        header=(_row([_cell(label), *_col_loop("{{ c.label }}")]),),
        rows=(_tag_row("{%tr for g in groups %}", 4),
              _tag_row("{%tr for r in g.items %}", 4),
              _row([_cell(key + "{% vmerge %}"), *_col_loop("{{ r | colval(c) }}")]),
              _tag_row("{%tr endfor %}", 4),
              _row([_cell(key + "{% vmerge %}"),
                    *_col_loop("{{ g.items | coltotal(c, loop.first, '소계') }}")]),
              _tag_row("{%tr endfor %}", 4),
              _row([_cell("합계"), *_col_loop("{{ records | coltotal(c, loop.first, '') }}")],
                   total=True)),
        unit="UNIT", widths=(5.0, 1.0, 30.0, 1.0))
    return [_p(SET_RECORDS),
            _p("{%p set cols = records | columns(columns | default(none), exclude=group_by) %}"),
            _p("{%p set groups = records | group_by(group_by, sort=true) %}"),
            _p("{%p for g in groups %}"),
            Item(text=T(head), children=(
                _p("{%p for r in g.items | top(top_n | default(3)) %}"),
                Item(text=T("{{ r | colline(cols) }}")),
                _p("{%p endfor %}"),
                _p("{%p if g.count > top_n | default(3) %}"),
                Item(text=T("외 {{ g.count - top_n | default(3) }}건")),
                _p("{%p endif %}"))),
            _p("{%p endfor %}"),
            SubCaption(text=T(f"{label}별 현황")),
            table, *_notes()]


def time_series() -> list[object]:
    from govreport.model import Table

    value = "s.sum(vfield)"
    prev = "(loop.previtem.sum(vfield) if loop.previtem else none)"
    table = Table(
        header=(_row([_cell("{{ period_label | default('기간') }}"),
                      _cell("{{ value_label | default('값') }}"),
                      _cell("전기 대비 증감"), _cell("증감률")]),),
        rows=(_tag_row("{%tr for s in series %}", 4),
              _row([_cell("{{ s.key | period_name(period_unit | default(none)) }}"),
                    _cell(f"{{{{ {value} | fixed(dec) }}}}"),
                    _cell(f"{{{{ {value} | delta({prev}, dec) }}}}"),
                    _cell(f"{{{{ {value} | delta({prev}, percent=true) }}}}")]),
              _tag_row("{%tr endfor %}", 4),
              _row([_cell("합계"), _cell("{{ records | sum(vfield) | fixed(dec) }}"), _cell(""),
                    _cell("")], total=True)),
        unit="UNIT", widths=(3.0, 3.0, 3.0, 3.0))
    return [_p(SET_RECORDS), _p("{%p set pfield = period | default('period') %}"),
            _p("{%p set vfield = value | default('value') %}"),
            _p("{%p set dec = decimals if decimals is defined else "
               "(records | columns([vfield]))[0].decimals or 0 %}"),
            _p("{%p set series = records | group_by(pfield, sort=true, "
               "period=period_unit | default(none)) %}"),
            table, *_notes()]


DUMP_TEMPLATES = {"records-table": records_table, "grouped-report": grouped_report,
                  "time-series": time_series}


def dump_template(name: str) -> dict[str, bytes]:
    """The DOCX and HWPX bytes of one dump template, from one laid-out document."""
    from govreport.layout import layout
    from govreport.layout.nodes import PageBreak, Para, Run, TableBox
    from govreport.model import Meta, Part, Report
    from govreport.theme import Theme
    from govreport.writers.docx import write_docx
    from govreport.writers.hwpx import write_hwpx

    theme = Theme.seoul()
    report = Report(meta=Meta(title="{{ title }}", org="ORG", date="2025-04", kind="자료"),
                    parts=[Part(title="PART", intro=DUMP_TEMPLATES[name]())],
                    layout="onepage")

    def edit(node: object) -> object | None:
        if isinstance(node, PageBreak):
            return None
        if isinstance(node, Para):
            text = "".join(r.text for r in node.runs)
            if node.role == "part_heading" or text.endswith("PART"):
                return None
            node = attrs.evolve(node, page_break_before=False)
            if node.role == "byline":
                return attrs.evolve(node, runs=(Run(text=BYLINE),))
            if "UNIT" in text:
                return attrs.evolve(node, runs=(Run(text=CAPTION),))
        return node

    def swap(node: object, real: bool) -> object:
        def text(t: str) -> str:
            return re.sub(r"@@(\d+)@@", lambda m: TEXTS[int(m.group(1))] if real else "0", t)

        if isinstance(node, Para):
            return attrs.evolve(node, runs=tuple(attrs.evolve(r, text=text(r.text))
                                                 for r in node.runs))
        if isinstance(node, TableBox):
            return attrs.evolve(node, cells=tuple(
                attrs.evolve(c, paras=tuple(swap(p, real) for p in c.paras))
                for c in node.cells))
        return node

    laid = layout(report, theme)
    body = tuple(n for n in (edit(x) for x in laid.body) if n is not None)
    real = attrs.evolve(laid, body=tuple(swap(n, True) for n in body))
    short = attrs.evolve(laid, body=tuple(swap(n, False) for n in body))
    hwpx = _heights_from(write_hwpx(real, theme), write_hwpx(short, theme))
    return {"docx": _docx_rows_may_break(write_docx(real, theme)), "hwpx": hwpx}


def _docx_rows_may_break(data: bytes) -> bytes:
    """Drop keep-with-next from the body rows of data tables: the writer keeps a small
    table on one page, but a template's rows are repeated into a table of many pages."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    name = "word/document.xml"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    root = etree.fromstring(parts[name])
    for tbl in root.iter(f"{w}tbl"):
        rows = tbl.findall(f"{w}tr")
        if len(rows) < 2:
            continue
        for tr in rows:
            if tr.find(f"{w}trPr/{w}tblHeader") is not None:
                continue
            for keep in tr.iter(f"{w}keepNext"):
                keep.getparent().remove(keep)
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for n, b in parts.items():
            out.writestr(n, b)
    return buf.getvalue()


def _heights_from(real: bytes, short: bytes) -> bytes:
    """The HWPX ``real`` with the table row heights of ``short`` (the same tables holding
    one-line sample values): a template's rows are as tall as one line of data, not as
    its tag texts.  Data tables are not treated as characters, so Hancom can split them
    across pages once the rows are repeated."""
    from lxml import etree

    hp = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
    name = "Contents/section0.xml"
    with zipfile.ZipFile(io.BytesIO(real)) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    with zipfile.ZipFile(io.BytesIO(short)) as z:
        model = etree.fromstring(z.read(name))
    root = etree.fromstring(parts[name])
    for a, b in zip(root.iter(f"{hp}tbl"), model.iter(f"{hp}tbl"), strict=True):
        a.find(f"{hp}sz").set("height", b.find(f"{hp}sz").get("height"))
        if int(a.get("rowCnt", "1")) > 1:  # a data table grows past a page: let it split
            a.find(f"{hp}pos").set("treatAsChar", "0")
        for ca, cb in zip(a.iter(f"{hp}cellSz"), b.iter(f"{hp}cellSz"), strict=True):
            ca.set("height", cb.get("height"))
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    from govreport.writers.hwpx.package import build_zip

    return build_zip(parts)


def _stable(data: bytes) -> bytes:
    """Zip entries re-stamped with a fixed date (reproducible bytes)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = (zipfile.ZIP_STORED if info.filename == "mimetype"
                                   else zipfile.ZIP_DEFLATED)
            fixed.external_attr = 0o644 << 16
            out.writestr(fixed, src.read(info.filename))
    return buf.getvalue()


def dump_templates(check: bool = False) -> list[str]:
    stale = []
    for name in DUMP_TEMPLATES:
        for fmt, data in dump_template(name).items():
            path = OUT / f"{name}.{fmt}"
            data = _stable(data)
            if check:
                if not path.exists() or path.read_bytes() != data:
                    stale.append(path.name)
            else:
                path.write_bytes(data)
    return stale


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    if "--check" in sys.argv:
        stale = dump_templates(check=True)
        if stale:
            sys.exit(f"stale (run scripts/build_free_templates.py): {', '.join(stale)}")
        sys.exit(0)
    brief()
    table_dump()
    dump_templates()
    print("written:", *sorted(p.name for p in OUT.iterdir()))
