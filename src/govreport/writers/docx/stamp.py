"""Fixed entry times for DOCX packages saved by python-docx/docxtpl.

Their ``save`` stamps every zip entry with the current time, so the same report rendered a
second later gave other bytes.  :func:`fixed_times` rewrites the package with one fixed time
(as the HWPX package and the DOCX template builder already use): same input → same bytes.
"""

from __future__ import annotations

import io
import zipfile

EPOCH = (1980, 1, 1, 0, 0, 0)


def fixed_times(package: bytes) -> bytes:
    """``package`` with every entry dated :data:`EPOCH`, order and compression kept."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w") as dst:
        for entry in src.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=EPOCH)
            info.compress_type = entry.compress_type
            info.external_attr = entry.external_attr
            dst.writestr(info, src.read(entry))
    return out.getvalue()
