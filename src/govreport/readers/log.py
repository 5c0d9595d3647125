"""What a reader did not understand: every fallback with its place and reason, and a summary."""

from __future__ import annotations

from typing import Literal

import attrs

FallbackKind = Literal["fallback", "skipped"]


@attrs.frozen(slots=True, kw_only=True)
class Fallback:
    """One thing not brought into the model as a typed value.

    ``kind="fallback"``: kept, but less typed than it could be (plain text instead of a date,
    a paragraph instead of an item).  ``kind="skipped"``: not in the model at all (a picture).
    ``where`` is the place in the source (``paragraph 12``, ``table 3 (row 2, cell 1)``).
    """

    where: str
    reason: str
    kind: FallbackKind = "fallback"

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}" + (" (skipped)" if self.kind == "skipped" else "")


@attrs.define(slots=True)
class ReadLog:
    """Collects fallbacks and counts how many source blocks became typed blocks."""

    fallbacks: list[Fallback] = attrs.field(factory=list)
    notes: list[Fallback] = attrs.field(factory=list)
    changes: list[Fallback] = attrs.field(factory=list)
    """Where a govreport document was edited since it was written (read from the page)."""
    carried: bool = False
    """The document carried its source report and the reader took it where the page agrees."""
    typed: int = 0
    plain: int = 0
    derived: int = 0

    def fallback(self, where: str, reason: str) -> None:
        self.fallbacks.append(Fallback(where=where, reason=reason))

    def skip(self, where: str, reason: str) -> None:
        self.fallbacks.append(Fallback(where=where, reason=reason, kind="skipped"))

    def note(self, where: str, reason: str) -> None:
        """Something recognised but worth knowing (a 목차 skipped as derived …)."""
        self.notes.append(Fallback(where=where, reason=reason))

    def change(self, where: str, reason: str) -> None:
        """A place where the page no longer agrees with the report the document carries."""
        self.changes.append(Fallback(where=where, reason=reason))

    def summary(self) -> str:
        """``142 of 145 blocks typed (97.9%), 3 plain paragraphs; 12 derived lines skipped …``."""
        total = self.typed + self.plain
        pct = 100.0 * self.typed / total if total else 100.0
        parts = [f"{self.typed} of {total} blocks typed ({pct:.1f}%)"]
        if self.plain:
            parts.append(f"{self.plain} plain paragraph{'s' if self.plain != 1 else ''}")
        if self.derived:
            parts.append(f"{self.derived} derived line{'s' if self.derived != 1 else ''} "
                         "(목차, numbers) skipped")
        n = len(self.fallbacks)
        parts.append(f"{n} fallback{'s' if n != 1 else ''}")
        if self.carried:
            n = len(self.changes)
            parts.append(f"the report carried in the document taken where the page agrees "
                         f"({n} change{'s' if n != 1 else ''} read from the page)")
        return ", ".join(parts)
