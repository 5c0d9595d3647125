"""Escaping text for XML written as strings (the DOCX body and the HWPX parts).

Characters XML 1.0 cannot carry (C0 controls other than tab, newline and carriage return;
U+FFFE, U+FFFF) are dropped; a writer may pass a stricter pattern.
"""

from __future__ import annotations

import re

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def esc(text: str, bad: re.Pattern[str] = NOT_XML) -> str:
    """Escape character data (``&``, ``<``, ``>``) and drop what ``bad`` matches."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return bad.sub("", text)


def attr(text: str, bad: re.Pattern[str] = NOT_XML) -> str:
    """Escape an attribute value (also ``"``)."""
    text = esc(text, bad)
    return text.replace('"', "&quot;") if '"' in text else text
