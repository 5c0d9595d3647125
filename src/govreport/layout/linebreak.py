"""Where a line must not break: the no-break joins of the line-breaking pass.

공문서 never split a number from its unit or count word, a date (:mod:`.text` joins the
parts of the dates it prints) or a document number.  Where the text has a space there
(``476 가구``), the pass writes a **no-break space** (U+00A0): Word keeps its neighbours on
one line, Hancom too (``hp:nbSpace``).  Where it has none (``476가구``, ``제2025-3호``,
``소통·협력``) nothing is needed in the HWPX: with ``breakNonLatinWord="KEEP_WORD"`` (어절,
as Hancom writes it) Hancom breaks a Hangul word only at spaces.

What is not done, and why (measured with LibreOffice 7.4, issue 24): LibreOffice's Korean
line breaking (text marked ``w:eastAsia="ko-KR"``, as ours is) breaks at every space —
U+00A0, U+202F and U+2007 included — and wherever the script changes ("476 / 가구",
"( / 연중", "소통 / ·협력"), ignoring word joiners (U+2060, U+FEFF, U+200D).  Marking a span
en-US with joiners between all its characters keeps it whole there, but LibreOffice then
spaces its letters apart on a justified line; and joiners in the DOCX would stay in the
text an official copies or searches in Word ("476⁠가구" not found).  So the PDF keeps
LibreOffice's own breaks at those places, and a no-break space inside a short note
("(연중 지속)") is not written either: LibreOffice then breaks after the "(" instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from .nodes import Run

NBSP = "\u00a0"

_UNITS = ("가구|개소|개월|시간|주년|억원|만원|천원|백만원|명|건|개|곳|회|원|억|만|천|대|동|"
          "호|차|세|년|월|일|배|위|점|종|권|톤|석|실|면|부|편|장|쪽|주|%|㎡|km|kg|ha|m")
_SPACED_UNIT = re.compile(rf"(?<=\d) (?=(?:{_UNITS})(?![가-힣]))")
"""A number, a space and its unit or count word (``476 가구``).  Not after 만/억
(``412만 명``): the .hwp export read back through rhwp then loses the paragraph's space
(tests/test_readers_roundtrip.py)."""


def join_text(text: str) -> str:
    """``text`` with a no-break space between a number and its unit or count word."""
    if " " not in text or not any(c.isdigit() for c in text):
        return text
    return _SPACED_UNIT.sub(NBSP, text)


def join_runs(runs: Iterable[Run]) -> tuple[Run, ...]:
    """Runs with :func:`join_text` applied to their text (fields left alone)."""
    out = []
    for r in runs:
        if r.field is not None or not r.text:
            out.append(r)
            continue
        text = join_text(r.text)
        out.append(r if text == r.text else attrs.evolve(r, text=text))
    return tuple(out)
