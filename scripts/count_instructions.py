"""Instructions per seed → HWPX ``render_bytes`` and per seed load, counted with callgrind.

Instruction counts do not move with the load of a shared machine, so a refactoring can be
held to ±2 % of them.  Each measure runs two processes under ``valgrind --tool=callgrind``
(``PYTHONHASHSEED=0``, the collector's thresholds as the command line sets them), one
doing the work N times after 3 warm-ups and one 0 times; the difference ÷ N is the count
per run (the way docs/performance.md counted).

    .venv/bin/python scripts/count_instructions.py            # render and load, N=10
    .venv/bin/python scripts/count_instructions.py --runs 20 --what render
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seoul-mayor-office-2025-04.json"

PROGRAM = """
import gc
import sys
import govreport
from govreport.support.gc_tuning import RENDER_THRESHOLDS
gc.set_threshold(*RENDER_THRESHOLDS)  # as the command line runs
from govreport.app.render import render_bytes
what, runs = sys.argv[1], int(sys.argv[2])
seed = sys.argv[3]
if what == "render":
    report = govreport.load(seed)
    work = lambda: render_bytes(report, "hwpx", check=False)
else:  # no report kept alive: an equal one would share its kept check
    work = lambda: govreport.load(seed)
for _ in range(3):
    work()
for _ in range(runs):
    work()
"""


def instructions(what: str, runs: int) -> int:
    """Instructions of one process doing ``what`` ``runs`` times (after the warm-ups)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                        sys.executable, "-c", PROGRAM, what, str(runs), str(SEED)],
                       check=True, env=env, capture_output=True)
        found = re.search(r"^summary:\s*(\d+)", out.read_text(), re.MULTILINE)
        if found is None:
            raise SystemExit(f"no summary line in {out}")
        return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--what", choices=("render", "load", "both"), default="both")
    args = parser.parse_args()
    for what in ("render", "load") if args.what == "both" else (args.what,):
        base = instructions(what, 0)
        full = instructions(what, args.runs)
        per = (full - base) / args.runs
        label = "seed → HWPX render_bytes" if what == "render" else "seed load"
        print(f"{label}: {per / 1e6:.2f} M instructions per run (N={args.runs})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
