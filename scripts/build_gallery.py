"""Render the bundled example to DOCX and HWPX and store PNG pages in docs/gallery/.

DOCX pages: govreport's PDF path (LibreOffice with the font map) + ``pdftoppm``.
HWPX pages: the independent rhwp renderer via ``../shared/tools/check-hwpx`` when present.
Run: ``python scripts/build_gallery.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import govreport
from govreport.render import render_bytes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "seoul-mayor-office-2025-04.json"
GALLERY = ROOT / "docs" / "gallery"
CHECK_HWPX = next((d / "shared" / "tools" / "check-hwpx" for d in ROOT.parents
                   if (d / "shared" / "tools" / "check-hwpx").exists()),
                  ROOT.parent / "shared" / "tools" / "check-hwpx")  # also from a git worktree


def docx_pages(report: govreport.Report, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "seed.pdf"
        pdf.write_bytes(render_bytes(report, "pdf"))
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out / "seed")], check=True)


def hwpx_pages(report: govreport.Report, out: Path) -> None:
    if not CHECK_HWPX.exists():
        print("skipping HWPX pages: check-hwpx not found", file=sys.stderr)
        return
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "seed.hwpx"
        src.write_bytes(render_bytes(report, "hwpx"))
        subprocess.run([str(CHECK_HWPX), str(src), tmp], check=True, stdout=subprocess.DEVNULL)
        for png in sorted(Path(tmp).glob("seed_p*.png")):
            n = int(png.stem.split("_p")[1])
            shutil.copy(png, out / f"seed-{n:02d}.png")


if __name__ == "__main__":
    seed = govreport.load(EXAMPLE)
    docx_pages(seed, GALLERY / "docx")
    hwpx_pages(seed, GALLERY / "hwpx")
    print("gallery:", *sorted(str(p.relative_to(ROOT)) for p in GALLERY.rglob("*.png"))[:3], "…")
