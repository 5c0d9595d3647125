"""Optional ``.hwp`` (HWP 5.0 binary) export through python-hwpx.

python-hwpx 6.9 converts the parts of an HWPX package to an HWP 5.0 compound file
(``hwpx.hwp5.writer.write_hwp5``), the same path its ``HwpxDocument.save_to_path("x.hwp")``
takes.  The ``.hwp`` carries no line-layout records, so Hancom lays it out on open (as it does
for our HWPX); viewers that only replay stored layout may show the first line of each
paragraph only.  Install with ``pip install govreport[hwp]``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ...layout.nodes import LaidDocument
from ...support.errors import RenderError
from ...theme import Theme


def hwpx_to_hwp(hwpx: bytes) -> bytes:
    """Convert HWPX bytes to HWP 5.0 bytes; :class:`RenderError` says why it cannot."""
    try:
        from hwpx.hwp5.writer import write_hwp5  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise RenderError(
            ".hwp export needs python-hwpx (pip install 'govreport[hwp]'): "
            f"{exc}; write .hwpx instead"
        ) from exc
    with zipfile.ZipFile(io.BytesIO(hwpx)) as z:
        files = {n: z.read(n) for n in z.namelist() if not n.endswith("/")}
    try:
        data: bytes = write_hwp5(files)
    except Exception as exc:  # python-hwpx raises Hwp5Error for what it cannot express
        raise RenderError(f"python-hwpx could not write HWP 5.0: {exc}") from exc
    return data


def write_hwp(doc: LaidDocument, theme: Theme,
              template: str | Path | bytes | None = None) -> bytes:
    """Write ``doc`` as ``.hwp`` bytes (via :func:`~.writer.write_hwpx`)."""
    from .writer import write_hwpx

    return hwpx_to_hwp(write_hwpx(doc, theme, template))
