"""PDF output through LibreOffice: the 목차 shows the real pages of the PDF."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import govreport
from govreport.app.render import render_bytes
from samples import seed_docx

EXAMPLE = Path(__file__).parents[1] / "examples" / "seoul-mayor-office-2025-04.json"
needs_tools = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler-utils are needed for PDF output",
)


def _pages(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode()
    return out.split("\f")


@needs_tools
def test_pdf_toc_page_numbers_match_the_pages(tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_bytes(govreport.load(EXAMPLE), "pdf"))
    pages = _pages(pdf)
    assert 10 <= len([p for p in pages if p.strip()]) <= 25  # a plausible page count
    toc = {re.sub(r"\s+", "", m.group(1)): int(m.group(2))
           for m in re.finditer(r"\d\.\s+(.+?)\.{3,}\s*(\d+)", pages[1])}
    assert len(toc) == 8  # 3 sections + 5 tasks
    printed: dict[int, str] = {}
    for page in pages:
        m = re.search(r"-\s*(\d+)\s*-\s*$", page.strip())
        if m:
            printed[int(m.group(1))] = re.sub(r"\s+", "", page)
    for n, title in enumerate(
            ["민생중심의현장방문을통한현장시정강화", "규제철폐100일의성과및전담추진체계구축"]):
        page = toc[title]
        assert title in printed[page], f"task {n}: {title} not on page {page}"


# ---------------------------------------------------------------- one pass, one LibreOffice


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """LibreOffice profiles cached under this test's own folder."""
    root = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(root))
    return root


