"""Render bundled examples to DOCX and HWPX and store PNG pages in docs/gallery/.

DOCX pages: govreport's PDF path (LibreOffice with the font map) + ``pdftoppm``.
HWPX pages: the independent rhwp renderer via ``../shared/tools/check-hwpx`` when present.
Run: ``python scripts/build_gallery.py [seed] [figures]`` (default: all); pages are named
``seed-NN.png`` (the Seoul example) and ``figures-NN.png`` (pictures and charts).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import govreport
from govreport.render import render_bytes

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "seoul-mayor-office-2025-04.json"
EXAMPLES = {"seed": EXAMPLE, "figures": ROOT / "examples" / "park-expansion-2025.json"}
GALLERY = ROOT / "docs" / "gallery"
CHECK_HWPX = Path(os.environ.get("CHECK_HWPX") or next(
    (d / "shared" / "tools" / "check-hwpx" for d in ROOT.parents
     if (d / "shared" / "tools" / "check-hwpx").exists()),
    ROOT.parent / "shared" / "tools" / "check-hwpx"))  # also from a git worktree


def docx_pages(report: govreport.Report, out: Path, name: str = "seed") -> None:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{name}-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / f"{name}.pdf"
        pdf.write_bytes(render_bytes(report, "pdf"))
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out / name)], check=True)
    for png in out.glob(f"{name}-*.png"):  # pdftoppm pads to the page count's digits
        n = int(png.stem.rsplit("-", 1)[1])
        png.rename(out / f"{name}-{n:02d}.png")


def hwpx_pages(report: govreport.Report, out: Path, name: str = "seed") -> None:
    if not CHECK_HWPX.exists():
        print("skipping HWPX pages: check-hwpx not found", file=sys.stderr)
        return
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{name}-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{name}.hwpx"
        src.write_bytes(render_bytes(report, "hwpx"))
        subprocess.run([str(CHECK_HWPX), str(src), tmp], check=True, stdout=subprocess.DEVNULL)
        for png in sorted(Path(tmp).glob(f"{name}_p*.png")):
            n = int(png.stem.split("_p")[1])
            shutil.copy(png, out / f"{name}-{n:02d}.png")


if __name__ == "__main__":
    for name in sys.argv[1:] or list(EXAMPLES):
        report = govreport.load(EXAMPLES[name])
        docx_pages(report, GALLERY / "docx", name)
        hwpx_pages(report, GALLERY / "hwpx", name)
    print("gallery:", *sorted(str(p.relative_to(ROOT)) for p in GALLERY.rglob("*.png"))[:3], "…")
