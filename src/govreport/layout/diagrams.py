"""Diagram blocks as editable box tables (no images): 조직도, 비전 체계도, 비교 상자.

Widths come from the content: a box is at least as wide as its longest unbreakable line
(``6팀 120명`` never wraps as ``120/명``); when the boxes do not fit side by side the font
steps down (to 80 %) before any text is allowed to wrap.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Comparison, OrgChart, OrgUnit, VisionDiagram
from ..theme import Theme
from ..theme.units import mm_to_pt
from .build_helpers import tint
from .grid import text_em
from .nodes import NO_LINE, Border, Borders, CellBox, Indent, Para, Run, TableBox

PAD_MM = 1.5
GAP_MM = 2.0
ARROW = "⇨"


def _box(line: Border) -> Borders:
    return Borders(top=line, bottom=line, left=line, right=line)


def _lines(role: str, lines: Sequence[str], *, bold: bool | None = None, size: float | None = None,
           color: str | None = None, align: str = "center") -> tuple[Para, ...]:
    return tuple(Para(role=role, runs=(Run(text=t, bold=bold, size_pt=size, color=color),),
                      align=align)  # type: ignore[arg-type]
                 for t in lines)


def _dash(text: str, size: float | None = None) -> Para:
    """A ``-`` line inside a box, hanging-indented like the lines of a table cell."""
    hang = 10.0
    return Para(role="table_body", symbol="-", runs=(Run(text=text, size_pt=size),),
                indent=Indent(left_pt=hang, hanging_pt=hang), align="left")


def _empty(size: float = 4.0) -> tuple[Para, ...]:
    return (Para(role="table_body", runs=(Run(text="", size_pt=size),)),)


def fit_pt(texts: Sequence[str], pt: float, width_pt: float, floor: float = 0.8) -> float:
    """The largest size (0.5 pt steps, ≥ ``floor × pt``) at which every line fits ``width_pt``."""
    need = max((text_em(t) for t in texts), default=0.0)
    if need == 0 or need * pt <= width_pt:
        return pt
    size = max(width_pt / need, pt * floor)
    return int(size * 2) / 2


class DiagramLayout:
    """Builds the box tables of the diagram blocks."""

    def __init__(self, theme: Theme, width_pt: float) -> None:
        self.theme = theme
        self.width = width_pt
        self.line = Border(width_mm=theme.lines.thin_mm)
        self.accent = theme.color("accent") or "#000080"
        self.pad = mm_to_pt(PAD_MM) * 2 + 2

    # ------------------------------------------------------------------ 조직도
    def counts(self, teams: int | None, staff: int | None) -> str:
        parts = []
        if teams is not None:
            parts.append(f"{teams}팀")
        if staff is not None:
            parts.append(f"{staff:,}명")
        return " ".join(parts)

    def unit_lines(self, u: OrgUnit) -> list[str]:
        lines = [u.name]
        counts = self.counts(u.teams, u.staff)
        if counts:
            lines.append(counts)
        if u.note:
            lines.append(u.note)
        return lines

    def head_lines(self, o: OrgChart) -> list[str]:
        has_teams = any(u.teams is not None for u in o.units)
        has_staff = any(u.staff is not None for u in o.units)
        summary = f"{len(o.units)}{o.division_counter}"
        rest = self.counts(o.teams() if has_teams else None, o.staff() if has_staff else None)
        return [o.head, f"{summary} {rest}".strip()]

    def org_chart(self, o: OrgChart, space_before: float) -> list[TableBox]:
        """The head box, connector lines and the division boxes; then one row per group."""
        t = self.theme
        body = t.resolve("table_body").pt
        n = max(len(o.units), 1)
        gap = mm_to_pt(GAP_MM)
        box_w = (self.width - gap * n) / n
        texts = [line for u in o.units for line in self.unit_lines(u)]
        size = fit_pt(texts, body, box_w - self.pad)
        # grid: per unit [gap/2, half, half, gap/2] → 4n columns
        cols: list[float] = []
        for _ in range(n):
            cols += [gap / 2, box_w / 2, box_w / 2, gap / 2]
        head_lines = self.head_lines(o)
        head_need = max(text_em(x) for x in head_lines) * body * 1.1 + self.pad
        k = 1  # the head box spans units k on each side of the centre line (2k half-boxes …)
        span_cols = 2
        while True:
            start = 2 * n - span_cols // 2
            width = sum(cols[start:start + span_cols])
            if width >= head_need or span_cols >= 4 * n:
                break
            span_cols += 2
            k += 1
        head_start = 2 * n - span_cols // 2
        cells: list[CellBox] = []
        fill = self.accent
        # row 0: head box
        for c in range(4 * n):
            if c == head_start:
                cells.append(CellBox(row=0, col=c, colspan=span_cols, fill=fill,
                                     borders=_box(self.line), paras=(
                                         *_lines("table_head", head_lines[:1], bold=True,
                                                 color="#FFFFFF"),
                                         *_lines("table_body", head_lines[1:], color="#FFFFFF",
                                                 size=body * 0.9))))
            elif head_start < c < head_start + span_cols:
                continue
            else:
                cells.append(CellBox(row=0, col=c, paras=_empty()))
        # row 1: the line down from the head; row 2: the line across and the ticks down
        centre = 2 * n - 1
        first, last = 2, 4 * (n - 1) + 1
        for c in range(4 * n):
            cells.append(CellBox(row=1, col=c, paras=_empty(),
                                 borders=Borders(right=self.line if c == centre else NO_LINE)))
        for c in range(4 * n):
            top = self.line if first <= c <= last and n > 1 else NO_LINE
            right = self.line if c % 4 == 1 or (n == 1 and c == centre) else NO_LINE
            cells.append(CellBox(row=2, col=c, paras=_empty(), borders=Borders(top=top,
                                                                                right=right)))
        # row 3: the division boxes
        for i, u in enumerate(o.units):
            base = 4 * i
            lines = self.unit_lines(u)
            cells.append(CellBox(row=3, col=base, paras=_empty()))
            cells.append(CellBox(row=3, col=base + 1, colspan=2, borders=_box(self.line),
                                 fill=tint(self.accent, 0.88), paras=(
                                     *_lines("table_body", lines[:1], bold=True, size=size),
                                     *_lines("table_body", lines[1:], size=size))))
            cells.append(CellBox(row=3, col=base + 3, paras=_empty()))
        connector = mm_to_pt(2.5)
        boxes = [TableBox(kind="diagram", n_rows=4, n_cols=4 * n, col_widths_pt=tuple(cols),
                          cells=tuple(cells), space_before_pt=space_before,
                          row_heights_pt=(mm_to_pt(11), connector, connector, mm_to_pt(11)),
                          cell_margin_mm=(PAD_MM, PAD_MM, 0.5, 0.5), keep_next=bool(o.groups))]
        labels = [[g.label, f"({len(g.units)}{g.counter})"] for g in o.groups]
        label_w = max((text_em(x) for lines in labels for x in lines), default=0.0) * body \
            * 1.1 + self.pad  # one label width for every group, so the boxes line up
        for g, lines in zip(o.groups, labels, strict=True):
            boxes.append(self.org_group(lines, label_w, g.units))
        return boxes

    def org_group(self, label_lines: list[str], label_w: float,
                  units: Sequence[OrgUnit]) -> TableBox:
        body = self.theme.resolve("table_body").pt
        m = max(len(units), 1)
        unit_w = (self.width - label_w) / m
        texts = [line for u in units for line in self.unit_lines(u)]
        size = fit_pt(texts, body, unit_w - self.pad)
        cells = [CellBox(row=0, col=0, fill=tint(self.accent, 0.7), borders=_box(self.line),
                         paras=_lines("table_head", label_lines, bold=True))]
        for i, u in enumerate(units):
            lines = self.unit_lines(u)
            cells.append(CellBox(row=0, col=i + 1, borders=_box(self.line), paras=(
                *_lines("table_body", lines[:1], bold=True, size=size),
                *_lines("table_body", lines[1:], size=size))))
        return TableBox(kind="diagram", n_rows=1, n_cols=m + 1,
                        col_widths_pt=(label_w, *([unit_w] * m)), cells=tuple(cells),
                        space_before_pt=mm_to_pt(3), row_heights_pt=(mm_to_pt(11),),
                        cell_margin_mm=(PAD_MM, PAD_MM, 0.5, 0.5))

    # ------------------------------------------------------------------ 비전 체계도
    def vision(self, v: VisionDiagram, space_before: float) -> list[TableBox]:
        """Stacked boxes: 비전, 목표, 추진전략 (titles over their 추진과제)."""
        body = self.theme.resolve("table_body").pt
        labels = [v.vision_label, v.goals_label, v.strategies_label]
        label_w = max(text_em(x) for x in labels) * body * 1.1 + self.pad
        rest = self.width - label_w
        gap = mm_to_pt(2.5)

        def label_cell(text: str) -> CellBox:
            return CellBox(row=0, col=0, fill=self.accent, borders=_box(self.line),
                           paras=_lines("table_head", [text], bold=True, color="#FFFFFF"))

        out = [TableBox(kind="diagram", n_rows=1, n_cols=2, col_widths_pt=(label_w, rest),
                        cells=(label_cell(v.vision_label), CellBox(
                            row=0, col=1, borders=_box(Border(width_mm=self.theme.lines.thick_mm,
                                                              color=self.accent)),
                            paras=_lines("table_head", [v.vision], bold=True,
                                         size=body * 1.25))),
                        space_before_pt=space_before, row_heights_pt=(mm_to_pt(12),),
                        cell_margin_mm=(PAD_MM, PAD_MM, 1.0, 1.0), keep_next=True)]
        if v.goals:
            m = len(v.goals)
            w = rest / m
            size = fit_pt(v.goals, body, w - self.pad)
            cells = [label_cell(v.goals_label)] + [
                CellBox(row=0, col=i + 1, borders=_box(self.line), fill=tint(self.accent, 0.88),
                        paras=_lines("table_body", [goal], bold=True, size=size))
                for i, goal in enumerate(v.goals)]
            out.append(TableBox(kind="diagram", n_rows=1, n_cols=m + 1,
                                col_widths_pt=(label_w, *([w] * m)), cells=tuple(cells),
                                space_before_pt=gap, row_heights_pt=(mm_to_pt(10),),
                                cell_margin_mm=(PAD_MM, PAD_MM, 0.8, 0.8), keep_next=True))
        if v.strategies:
            m = len(v.strategies)
            w = rest / m
            size = fit_pt([s.title for s in v.strategies], body, w - self.pad)
            has_tasks = any(s.tasks for s in v.strategies)
            cells = [CellBox(row=0, col=0, rowspan=2 if has_tasks else 1, fill=self.accent,
                             borders=_box(self.line),
                             paras=_lines("table_head", [v.strategies_label], bold=True,
                                          color="#FFFFFF"))]
            for i, s in enumerate(v.strategies):
                cells.append(CellBox(row=0, col=i + 1, borders=_box(self.line),
                                     fill=tint(self.accent, 0.7),
                                     paras=_lines("table_body", [s.title], bold=True, size=size)))
            if has_tasks:
                for i, s in enumerate(v.strategies):
                    paras = tuple(_dash(task, body * 0.9) for task in s.tasks) or _empty()
                    cells.append(CellBox(row=1, col=i + 1, borders=_box(self.line),
                                         valign="top", paras=paras))
            out.append(TableBox(kind="diagram", n_rows=2 if has_tasks else 1, n_cols=m + 1,
                                col_widths_pt=(label_w, *([w] * m)), cells=tuple(cells),
                                space_before_pt=gap,
                                row_heights_pt=(mm_to_pt(10), None) if has_tasks else (),
                                cell_margin_mm=(PAD_MM, PAD_MM, 0.8, 0.8)))
        return out

    # ------------------------------------------------------------------ 비교 상자
    def comparison(self, c: Comparison, space_before: float) -> TableBox:
        """Labelled columns side by side, ``⇨`` between them when ``arrow``."""
        body = self.theme.resolve("table_body").pt
        n = len(c.columns)
        arrow_w = mm_to_pt(8) if c.arrow else 0.0
        col_w = (self.width - arrow_w * (n - 1)) / max(n, 1)
        widths: list[float] = []
        cells: list[CellBox] = []
        col = 0
        for i, column in enumerate(c.columns):
            if i and c.arrow:
                widths.append(arrow_w)
                cells.append(CellBox(row=0, col=col, rowspan=2, paras=_lines(
                    "table_head", [ARROW], bold=True, color=self.accent, size=body * 1.4)))
                col += 1
            widths.append(col_w)
            cells.append(CellBox(row=0, col=col, fill=self.accent, borders=_box(self.line),
                                 paras=_lines("table_head", [column.label], bold=True,
                                              color="#FFFFFF")))
            items = tuple(_dash(x) for x in column.items) or _empty()
            cells.append(CellBox(row=1, col=col, borders=_box(self.line), valign="top",
                                 paras=items))
            col += 1
        return TableBox(kind="diagram", n_rows=2, n_cols=col, col_widths_pt=tuple(widths),
                        cells=tuple(cells), space_before_pt=space_before,
                        row_heights_pt=(mm_to_pt(9), None),
                        cell_margin_mm=(PAD_MM, PAD_MM, 1.0, 1.0))
