"""Pages that pass as hand-made, measured with real engines on every example.

Each ``examples/*.json`` is rendered to PDF by LibreOffice (text from ``pdftotext``) and to
HWPX drawn by rhwp (text from its SVG pages), and the pages are checked as an official would
look at them: no body page holding only the last ≤ 3 lines of the page before, no heading
as the last line of a page whose content goes on overleaf, no line ending with an opening
bracket or starting with a closing one, no gap between a digit and Hangul that the document
itself does not have, and the DOCX's 목차 numbers equal the PDF's.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

import govreport
from govreport.app.render import render_many
from govreport.layout import TocBlock, iter_paras, layout
from govreport.support.fonts import fontconfig_file
from pdf_text import docx_toc_numbers, footer_pages

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
GAP = re.compile(r"(?<![\d,])\d+ [가-힣]")
"""A digit–space–Hangul pair ("2 회").  Grouped numbers ("237,964 유관…") are left out: in
the PDF's text they are a number cell read next to a text cell of the same table row."""
PAGE_NO = re.compile(r"^-\d+-$")

needs_pdf = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler-utils are needed for PDF output",
)


def _has_rhwp() -> bool:
    from importlib.util import find_spec

    return find_spec("rhwp") is not None  # imported in a subprocess (see _hwpx_pages)


needs_rhwp = pytest.mark.skipif(not _has_rhwp(), reason="rhwp-python (test extra) not installed")


@cache
def _rendered(path: Path) -> tuple[bytes, bytes]:
    """(DOCX, PDF) of an example, rendered together."""
    docx, pdf = render_many(govreport.load(path), ["docx", "pdf"])
    return docx, pdf


def _pdf_pages(pdf: bytes, layout_mode: bool = True) -> list[list[str]]:
    """Lines per page; ``layout_mode=False`` reads table cells one by one instead of side by
    side (so that a number cell next to a text cell is not mistaken for "2 회")."""
    mode = ["-layout"] if layout_mode else []
    out = subprocess.run(["pdftotext", *mode, "-enc", "UTF-8", "-", "-"], input=pdf,
                         capture_output=True, check=True).stdout.decode()
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [[ln.strip() for ln in page.splitlines() if ln.strip()] for page in pages]


# rhwp (run in a subprocess, with the fonts map of the PDF path) draws each glyph as an SVG
# <text>; lines are glyphs on one baseline, left to right
_RHWP_SCRIPT = r"""
import json, re, sys, html
try:  # the wheel's bundled FreeType is too old: load_rhwp() puts the system one first
    from govreport.readers.hwp import load_rhwp
    rhwp = load_rhwp()
except Exception as exc:
    print(f"rhwp cannot be loaded: {exc}", file=sys.stderr)
    sys.exit(3)
doc = rhwp.parse(sys.argv[1])
pages = []
for i in range(doc.page_count):
    svg = doc.render_svg(page=i)
    rows = {}
    for m in re.finditer(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>', svg):
        rows.setdefault(round(float(m.group(2))), []).append((float(m.group(1)),
                                                             html.unescape(m.group(3))))
    pages.append(["".join(t for _, t in sorted(glyphs)) for _, glyphs in sorted(rows.items())])
print(json.dumps(pages, ensure_ascii=False))
"""


def _hwpx_pages(hwpx: Path) -> list[list[str]]:
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig_file())}
    proc = subprocess.run([sys.executable, "-c", _RHWP_SCRIPT, str(hwpx)], env=env,
                          capture_output=True, timeout=300, check=False)
    if proc.returncode == 3:
        pytest.skip(proc.stderr.decode("utf-8", "replace").strip()[-300:])
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-800:]
    pages: list[list[str]] = json.loads(proc.stdout.decode())
    return [[ln.strip() for ln in page if ln.strip()] for page in pages]


def _titles(path: Path) -> list[str]:
    def walk(o: object) -> list[str]:
        if isinstance(o, dict):
            own = [o["title"]] if isinstance(o.get("title"), str) else []
            return own + [t for v in o.values() for t in walk(v)]
        if isinstance(o, list):
            return [t for v in o for t in walk(v)]
        return []

    data = json.loads(path.read_text(encoding="utf-8"))
    return [re.sub(r"\s+", "", t) for t in walk(data) if len(t) >= 4]


def _flat(line: str) -> str:
    return re.sub(r"\s+", "", line)


