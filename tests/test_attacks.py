"""The attack corpus (``attacks.py``): every hostile input is refused with the promised exit
code and message, no traceback, no internal error, no output file and no temporary file left,
within a generous time bound — all cases in one subprocess whose address space is capped, so
a case that allocates without bound fails the run instead of the machine."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import attacks

MEMORY_CAP = 3 * 1024**3
"""Address space of the runner (RLIMIT_AS): generous for Python + lxml, far below a bomb."""
PEAK_RSS_MAX = 1536 * 1024  # KB
RUN_TIMEOUT = 900


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.fixture(scope="session")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("attacks")
    out = work / "results.json"
    proc = subprocess.run(
        [sys.executable, str(Path(attacks.__file__)), str(work / "cases"), str(out)],
        preexec_fn=_cap, capture_output=True, text=True, timeout=RUN_TIMEOUT,
        env={**os.environ, "GOVREPORT_DEBUG": ""},
    )
    assert out.exists(), proc.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"runner stopped early: {proc.stderr[-3000:]}"
    return {"peak_kb": data["peak_kb"], **{c["id"]: c for c in data["cases"]}}


def test_corpus_size_per_category() -> None:
    counts = Counter(c.category for c in attacks.CASES)
    assert sum(counts.values()) >= 150
    assert all(counts[k] >= 20 for k in ("json", "template", "cli", "library")), counts
    assert len({c.id for c in attacks.CASES}) == len(attacks.CASES)


def test_peak_memory_is_bounded(results: dict[str, Any]) -> None:
    assert results["peak_kb"] < PEAK_RSS_MAX


@pytest.mark.parametrize("case", attacks.CASES, ids=[c.id for c in attacks.CASES])
def test_attack(case: attacks.Case, results: dict[str, Any]) -> None:
    r = results.get(case.id)
    assert r is not None, "case did not run"
    assert "runner_error" not in r, r.get("traceback")
    assert "traceback" not in r, r["traceback"]
    assert "check_error" not in r, r["check_error"]
    output = r.get("output", "")
    assert "Traceback" not in output
    assert "internal error" not in output
    if case.argv is not None:
        assert r["exit"] == case.exit, output
    elif case.raises:  # the runner records a traceback when the class is not accepted
        assert r.get("exception"), f"nothing raised; expected {case.raises}"
    else:
        assert "exception" not in r, output
    assert case.message in output, output
    assert r.get("output_len", 0) < 100_000  # messages never echo megabytes
    assert r["present"] == [], f"output written: {r['present']}"
    assert r["temporaries"] == [], f"temporary files left: {r['temporaries']}"
    assert r["seconds"] < case.seconds
