"""PDF output through LibreOffice: the 목차 shows the real pages of the PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import govreport
from govreport.render import render_bytes

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
