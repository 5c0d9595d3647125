"""Render every example to DOCX and HWPX and print the sha256 of each output.

A refactoring check, not a test: run it before a change (``--save before.txt``) and after
(``--compare before.txt``); the bytes of every render must stay the same.

    .venv/bin/python scripts/render_hashes.py                      # print the hashes
    .venv/bin/python scripts/render_hashes.py --save hashes.txt    # keep them
    .venv/bin/python scripts/render_hashes.py --compare hashes.txt # exit 1 on any change

What is rendered (as README.md and docs/free-form.md show it):

* every ``examples/*.json`` report → .docx and .hwpx (default theme and template);
* ``heavy-rain-brief-onepage.json`` with ``--theme central`` (README) and the seed with
  the shipped ``brief`` free-form template (.docx);
* ``examples/free-form/district-complaints.json`` with ``table-dump`` (.docx) and
  ``road-repairs-2025h1.json`` with ``records-table``, ``grouped-report`` and
  ``time-series`` (.docx and .hwpx).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

import govreport

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

Job = tuple[str, Path, str, "str | None", "str | None"]  # label, source, suffix, template, theme


def jobs() -> list[Job]:
    """Every render this script makes, in a fixed order."""
    out: list[Job] = []
    for path in sorted(EXAMPLES.glob("*.json")):
        for suffix in ("docx", "hwpx"):
            out.append((f"{path.name} → .{suffix}", path, suffix, None, None))
    brief = EXAMPLES / "heavy-rain-brief-onepage.json"
    for suffix in ("docx", "hwpx"):
        out.append((f"{brief.name} --theme central → .{suffix}", brief, suffix, None, "central"))
    seed = EXAMPLES / "seoul-mayor-office-2025-04.json"
    out.append((f"{seed.name} --template brief → .docx", seed, "docx", "brief", None))
    free = EXAMPLES / "free-form"
    dump = free / "district-complaints.json"
    out.append((f"free-form/{dump.name} --template table-dump → .docx", dump, "docx",
                "table-dump", None))
    repairs = free / "road-repairs-2025h1.json"
    for name in ("records-table", "grouped-report", "time-series"):
        for suffix in ("docx", "hwpx"):
            out.append((f"free-form/{repairs.name} --template {name} → .{suffix}", repairs,
                        suffix, name, None))
    return out


def hashes() -> dict[str, str]:
    """sha256 of every render, by label."""
    result: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n, (label, source, suffix, template, theme) in enumerate(jobs()):
            out = Path(tmp) / f"{n}.{suffix}"
            govreport.render(source, out, template=template, theme=theme)
            result[label] = hashlib.sha256(out.read_bytes()).hexdigest()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, help="write the hashes to this file")
    parser.add_argument("--compare", type=Path, help="compare with hashes saved before")
    args = parser.parse_args()
    now = hashes()
    lines = [f"{digest}  {label}" for label, digest in now.items()]
    print("\n".join(lines))
    if args.save:
        args.save.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.compare:
        before = {}
        for line in args.compare.read_text(encoding="utf-8").splitlines():
            digest, _, label = line.partition("  ")
            before[label] = digest
        changed = [label for label in {*before, *now} if before.get(label) != now.get(label)]
        if changed:
            print(f"\n{len(changed)} of {len(now)} renders changed:", *sorted(changed),
                  sep="\n  ", file=sys.stderr)
            return 1
        print(f"\nall {len(now)} renders identical to {args.compare}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
