"""Plain-text reader: a report typed in any editor with the symbol ladder.

One paragraph per line (UTF-8).  The symbol starts the line (``□ ○ - ·``, ``※``, ``*``,
``√ ▶``, ``① …``); spaces or tabs before it are allowed and only decide where a ``※`` line
belongs.  Lines before the first ``Ⅰ.`` / symbol line are the cover (title, date, org).
``1. 제목`` is a section, ``참고 1 제목``/``[붙임 1] 제목`` an appendix.  A block of lines
starting with ``|`` is a table (``| a | b |``; a ``|---|`` line ends the header rows).
A form feed (``\\f``) or a line of ``===`` is a page break.
"""

from __future__ import annotations

import re

from .errors import ReadError
from .inline import split_symbol, strip_lead
from .log import ReadLog
from .source import (
    SourceCell,
    SourceDocument,
    SourceNode,
    SourcePageBreak,
    SourcePara,
    SourceTable,
)

MAX_LINES = 200_000


def _columns(prefix: str) -> float:
    """The width of leading whitespace in columns (tab = 4, full-width space = 2)."""
    return float(sum(4 if c == "\t" else 2 if c == "\u3000" else 1 for c in prefix))


def _table(rows: list[str], first_line: int) -> SourceTable:
    cells: list[SourceCell] = []
    header = 0
    r = 0
    for line in rows:
        inner = line.strip().strip("|")
        if re.fullmatch(r"[\s:|-]+", inner):
            header = r
            continue
        for c, value in enumerate(inner.split("|")):
            text = value.strip()
            paras = tuple(SourcePara(text=t, where=f"line {first_line + r + 1}")
                          for t in text.split("\\n")) if text else ()
            cells.append(SourceCell(row=r, col=c, paras=paras))
        r += 1
    n_cols = max((c.col + 1 for c in cells), default=0)
    cells = [SourceCell(row=c.row, col=c.col, paras=c.paras, header=c.row < header)
             for c in cells]
    return SourceTable(n_rows=r, n_cols=n_cols, cells=tuple(cells),
                       where=f"table at line {first_line + 1}")


def read_text(data: bytes, log: ReadLog) -> SourceDocument:
    """The source nodes of a UTF-8 개조식 text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = ""
        try:
            data.decode("cp949")
            hint = "; save it as UTF-8 (it looks like CP949/EUC-KR)"
        except UnicodeDecodeError:
            pass
        raise ReadError(f"not UTF-8 text (byte 0x{data[exc.start]:02X} at offset "
                        f"{exc.start}){hint}") from None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > MAX_LINES:
        raise ReadError(f"{len(lines)} lines is more than the limit of {MAX_LINES}")
    nodes: list[SourceNode] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith("|"):
            j = i
            while j < len(lines) and lines[j].strip().startswith("|"):
                j += 1
            nodes.append(_table(lines[i:j], i))
            i = j
            continue
        i += 1
        if "\f" in line or re.fullmatch(r"\s*={3,}\s*", line):
            nodes.append(SourcePageBreak())
            line = line.replace("\f", "")
            if not line.strip() or set(line.strip()) == {"="}:
                continue
        if not line.strip():
            continue
        body = strip_lead(line)
        indent = _columns(line[: len(line) - len(body)])
        sym = split_symbol(body)
        text_indent = indent
        if sym:
            text_indent = indent + len(body) - len(sym[2])
        centered = bool(re.match(r"^\s{8,}\S", line)) and not sym
        nodes.append(SourcePara(text=body.rstrip(), where=f"line {i}", indent=indent,
                                text_indent=text_indent,
                                align="center" if centered else None))
    return SourceDocument(nodes=tuple(nodes), format="txt")
