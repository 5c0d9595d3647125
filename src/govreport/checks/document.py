"""Checks of the document's structure and text blocks: report, meta, parts, sections,
appendices, items (levels), notes, events, citations, quantities."""

from __future__ import annotations

from ..model import (
    SCHEMA_VERSION,
    Appendix,
    CategoryTag,
    Citation,
    EnumItem,
    Event,
    Footnote,
    Item,
    Lead,
    LeadLine,
    Meta,
    Note,
    Paragraph,
    Part,
    PartialDate,
    Quantity,
    Report,
    Section,
    SubCaption,
    Table,
    WhenWhere,
)
from .base import (
    MAX_LEVEL,
    MIN_LEVEL,
    CheckerBase,
    _blank,
    _cells,
    _event_date,
    _fmt,
    _key,
)


class DocumentChecks(CheckerBase):
    """The checks of the report's containers and text blocks."""

    def report(self, r: Report, path: str, _: int) -> None:
        if r.schema_version > SCHEMA_VERSION:
            self.add(
                f"{path}.schema_version",
                f"schema_version {r.schema_version} is newer than this govreport "
                f"understands ({SCHEMA_VERSION})",
                "warning",
            )
        elif r.schema_version < 1:
            self.add(f"{path}.schema_version", f"schema_version {r.schema_version} is not valid")
        seen: dict[tuple[str, int], int] = {}
        counts: dict[str, int] = {}
        for i, a in enumerate(r.appendices):
            counts[a.label] = a.number if a.number is not None else counts.get(a.label, 0) + 1
            key = (a.label, counts[a.label])
            if key in seen:
                self.add(f"{path}.appendices[{i}].number",
                         f"{a.label} {key[1]} is already used by appendices[{seen[key]}]")
            else:
                seen[key] = i
        part_seen: dict[int, int] = {}
        n = 0
        for i, p in enumerate(r.parts):
            n = p.number if p.number is not None else n + 1
            if n in part_seen:
                self.add(f"{path}.parts[{i}].number",
                         f"part number {n} is already used by parts[{part_seen[n]}]")
            else:
                part_seen[n] = i

    def meta(self, m: Meta, path: str, _: int) -> None:
        self.require_field(m.title, path, "title", "the report title")
        self.require_field(m.org, path, "org", "the organisation")
        self.optional_field(m.parent_org, path, "parent_org", "parent_org")
        self.optional_field(m.audience, path, "audience", "audience")
        self.optional_field(m.subtitle, path, "subtitle", "subtitle")
        self.optional_field(m.division, path, "division", "division")

    def part(self, p: Part, path: str, _: int) -> None:
        if p.title or len(self.root.parts) != 1:  # a body without parts: one untitled part
            self.require_field(p.title, path, "title", "a part title")
        if p.number is not None and p.number < 1:
            self.add(f"{path}.number", f"part number {p.number} must be 1 or more")
        seen: dict[int, int] = {}
        for i, s in enumerate(p.sections):
            if s.number is None:
                continue
            if s.number in seen:
                self.add(
                    f"{path}.sections[{i}].number",
                    f"section number {s.number} is already used by sections[{seen[s.number]}]",
                )
            else:
                seen[s.number] = i

    def section(self, s: Section, path: str, _: int) -> None:
        self.require_field(s.title, path, "title", "a section title")
        self.optional_field(s.summary, path, "summary", "summary")
        if s.number is not None and s.number < 1:
            self.add(f"{path}.number", f"section number {s.number} must be 1 or more")
        self.optional_field(s.note, path, "note", "note")

    def appendix(self, a: Appendix, path: str, _: int) -> None:
        self.require_field(a.title, path, "title", "an appendix title")
        self.require_field(a.label, path, "label", "an appendix label")
        if a.number is not None and a.number < 1:
            self.add(f"{path}.number", f"appendix number {a.number} must be 1 or more")

    def lead(self, lead: Lead, path: str, _: int) -> None:
        self.require_field(lead.text, path, "text", "the lead statement")
        self.optional_field(lead.symbol, path, "symbol", "symbol")
        self.optional_field(lead.label, path, "label", "label")

    def item(self, it: Item, path: str, parent_level: int) -> None:
        text = it.text
        if (text is None or not text.strip()) and _blank(it.key):  # (_blank, inline)
            self.add(f"{path}.text", "an item needs text or a key")
        for name, value in (("label", it.label), ("key", it.key), ("status", it.status),
                            ("note", it.note)):
            if value is not None:  # the path is made only for a problem (items are many)
                self.optional_text(value, f"{path}.{name}", name)
        if it.key_count is not None and it.key is None:
            self.add(f"{path}.key_count", "key_count is printed after the key; the item has "
                                          "no key (use count for a trailing count)")
        if it.symbol is not None and not it.symbol.strip():
            self.add(f"{path}.symbol", "a symbol override must not be empty")
        if it.level is not None and not MIN_LEVEL <= it.level <= MAX_LEVEL:
            self.add(f"{path}.level", f"level {it.level} is out of range ({MIN_LEVEL} to "
                                      f"{MAX_LEVEL})")
        own = self.level_of(it, parent_level)
        for i, child in enumerate(it.children):
            if isinstance(child, Item) and child.level is not None:
                cpath = f"{path}.children[{i}]"
                if child.level > own + 1:
                    self.add(f"{cpath}.level", f"level {child.level} under a level-{own} item "
                                               f"skips a level (expected {own + 1})", "warning")
                elif child.level <= own:
                    self.add(f"{cpath}.level", f"level {child.level} is not deeper than the "
                                               f"parent item's level {own}", "warning")
            if isinstance(child, Table) and it.count is not None:
                cpath = f"{path}.children[{i}]"
                counts = [c.count.value for _, _, c in _cells(child) if c.count is not None]
                if counts and sum(counts) != it.count.value:
                    self.add(
                        cpath,
                        f"the table's cell counts sum to {_fmt(sum(counts))} "
                        f"but the item's count is {_fmt(it.count.value)}",
                        "warning",
                    )

    def note(self, n: Note, path: str, _: int) -> None:
        self.require_field(n.text, path, "text", "a note's text")

    def footnote(self, n: Footnote, path: str, _: int) -> None:
        self.require_field(n.text, path, "text", "a footnote's text")
        self.require_field(n.mark, path, "mark", "a footnote mark")

    def text_block(self, b: LeadLine | SubCaption | Paragraph, path: str, _: int) -> None:
        self.require_field(b.text, path, "text", f"a {type(b).__name__}'s text")

    def event(self, e: Event, path: str, _: int) -> None:
        self.require_field(e.title, path, "title", "an event title")

    def when_where(self, w: WhenWhere, path: str, _: int) -> None:
        if not w.dates:
            self.add(f"{path}.dates", "at least one date is needed")
        if _blank(w.place):
            self.add(f"{path}.place", "the event has no place", "warning")
        self.require_field(w.key, path, "key", "the field name")

    def enum(self, e: EnumItem, path: str, _: int) -> None:
        self.require_field(e.text, path, "text", "an enumerated item's text")

    def category(self, c: CategoryTag, path: str, _: int) -> None:
        self.require_field(c.label, path, "label", "a category label")
        previous: PartialDate | None = None
        for i, child in enumerate(c.children):
            if not isinstance(child, Event):
                continue
            when = _event_date(child)
            if when is None:
                continue
            if previous is not None and _key(when) > _key(previous):
                self.add(
                    f"{path}.children[{i}]",
                    f"events are listed newest first, but this one ({when.iso()}) is newer "
                    f"than the one before it ({previous.iso()})",
                    "warning",
                )
            previous = when

    def citation(self, c: Citation, path: str, _: int) -> None:
        self.require_field(c.source, path, "source", "a citation's source")

    def quantity(self, q: Quantity, path: str, _: int) -> None:
        if q.value < 0:
            self.add(f"{path}.value", f"a count cannot be negative ({_fmt(q.value)})")
