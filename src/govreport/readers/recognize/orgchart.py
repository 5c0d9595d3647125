"""조직도 read back: the box tables :class:`~govreport.layout.diagrams.DiagramLayout` draws.

An org chart is drawn as a 4-row grid (head box, two connector rows, one box per division)
followed by one 1-row table per group (``사업소 (2개소)`` | units).  The reader takes the
boxes' lines apart (``총무과`` / ``6팀 120명`` / a note) and keeps the chart only when the
library prints every box of it back the same way (the head's ``4과 20팀 277명`` is computed
from the divisions, so a chart whose head does not add up stays the tables it is).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...layout.diagrams import DiagramLayout
from ...model.diagrams import OrgChart, OrgGroup, OrgTotal, OrgUnit
from ...theme import Theme
from ..source import SourceCell, SourceNode, SourceTable

COUNTS_RE = re.compile(r"(?:(\d+)팀)?\s*(?:([\d,]+)명)?")
GROUP_COUNT_RE = re.compile(r"\((\d+)\s*(\S.*)\)")


def _lines(cell: SourceCell) -> list[str]:
    return [p.text.strip() for p in cell.paras if p.text.strip()]


def _unit(lines: Sequence[str]) -> OrgUnit | None:
    """A division box: name, then ``6팀 120명`` (either part optional), then a note."""
    if not lines or len(lines) > 3:
        return None
    teams = staff = None
    rest = list(lines[1:])
    if rest:
        m = COUNTS_RE.fullmatch(rest[0])
        if m and (m.group(1) or m.group(2)):
            teams = int(m.group(1)) if m.group(1) else None
            staff = int(m.group(2).replace(",", "")) if m.group(2) else None
            rest.pop(0)
    if len(rest) > 1:
        return None
    return OrgUnit(name=lines[0], teams=teams, staff=staff, note=rest[0] if rest else None)


class OrgChartReader:
    """Recognises the org chart drawn at ``nodes[k]`` (and its group tables after it)."""

    def __init__(self, theme: Theme) -> None:
        self.layout = DiagramLayout(theme, theme.page.text_width_pt)

    def read(self, nodes: Sequence[SourceNode], k: int) -> tuple[OrgChart, int] | None:
        """The chart and how many source tables it used; None when it is not one."""
        t = nodes[k]
        if not isinstance(t, SourceTable) or t.n_rows != 4 or t.n_cols < 4 or t.n_cols % 4:
            return None
        n = t.n_cols // 4
        head_cells = [c for c in t.row(0) if _lines(c)]
        if len(head_cells) != 1 or any(_lines(c) for r in (1, 2) for c in t.row(r)):
            return None
        boxes = [c for c in t.row(3) if _lines(c)]
        if len(boxes) != n or any(c.colspan != 2 or c.col != 4 * i + 1
                                  for i, c in enumerate(boxes)):
            return None
        units = [_unit(_lines(c)) for c in boxes]
        if any(u is None for u in units):
            return None
        head = _lines(head_cells[0])
        if len(head) != 2:
            return None
        chart = OrgChart(head=head[0], units=tuple(u for u in units if u is not None))
        counter = self._counter(chart, head[1])
        if counter is None:
            return None
        has_teams = any(u.teams is not None for u in chart.units)
        has_staff = any(u.staff is not None for u in chart.units)
        chart = OrgChart(head=chart.head, units=chart.units, division_counter=counter,
                         total=OrgTotal(teams=chart.teams() if has_teams else None,
                                        staff=chart.staff() if has_staff else None)
                         if has_teams or has_staff else None)
        if self.layout.head_lines(chart) != head or any(
                self.layout.unit_lines(u) != _lines(c) for u, c in zip(chart.units, boxes,
                                                                       strict=True)):
            return None
        groups: list[OrgGroup] = []
        used = 1
        while k + used < len(nodes):
            group = self._group(nodes[k + used])
            if group is None:
                break
            groups.append(group)
            used += 1
        if groups:
            chart = OrgChart(head=chart.head, units=chart.units, groups=tuple(groups),
                             division_counter=counter, total=chart.total)
        return chart, used

    def _counter(self, chart: OrgChart, summary: str) -> str | None:
        """``과`` from the head's ``4과 20팀 277명`` (the counts part must be the computed)."""
        probe = self.layout.head_lines(OrgChart(head=chart.head, units=chart.units,
                                                division_counter=""))[1]
        n = str(len(chart.units))
        rest = probe[len(n):].strip()
        if not summary.startswith(n) or not summary.endswith(rest):
            return None
        counter = summary[len(n):len(summary) - len(rest)].strip()
        return counter or None

    def _group(self, node: SourceNode) -> OrgGroup | None:
        """A ``사업소 (2개소)`` | unit … row."""
        if not isinstance(node, SourceTable) or node.n_rows != 1 or node.n_cols < 2:
            return None
        cells = node.row(0)
        label = _lines(cells[0])
        if len(cells) != node.n_cols or not cells[0].fill or len(label) != 2:
            return None
        m = GROUP_COUNT_RE.fullmatch(label[1])
        units = [_unit(_lines(c)) for c in cells[1:]]
        if m is None or int(m.group(1)) != len(units) or any(u is None for u in units) or \
                label[1] != f"({len(units)}{m.group(2).strip()})":
            return None
        group = OrgGroup(label=label[0], units=tuple(u for u in units if u is not None),
                         counter=m.group(2).strip())
        if any(self.layout.unit_lines(u) != _lines(c) for u, c in zip(group.units, cells[1:],
                                                                      strict=True)):
            return None
        return group


__all__ = ["OrgChartReader"]
