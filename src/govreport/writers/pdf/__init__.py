"""PDF via LibreOffice (headless), with the official fonts mapped to free look-alikes.

One conversion per document: LibreOffice runs the ``Govreport.Pdf`` macro (:mod:`.macro`),
which turns off its Asian/Latin autospace and corrects the 목차's page numbers from its own
layout before exporting, so the 목차 is right without a second run.  Profiles are reused
(:mod:`.office`), and inside :func:`office_session` — or in a process after
:func:`keep_office`, as ``batch`` workers do — every conversion goes to one LibreOffice
that stays running, so N documents pay LibreOffice's start-up once.

When that fails (LibreOffice does not come up with the cached profile), the document is
converted on its own with a new profile, and as a last resort with a plain
``soffice --convert-to pdf`` (LibreOffice's own spacing, the estimated 목차 pages).

The macro also reports the page it printed for each 목차 line; :func:`toc_pages` hands
those to a DOCX made with the PDF (same numbers, no reading of the PDF).  For a PDF it did
not report on (the plain fallback, or one made elsewhere) the pages are read from the
PDF's text with ``pdftotext`` (poppler-utils) when installed; else the estimate stands.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from ...layout.nodes import TocEntry
from ...support.errors import RenderError
from .office import Exported, Office, OfficeUnavailable, private_env

__all__ = ["Exported", "Office", "docx_to_pdf", "export_pdf", "find_soffice", "keep_office",
           "office_session", "pages_in_text", "printed_pages", "reported_toc_pages", "stop_office",
           "toc_pages"]

SOFFICE_NAMES = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    """The LibreOffice executable, or ``None``."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _soffice() -> str:
    soffice = find_soffice()
    if soffice is None:
        raise RenderError(
            "PDF output needs LibreOffice, which is not installed. Install it "
            "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui; also fonts-nanum "
            "fonts-unfonts-core for Korean fonts) or write .docx/.hwpx instead."
        )
    return soffice


