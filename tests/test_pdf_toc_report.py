"""A DOCX rendered with a PDF carries the 목차 pages LibreOffice printed in that PDF, as the
conversion macro reports them — not read back from the PDF's text."""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest

import govreport
from govreport.app.render import Layouts, render_many
from govreport.layout import LaidDocument, TocBlock, TocEntry
from govreport.theme import Theme
from govreport.writers import pdf as pdf_writer
from govreport.writers.pdf import macro
from govreport.writers.registry import real_toc_pages
from pdf_text import docx_toc_numbers, footer_pages

EXAMPLES = Path(__file__).parents[1] / "examples"
SEED = EXAMPLES / "seoul-mayor-office-2025-04.json"
APPENDICES = EXAMPLES / "sports-facility-night-opening-plan-2025.json"  # ※ 붙임 문서 heading

needs_tools = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler-utils are needed for PDF output",
)


# ------------------------------------------------------------------ the macro's answer

def test_reply_with_pages() -> None:
    reply = macro.parse_reply("ok 2\npart_1\t1\nsec_1_1\t3\n")
    assert reply.ok and reply.error == ""
    assert reply.toc_pages == {"part_1": 1, "sec_1_1": 3}


def test_reply_without_a_toc_reports_no_pages() -> None:
    assert macro.parse_reply("ok 0").toc_pages == {}


def test_reply_after_a_failed_toc_reports_nothing() -> None:
    """-1: the macro could not read the 목차 to the end; no pages rather than some."""
    reply = macro.parse_reply("ok -1")
    assert reply.ok and reply.toc_pages is None


def test_reply_skips_lines_that_are_not_a_page() -> None:
    reply = macro.parse_reply("ok 0\r\npart_1\t2\r\nno tab\nsec\tx\nsec_1_1\t\t4\n\t5\nok\t7\n")
    assert reply.toc_pages == {"part_1": 2, "ok": 7}


def test_reply_error_is_kept() -> None:
    reply = macro.parse_reply("error 1 (line 80): could not load")
    assert not reply.ok and reply.toc_pages is None
    assert reply.error == "1 (line 80): could not load"


# ------------------------------------------------------------------ where pages come from

ENTRIES = (TocEntry(level=1, label="Ⅰ.", text="추진 배경", bookmark="part_1", page=1),
           TocEntry(level=1, label="※", text="붙임 문서", bookmark="app_list", heading=True),
           TocEntry(level=2, label="1.", text="개요", bookmark="app_1", page=2))


def test_pages_reported_for_a_pdf_are_taken_without_reading_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_writer, "printed_pages", _must_not_read)
    pdf = b"%PDF-1.7 reported"
    pdf_writer._reported.remember(pdf, {"part_1": 3, "app_1": 9, "other": 1})
    assert pdf_writer.toc_pages(pdf, ENTRIES) == {"part_1": 3, "app_1": 9}


def test_a_pdf_not_reported_on_is_read_or_left_to_the_estimate(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The plain fallback's PDF (or one made elsewhere): its text is read with pdftotext;
    without pdftotext the estimate stands."""
    pdf = b"%PDF-1.7 never seen"
    monkeypatch.setattr(pdf_writer, "printed_pages", lambda data: [
        (None, "목차Ⅰ.추진배경1"), (5, "Ⅰ.추진배경"), (6, "1개요")])
    assert pdf_writer.toc_pages(pdf, ENTRIES) == {"part_1": 5, "app_1": 6}
    monkeypatch.setattr(pdf_writer, "printed_pages", lambda data: None)  # no pdftotext
    assert pdf_writer.toc_pages(pdf, ENTRIES) is None
    laid = LaidDocument(fields={}, cover=(), body=(),
                        front=(TocBlock(title="목 차", entries=ENTRIES),))
    assert real_toc_pages(laid, pdf) is None  # the DOCX keeps the estimate


def test_reported_pages_that_name_none_of_the_entries_are_not_trusted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = b"%PDF-1.7 other toc"
    pdf_writer._reported.remember(pdf, {})  # LibreOffice saw no 목차 to correct
    monkeypatch.setattr(pdf_writer, "printed_pages", lambda data: [(4, "Ⅰ.추진배경1개요")])
    assert pdf_writer.toc_pages(pdf, ENTRIES) == {"part_1": 4, "app_1": 4}


def test_reports_are_bounded() -> None:
    reports = pdf_writer._Reports()
    for i in range(reports.SIZE + 10):
        reports.remember(f"%PDF {i}".encode(), {"part_1": i})
    assert len(reports.pages) == reports.SIZE
    assert reports.get(b"%PDF 0") is None
    assert reports.get(f"%PDF {reports.SIZE + 9}".encode()) == {"part_1": reports.SIZE + 9}


def _must_not_read(pdf: bytes) -> None:
    raise AssertionError("the PDF's text was read")


# ------------------------------------------------------------------ with LibreOffice

def _shifted(monkeypatch: pytest.MonkeyPatch, shift: int) -> None:
    """Every layout's 목차 estimate off by ``shift`` pages."""
    of = Layouts.of

    def shifted_of(self: Layouts, *args: object) -> LaidDocument:
        laid = of(self, *args)  # type: ignore[arg-type]
        front = tuple(attrs.evolve(n, entries=tuple(
            attrs.evolve(e, page=e.page + shift) if e.page is not None else e
            for e in n.entries)) if isinstance(n, TocBlock) else n for n in laid.front)
        return attrs.evolve(laid, front=front)

    monkeypatch.setattr(Layouts, "of", shifted_of)


def _entries(report: govreport.Report) -> tuple[TocEntry, ...]:
    """The 목차 entries as laid out (shifted too, inside a test that shifts them)."""
    laid = Layouts().of(report, Theme.seoul(), "ko_KR")
    return next(n for n in laid.front if isinstance(n, TocBlock)).entries


@needs_tools
@pytest.mark.parametrize("path", [SEED, APPENDICES], ids=lambda p: p.stem)
def test_docx_made_with_a_pdf_prints_the_pdf_pages(path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Estimates 3 pages off, and pdftotext unavailable to govreport: the DOCX still shows,
    for every heading, the "- N -" printed on its page in the PDF, as does the PDF's 목차."""
    _shifted(monkeypatch, 3)
    monkeypatch.setattr(pdf_writer, "printed_pages", _must_not_read)
    report = govreport.load(path)
    docx, pdf = render_many(report, ["docx", "pdf"])
    entries = _entries(report)
    real = footer_pages(pdf, entries)
    assert len(real) == len([e for e in entries if not e.heading])
    assert docx_toc_numbers(docx) == real
    assert any(e.page != real[e.bookmark] for e in entries if not e.heading)  # was corrected
    assert pdf_writer.reported_toc_pages(pdf) == real


@needs_tools
def test_plain_fallback_conversion_reads_the_pdf_text(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """When the macro cannot run, the PDF's 목차 keeps the estimate and the DOCX takes the
    pages read from the PDF's text (pdftotext)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(macro, "serve_url", lambda pid: "macro:///Govreport.Pdf.Missing()")
    _shifted(monkeypatch, 2)
    report = govreport.load(SEED)
    docx, pdf = render_many(report, ["pdf", "docx"])[::-1]
    assert pdf_writer.reported_toc_pages(pdf) is None
    entries = _entries(report)
    real = footer_pages(pdf, entries)
    assert len(real) == len(entries)
    assert docx_toc_numbers(docx) == real
