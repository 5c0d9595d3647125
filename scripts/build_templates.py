#!/usr/bin/env python3
"""Regenerate the default templates ``src/govreport/templates/report.docx`` and ``.../report.hwpx``.

Both are built by code from a theme (:func:`govreport.writers.docx.build_template`,
:func:`govreport.writers.hwpx.build_template`) with fixed zip timestamps, so running this
twice gives identical bytes; tests check the committed files with ``--check``.  Usage::

    .venv/bin/python scripts/build_templates.py                 # both default templates
    .venv/bin/python scripts/build_templates.py --check         # fail if either is stale
    .venv/bin/python scripts/build_templates.py --theme central --out my-central.hwpx
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from govreport.theme import Theme, resolve_theme
from govreport.writers import docx as docx_writer
from govreport.writers import hwpx as hwpx_writer

ROOT = Path(__file__).resolve().parents[1]
BUILDERS: dict[str, Callable[[Theme], bytes]] = {
    ".docx": docx_writer.build_template,
    ".hwpx": hwpx_writer.build_template,
}
DEFAULT_OUTS = [ROOT / "src" / "govreport" / "templates" / f"report{suffix}" for suffix in BUILDERS]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Regenerate the default DOCX and HWPX templates.")
    ap.add_argument("--theme", default="seoul", help="profile name or theme file (seoul)")
    ap.add_argument("--out", type=Path, action="append",
                    help="output .docx or .hwpx (repeatable; default: the shipped "
                         "src/govreport/templates/report.docx and report.hwpx)")
    ap.add_argument("--check", action="store_true",
                    help="fail if a file differs from a fresh build (no write)")
    args = ap.parse_args(argv)
    outs: list[Path] = args.out or DEFAULT_OUTS
    for out in outs:
        if out.suffix.lower() not in BUILDERS:
            ap.error(f"--out must name a .docx or .hwpx file, not {out}")
    try:
        theme = resolve_theme(args.theme)
    except Exception as exc:  # unknown profile, unreadable or invalid theme file
        ap.error(f"--theme {args.theme}: {exc}")
    stale = 0
    for out in outs:
        data = BUILDERS[out.suffix.lower()](theme)
        if args.check:
            if not out.exists() or out.read_bytes() != data:
                print(f"{out}: out of date; run scripts/build_templates.py", file=sys.stderr)
                stale += 1
            else:
                print(f"{out}: up to date")
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        print(f"wrote {out} ({len(data)} bytes)")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
