"""Where pages end: the page estimate (TOC page numbers) and the pagination pass.

Counts lines from character widths (Hangul 1 em, Latin/digits 0.55 em, space 0.5 em, as in
the Hancom fonts) and line pitch, and breaks pages where content overflows or a page break
stands.  Good to a page for ordinary reports; Word's TOC field corrects it on update.

:func:`paginate` uses the same model to make pages look hand-made: a heading (chip, □ with
children, ● caption, part heading …) never ends a page without its first lines or its
table, and the last few lines of a block that would spill onto a page of their own are
pulled back by tightening the space between blocks (down to ``fitting.min_space_pct``) and
squeezing 자간/장평 (within the ``fitting`` limits), or else the page breaks earlier.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import assert_never

import attrs

from ..theme import ResolvedStyle, Theme
from ..theme.units import mm_to_pt
from .fitting import squeeze_line
from .grid import text_em
from .nodes import ChartBox, Node, PageBreak, Para, PictureBox, TableBox, TocBlock


class Styles(dict[str, ResolvedStyle]):
    """``theme.resolve(role)``, computed once per role; and the measurements of one pass
    (line counts of paragraphs, heights of tables), made once per node.

    The measurements are kept by node identity, with the node (so that its ``id`` stays
    its own while kept): a ``Styles`` lives as long as one layout."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self.theme = theme
        self.lines: dict[tuple[int, float], tuple[Para, int]] = {}
        self.tables: dict[int, tuple[TableBox, float]] = {}
        self.rows: dict[int, tuple[TableBox, list[float]]] = {}
        self._pitch: dict[str, float] = {}

    def __missing__(self, role: str) -> ResolvedStyle:
        style = self[role] = self.theme.resolve(role)  # type: ignore[arg-type]
        return style

    def same_size(self, old: TableBox, new: TableBox) -> None:
        """``new`` (``old`` with another flag) measures as ``old`` did: its measurements
        are taken over instead of made again."""
        kept = self.tables.get(id(old))
        if kept is not None and kept[0] is old:
            self.tables[id(new)] = (new, kept[1])
        rows = self.rows.get(id(old))
        if rows is not None and rows[0] is old:
            self.rows[id(new)] = (new, rows[1])

    def pitch(self, role: str) -> float:
        """The line pitch of ``role`` in pt (``line_height_pt`` of its style)."""
        lh = self._pitch.get(role)
        if lh is None:
            lh = self._pitch[role] = self[role].line_height_pt
        return lh


def para_lines(p: Para, theme: Theme, width_pt: float, styles: Styles | None = None) -> int:
    """Estimated number of lines of a paragraph: its runs at their own sizes, its 자간/장평
    squeeze included (what the writers also use to size table rows)."""
    if styles is None:
        return line_count(p, Styles(theme)[p.role].pt, width_pt)
    key = (id(p), width_pt)
    kept = styles.lines.get(key)
    if kept is not None and kept[0] is p:
        return kept[1]
    n = line_count(p, styles[p.role].pt, width_pt)
    styles.lines[key] = (p, n)
    return n


def line_count(p: Para, base_pt: float, width_pt: float) -> int:
    """Lines of ``p`` (role size ``base_pt``) in a column of ``width_pt``."""
    left = p.indent.left_pt if p.indent else 0.0
    avail = max(width_pt - left, 4.0 * base_pt)
    width = (p.width_pct or 100.0) / 100
    spacing = (p.letter_spacing_pct or 0.0) / 100
    if len(p.runs) == 1:  # the common case: one run, no line break or tab
        r = p.runs[0]
        text = r.text
        if "\n" not in text and "\t" not in text:
            w = (text_em(text) * width + len(text) * spacing) * (r.size_pt or base_pt) \
                if text else 0.0
            return max(1, math.ceil(w / avail - 1e-9))
    lines: list[float] = [0.0]
    for r in p.runs:
        size = r.size_pt or base_pt
        for i, seg in enumerate(r.text.split("\n")):
            if i:
                lines.append(0.0)
            seg = seg.replace("\t", "  ")
            lines[-1] += (text_em(seg) * width + len(seg) * spacing) * size if seg else 0.0
    return sum(max(1, math.ceil(w / avail - 1e-9)) for w in lines)


