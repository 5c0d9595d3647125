"""The symbol ladder: one section's lines (``□ ○ - ·``, ``※``, ``*``, ``√`` …) built into a
block tree by how the document's own symbols nest; captions and titles held for the next
table, figure or chart."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ...model import (
    Block,
    CategoryTag,
    Chart,
    ChartSeries,
    EnumItem,
    Event,
    Figure,
    Footnote,
    Item,
    LeadLine,
    Note,
    Paragraph,
    Period,
    SubCaption,
    Table,
    WhenWhere,
)
from ..inline import split_symbol
from ..source import SourcePara, SourceTable
from .items import item_fields

if TYPE_CHECKING:
    from .document import Recognizer



@attrs.define
class Node:
    """A block under construction (mutable until the tree is complete)."""

    cls: str
    kind: str
    data: dict[str, Any]
    indent: float | None = None
    text_indent: float | None = None
    children: list[Node | Block] = attrs.field(factory=list)
    level: int = 0



class Ladder:
    """Builds the block tree of one section from its symbol lines.

    A line whose symbol class is already open in the stack becomes that entry's sibling; a new
    class nests under the current line, after closing lines whose class ranks at or below it in
    this document's own order (found by :meth:`Recognizer` from how classes nest).
    """

    def __init__(self, rec: Recognizer) -> None:
        self.rec = rec
        self.top: list[Node | Block] = []
        self.stack: list[Node] = []
        self.caption: tuple[str | None, Period | None] | None = None
        self.title: str | None = None
        self.pending: list[SourcePara] = []
        self.last_figure: Any = None
        """The caption/title lines held for the next table, as written (see :meth:`flush`)."""
        self.last_table: Any = None
        self.last_table_at: tuple[list[Any], int] | None = None

    def empty(self) -> bool:
        return not self.top and not self.stack

    def take_caption(self) -> tuple[str | None, Period | None] | None:
        c, self.caption = self.caption, None
        self.pending = [p for p in self.pending if p.text.strip().startswith("<")]
        return c

    def take_title(self) -> str | None:
        t, self.title = self.title, None
        self.pending = [p for p in self.pending if not p.text.strip().startswith("<")]
        return t

    def figure(self, p: SourcePara, caption: str | None = None) -> None:
        """A picture → a :class:`Figure` with its bytes; a ``< … >`` line held just before it
        is its caption when the theme puts captions above (or says so explicitly); a photo
        table's ``caption`` (under the picture) is given."""
        assert p.picture is not None
        pic = p.picture
        default = self.rec.theme.figures.caption_position
        kw: dict[str, Any] = {"data": pic.data}
        if pic.alt:
            kw["alt"] = pic.alt
        if pic.width is not None:
            kw["width"] = pic.width
        elif pic.width_mm is not None:
            kw["width_mm"] = pic.width_mm
        if p.align in ("left", "right"):
            kw["align"] = p.align
        if caption is not None:
            kw["caption"] = caption
            if default != "below":
                kw["caption_position"] = "below"
        elif self.title is not None and self.caption is None:
            kw["caption"] = self.take_title()
            if default != "above":
                kw["caption_position"] = "above"
        self.flush()
        fig = Figure(**kw)
        self.stack.clear()  # a picture spans the text width: a block of the section
        self.top.append(fig)
        self.last_table = fig
        self.last_table_at = (self.top, len(self.top) - 1)
        self.last_figure = fig if "caption" not in kw else None
        self.rec.log.typed += 1

    def chart(self, p: SourcePara) -> None:
        """A chart read from its chart part; the held ``< 제목 >`` and ``(단위 : …)`` lines are
        its title and unit."""
        assert p.chart is not None
        c = p.chart
        default = self.rec.theme.figures.caption_position
        kw: dict[str, Any] = {"kind": c["kind"], "categories": tuple(c["categories"]),
                              "series": tuple(ChartSeries(**s) for s in c["series"])}
        if self.title is not None:
            kw["title"] = self.take_title()
            if default != "above":
                kw["caption_position"] = "above"
        if self.caption is not None and self.caption[0]:
            unit = self.caption[0]
            self.take_caption()
            if c["kind"] == "bar_line" and ", " in unit:
                unit, kw["secondary_unit"] = (x.strip() for x in unit.split(", ", 1))
            kw["unit"] = unit
        self.flush()
        chart = Chart(**kw)
        self.stack.clear()
        self.top.append(chart)
        self.last_table = chart
        self.last_table_at = (self.top, len(self.top) - 1)
        self.rec.log.typed += 1

    def flush(self) -> None:
        """Caption or title lines no table took (a picture or chart was there, or nothing):
        kept as the paragraphs they were."""
        held, self.pending = self.pending, []
        self.caption = self.title = None
        for p in held:
            self.rec.log.typed -= 1
            self.rec.log.plain += 1
            align = p.align if p.align in ("center", "right") else None
            self.stack.clear()
            self.top.append(Paragraph(text=p.text.strip(), align=align))

    # ---- placing
    def _attach(self, node: Node | Block, parent: Node | None) -> None:
        (parent.children if parent is not None else self.top).append(node)

    def _open(self, node: Node) -> None:
        rank = self.rec.ranks.get(node.cls)
        # sibling of an open line of the same class
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k].cls == node.cls:
                del self.stack[k:]
                break
        else:
            if rank is not None:
                while self.stack and self.stack[-1].cls in self.rec.ranks and \
                        self.rec.ranks[self.stack[-1].cls] >= rank:
                    self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        self._attach(node, parent)
        self.stack.append(node)
        self.last_table = None

    def _level_of(self, node: Node) -> int:
        return node.level

    # ---- inputs
    def para(self, p: SourcePara) -> None:
        """One line of the section; the footnotes anchored in it follow it."""
        self._para(p)
        for fn in p.footnotes:
            self._leaf(Footnote(text=fn), p)
            self.rec.log.typed += 1

    def _para(self, p: SourcePara) -> None:
        rec = self.rec
        if p.object is not None:  # a picture or chart stood here: captions are not a table's
            if p.picture is not None:
                self.figure(p)
                return
            if p.chart is not None:
                self.chart(p)
                return
            self.flush()
            return
        text = p.text
        if self.pending and not (text.strip().startswith(("(", "<"))):
            self.flush()
        sym = split_symbol(text)
        if self.last_table is not None and sym and sym[0] == "note":
            if isinstance(self.last_table, Figure):  # a ※ under a picture: a table-scope note
                assert self.last_table_at is not None
                container, _ = self.last_table_at
                container.append(Note(text=sym[2].strip(), scope="table"))
            else:
                self.last_table_notes(sym[2].strip())
            rec.log.typed += 1
            return
        self.last_figure = None
        self.last_table = None
        if sym is None:
            self.plain(p)
            return
        cls, symbol, rest = sym
        in_event = any(n.kind in ("event",) for n in self.stack)
        if cls == "note":
            self._leaf(Note(text=rest.strip()), p)
            rec.log.typed += 1
            return
        if cls == "footnote":
            self._leaf(Footnote(text=rest.strip(), mark=symbol), p)
            rec.log.typed += 1
            return
        if cls == "caption":
            self._table_level(SubCaption(text=rest.strip()))
            rec.log.typed += 1
            return
        if cls == "event":
            title = rest.strip()
            data: dict[str, Any] = {"title": title}
            m = re.match(r"^(.*\S)\s+\(([^()]+)\)$", title)
            if m:
                per = rec.values.heading(m.group(2))
                if per is not None:
                    data = {"title": m.group(1), "period": per}
            self._open_event(Node(cls=cls, kind="event", data=data, indent=p.indent,
                                   text_indent=p.text_indent))
            rec.log.typed += 1
            return
        if cls == "enum":
            data = {"text": rest.strip()}
            m = re.match(r"^(.*\S)\s+\(([^()]+)\)$", rest.strip())
            if m:
                d = rec.values.annotation(m.group(2))
                if d is not None:
                    data = {"text": m.group(1), "date": d}
            self._open(Node(cls=cls, kind="enum", data=data, indent=p.indent))
            rec.log.typed += 1
            return
        if cls == "field" and in_event:
            ww = self._when_where(rest)
            if ww is not None:
                self._leaf_in_stack(ww, cls, p)
                rec.log.typed += 1
                return
        fields = item_fields(rec, rest, p.where, in_event=in_event)
        if p.bold and not in_event:
            fields["bold"] = True
        if cls == "other" and symbol not in self._theme_symbols():
            fields["symbol"] = symbol  # ❖ ◇ ⇨ …: kept; □ ■, ○ ㅇ ◦ … are normalised
        self._open(Node(cls=cls, kind="item", data=fields, indent=p.indent,
                         text_indent=p.text_indent))
        rec.log.typed += 1

    def _theme_symbols(self) -> set[str]:
        t = self.rec.theme
        out = set()
        for role in ("L1", "L2", "L3", "L4", "event_field", "event_sub"):
            try:
                out.add(t.symbol(role))
            except Exception:
                continue
        return out

    def _when_where(self, rest: str) -> WhenWhere | None:
        sep = self.rec.key_sep.strip()
        key, found, value = rest.partition(f" {sep} ")
        if not found or not re.search(r"일시", key):
            return None
        got = self.rec.values.dates_place(value, self.rec.place_sep)
        if got is None:
            return None
        dates, place = got
        kw: dict[str, Any] = {}
        if key.strip() != "일시/장소":
            kw["key"] = key.strip()
        return WhenWhere(dates=tuple(dates), place=place, **kw)

    def _leaf_in_stack(self, block: Block, cls: str, p: SourcePara) -> None:
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k].cls == cls:
                del self.stack[k:]
                break
        parent = self.stack[-1] if self.stack else None
        self._attach(block, parent)
        # keep a placeholder so that later ▶ lines are siblings
        self.stack.append(Node(cls=cls, kind="leaf", data={}, indent=p.indent))

    def _leaf(self, block: Block, p: SourcePara) -> None:
        """A ※ line: child of the deepest open line whose text starts at or left of it
        (the last line when the file has no indents); a ``*`` footnote: a sibling of the last
        line, like a table (the model allows either; the page is the same)."""
        if isinstance(block, Footnote):
            self._table_level(block)
            return
        open_items = [n for n in self.stack if n.kind != "leaf"]
        parent = open_items[-1] if open_items else None
        if p.indent is not None and self._informative(p.indent, open_items):
            parent = self._parent_by_x(p.indent)
        if parent is not None:
            del self.stack[self.stack.index(parent) + 1:]
        else:
            self.stack.clear()
        self._attach(block, parent)

    @staticmethod
    def _informative(x: float, items: Sequence[Node]) -> bool:
        """Whether indents tell anything here: they exist and are not all at one x."""
        xs = [n.indent for n in items if n.indent is not None] + [x]
        return len(xs) > 1 and max(xs) - min(xs) > 0.5

    def _parent_by_x(self, x: float) -> Node | None:
        """The deepest open line at least ~one character left of ``x`` (a child sits about
        one body em right of its parent's symbol)."""
        step = 0.6 * self.rec.em
        cands = [n for n in self.stack if n.kind in ("item", "enum", "event")
                 and n.indent is not None and n.indent + step <= x]
        return cands[-1] if cands else None

    def _open_event(self, node: Node) -> None:
        """A √ event: under an open category, else under the line whose text it starts at."""
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k].cls == "event":
                del self.stack[k:]
                break
        cat = next((k for k in range(len(self.stack) - 1, -1, -1)
                    if self.stack[k].kind == "category"), None)
        if cat is None and node.indent is not None and self._informative(
                node.indent, [n for n in self.stack if n.kind == "item"]):
            parent = self._parent_by_x(node.indent)
            del self.stack[(self.stack.index(parent) + 1) if parent else 0:]
        elif cat is not None:
            del self.stack[cat + 1:]
        parent_node = self.stack[-1] if self.stack else None
        self._attach(node, parent_node)
        self.stack.append(node)

    def _table_level(self, block: Block) -> Node | None:
        """Tables and sub-captions: siblings of the last line (children of its parent)."""
        items = [n for n in self.stack if n.kind != "leaf"]
        parent = items[-2] if len(items) >= 2 else None
        if parent is not None:
            del self.stack[self.stack.index(parent) + 1:]
        else:
            self.stack.clear()
        self._attach(block, parent)
        return parent

    def table(self, block: Block, where: str) -> None:
        """A data table: the child of a □ headline right above it that has nothing under it
        yet (the table is what that line announces), else — and for boxes and diagrams — a
        sibling of the last line.  The page is the same either way."""
        last = self.stack[-1] if self.stack else None
        if isinstance(block, Table) and last is not None and last.kind == "item" and \
                not last.children and \
                self.rec.ranks.get(last.cls) == 1:
            last.children.append(block)
            self.last_table = block
            self.last_table_at = (last.children, len(last.children) - 1)
            return
        parent = self._table_level(block)
        container = parent.children if parent is not None else self.top
        self.last_table = block
        self.last_table_at = (container, len(container) - 1)

    def last_table_notes(self, note: str) -> None:
        assert self.last_table_at is not None
        container, idx = self.last_table_at
        t = container[idx]
        t = attrs.evolve(t, notes=(*t.notes, note))
        container[idx] = t
        self.last_table = t

    def category(self, t: SourceTable) -> None:
        self.flush()
        filled = [c for c in t.cells if c.text.strip()]
        label = filled[0].text.strip()
        text = "\n".join(p.text.strip() for p in filled[1].paras if p.text.strip())
        node = Node(cls="category", kind="category", data={"label": label, "text": text})
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k].cls == "category":
                del self.stack[k:]
                break
        parent = next((n for n in reversed(self.stack) if n.kind == "item"), None)
        if parent is not None:
            del self.stack[self.stack.index(parent) + 1:]
        self._attach(node, parent)
        self.stack.append(node)

    def plain(self, p: SourcePara) -> None:
        rec = self.rec
        text = p.text.strip()
        cap = rec.values.caption(text) if text.startswith("(") else None
        if cap is not None and p.align != "center":
            if self.caption is not None:
                self.flush()
            self.caption = cap
            self.pending.append(p)
            rec.log.typed += 1
            return
        m = re.fullmatch(r"<\s*(.+?)\s*>", text)
        if m and p.align == "center" and self.last_figure is not None and \
                self.rec.theme.figures.caption_position == "below" and self.last_table_at:
            container, idx = self.last_table_at
            container[idx] = attrs.evolve(container[idx], caption=m.group(1))
            self.last_figure = None
            rec.log.typed += 1
            return
        if m and p.align == "center":
            if self.title is not None or self.caption is not None:
                self.flush()
            self.title = m.group(1)
            self.pending.append(p)
            rec.log.typed += 1
            return
        last = self.stack[-1] if self.stack else None
        indented = p.indent is None or last is None or last.indent is None or \
            p.indent > last.indent + 0.5
        if last is not None and last.kind == "item" and last.cls == "box" and \
                not last.children and indented:
            last.children.append(LeadLine(text=text))
            rec.log.typed += 1
            return
        if p.indent is not None and p.indent > 0.5 and p.align not in ("center", "right"):
            self._table_level(LeadLine(text=text)) if self.stack else self.top.append(
                LeadLine(text=text))
            rec.log.typed += 1
            return
        align = p.align if p.align in ("center", "right") else None
        self.stack.clear()
        self.top.append(Paragraph(text=text, align=align))
        rec.log.plain += 1

    # ---- finishing
    def finish(self) -> list[Block]:
        self.flush()
        return [self._build(n, 0, False) for n in self.top]

    def _build(self, n: Node | Block, parent_level: int, in_event: bool) -> Block:
        if not isinstance(n, Node):
            return n
        rec = self.rec
        if n.kind == "event":
            kids = tuple(self._build(c, parent_level + 1, True) for c in n.children)
            return Event(children=kids, **n.data)
        if n.kind == "category":
            kids = tuple(self._build(c, parent_level, in_event) for c in n.children)
            return CategoryTag(children=kids, **n.data)
        if n.kind == "enum":
            kids = tuple(self._build(c, parent_level, in_event) for c in n.children)
            return EnumItem(children=kids, **n.data)
        data = dict(n.data)
        level = parent_level + 1
        rank = rec.ranks.get(n.cls)
        if not in_event and rank is not None and rank != level:
            data["level"] = rank
            level = rank
        if data.get("bold") and not in_event:
            # bold only when it stands out from the reading theme's style for that level
            role = ("L1", "L2", "L3", "L4")[min(level, 4) - 1]
            if rec.theme.resolve(role).bold:  # type: ignore[arg-type]
                del data["bold"]
        kids = tuple(self._build(c, level, in_event) for c in n.children)
        return Item(children=kids, **data)
