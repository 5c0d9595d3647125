"""The parts, sections and appendices of a document while the body is being read: mutable
typed holders that :func:`~.body.finish_parts` turns into the frozen model classes."""

from __future__ import annotations

from typing import Literal, Union

import attrs

from ...model import Block, Period


@attrs.define(slots=True, kw_only=True)
class SectionDraft:
    """A section as read so far: its title, printed number and what it holds."""

    title: str
    shown: int
    """The number printed on the heading (or its position when it prints none)."""
    blocks: list[Block] = attrs.field(factory=list)
    chip: bool = False
    """Drawn as a number chip (``1 | 추진개요``)."""
    style: Literal["circled"] | None = None
    """``①``-numbered."""
    kind: Literal["chip", "task"] = "chip"
    summary: str | None = None
    unit: str | None = None
    basis: Period | None = None
    number: int | None = None
    """The printed number when it is not the position (an excerpt's gap)."""

    def plain(self) -> bool:
        """A bare chip section: nothing but a title and blocks (a chapter candidate)."""
        return self.chip and self.style is None and self.kind == "chip" and \
            self.summary is None and self.unit is None and self.basis is None and \
            self.number is None


@attrs.define(slots=True, kw_only=True)
class PartDraft:
    """A part as read so far (``title`` empty: the body before any part heading)."""

    title: str
    where: str
    sections: list[SectionDraft] = attrs.field(factory=list)
    intro: list[Block] = attrs.field(factory=list)
    overview: bool = False
    overview_titles: list[str] = attrs.field(factory=list)


@attrs.define(slots=True, kw_only=True)
class AppendixDraft:
    """An appendix (``참고 1`` …) as read so far."""

    label: str
    title: str
    blocks: list[Block] = attrs.field(factory=list)


@attrs.define(slots=True, kw_only=True)
class IntroDraft:
    """A part's intro, where the lines between its heading and its first section go."""

    blocks: list[Block]


Holder = Union[SectionDraft, AppendixDraft, IntroDraft]  # noqa: UP007
"""Where the lines being read go."""
