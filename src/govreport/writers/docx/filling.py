"""docxtpl, as govreport uses it for every DOCX template (report and free-form)."""

from __future__ import annotations

from typing import Any

from docxtpl import DocxTemplate

CORE_PROPERTY_MAX = 255
"""Characters a DOCX core property (title, subject …) may hold."""

_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


class BoundedDocxTemplate(DocxTemplate):  # type: ignore[misc]
    """A :class:`DocxTemplate` whose rendered core properties are cut to 255 characters
    (Word's limit; python-docx refuses longer ones) instead of failing the whole render."""

    def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        props = self.docx.core_properties
        for name in _PROPERTIES:  # as docxtpl does, plus the length limit
            rendered = jinja_env.from_string(getattr(props, name)).render(context)
            setattr(props, name, rendered[:CORE_PROPERTY_MAX])


__all__ = ["CORE_PROPERTY_MAX", "BoundedDocxTemplate"]