def para_height(p: Para, theme: Theme, width_pt: float, styles: Styles | None = None) -> float:
    """Estimated height of a paragraph in pt, space before included."""
    if styles is None:
        styles = Styles(theme)
    return (para_lines(p, theme, width_pt, styles) * styles.pitch(p.role)
            + (p.space_before_pt or 0.0))


def _table_height(t: TableBox, theme: Theme, styles: Styles) -> float:
    kept = styles.tables.get(id(t))
    if kept is not None and kept[0] is t:
        return kept[1]
    h = sum(row_heights_pt(t, theme, styles)) + t.space_before_pt
    styles.tables[id(t)] = (t, h)
    return h


def row_heights_pt(t: TableBox, theme: Theme, styles: Styles | None = None) -> list[float]:
    """Estimated height of each row of ``t`` in pt — what the pagination counts and what
    the HWPX writer seeds ``cellSz`` with (Hancom grows rows to their content on open).

    A cell needs its paragraphs (lines × line pitch of the largest run, space before
    included) plus its top and bottom margins; a cell spanning rows shares its need among
    them equally; a row is at least its fixed height (``row_heights_pt``).
    """
    if styles is None:
        styles = Styles(theme)
    else:
        kept = styles.rows.get(id(t))
        if kept is not None and kept[0] is t:
            return list(kept[1])
    left, right, top, bottom = t.cell_margin_mm
    pad, side = mm_to_pt(top + bottom), mm_to_pt(left + right)
    rows = [0.0] * t.n_rows
    for r_cells in t.rows():
        for c in r_cells:
            rowspan, colspan = t.spans(c)
            w = sum(t.col_widths_pt[c.col:c.col + colspan]) - side
            need = sum(_cell_para_height(p, theme, w, styles) for p in c.paras) + pad
            share = need / rowspan
            for r in range(c.row, c.row + rowspan):
                rows[r] = max(rows[r], share)
    for i, fixed in enumerate(t.row_heights_pt):
        if fixed is not None and i < t.n_rows:
            rows[i] = max(rows[i], fixed)
    styles.rows[id(t)] = (t, list(rows))
    return rows


def _cell_para_height(p: Para, theme: Theme, width_pt: float, styles: Styles) -> float:
    """A paragraph in a cell: its lines at the pitch of its largest run."""
    s = styles[p.role]
    size = max([s.pt, *(r.size_pt for r in p.runs if r.size_pt and r.text.strip())])
    n = para_lines(p, theme, width_pt, styles)
    return n * size * s.line_pct / 100 + (p.space_before_pt or 0.0)


def text_height_pt(theme: Theme) -> float:
    """Height of the body text area (HWP semantics: header/footer inside the margins)."""
    m = theme.page.margin
    return mm_to_pt(theme.page.height_mm - m.top - m.bottom - m.header - m.footer)


def estimate_pages(body: tuple[Node, ...], theme: Theme,
                   styles: Styles | None = None) -> dict[str, int]:
    """Estimated body page (from 1) of every bookmarked paragraph or box.

    Paragraphs flow across page ends (as in Word and Hancom); tables and boxes shorter than a
    page move whole to the next page.
    """
    page_h = text_height_pt(theme)
    width = theme.page.text_width_pt
    if styles is None:
        styles = Styles(theme)
    page, used = 1, 0.0
    marks: dict[str, int] = {}
    for node in body:
        if isinstance(node, PageBreak):
            if used > 0:
                page, used = page + 1, 0.0
            continue
        if isinstance(node, TocBlock):
            continue
        if isinstance(node, Para):
            if node.page_break_before and used > 0:
                page, used = page + 1, 0.0
            h = para_height(node, theme, width, styles)
            first_line = styles.pitch(node.role)
            if used + (node.space_before_pt or 0.0) + first_line > page_h:
                page, used = page + 1, 0.0
            if node.bookmark:
                marks[node.bookmark] = page
            used += h
            while used > page_h:
                page, used = page + 1, used - page_h
            continue
        if isinstance(node, PictureBox | ChartBox):
            h = node.height_pt + node.space_before_pt
            if used + h > page_h and used > 0:
                page, used = page + 1, 0.0
            used += h
            continue
        if not isinstance(node, TableBox):
            assert_never(node)  # every node type above: a new one fails mypy here
        h = _table_height(node, theme, styles)
        if used + h > page_h and used > 0 and h <= page_h:
            page, used = page + 1, 0.0
        for mark in (p.bookmark for c in node.cells for p in c.paras if p.bookmark):
            marks[mark] = page
        used += h
        while used > page_h:
            page, used = page + 1, used - page_h
    return marks


