"""PDF via LibreOffice (headless), with the official fonts mapped to free look-alikes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import RenderError
from ..fonts import fontconfig_file
from ..layout.nodes import TocEntry

SOFFICE_NAMES = ("soffice", "libreoffice")


def find_soffice() -> str | None:
    """The LibreOffice executable, or ``None``."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def docx_to_pdf(docx: bytes, timeout: float = 180.0) -> bytes:
    """Convert DOCX bytes to PDF bytes with LibreOffice; clear error when it is missing."""
    soffice = find_soffice()
    if soffice is None:
        raise RenderError(
            "PDF output needs LibreOffice, which is not installed. Install it "
            "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui; also fonts-nanum "
            "fonts-unfonts-core for Korean fonts) or write .docx/.hwpx instead."
        )
    with tempfile.TemporaryDirectory(prefix="govreport-pdf-") as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(docx)
        profile = Path(tmp) / "profile"
        env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig_file())}
        cmd = [
            soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", tmp, str(src),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env, check=False)
        except subprocess.TimeoutExpired:
            raise RenderError(f"LibreOffice did not finish within {timeout:.0f} s") from None
        pdf = Path(tmp) / "report.pdf"
        if proc.returncode != 0 or not pdf.exists():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()[-500:]
            raise RenderError(f"LibreOffice could not convert the document: {detail}")
        return pdf.read_bytes()


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
    """The real body page of each TOC entry, found in the rendered PDF (in order, on numbered
    pages only, so the 목차 page itself never matches); ``None`` if it cannot be read."""
    pages = printed_pages(pdf)
    if pages is None:
        return None
    found: dict[str, int] = {}
    start = 0
    for entry in entries:
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