def _page_problems(pages: list[list[str]], titles: list[str]) -> tuple[list[int], list[int]]:
    """(near-empty body pages, pages ending in a stranded heading), 1-based PDF pages."""
    def starts_unit(line: str) -> bool:
        flat = _flat(line)
        return bool(re.match(r"[Ⅰ-Ⅻ]|참고|붙임|\d", flat)) or any(t in flat for t in titles)

    bodies = []
    for page in pages:
        numbered = any(PAGE_NO.match(_flat(ln)) for ln in page)
        bodies.append((numbered, [ln for ln in page if not PAGE_NO.match(_flat(ln))]))
    near, stranded = [], []
    for i, (numbered, body) in enumerate(bodies):
        if not numbered or i == len(bodies) - 1 or not body:
            continue
        nxt = bodies[i + 1][1]
        continues = bool(nxt) and not starts_unit(nxt[0])
        if len(body) <= 3 and not starts_unit(body[0]):
            near.append(i + 1)
        last = body[-1]
        heading = last.startswith(("□", "●")) or (
            not re.match(r"[①-⑳]", last)
            and any(t in _flat(last) and len(_flat(last)) <= len(t) + 30 for t in titles))
        sibling = last.startswith("□") and bool(nxt) and nxt[0].startswith("□")
        if heading and continues and not sibling:
            stranded.append(i + 1)
    return near, stranded


_OPENING_AT_END = re.compile(r"[(「『\[‘“〈《]$")
_CLOSING_AT_START = re.compile(r"^[)」』\]’”〉》]")


def _bracket_breaks(pages: list[list[str]]) -> list[str]:
    """Lines ending with an opening bracket or quote, or starting with a closing one."""
    return [ln for page in pages for ln in page
            if _OPENING_AT_END.search(ln) or _CLOSING_AT_START.search(ln)]


def _laid_gaps(path: Path) -> int:
    """Digit–space–Hangul pairs the laid-out document itself holds (its text and 목차)."""
    laid = layout(govreport.load(path))
    texts = [p.text for p in iter_paras(laid.all_nodes())]
    for node in laid.front:
        if isinstance(node, TocBlock):
            texts += [f"{e.label} {e.text}" for e in node.entries]
    return sum(len(GAP.findall(t)) for t in texts)


@needs_pdf
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_pdf_pages_end_naturally(path: Path) -> None:
    pages = _pdf_pages(_rendered(path)[1])
    near, stranded = _page_problems(pages, _titles(path))
    assert near == [], f"near-empty continuation pages {near}"
    assert stranded == [], f"headings stranded at the foot of pages {stranded}"
    assert _bracket_breaks(_pdf_pages(_rendered(path)[1], False)) == []


@needs_pdf
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_pdf_adds_no_digit_hangul_gap(path: Path) -> None:
    text = "\n".join("\n".join(p) for p in _pdf_pages(_rendered(path)[1], False))
    assert len(GAP.findall(text)) <= _laid_gaps(path)


@needs_pdf
def test_pdf_keeps_counts_tight() -> None:
    """The seed's "총 2회", "43개 단지" and "'25.3월말" come out of the PDF as written."""
    path = ROOT / "examples" / "seoul-mayor-office-2025-04.json"
    flat = _flat("".join("".join(p) for p in _pdf_pages(_rendered(path)[1])))
    raw = "\n".join("\n".join(p) for p in _pdf_pages(_rendered(path)[1]))
    for tight in ("총 2회", "43개", "'25.3월말"):
        assert _flat(tight) in flat
        assert tight.replace("2회", "2 회").replace("43개", "43 개").replace(
            "3월말", "3 월말") not in raw


@needs_pdf
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_docx_toc_numbers_equal_the_pdf(path: Path) -> None:
    docx, pdf = _rendered(path)
    laid = layout(govreport.load(path))
    tocs = [n for n in laid.front if isinstance(n, TocBlock)]
    if not tocs:
        pytest.skip("no 목차 in this example")
    real = footer_pages(pdf, tocs[0].entries)  # the "- N -" of each heading's page
    assert real and len(real) == len([e for e in tocs[0].entries if not e.heading])
    assert docx_toc_numbers(docx) == real
    settings = zipfile.ZipFile(io.BytesIO(docx)).read("word/settings.xml")
    assert b"updateFields" in settings  # Word offers to refresh the 목차 on open


@needs_rhwp
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_hwpx_pages_end_naturally(path: Path, tmp_path: Path) -> None:
    """The page estimate, drawn by rhwp: rhwp ignores keep rules, so the HWPX is written
    with the estimate's page ends as breaks (the file for Hancom keeps them as rules)."""
    hwpx = _estimate_hwpx(path, tmp_path)
    pages = _hwpx_pages(hwpx)
    near, stranded = _page_problems(pages, _titles(path))
    assert near == [], f"near-empty continuation pages {near}"
    assert stranded == [], f"headings stranded at the foot of pages {stranded}"
    assert _bracket_breaks(pages) == []
    text = "\n".join("\n".join(p) for p in pages)
    assert len(GAP.findall(text)) <= _laid_gaps(path)


