"""The document's own order of ladder symbols (``□`` over ``○`` over ``-`` …), from how
they nest."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..inline import part_heading, section_heading, split_symbol
from ..source import SourceNode, SourcePara, SourceTable
from .headings import appendix_heading_strict
from .kinds import table_kind

if TYPE_CHECKING:
    from .document import Recognizer

LEVEL_CLASSES = ("box", "circle", "dash", "dot", "other")


def compute_ranks(rec: Recognizer, nodes: Sequence[SourceNode]) -> dict[str, int]:
    """The document's own order of ladder symbols, from how they nest.

    Within each section a stack of open classes is kept (a class already open closes what is
    under it); every time class B opens under class A the pair A→B is counted.  A class's rank
    is the longest chain of majority parents above it, so ``○`` is rank 2 in a document that
    puts it under ``□`` and rank 1 in one that never uses ``□``.
    """
    pairs: dict[tuple[str, str], int] = {}
    stack: list[str] = []
    seen: list[str] = []
    for n in nodes:
        if isinstance(n, SourceTable):
            if table_kind(rec, n) in ("part", "part_chip", "chip", "appendix"):
                stack = []
            continue
        if not isinstance(n, SourcePara):
            continue
        t = n.text.strip()
        sym = split_symbol(n.text)
        if sym is None:
            if part_heading(t) or section_heading(t) or appendix_heading_strict(t):
                stack = []
            continue
        cls = sym[0]
        if cls not in LEVEL_CLASSES:
            continue
        if cls not in seen:
            seen.append(cls)
        if cls in stack:
            del stack[stack.index(cls) + 1:]
            continue
        if stack:
            pairs[(stack[-1], cls)] = pairs.get((stack[-1], cls), 0) + 1
        stack.append(cls)
    ranks: dict[str, int] = {}

    def rank(c: str, visiting: frozenset[str]) -> int:
        if c in ranks:
            return ranks[c]
        best = 0
        for (a, b), k in pairs.items():
            if b == c and a not in visiting and k > pairs.get((c, a), 0):
                best = max(best, rank(a, visiting | {c}))
        return best + 1

    for c in seen:
        ranks[c] = rank(c, frozenset({c}))
    return ranks
