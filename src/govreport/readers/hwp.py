"""HWP 5 binary reader — not available yet.

Reading .hwp through rhwp-python (``govreport[hwp]``) is planned; until then a clear error
tells the user to save the file as HWPX (Hancom: 다른 이름으로 저장 → HWPX).
"""

from __future__ import annotations

from .errors import ReadError
from .log import ReadLog
from .source import SourceDocument


def read_hwp(data: bytes, log: ReadLog) -> SourceDocument:
    """Refuse with a message naming the way out (save as .hwpx)."""
    raise ReadError("reading .hwp (HWP 5 binary) is not supported yet; save the file as "
                    ".hwpx in Hancom Office (다른 이름으로 저장 → HWPX) and read that")
