"""PDF via LibreOffice (headless), with the official fonts mapped to free look-alikes."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import RenderError
from ..fonts import fontconfig_file

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
