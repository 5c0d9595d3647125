"""Printed words as a reader compares them: without the spaces between letters, and the
first date a line prints."""

from __future__ import annotations

import re

from ...model import Period, parse_period

DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[.년]\s*(\d{1,2})\s*[.월]"
                     r"(?:\s*(\d{1,2})(?!\d)\s*[.일]?)?")
"""A printed date: ``2026. 6. 25.``, ``2026년 2월 2일``, ``2025. 1.``."""


def squash(text: str) -> str:
    """``text`` without any spaces (``교   통   실`` → ``교통실``)."""
    return re.sub(r"[\s\u2007\u3000]+", "", text)


def find_date(text: str) -> Period | None:
    """The first printed date in ``text`` (a day when printed, else a year-month)."""
    for m in DATE_RE.finditer(text):
        y, mo, d = int(m.group(1)), int(m.group(2)), m.group(3)
        try:
            return parse_period(f"{y}-{mo:02d}-{int(d):02d}" if d else f"{y}-{mo:02d}")
        except ValueError:
            continue
    return None
