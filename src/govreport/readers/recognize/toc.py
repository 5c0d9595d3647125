"""The 목차: its entries are derived (not kept), but they confirm the parts found."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...model import Appendix, Part
from ..inline import part_heading, toc_entry
from ..source import SourceNode, SourcePara, SourceTable

if TYPE_CHECKING:
    from .document import Recognizer

TOC_TITLES = frozenset({"목차", "목 차", "차례", "차 례", "목  차"})


def read_toc(rec: Recognizer, nodes: list[SourceNode]) -> None:
    for n in nodes:
        texts: list[str] = []
        if isinstance(n, SourcePara):
            texts = [n.text]
        elif isinstance(n, SourceTable):
            texts = ["\t".join(c.text for c in n.row(r)) for r in range(n.n_rows)]
        for t in texts:
            listed = toc_entry(t)
            entry = (listed or t).strip()
            if listed is None and entry.startswith("※") and \
                    rec.toc_appendix_heading is None:
                rec.toc_appendix_heading = entry  # appendices listed under it
                rec.log.derived += 1
                continue
            if rec.toc_appendix_heading is not None:
                rec.log.derived += 1  # an appendix line under the heading
                continue
            if entry and entry.replace(" ", "") not in ("목차", "차례"):
                rec.toc_entries.append(entry)
                rec.log.derived += 1


def confirm_toc(rec: Recognizer, parts: list[Part], apps: list[Appendix]) -> None:
    found = {re.sub(r"\s+", "", p.title) for p in parts} | {
        re.sub(r"\s+", "", a.title) for a in apps}
    for e in rec.toc_entries:
        title = part_heading(e) or e
        m = re.match(r"^(?:\d+\.|[\u2460-\u2473]|참고\s*\d*|붙임\s*\d*)\s*(.*)$", title)
        if m and m.group(1):
            continue  # section/appendix lines: sections are checked by their parts
        if re.sub(r"\s+", "", title) not in found:
            rec.log.fallback("목차", f"목차 lists {e!r} but no such part was found")
