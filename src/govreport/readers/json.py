"""JSON reader: the report's own format, delegating to :mod:`govreport.serialization`.

(The parsing code itself still lives in ``serialization.py``; moving it here is left to the
writer-house refactor so that the module is not moved while others edit it.)
"""

from __future__ import annotations

from ..model import Report
from ..serialization import loads
from .errors import ReadError


def read_json(data: bytes) -> Report:
    """Parse and check report JSON (raises :class:`~govreport.ValidationError` when bad)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not UTF-8 text (byte 0x{data[exc.start]:02X} at offset {exc.start})"
                        ) from None
    return loads(text)