class _Kept:
    """The LibreOffice this process keeps running between conversions (if asked to)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.depth = 0
        self.owner = 0
        self.office: Office | None = None

    def active(self) -> bool:
        return self.depth > 0 and self.owner == os.getpid()


_kept = _Kept()


def docx_to_pdf(docx: bytes, timeout: float | None = None) -> bytes:
    """Convert DOCX bytes to PDF bytes with LibreOffice; clear error when it is missing.

    ``timeout`` (seconds, default the ``pdf_seconds`` limit) bounds the conversion: past it
    LibreOffice is killed and a :class:`RenderError` raised.  Hangul next to digits/Latin
    keeps the document's own spacing (no added "2 회" gaps) and the 목차 shows the pages
    of LibreOffice's layout (:func:`reported_toc_pages` has them afterwards).
    """
    return export_pdf(docx, timeout).pdf


def export_pdf(docx: bytes, timeout: float | None = None) -> Exported:
    """As :func:`docx_to_pdf`, with the page the PDF's 목차 prints for each bookmark
    (``toc_pages``; ``None`` after the plain fallback conversion)."""
    exported = _export(docx, timeout)
    if exported.toc_pages is not None:
        _reported.remember(exported.pdf, exported.toc_pages)
    return exported


def _export(docx: bytes, timeout: float | None) -> Exported:
    from ...support.limits import current

    soffice = _soffice()
    seconds = float(timeout if timeout is not None else current().pdf_seconds)
    if _kept.active():
        with _kept.lock:
            office = _kept.office
            if office is None or office.soffice != soffice:
                if office is not None:
                    office.close()
                office = _kept.office = Office(soffice)
            deadline = time.monotonic() + seconds
            try:
                return office.export(docx, seconds)
            except OfficeUnavailable:
                office.kill(discard_profile=True)
                _kept.office = None  # the next document starts a new one
        return _convert_alone(soffice, docx, seconds, deadline, cached=False)
    return _convert_alone(soffice, docx, seconds, time.monotonic() + seconds, cached=True)


def _convert_alone(soffice: str, docx: bytes, seconds: float, deadline: float, *,
                   cached: bool) -> Exported:
    """One LibreOffice run for one document: a cached profile, else a new one, else a
    plain ``--convert-to`` — all within ``seconds``, that is until ``deadline``."""

    def left() -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise RenderError(f"LibreOffice did not finish within {seconds:.3g} s "
                              f"(raise it with --limit pdf_seconds=…)")
        return remaining

    for use_cache in ((True, False) if cached else (False,)):
        office = Office(soffice, cached=use_cache)
        try:
            return office.export_once(docx, left())
        except OfficeUnavailable:
            office.kill(discard_profile=True)
    return Exported(pdf=_plain_conversion(soffice, docx, left()))


def _plain_conversion(soffice: str, docx: bytes, seconds: float) -> bytes:
    with tempfile.TemporaryDirectory(prefix="govreport-pdf-") as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(docx)
        profile = Path(tmp) / "profile"
        env = private_env(profile)
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", tmp, str(src)]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            out, _ = proc.communicate(timeout=seconds)
        except subprocess.TimeoutExpired:
            raise RenderError(f"LibreOffice did not finish within {seconds:.3g} s "
                              f"(raise it with --limit pdf_seconds=…)") from None
        finally:
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        pdf = Path(tmp) / "report.pdf"
        if proc.returncode != 0 or not pdf.is_file():
            text = out.decode("utf-8", "replace").strip()[-500:]
            raise RenderError(f"LibreOffice could not convert the document: {text}")
        return pdf.read_bytes()


@contextlib.contextmanager
def office_session() -> Iterator[None]:
    """Inside, every PDF conversion of this process goes to one LibreOffice, started on
    first use and stopped at the end (nested sessions share it)."""
    with _kept.lock:
        if _kept.owner != os.getpid():  # a forked child starts without its parent's office
            _kept.depth, _kept.office, _kept.owner = 0, None, os.getpid()
        _kept.depth += 1
    interrupted = True
    try:
        yield
        interrupted = False
    finally:
        with _kept.lock:
            _kept.depth -= 1
            if _kept.depth == 0:
                _stop(kill=interrupted)  # Ctrl-C or an error: no waiting for a quit


def keep_office() -> None:
    """From now on this process keeps one LibreOffice for its PDF conversions, until
    :func:`stop_office` or the end of the process (batch workers)."""
    with _kept.lock:
        if _kept.owner != os.getpid():
            _kept.depth, _kept.office, _kept.owner = 0, None, os.getpid()
        if _kept.depth == 0:
            _kept.depth = 1
            atexit.register(stop_office)
            with contextlib.suppress(Exception):  # a multiprocessing worker skips atexit
                from multiprocessing import util

                util.Finalize(None, stop_office, exitpriority=10)


def stop_office(*, kill: bool = False) -> None:
    """Stop the LibreOffice kept by :func:`keep_office` (``kill``: at once, for a signal
    handler; the conversion in progress, if any, fails)."""
    if kill:
        office = _kept.office
        if office is not None and _kept.owner == os.getpid():
            office.kill_now()
        return
    with _kept.lock:
        if _kept.owner == os.getpid():
            _kept.depth = 0
            _stop()


def _stop(*, kill: bool = False) -> None:
    office, _kept.office = _kept.office, None
    if office is not None:
        if kill:
            office.kill()
        else:
            office.close()


class _Reports:
    """The 목차 pages the macro reported for the latest PDFs of this process, by the PDF's
    SHA-256 (the same bytes print the same pages; a few hundred bytes each, bounded)."""

    SIZE = 256

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pages: OrderedDict[bytes, Mapping[str, int]] = OrderedDict()

    def remember(self, pdf: bytes, pages: Mapping[str, int]) -> None:
        key = hashlib.sha256(pdf).digest()
        with self.lock:
            self.pages[key] = dict(pages)
            self.pages.move_to_end(key)
            while len(self.pages) > self.SIZE:
                self.pages.popitem(last=False)

    def get(self, pdf: bytes) -> Mapping[str, int] | None:
        key = hashlib.sha256(pdf).digest()
        with self.lock:
            found = self.pages.get(key)
            if found is not None:
                self.pages.move_to_end(key)
            return found


_reported = _Reports()


def reported_toc_pages(pdf: bytes) -> Mapping[str, int] | None:
    """The page the 목차 of ``pdf`` prints for each bookmark, as the conversion macro
    reported it when this process made ``pdf`` (one of its latest 256 PDFs), else
    ``None``."""
    return _reported.get(pdf)


_PAGE_NUMBER = re.compile(r"-\s*(\d+)\s*-\s*$")


def printed_pages(pdf: bytes) -> list[tuple[int | None, str]] | None:
    """(printed body page number or ``None``, text without whitespace) for each PDF page;
    ``None`` when ``pdftotext`` (poppler-utils) is not installed."""
    exe = shutil.which("pdftotext")
    if exe is None:
        return None
    proc = subprocess.run([exe, "-layout", "-enc", "UTF-8", "-", "-"], input=pdf,
                          capture_output=True, timeout=120, check=False)
    if proc.returncode != 0:
        return None
    out: list[tuple[int | None, str]] = []
    for page in proc.stdout.decode("utf-8", "replace").split("\f"):
        m = _PAGE_NUMBER.search(page.strip())
        out.append((int(m.group(1)) if m else None, re.sub(r"\s+", "", page)))
    return out


def toc_pages(pdf: bytes, entries: Sequence[TocEntry]) -> dict[str, int] | None:
    """The real body page of each TOC entry in the rendered ``pdf``, by bookmark.

    For a PDF this process converted, the pages the macro printed in its 목차
    (:func:`reported_toc_pages`: LibreOffice's own layout, no text matching).  Otherwise
    (the plain fallback conversion, a PDF from elsewhere) each entry's heading is looked
    for in the PDF's text (:func:`pages_in_text`, needs ``pdftotext``); ``None`` when
    that cannot be read either.
    """
    reported = reported_toc_pages(pdf)
    if reported is not None:
        found = {e.bookmark: reported[e.bookmark] for e in entries
                 if not e.heading and e.bookmark in reported}
        if found or not any(not e.heading for e in entries):
            return found
    return pages_in_text(pdf, entries)


def pages_in_text(pdf: bytes, entries: Sequence[TocEntry]) -> dict[str, int] | None:
    """The body page of each TOC entry, found by its heading in the PDF's text (in order, on
    numbered pages only, so the 목차 page itself never matches); ``None`` if the text
    cannot be read (no ``pdftotext``)."""
    pages = printed_pages(pdf)
    if pages is None:
        return None
    found: dict[str, int] = {}
    start = 0
    for entry in entries:
        if entry.heading:  # a heading line (※ 붙임 문서) has no page of its own
            continue
        # a task is "1 제목" in its chip (the overview box has "① 제목"); a part "Ⅰ. 제목"
        label = entry.label.rstrip(".") if entry.level > 1 else entry.label
        needles = [re.sub(r"\s+", "", label + entry.text)]
        if entry.level == 1:
            needles.append(re.sub(r"\s+", "", entry.text))
        for i in range(start, len(pages)):
            number, text = pages[i]
            if number is not None and any(n in text for n in needles):
                found[entry.bookmark] = number
                start = i
                break
    return found
