"""What a reader sees in a rendered PDF and DOCX, read independently of govreport's own code:
the page printed in each body page's ``- N -`` footer (``pdftotext``), and the numbers a
DOCX's 목차 carries."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections.abc import Sequence

from govreport.layout.nodes import TocEntry

_FOOTER = re.compile(r"-\s*(\d+)\s*-")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def footer_pages(pdf: bytes, entries: Sequence[TocEntry]) -> dict[str, int]:
    """For each 목차 entry (bookmark → page), the number in the ``- N -`` footer of the first
    body page, at or after the previous entry's, whose text has the entry's label and title
    (``Ⅰ. 제목``, ``1 제목`` in a chip, ``① 제목``)."""
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"], input=pdf,
                          capture_output=True, check=True).stdout.decode()
    pages: list[tuple[int, str]] = []
    for page in text.split("\f"):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        if lines and (m := _FOOTER.fullmatch(lines[-1])):
            pages.append((int(m.group(1)), _flat(page)))
    found: dict[str, int] = {}
    at = 0
    for entry in entries:
        if entry.heading:
            continue
        label = re.escape(_flat(entry.label).rstrip("."))
        needle = re.compile(label + r"\.?" + re.escape(_flat(entry.text)))
        for i in range(at, len(pages)):
            if needle.search(pages[i][1]):
                found[entry.bookmark] = pages[i][0]
                at = i
                break
    return found


def docx_toc_numbers(docx: bytes) -> dict[str, int]:
    """The page number each 목차 line of a DOCX shows, by the bookmark it points to."""
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    return {m.group(1): int(m.group(2)) for m in re.finditer(
        r"PAGEREF (\S+) \\h .*?<w:t[^>]*>(\d+)</w:t>", xml)}
