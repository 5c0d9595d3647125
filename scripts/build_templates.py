#!/usr/bin/env python3
"""Regenerate ``templates/report.docx`` (the default DOCX template) from the Seoul theme.

The template is built by code (:func:`govreport.writers.docx.build_template`) with fixed zip
timestamps, so running this twice gives identical bytes; CI can check the committed file
with ``--check``.  Usage::

    .venv/bin/python scripts/build_templates.py [--theme seoul|central|PATH] [--out FILE]
    .venv/bin/python scripts/build_templates.py --check
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from govreport.theme import Theme
from govreport.writers.docx import build_template

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "templates" / "report.docx"


def _theme(spec: str) -> Theme:
    if Path(spec).suffix.lower() in (".toml", ".json"):
        return Theme.load(spec)
    return Theme.profile_named(spec)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Regenerate templates/report.docx (the default DOCX template).")
    ap.add_argument("--theme", default="seoul", help="profile name or theme file (seoul)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT,
                    help=f"output .docx (default: {DEFAULT_OUT.relative_to(ROOT)})")
    ap.add_argument("--check", action="store_true",
                    help="fail if the file differs from a fresh build (no write)")
    args = ap.parse_args(argv)
    if args.out.suffix.lower() != ".docx":
        ap.error(f"--out must name a .docx file, not {args.out}")
    try:
        theme = _theme(args.theme)
    except Exception as exc:  # unknown profile, unreadable or invalid theme file
        ap.error(f"--theme {args.theme}: {exc}")
    data = build_template(theme)
    if args.check:
        current = args.out.read_bytes() if args.out.exists() else b""
        if current != data:
            print(f"{args.out}: out of date; run scripts/build_templates.py", file=sys.stderr)
            return 1
        print(f"{args.out}: up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
