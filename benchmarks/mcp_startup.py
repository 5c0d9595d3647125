"""How fast ``govreport mcp`` is ready: a plain script, not a test (docs/performance.md).

    .venv/bin/python benchmarks/mcp_startup.py            # medians of 10
    .venv/bin/python benchmarks/mcp_startup.py --runs 20

Each run starts ``python -m govreport mcp --root DIR`` as a fresh stdio process and measures
the wall time until the answer to ``initialize`` arrives (the server is ready) and until the
answer to ``tools/list`` (what a client asks first), and the CPU time the server process
used in all (less sensitive to the load of a shared machine than wall time).  Beside it, the
floor: a fresh interpreter importing the SDK's server alone (``import mcp.server.mcpserver``), and
``govreport --help``.  Bytecode is cached (the runs after the first), as in an installed
package.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def _ready(root: str) -> tuple[float, float, float]:
    """(seconds to the initialize answer, seconds to the tools/list answer, CPU seconds of
    the whole server process: start, both answers and exit)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "govreport", "mcp", "--root", root],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    assert proc.stdin is not None and proc.stdout is not None

    def send(msg: dict[str, object]) -> None:
        assert proc.stdin is not None
        proc.stdin.write(json.dumps(msg).encode() + b"\n")
        proc.stdin.flush()

    send({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
        "protocolVersion": "2025-06-18", "capabilities": {},
        "clientInfo": {"name": "bench", "version": "0"}}})
    proc.stdout.readline()
    ready = time.perf_counter() - start
    send({"jsonrpc": "2.0", "method": "notifications/initialized"})
    send({"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    line = proc.stdout.readline()
    listed = time.perf_counter() - start
    assert b'"tools"' in line, line[:200]
    proc.stdin.close()
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return ready, listed, usage.ru_utime + usage.ru_stime


def _python(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as root:
        _ready(root)  # bytecode cached, as installed
        ready: list[float] = []
        listed: list[float] = []
        cpu: list[float] = []
        sdk: list[float] = []
        helps: list[float] = []
        for _ in range(args.runs):  # taking turns, so that load changes hit all alike
            r, t, c = _ready(root)
            ready.append(r)
            listed.append(t)
            cpu.append(c)
            sdk.append(_python(["-c", "import mcp.server.mcpserver"]))
            helps.append(_python(["-m", "govreport", "--help"]))
    load = os.getloadavg()[0]
    rows = [("govreport mcp: start → initialize answered", ready),
            ("govreport mcp: start → tools/list answered", listed),
            ("govreport mcp: CPU of the whole process (user+sys)", cpu),
            ("floor: python -c 'import mcp.server.mcpserver'", sdk),
            ("govreport --help", helps)]
    print(f"median of {args.runs} (load average {load:.1f}, {os.cpu_count()} CPUs)")
    for name, times in rows:
        print(f"{name:<52} {statistics.median(times) * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
