"""Render the bundled examples to DOCX and HWPX and store PNG pages in docs/gallery/.

The seed example goes to ``docs/gallery/{docx,hwpx}/seed-NN.png``; every other example in
:data:`PAGES` gets its own folder ``docs/gallery/<name>/{docx,hwpx}/`` and a page
``docs/gallery/<name>.md`` showing both renderings side by side.
DOCX pages: govreport's PDF path (LibreOffice with the font map) + ``pdftoppm``.
HWPX pages: the independent rhwp renderer via ``check-hwpx``, of the HWPX written with the
page estimate's ends as breaks (``write_hwpx(estimate_breaks=True)``: rhwp ignores the keep
rules the file for Hancom carries, so its pages show the estimate); ``check-hwpx`` is
``$CHECK_HWPX``, else ``shared/tools/check-hwpx`` beside the repository or its worktree
folder, when present.
Run: ``python scripts/build_gallery.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import govreport
from govreport.app.render import render_bytes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "seoul-mayor-office-2025-04.json"
GALLERY = ROOT / "docs" / "gallery"
PAGES: dict[str, str] = {
    "citizen-proposal-plan-2025":
        "추진계획 — 제목 상자, 머리 글 상자, 장 칩 1 2 3, 계산되는 달성률 행",
    "sports-facility-night-opening-plan-2025":
        "운영계획 — 부제, ① 절과 목차, ※ 붙임 문서 목록, 비교 상자",
    "administration-bureau-work-report-2025":
        "국 업무보고 — 조직도, 비전 체계도, 계산되는 비율 표",
    "park-expansion-2025":
        "결과보고 — 사진, 표지 로고, 예산표에서 그린 막대+꺾은선 차트, 연도별 꺾은선 차트",
}
"""Examples with a gallery page of their own: file stem → caption."""


def _check_hwpx() -> Path | None:
    candidates = [os.environ.get("CHECK_HWPX", "")] + [
        str(base / "shared" / "tools" / "check-hwpx") for base in ROOT.parents]
    return next((Path(c) for c in candidates if c and Path(c).exists()), None)


def docx_pages(report: govreport.Report, out: Path, name: str = "seed") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / f"{name}.pdf"
        pdf.write_bytes(render_bytes(report, "pdf"))
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out / name)], check=True)
    pages = sorted(out.glob("*.png"))
    for png in pages:  # pdftoppm pads to the page count's width: make it two digits
        n = int(png.stem.rsplit("-", 1)[1])
        png.rename(out / f"{name}-{n:02d}.png")
    return sorted(out.glob("*.png"))


def hwpx_pages(report: govreport.Report, out: Path, name: str = "seed") -> list[Path]:
    check = _check_hwpx()
    if check is None:
        print("skipping HWPX pages: check-hwpx not found", file=sys.stderr)
        return []
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{name}.hwpx"
        from govreport.layout import layout
        from govreport.theme import resolve_theme
        from govreport.writers.hwpx import write_hwpx

        theme = resolve_theme(None)
        src.write_bytes(write_hwpx(layout(report, theme), theme, estimate_breaks=True))
        subprocess.run([str(check), str(src), tmp], check=True, stdout=subprocess.DEVNULL)
        for png in sorted(Path(tmp).glob(f"{name}_p*.png")):
            n = int(png.stem.split("_p")[1])
            shutil.copy(png, out / f"{name}-{n:02d}.png")
    return sorted(out.glob("*.png"))


def example_page(stem: str, caption: str) -> None:
    """``docs/gallery/<stem>.md``: the example's DOCX and HWPX pages side by side."""
    report = govreport.load(ROOT / "examples" / f"{stem}.json")
    docx = docx_pages(report, GALLERY / stem / "docx", stem)
    hwpx = hwpx_pages(report, GALLERY / stem / "hwpx", stem)
    lines = [f"# {report.meta.title}", "", f"{caption}  ",
             f"원본 / source: [`examples/{stem}.json`](../../examples/{stem}.json)", "",
             "| 쪽 page | DOCX (LibreOffice) | HWPX (rhwp, 추정 쪽 끝 / estimated page ends) |",
             "|---|---|---|"]
    for i in range(max(len(docx), len(hwpx))):
        cells = [f'<img src="{stem}/{kind}/{pages[i].name}" width="100%">' if i < len(pages)
                 else "" for kind, pages in (("docx", docx), ("hwpx", hwpx))]
        lines.append(f"| {i + 1} | {cells[0]} | {cells[1]} |")
    (GALLERY / f"{stem}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    only = sys.argv[1:]
    if not only or "seed" in only:
        seed = govreport.load(EXAMPLE)
        docx_pages(seed, GALLERY / "docx")
        hwpx_pages(seed, GALLERY / "hwpx")
    for stem, caption in PAGES.items():
        if not only or stem in only:
            example_page(stem, caption)
    print("gallery:", *sorted(str(p.relative_to(ROOT)) for p in GALLERY.rglob("*.md")))
