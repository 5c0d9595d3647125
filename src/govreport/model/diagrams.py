"""Diagram blocks of a 업무보고, drawn as editable box tables (no images).

* :class:`OrgChart` — 조직도: a head unit, its divisions with team/staff counts and separate
  groups (사업소, 출연기관).  Totals are computed from the units, never typed twice.
* :class:`VisionDiagram` — 비전 체계도: vision → goals → strategies with their tasks.
* :class:`Comparison` — 비교 상자: two or three labelled columns (현행 | 개선).
"""

from __future__ import annotations

import attrs

from .dates import Period, to_optional_period


def _tuple(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, list | tuple) else (value,)


@attrs.frozen(slots=True, kw_only=True)
class OrgUnit:
    """One box of an org chart: ``총무과`` with ``teams`` (6팀) and ``staff`` (120명).

    ``note`` is a short line printed under the counts (``(직속)``, ``'25.1. 신설``).
    """

    name: str
    teams: int | None = None
    staff: int | None = None
    note: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class OrgGroup:
    """A separate group of units under the head (``사업소``, ``출연기관``); count computed."""

    label: str
    units: tuple[OrgUnit, ...] = attrs.field(converter=_tuple)
    counter: str = "개"
    """The counter noun of the group's unit count: ``사업소 (3개)``, ``출연기관 (2개 기관)``."""


@attrs.frozen(slots=True, kw_only=True)
class OrgTotal:
    """Totals stated by the source (checked against the sums of the divisions)."""

    teams: int | None = None
    staff: int | None = None


@attrs.frozen(slots=True, kw_only=True)
class OrgChart:
    """조직도: ``head`` (실·국) over its ``units`` (과·담당관), then ``groups`` (사업소 …).

    The head box prints the computed totals of its units (``4과 19팀 380명``);
    ``division_counter`` names what a unit is (``과``; ``개 부서`` for mixed units).
    """

    head: str
    units: tuple[OrgUnit, ...] = attrs.field(converter=_tuple)
    groups: tuple[OrgGroup, ...] = attrs.field(default=(), converter=_tuple)
    title: str | None = None
    basis: Period | None = attrs.field(default=None, converter=to_optional_period)
    division_counter: str = "과"
    total: OrgTotal | None = None
    id: str | None = None
    """A name, unique in the report, that references in running text use (``{=org.staff}``,
    :mod:`govreport.model.refs`)."""

    def teams(self) -> int:
        """팀 수 of the divisions (units without a team count add nothing)."""
        return sum(u.teams or 0 for u in self.units)

    def staff(self) -> int:
        """인원 of the divisions."""
        return sum(u.staff or 0 for u in self.units)


@attrs.frozen(slots=True, kw_only=True)
class Strategy:
    """A strategy (추진전략) of a vision diagram with its tasks (추진과제)."""

    title: str
    tasks: tuple[str, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(slots=True, kw_only=True)
class VisionDiagram:
    """비전 체계도: stacked boxes ``비전`` → ``목표`` → ``추진전략`` (with 추진과제 under each)."""

    vision: str
    goals: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    strategies: tuple[Strategy, ...] = attrs.field(default=(), converter=_tuple)
    title: str | None = None
    vision_label: str = "비전"
    goals_label: str = "목표"
    strategies_label: str = "추진전략"


@attrs.frozen(slots=True, kw_only=True)
class ComparisonColumn:
    """One labelled column of a comparison box: ``현행`` and its lines."""

    label: str
    items: tuple[str, ...] = attrs.field(default=(), converter=_tuple)


@attrs.frozen(slots=True, kw_only=True)
class Comparison:
    """A comparison box of two or three labelled columns (``현행 ⇨ 개선``).

    ``arrow`` draws ``⇨`` between the columns (a before/after reading); without it the columns
    stand side by side (alternatives A | B | C).
    """

    columns: tuple[ComparisonColumn, ...] = attrs.field(converter=_tuple)
    title: str | None = None
    arrow: bool = True