def _office_processes(root: Path) -> list[int]:
    """Running processes whose command line names ``root`` (the LibreOffice profiles)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if str(root).encode() in cmd:
            found.append(int(proc.name))
    return found


def _toc_and_printed(pdf: bytes) -> tuple[dict[str, int], dict[int, str]]:
    path_pages = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf,
                                capture_output=True, check=True).stdout.decode().split("\f")
    toc = {re.sub(r"\s+", "", m.group(1)): int(m.group(2))
           for m in re.finditer(r"\d\.\s+(.+?)\.{3,}\s*(\d+)", path_pages[1])}
    printed: dict[int, str] = {}
    for page in path_pages:
        m = re.search(r"-\s*(\d+)\s*-\s*$", page.strip())
        if m:
            printed[int(m.group(1))] = re.sub(r"\s+", "", page)
    return toc, printed


@needs_tools
def test_wrong_toc_estimates_are_corrected_in_the_one_conversion(cache: Path) -> None:
    from govreport.writers.pdf import docx_to_pdf

    toc, printed = _toc_and_printed(docx_to_pdf(seed_docx(shift=7)))
    assert len(toc) == 8
    for title, page in toc.items():  # every task and section title is on its 목차 page
        assert page in printed and title in printed[page], (title, page)
    assert max(toc.values()) < 20  # not the estimate + 7
    assert not _office_processes(cache)


@needs_tools
def test_one_libreoffice_converts_many_documents(cache: Path) -> None:
    from govreport.writers.pdf import Office, find_soffice

    soffice = find_soffice()
    assert soffice is not None
    with Office(soffice) as office:
        first = office.convert(seed_docx("첫째 보고서"), 120)
        pid = office.pid
        second = office.convert(seed_docx("둘째 보고서"), 120)
        assert office.pid == pid  # the same LibreOffice, started once
        assert _office_processes(cache)
    texts = [subprocess.run(["pdftotext", "-l", "1", "-", "-"], input=pdf, capture_output=True,
                            check=True).stdout.decode() for pdf in (first, second)]
    assert "첫째 보고서" in texts[0] and "둘째 보고서" in texts[1]
    assert not _office_processes(cache)


@needs_tools
def test_timeout_stops_libreoffice_and_writes_nothing(cache: Path, tmp_path: Path) -> None:
    from govreport.support.errors import RenderError
    from govreport.support.limits import Limits

    out = tmp_path / "out" / "r.pdf"
    out.parent.mkdir()
    with pytest.raises(RenderError, match="did not finish within"):
        govreport.render(EXAMPLE, out, limits=Limits(pdf_seconds=0.3))
    assert list(out.parent.iterdir()) == []  # no PDF, no temporary file
    assert not _office_processes(cache)


@needs_tools
def test_timeout_in_a_session_stops_its_libreoffice(cache: Path) -> None:
    from govreport.support.errors import RenderError
    from govreport.writers.pdf import docx_to_pdf, office_session

    with office_session():
        with pytest.raises(RenderError, match="did not finish within"):
            docx_to_pdf(seed_docx(), timeout=0.2)  # the start counts against the time too
        assert not _office_processes(cache)
        assert docx_to_pdf(seed_docx())[:4] == b"%PDF"
        assert _office_processes(cache)
        with pytest.raises(RenderError, match="did not finish within"):
            docx_to_pdf(seed_docx(), timeout=0.01)
        assert not _office_processes(cache)  # killed, not left converting
        assert docx_to_pdf(seed_docx())[:4] == b"%PDF"  # the next document starts a new one
    assert not _office_processes(cache)


@needs_tools
def test_falls_back_to_a_plain_conversion_when_the_macro_cannot_run(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govreport.writers.pdf import docx_to_pdf, macro, office_session

    monkeypatch.setattr(macro, "serve_url", lambda pid: "macro:///Govreport.Pdf.Missing()")
    for session in (False, True):
        with office_session() if session else contextlib.nullcontext():
            pdf = docx_to_pdf(seed_docx("대체 경로"))
        text = subprocess.run(["pdftotext", "-l", "1", "-", "-"], input=pdf,
                              capture_output=True, check=True).stdout.decode()
        assert "대체 경로" in text
    assert not _office_processes(cache)


@needs_tools
def test_batch_pdf_starts_libreoffice_once(cache: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from govreport.app.batch import run_batch
    from govreport.writers.pdf import Office

    starts: list[int] = []
    start = Office.start

    def counted(self: Office, **kw: Any) -> None:
        starts.append(1)
        start(self, **kw)

    monkeypatch.setattr(Office, "start", counted)
    src = tmp_path / "in"
    src.mkdir()
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for i in range(3):
        data["meta"]["title"] = f"보고서 {i + 1}호"
        (src / f"r{i}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    summary = run_batch(sorted(src.glob("*.json")), tmp_path / "out", ["pdf"], jobs=1)
    assert not summary.failed
    assert len(starts) == 1
    for i in range(3):
        pdf = (tmp_path / "out" / f"r{i}.pdf").read_bytes()
        toc, printed = _toc_and_printed(pdf)
        assert f"보고서{i + 1}호" in re.sub(r"\s+", "", subprocess.run(
            ["pdftotext", "-l", "1", "-", "-"], input=pdf, capture_output=True,
            check=True).stdout.decode())
        assert all(title in printed[page] for title, page in toc.items())
    assert not _office_processes(cache)


def _copies(tmp_path: Path, n: int) -> Path:
    """A folder ``in`` of ``n`` copies of the example, ``r00.json`` … (names sort as made)."""
    src = tmp_path / "in"
    src.mkdir()
    for i in range(n):
        (src / f"r{i:02d}.json").write_bytes(EXAMPLE.read_bytes())
    return src


@needs_tools
def test_batch_pdf_in_parallel_leaves_no_libreoffice(cache: Path, tmp_path: Path) -> None:
    from govreport.app.batch import run_batch

    src = _copies(tmp_path, 4)
    summary = run_batch(sorted(src.glob("*.json")), tmp_path / "out", ["pdf", "docx"], jobs=2)
    assert not summary.failed
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        f"r{i:02d}.{ext}" for i in range(4) for ext in ("pdf", "docx"))
    assert len(list(cache.glob("govreport/libreoffice-*/profile-*/"))) <= 2  # one per worker
    assert not _office_processes(cache)


@needs_tools
def test_interrupted_pdf_batch_leaves_no_libreoffice(cache: Path, tmp_path: Path) -> None:
    src = _copies(tmp_path, 12)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "govreport", "batch", str(src), "-o", str(out), "--to", "pdf",
         "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while not list(out.glob("*.pdf")) and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:  # pragma: no cover - the test failed; do not leak
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130
    end = time.monotonic() + 10
    while _office_processes(cache) and time.monotonic() < end:
        time.sleep(0.1)
    assert not _office_processes(cache), "LibreOffice outlived the batch"
    assert not [p for p in out.iterdir() if p.suffix != ".pdf"], "temporary files left"
