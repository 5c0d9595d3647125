"""DOCX writer: laid-out reports → WordprocessingML through a restyleable template.

``write_docx(doc, theme, template=None)`` is the entry point; ``build_template(theme)``
makes the default template (``templates/report.docx``); :data:`STYLE_NAMES` maps roles to
the Word style names a restyled template must keep.
"""

from .styles import STYLE_NAMES, style_id
from .template import build_template, default_template
from .writer import write_docx

__all__ = ["STYLE_NAMES", "build_template", "default_template", "style_id", "write_docx"]
