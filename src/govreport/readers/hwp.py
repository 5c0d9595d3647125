"""HWP reader (HWP 5.0 binary; HWP 3.0 as far as rhwp reads it) through rhwp-python.

rhwp parses the compound file and writes the same document as an HWPX package
(``Document.to_hwpx_bytes``); that package goes through the HWPX reader, so ``.hwp`` and
``.hwpx`` are recognised by one code path.  Install with ``pip install 'govreport[hwp]'``.

The conversion runs in a child process bounded by the active limits (``input_mb``,
``read_seconds``, ``read_memory_mb``; see :mod:`govreport.readers.hwp_native`, which also
explains how rhwp is loaded despite the wheel's old bundled FreeType).
"""

from __future__ import annotations

import subprocess
import sys
from types import ModuleType

from ..support.limits import current, hint
from . import hwp_native
from .errors import ReadError
from .hwp_native import EXIT_MISSING, EXIT_UNREADABLE, INSTALL, MESSAGE_MARK
from .hwpx import read_hwpx
from .log import ReadLog
from .source import SourceDocument


def load_rhwp() -> ModuleType:
    """``import rhwp`` in this process (FreeType worked around; see
    :mod:`~govreport.readers.hwp_native`); :class:`ReadError` when it cannot be loaded."""
    try:
        return hwp_native.load_rhwp()
    except hwp_native.RhwpUnavailable as exc:
        raise ReadError(str(exc)) from None


def hwp_to_hwpx(data: bytes) -> bytes:
    """The HWPX package rhwp writes for HWP bytes, converted in a bounded child process;
    :class:`ReadError` when it cannot (not HWP, damaged, over a limit, rhwp missing)."""
    lim = current()
    if len(data) > lim.bytes("input_mb"):
        raise ReadError(f"the .hwp file is larger than {lim.input_mb:g} MB "
                        f"({hint('input_mb')})")
    # -P: the script's folder (this package, with its json.py) is not put on sys.path
    cmd = [sys.executable, "-P", hwp_native.__file__, str(lim.bytes("read_memory_mb"))]
    try:
        proc = subprocess.run(cmd, input=data, capture_output=True, timeout=lim.read_seconds,
                              check=False)
    except subprocess.TimeoutExpired:
        raise ReadError(f"reading the .hwp file took longer than {lim.read_seconds:g} s "
                        f"({hint('read_seconds')})") from None
    except OSError as exc:
        raise ReadError(f"the .hwp reader could not be started ({exc})") from None
    if proc.returncode == 0 and proc.stdout:
        return proc.stdout
    report, mark, message = proc.stderr.decode("utf-8", "replace").rpartition(MESSAGE_MARK)
    if not mark:  # no message of ours: the child died (or Python itself failed)
        report, message = message, ""
    if any(sign in report + message for sign in _OUT_OF_MEMORY):
        raise ReadError(f"reading the .hwp file needed more than {lim.read_memory_mb:g} MB of "
                        f"memory ({hint('read_memory_mb')})")
    if proc.returncode < 0:
        raise ReadError(f"the .hwp parser stopped on this file (signal {-proc.returncode}); "
                        f"if the file is sound it may need more memory "
                        f"({hint('read_memory_mb')})")
    if proc.returncode == EXIT_MISSING:
        raise ReadError(message.strip() or INSTALL)
    if proc.returncode == EXIT_UNREADABLE and message.strip():
        raise ReadError(message.strip())
    lines = [x for x in report.strip().splitlines() if x.strip()]
    raise ReadError("not a readable HWP file ("
                    + (lines[-1].strip() if lines else f"exit status {proc.returncode}") + ")")


_OUT_OF_MEMORY = ("MemoryError", "MemError", "memory allocation", "out of memory",
                  "capacity overflow", "Cannot allocate memory")
"""What an allocation failure looks like in the child's report (Python, Rust, zlib)."""


def read_hwp(data: bytes, log: ReadLog) -> SourceDocument:
    """The source nodes of an HWP file (via rhwp's HWPX conversion)."""
    if not (data[:8] == bytes.fromhex("d0cf11e0a1b11ae1") or data.startswith(b"HWP Document")):
        raise ReadError("not an HWP file (no HWP 5 compound-file or HWP 3 signature)")
    doc = read_hwpx(hwp_to_hwpx(data), log)
    return SourceDocument(nodes=doc.nodes, properties=doc.properties, format="hwp")


__all__ = ["hwp_to_hwpx", "load_rhwp", "read_hwp"]