# ---------------------------------------------------------------------------- pagination pass

KEEP_TABLE_ROWS = 12
"""A data table of at most this many rows moves whole to the next page (DOCX/HWPX alike)
when it is also short (:data:`KEEP_TABLE_PAGE_SHARE`); longer ones split between rows."""

KEEP_TABLE_PAGE_SHARE = 1 / 3
"""A table taller than this share of the text height splits between rows instead of moving
whole, so that no third of a page is left blank before it."""


@attrs.define
class _Placed:
    """Where a node landed: first and last page, and the height it takes on its last page."""

    first: int
    last: int
    tail_pt: float
    lines_on_last: int


@attrs.define
class _Measured:
    """What :meth:`_Flow.run_to_end` asks of each node of a run, measured once."""

    heights: list[float]
    lines: list[int]
    keeps: list[bool]
    chain: list[float] = attrs.field(factory=list)
    """Per node: the height of the keep-with-next chain from it to its end (the nodes that
    keep with the next, from this one on), made in one backward pass so that asking every
    node of a chain costs the chain's length once, not its square."""
    ends: list[int] = attrs.field(factory=list)
    """Per node: the index of the first node after its chain (itself when it keeps none)."""


class _Flow:
    """Pages of a node stream under the estimate (widow/orphan control of two lines)."""

    def __init__(self, theme: Theme, styles: Styles) -> None:
        self.theme = theme
        self.styles = styles
        self.page_h = text_height_pt(theme)
        self.width = theme.page.text_width_pt

    def height(self, node: Node) -> float:
        match node:
            case Para():
                return para_height(node, self.theme, self.width, self.styles)
            case TableBox():
                return _table_height(node, self.theme, self.styles)
            case PictureBox() | ChartBox():
                return node.height_pt + node.space_before_pt
            case PageBreak() | TocBlock():
                return 0.0
            case _:
                assert_never(node)

    def drawing_lines(self, node: PictureBox | ChartBox) -> int:
        """A picture or chart counted in body lines (it never splits)."""
        return max(3, int(node.height_pt // self.styles.pitch("paragraph")))

    def keep_height(self, body: Sequence[Node], i: int, m: _Measured) -> float:
        """Height of the heading chain starting at ``i`` with what it must not be parted
        from: the first two lines of the next paragraph, or the next table (whole when it
        is short, else its header and first rows).  ``m``: :meth:`measure` of ``body``
        (its ``chain``/``ends``: constant time per call, linear in a chain overall)."""
        j = m.ends[i]
        h = m.chain[i]
        if j >= len(body):
            return h
        nxt = body[j]
        if isinstance(nxt, PageBreak | TocBlock):
            return h
        if isinstance(nxt, Para):
            if nxt.page_break_before:
                return h
            return h + (nxt.space_before_pt or 0.0) + min(m.lines[j], 2) * self.styles.pitch(
                nxt.role)
        if isinstance(nxt, PictureBox | ChartBox):
            return h + m.heights[j]
        if not isinstance(nxt, TableBox):
            assert_never(nxt)
        th = m.heights[j]
        if not nxt.split:
            return h + th
        return h + nxt.space_before_pt + (th - nxt.space_before_pt) * min(
            1.0, (nxt.header_rows + 2) / max(nxt.n_rows, 1))

    def measure(self, body: Sequence[Node]) -> _Measured:
        """Height, lines (of a paragraph) and keep-with-next of every node, each once."""
        heights: list[float] = []
        lines: list[int] = []
        keeps: list[bool] = []
        for node in body:
            if isinstance(node, Para):
                n = para_lines(node, self.theme, self.width, self.styles)
                heights.append(n * self.styles.pitch(node.role) + (node.space_before_pt or 0.0))
                lines.append(n)
                keeps.append(node.keep_next)
            else:
                heights.append(self.height(node))
                lines.append(0)
                keeps.append(_keeps_next(node))
        n = len(body)
        chain = [0.0] * (n + 1)
        ends = list(range(n + 1))
        for k in range(n - 1, -1, -1):  # backward: each chain summed once
            if keeps[k]:
                chain[k] = heights[k] + chain[k + 1]
                ends[k] = ends[k + 1]
        return _Measured(heights, lines, keeps, chain, ends)

    def run(self, body: Sequence[Node]) -> list[_Placed | None]:
        """Placement of every node (``None`` for page breaks and TOC blocks)."""
        return self.run_to_end(body)[0]

    def run_to_end(self, body: Sequence[Node]) -> tuple[list[_Placed | None], int, float]:
        """:meth:`run`, with the page it ends on and the height used on that page."""
        page, used = 1, 0.0
        out: list[_Placed | None] = []
        m = self.measure(body)
        for i, node in enumerate(body):
            if isinstance(node, PageBreak):
                if used > 0:
                    page, used = page + 1, 0.0
                out.append(None)
                continue
            if isinstance(node, TocBlock):
                out.append(None)
                continue
            if isinstance(node, Para) and node.page_break_before and used > 0:
                page, used = page + 1, 0.0
            if used > 0 and m.keeps[i]:
                keep = self.keep_height(body, i, m)
                if used + keep > self.page_h and keep <= self.page_h:
                    page, used = page + 1, 0.0
            if isinstance(node, TableBox):
                h = m.heights[i]
                if node.split and used > 0 and used + h > self.page_h:
                    # rows flow on; at least the header and two rows stay on this page
                    rows = max(node.n_rows, 1)
                    row_h = (h - node.space_before_pt) / rows
                    head = min(node.header_rows + 2, rows) * row_h + node.space_before_pt
                    if used + head > self.page_h:
                        page, used = page + 1, 0.0
                if used + h > self.page_h and used > 0 and h <= self.page_h and not node.split:
                    page, used = page + 1, 0.0
                first = page
                used += h
                while used > self.page_h:
                    page, used = page + 1, used - self.page_h
                out.append(_Placed(first, page, used, max(1, node.n_rows)))
                continue
            if isinstance(node, PictureBox | ChartBox):  # moves whole, never splits
                h = m.heights[i]
                if used + h > self.page_h and used > 0:
                    page, used = page + 1, 0.0
                used = min(used + h, self.page_h)
                out.append(_Placed(page, page, used, self.drawing_lines(node)))
                continue
            if not isinstance(node, Para):
                assert_never(node)
            lh = self.styles.pitch(node.role)
            n = m.lines[i]
            before = node.space_before_pt or 0.0
            room = int((self.page_h - used - before) // lh + 1e-9) if used > 0 else n
            if room < min(n, 2) and used > 0:  # orphan control: not a lone first line
                page, used, room = page + 1, 0.0, n
            first = page
            if room >= n:
                used += before + n * lh
                out.append(_Placed(first, page, used, n))
                continue
            if n - room == 1 and room > 2:  # widow control: not a lone last line
                room -= 1
            left = n - room
            page_lines = max(int(self.page_h // lh), 1)
            while left > page_lines:
                page, left = page + 1, left - page_lines
            page += 1
            used = left * lh
            out.append(_Placed(first, page, used, left))
        return out, page, used


def _with_split(node: Node, flow: _Flow) -> Node:
    """A data table that is long (rows or height) may split between rows."""
    if not isinstance(node, TableBox) or node.kind != "data" or node.split:
        return node
    long = node.n_rows > KEEP_TABLE_ROWS or \
        flow.height(node) - node.space_before_pt > flow.page_h * KEEP_TABLE_PAGE_SHARE
    if not long:
        return node
    split = attrs.evolve(node, split=True)
    flow.styles.same_size(node, split)
    return split


def _keeps_next(node: Node) -> bool:
    return (isinstance(node, Para) and node.keep_next) or (
        isinstance(node, TableBox | PictureBox | ChartBox) and node.keep_next)


def _pages_of(placed: Sequence[_Placed | None], lo: int, hi: int) -> list[int]:
    return [p.first for p in placed[lo:hi] if p is not None]


def paginate(body: tuple[Node, ...], theme: Theme,
             styles: Styles | None = None) -> tuple[Node, ...]:
    """``body`` with page ends made natural (see the module docstring).

    Headings that would end a page without their content get a page break before them;
    a run of blocks (up to an explicit page break) whose last page would hold at most
    ``fitting.pull_back_lines`` lines is pulled back onto the page before, or the page
    breaks before the last □ group so that the new page starts at a natural point.
    ``styles``: measurements shared with later passes of the same layout (see
    :class:`Styles`).
    """
    if styles is None:
        styles = Styles(theme)
    flow = _Flow(theme, styles)
    nodes = [_with_split(n, flow) for n in body]
    nodes, placed_runs = _pull_back_tails(nodes, flow)
    # headings never end a page: a heading chain that the flow moves to a new page gets a
    # soft break before it — where the estimate ends the page, for the 목차 numbers and
    # for choosing where to shrink; no writer forces it: the chain's keep-with-next
    # (DOCX keepNext, HWPX keepWithNext) moves it in Word, LibreOffice and Hancom, each
    # with its own font metrics
    placed = placed_runs if placed_runs is not None else flow.run(nodes)
    out: list[Node] = []
    prev: _Placed | None = None  # the last placement before node i
    for i, node in enumerate(nodes):
        p = placed[i]
        if (p is not None and prev is not None and _keeps_next(node)
                and not _keeps_next(nodes[i - 1]) and p.first > prev.last
                and not isinstance(out[-1], PageBreak)
                and not (isinstance(node, Para) and node.page_break_before)):
            out.append(PageBreak(soft=True))
        out.append(node)
        if p is not None:
            prev = p
    return tuple(out)


def _pull_back_tails(nodes: list[Node],
                     flow: _Flow) -> tuple[list[Node], list[_Placed | None] | None]:
    """Runs of blocks (between explicit page breaks) ending in a page of at most
    ``fitting.pull_back_lines`` lines, pulled back or broken earlier where possible.

    Each run starts on a fresh page, so it is laid out on its own: the work grows with the
    length of the runs, not with the square of the document.

    Also returns the placement of the whole result, made of the runs' own placements
    shifted to their first page (what :meth:`_Flow.run` of the whole gives, without a
    second pass), or ``None`` when it is not made here."""
    limit = flow.theme.fitting.pull_back_lines
    tail_min = flow.page_h * flow.theme.fitting.min_tail_fill_pct / 100
    if limit <= 0 and tail_min <= 0:
        return nodes, None
    # a paragraph that breaks the page itself would look back across its run's start
    # (keep_height): the whole is then placed in one pass by the caller
    joined = not any(isinstance(n, Para) and n.page_break_before for n in nodes)
    out: list[Node] = []
    placed_all: list[_Placed | None] = []
    offset = 0  # pages before the run's first page
    for lo, hi in _runs(nodes):
        run = nodes[lo:hi]
        placed, end_page, end_used = flow.run_to_end(run)
        pages = _pages_of(placed, 0, len(run))
        if pages:
            last = max(p.last for p in placed if p is not None)
            tail = [k for k, p in enumerate(placed) if p is not None and p.last == last]
            lines = sum(placed[k].lines_on_last if placed[k].first != last  # type: ignore
                        else _node_lines(run[k], flow) for k in tail)
            if last > min(pages) and (lines <= limit or end_used < tail_min):
                changed = _pull_back(run, placed, 0, len(run), last, flow) \
                    if lines <= limit else None
                if changed is None and end_used < tail_min:
                    changed = _rebalance(run, placed, last, end_used, flow)
                if changed is None and lines <= limit:
                    changed = _break_before_group(run, placed, 0, len(run), last, flow)
                if changed is not None:
                    run = changed
                    if joined:
                        placed, end_page, end_used = flow.run_to_end(run)
        out.extend(run)
        if joined:
            placed_all.extend(p if p is None or not offset else
                              _Placed(p.first + offset, p.last + offset, p.tail_pt,
                                      p.lines_on_last) for p in placed)
            # the next run starts with a page break: a new page when this one ends on
            # a page with content
            offset += end_page - 1 + (1 if end_used > 0 else 0)
    return out, placed_all if joined else None


def _node_lines(node: Node, flow: _Flow) -> int:
    match node:
        case Para():
            return para_lines(node, flow.theme, flow.width, flow.styles)
        case TableBox():
            return max(node.n_rows, 1)
        case PictureBox() | ChartBox():
            return flow.drawing_lines(node)
        case PageBreak() | TocBlock():
            return 0
        case _:
            assert_never(node)


def _runs(nodes: Sequence[Node]) -> list[tuple[int, int]]:
    """Index ranges between explicit page breaks."""
    out, lo = [], 0
    for i, n in enumerate(nodes):
        hard = isinstance(n, PageBreak) or (isinstance(n, Para) and n.page_break_before)
        if hard and i > lo:
            out.append((lo, i))
            lo = i
    out.append((lo, len(nodes)))
    return out


def _pull_back(nodes: list[Node], placed: Sequence[_Placed | None], lo: int, hi: int,
               last: int, flow: _Flow) -> list[Node] | None:
    """Nodes with the space between blocks of pages ``last - 1``/``last`` tightened and
    short last lines squeezed so that the run ends on page ``last - 1``; ``None`` if the
    theme's limits do not allow it."""
    theme = flow.theme
    keep = theme.fitting.min_space_pct / 100
    idx = [k for k in range(lo, hi) if placed[k] is not None
           and placed[k].last >= last - 1 and placed[k].first >= last - 1]  # type: ignore
    if not idx:
        return None
    trial = list(nodes)
    # gentlest first: space between blocks, in steps, then 자간/장평 on the longest lines
    for step in (0.85, 0.7, 0.55, 0.4):
        factor = max(step, keep)
        for k in idx:
            trial[k] = _scaled_space(nodes[k], factor)
        if _ends_on(flow, trial, lo, hi, last - 1):
            return trial
        if factor == keep:
            break
    squeezable = sorted((k for k in idx if isinstance(trial[k], Para)),
                        key=lambda k: _slack(trial[k], flow))  # type: ignore[arg-type]
    for k in squeezable:
        p = trial[k]
        assert isinstance(p, Para)
        squeezed = _squeeze(p, flow)
        if squeezed is not None:
            trial[k] = squeezed
            if _ends_on(flow, trial, lo, hi, last - 1):
                return trial
    return None


def _ends_on(flow: _Flow, nodes: list[Node], lo: int, hi: int, page: int) -> bool:
    placed = flow.run(nodes)
    return max(p.last for p in placed[lo:hi] if p is not None) <= page


def _scaled_space(node: Node, factor: float) -> Node:
    if isinstance(node, Para) and node.space_before_pt:
        return attrs.evolve(node, space_before_pt=round(node.space_before_pt * factor, 1))
    if isinstance(node, TableBox | PictureBox | ChartBox) and node.space_before_pt:
        return attrs.evolve(node, space_before_pt=round(node.space_before_pt * factor, 1))
    return node


def _slack(p: Para, flow: _Flow) -> float:
    """How full the last line of ``p`` is (0–1): the emptier, the cheaper to squeeze away."""
    style = flow.styles[p.role]
    left = p.indent.left_pt if p.indent else 0.0
    cap = max((flow.width - left) / style.pt, 4.0)
    em = text_em("".join(r.text for r in p.runs))
    return (em % cap) / cap if em > cap else 1.0


def _squeeze(p: Para, flow: _Flow) -> Para | None:
    """``p`` one line shorter by 자간/장평 within the theme's limits, or ``None``."""
    if p.symbol is None and p.role not in ("paragraph", "lead"):
        return None
    text = "".join(r.text for r in p.runs)
    if "\n" in text:
        return None
    style = flow.styles[p.role]
    left = p.indent.left_pt if p.indent else 0.0
    found = squeeze_line(text, style.pt, flow.width - left, flow.theme.fitting)
    if found is None:
        return None
    spacing, width = found
    return attrs.evolve(p, letter_spacing_pct=spacing, width_pct=width)


def _break_before_group(nodes: list[Node], placed: Sequence[_Placed | None], lo: int, hi: int,
                        last: int, flow: _Flow) -> list[Node] | None:
    """Nodes with the last □ group (the last □ that starts on page ``last - 1`` and all
    that follows it in the run) kept together, so that it moves whole to the next page when
    it does not fit — in every engine, each with its own metrics — when the page before
    stays at least half full; else ``None``."""
    cands = [k for k in range(lo + 1, hi) if placed[k] is not None
             and placed[k].first == last - 1  # type: ignore[union-attr]
             and isinstance(nodes[k], Para) and nodes[k].role == "L1"]  # type: ignore
    for k in reversed(cands):
        prev = next((placed[j] for j in range(k - 1, lo - 1, -1) if placed[j] is not None), None)
        if prev is None or prev.last != last - 1 or prev.tail_pt < flow.page_h / 2:
            continue
        end = max(j for j in range(k, hi) if placed[j] is not None)
        trial = list(nodes)
        for j in range(k, end):
            n = trial[j]
            if isinstance(n, Para | TableBox) and not n.keep_next:
                trial[j] = attrs.evolve(n, keep_next=True)
        placed2 = flow.run(trial)
        if placed2[k] is None or placed2[k].first != last:  # type: ignore[union-attr]
            continue
        tail_lines = sum(_node_lines(trial[j], flow) for j in range(k, hi)
                         if placed2[j] is not None)
        if tail_lines > flow.theme.fitting.pull_back_lines:
            return [*trial[:k], PageBreak(soft=True), *trial[k:]]
    return None


_BREAK_ROLES = frozenset({"L1", "L2", "enum", "event_title", "subcaption"})
"""Paragraphs a page may start with when a tail page is rebalanced: a □, ○, ①, √ or ●
item (never a - or ※ line, which belongs to the item above it)."""

_REBALANCE_CANDIDATES = 12
"""Break points tried per tail page, nearest the page end first (each costs one layout of
the last two pages)."""


def _rebalance(run: list[Node], placed: Sequence[_Placed | None], last: int, end_used: float,
               flow: _Flow) -> list[Node] | None:
    """``run`` ending on a page filled less than ``fitting.min_tail_fill_pct`` (a □ group
    pushed whole onto a page of its own), with an earlier page end: the items from a
    natural break point on (a □ ○ ① √ ● item or a table whose predecessor does not keep
    with it) are kept together with the tail, so that every engine moves them as one
    group when they do not fit, and both pages come closest to the theme's fills
    (``min_page_fill_pct`` for the page before, ``min_tail_fill_pct`` for the last); the
    page before stays at least half full.  ``None`` when no break point does better.

    Only the last two pages are laid out again per break point tried."""
    fit = flow.theme.fitting
    page_h = flow.page_h
    want_prev = max(page_h * fit.min_page_fill_pct / 100, 1.0)
    want_last = max(page_h * fit.min_tail_fill_pct / 100, 1.0)
    idx = [k for k, p in enumerate(placed) if p is not None]
    end = idx[-1]
    # the first node that starts at the top of page last - 1: the two pages from there
    top = next((k for n, k in enumerate(idx) if placed[k].first == last - 1  # type: ignore
                and (n == 0 or placed[idx[n - 1]].last < last - 1)), None)  # type: ignore
    if top is None:
        return None
    on_prev = [k for k in idx if placed[k].last == last - 1]  # type: ignore[union-attr]
    prev_used = placed[on_prev[-1]].tail_pt if on_prev else page_h  # type: ignore[union-attr]
    best = min(prev_used / want_prev, end_used / want_last)
    found: list[Node] | None = None
    cands = [k for k in idx if k > top and placed[k].first == last - 1  # type: ignore
             and _breaks_before(run[k]) and not _keeps_next(run[k - 1])]
    for k in reversed(cands[-_REBALANCE_CANDIDATES:]):
        before = next(placed[j] for j in range(k - 1, -1, -1) if placed[j] is not None)
        assert before is not None
        if before.last != last - 1 or before.tail_pt < page_h / 2:
            continue
        trial = list(run)
        for j in range(k, end):
            n = trial[j]
            if isinstance(n, Para | TableBox) and not n.keep_next:
                trial[j] = attrs.evolve(n, keep_next=True)
        placed2, pages2, used2 = flow.run_to_end(trial[top:])
        moved = placed2[k - top]
        if pages2 != 2 or moved is None or moved.first != 2:
            continue
        score = min(before.tail_pt / want_prev, used2 / want_last)
        if score > best + 1e-9:
            best, found = score, [*trial[:k], PageBreak(soft=True), *trial[k:]]
        if before.tail_pt < want_prev:  # earlier break points only empty the page more
            break
    return found


def _breaks_before(node: Node) -> bool:
    return (isinstance(node, Para) and node.role in _BREAK_ROLES
            and not node.page_break_before) or isinstance(node, TableBox)