def _estimate_hwpx(path: Path, tmp_path: Path) -> Path:
    """The example's HWPX with the page estimate's ends written as breaks (for rhwp)."""
    from govreport.theme import resolve_theme
    from govreport.writers.hwpx import write_hwpx

    report = govreport.load(path)
    theme = resolve_theme(None)  # the theme govreport.render uses for the examples
    hwpx = tmp_path / f"{path.stem}.hwpx"
    hwpx.write_bytes(write_hwpx(layout(report, theme), theme, estimate_breaks=True))
    return hwpx


def _title_pages(pages: list[list[str]], titles: list[str]) -> dict[str, list[int]]:
    """The pages (1-based, 목차 included) on which each title's text stands."""
    texts = [_flat("".join(page)) for page in pages]
    return {t: [i + 1 for i, text in enumerate(texts) if t in text] for t in titles}


@needs_pdf
@needs_rhwp
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_hwpx_pages_break_where_the_pdf_pages_do(path: Path, tmp_path: Path) -> None:
    """rhwp (HWPX) and LibreOffice (PDF from the DOCX) make as many pages, with every part,
    section, box and appendix title on the same pages: a page short in one format is short
    in the other, so the HWPX's page ends are the layout's, not an artefact of the file.

    The HWPX text is read from rhwp's SVG pages, never from its PDF export: rhwp-python
    0.8.1 writes no text for runs in 고딕 faces (맑은 고딕, HY헤드라인M) to its PDF, so
    ``page-audit OUT.hwpx`` counts the seed's body pages 2 and 8 (PDF pages 4 and 10) as
    near-empty although they hold a whole section and a □ group of four lines, exactly as the
    PDF's pages do (docs/faq.md)."""
    hwpx = _estimate_hwpx(path, tmp_path)
    rhwp_pages = _hwpx_pages(hwpx)
    pdf_pages = _pdf_pages(_rendered(path)[1], layout_mode=False)
    assert len(rhwp_pages) == len(pdf_pages)
    titles = _titles(path)
    in_hwpx, in_pdf = _title_pages(rhwp_pages, titles), _title_pages(pdf_pages, titles)
    assert all(in_hwpx.values()), [t for t, p in in_hwpx.items() if not p]
    assert in_hwpx == in_pdf


DATE_CUT = re.compile(r"(?:'\d\d|\d{4})\.$")
"""A line ending in the year of a date (``('25.`` / ``2월~'25. 11월)``): 공문서 never split one."""


def _date_breaks(pages: list[list[str]]) -> list[str]:
    return [a + " / " + b for page in pages for a, b in pairwise(page)
            if DATE_CUT.search(a) and re.match(r"\d", b)]


@needs_pdf
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_pdf_never_splits_a_date(path: Path) -> None:
    _, pdf = _rendered(path)
    assert _date_breaks(_pdf_pages(pdf, layout_mode=False)) == []


PARK = ROOT / "examples" / "park-expansion-2025.json"


def test_hwpx_joins_the_parts_of_a_date_with_nb_space(tmp_path: Path) -> None:
    hwpx = tmp_path / "park.hwpx"
    govreport.render(PARK, hwpx)
    with zipfile.ZipFile(hwpx) as z:
        xml = z.read("Contents/section0.xml").decode()
    assert "조성 ('25.<hp:nbSpace/>2월~'25.<hp:nbSpace/>11월)" in xml


@needs_rhwp
def test_hwpx_never_splits_a_date(tmp_path: Path) -> None:
    """No line of rhwp's pages ends inside a date.  (With Hangul kept by 어절,
    ``breakNonLatinWord="KEEP_WORD"`` as Hancom writes it, rhwp still breaks before the
    range mark of "('25.\u00a02월~'25.\u00a011월)"; Hancom breaks such a word only at
    spaces — not verified in Hancom.)"""
    hwpx = tmp_path / "park.hwpx"
    govreport.render(PARK, hwpx)
    pages = _hwpx_pages(hwpx)
    assert _date_breaks(pages) == []
    assert any("('25.2월" in _flat(ln) for page in pages for ln in page)


@pytest.mark.parametrize("stem", ["park-expansion-2025", "citizen-proposal-plan-2025"])
def test_no_break_spaces_read_back_as_spaces(stem: str, tmp_path: Path) -> None:
    from govreport.readers import read

    for ext in ("hwpx", "docx"):
        out = tmp_path / f"{stem}.{ext}"
        govreport.render(ROOT / "examples" / f"{stem}.json", out)
        assert "\u00a0" not in govreport.dumps(read(out))
