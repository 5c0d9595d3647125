"""Facts the DOCX and HWPX writers share, kept once so the two files cannot disagree.

* :func:`font_class` — whether a face is 명조 (serif), 고딕 (sans) or fixed-pitch; Word's
  ``w:family`` and Hancom's ``typeInfo familyType`` are both written from it.
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["FontClass", "font_class"]

FontClass = Literal["serif", "sans", "mono"]
"""명조/바탕 (serif), 고딕/돋움/굴림/헤드라인 (sans), or fixed pitch (mono)."""

_MONO = re.compile(r"mono|courier|consolas|coding|d2\s?coding|fixed|체$", re.IGNORECASE)
_SANS = re.compile(
    r"고딕|돋움|굴림|헤드라인|나눔스퀘어|맑은|gothic|sans|dotum|gulim|malgun|arial|helvetica|"
    r"verdana|tahoma|calibri|segoe|roboto|pretendard|spoqa|noto\s?sans|nanumsquare|"
    r"headline",
    re.IGNORECASE,
)
_SERIF = re.compile(
    r"명조|바탕|궁서|batang|myeongjo|myungjo|gungsuh|serif|mincho|song|times|georgia|"
    r"garamond|cambria|palatino|book\s?antiqua",
    re.IGNORECASE,
)


def font_class(face: str) -> FontClass:
    """The class of a font face, for a reader that has to substitute a missing font.

    Fixed-pitch names first (``굴림체``, ``D2Coding``, ``Courier New``), then sans hints
    (``HY헤드라인M``, ``맑은 고딕``, ``Arial``, ``Microsoft Sans Serif``), then serif hints
    (``휴먼명조``, ``바탕``, ``Times New Roman``).  A name with no hint (``Inter``) is taken
    for sans: Korean faces name their class (명조/바탕/고딕/돋움), most unnamed Latin ones
    are sans.
    """
    if _MONO.search(face):
        return "mono"
    if _SANS.search(face):
        return "sans"
    if _SERIF.search(face):
        return "serif"
    return "sans"
