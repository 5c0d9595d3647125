"""HWPX (OWPML, KS X 6101) writer: the same laid-out document as the DOCX writer, written
as Hancom Office writes it.

* :func:`write_hwpx` — ``.hwpx`` bytes, optionally filling a Hancom-made template;
* :func:`write_hwp` — ``.hwp`` (HWP 5.0) bytes through python-hwpx (optional dependency).
"""

from .hwp import hwpx_to_hwp, write_hwp
from .template_build import build_template
from .writer import write_hwpx

__all__ = ["build_template", "hwpx_to_hwp", "write_hwp", "write_hwpx"]
