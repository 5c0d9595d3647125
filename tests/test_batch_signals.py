"""``govreport batch`` interrupted (SIGTERM, Ctrl-C): the workers die with it, no file appears
after it has exited and no temporary file is left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govreport.app.starter import starter_text


def _alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - a reused id owned by someone else
        return True
    return True


def _default_sigint() -> None:
    """Give the batch Python's own Ctrl-C handling even when this test runs where SIGINT is
    ignored (a background job of a non-interactive shell passes SIG_IGN on, and Python keeps it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _snapshot(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_batch_stops_its_workers(tmp_path: Path, sig: signal.Signals) -> None:
    src = tmp_path / "in"
    src.mkdir()
    text = starter_text("seoul")
    for i in range(60):
        (src / f"r{i:02d}.json").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "govreport", "batch", str(src), "-o", str(out), "--to",
         "docx,hwpx", "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=_default_sigint)
    try:
        deadline = time.monotonic() + 120
        while not any(p.suffix == ".docx" for p in out.glob("*")) and time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            time.sleep(0.05)
        os.kill(proc.pid, sig)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:  # pragma: no cover - the test failed; do not leak
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, proc.stderr.read().decode() if proc.stderr else ""
    assert b"Traceback" not in (proc.stderr.read() if proc.stderr else b"")
    done = _snapshot(out)
    assert 0 < len([n for n in done if n.endswith(".docx")]) < 60  # it really was interrupted
    end = time.monotonic() + 10
    while _alive(proc.pid) and time.monotonic() < end:  # workers: same process group
        time.sleep(0.1)
    assert not _alive(proc.pid), "a worker process outlived the batch"
    time.sleep(1.5)
    assert _snapshot(out) == done, "files appeared after the batch exited"
    assert not [n for n in done if n.endswith(".tmp")], "temporary files left"
