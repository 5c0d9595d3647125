"""Checks of figures, charts, org charts, vision diagrams and comparison boxes."""

from __future__ import annotations

from ..model import (
    Chart,
    Comparison,
    ComparisonColumn,
    Figure,
    OrgChart,
    OrgGroup,
    OrgUnit,
    Strategy,
    VisionDiagram,
)
from ..model.refs import problems as reference_problems
from .base import (
    MAX_SIDE_BY_SIDE,
    CheckerBase,
    _fmt,
)

MAX_CHART_CATEGORIES = 200
"""Categories (x-axis labels, pie slices) of one chart."""
MAX_CHART_SERIES = 50
"""Series of one chart (each a colour of bars or a line)."""
MAX_CHART_LABEL = 200
"""Characters of one category label or series name."""
MAX_PICTURE_POINTS = 2000
"""Values (categories × series) of one chart drawn as a picture (matplotlib takes several
milliseconds a value: 2,000 values ≈ 15 s on a busy 2-core machine)."""


class FigureChecks(CheckerBase):
    """The checks of pictures, charts and diagrams."""

    def references(self) -> None:
        """References to computed figures in running text (``{=org.staff}``) name a figure;
        a stated one (``{=org.staff:277}``) matches it."""
        for path, message in reference_problems(self.root):
            self.add(path, message)

    def org_chart(self, o: OrgChart, path: str, _: int) -> None:
        self.table_id(o.id, path)
        self.require_field(o.head, path, "head", "the head unit")
        if not o.units:
            self.add(f"{path}.units", "an org chart needs at least one unit")
        if len(o.units) > MAX_SIDE_BY_SIDE:
            self.add(f"{path}.units", f"{len(o.units)} units do not fit side by side (at most "
                                      f"{MAX_SIDE_BY_SIDE}); split the chart or use a table")
        if o.total is not None:
            for name, computed in (("teams", o.teams()), ("staff", o.staff())):
                stated = getattr(o.total, name)
                if stated is not None and stated != computed:
                    self.add(f"{path}.total.{name}",
                             f"stated total {name} {_fmt(stated)} differs from the sum of the "
                             f"units {_fmt(computed)}")

    def org_unit(self, u: OrgUnit, path: str, _: int) -> None:
        self.require_field(u.name, path, "name", "a unit name")
        self.optional_field(u.note, path, "note", "note")
        for name in ("teams", "staff"):
            value = getattr(u, name)
            if value is not None and value < 0:
                self.add(f"{path}.{name}", f"a count cannot be negative ({value})")

    def org_group(self, g: OrgGroup, path: str, _: int) -> None:
        self.require_field(g.label, path, "label", "a group label")
        if not g.units:
            self.add(f"{path}.units", "a group needs at least one unit")
        if len(g.units) > MAX_SIDE_BY_SIDE:
            self.add(f"{path}.units", f"{len(g.units)} units do not fit side by side (at most "
                                      f"{MAX_SIDE_BY_SIDE})")

    def vision(self, v: VisionDiagram, path: str, _: int) -> None:
        self.require_field(v.vision, path, "vision", "the vision")
        for i, goal in enumerate(v.goals):
            self.require_text(goal, f"{path}.goals[{i}]", "a goal")
        if len(v.goals) > 6:
            self.add(f"{path}.goals", f"{len(v.goals)} goals do not fit side by side (at most 6)")
        if len(v.strategies) > 6:
            self.add(f"{path}.strategies", f"{len(v.strategies)} strategies do not fit side by "
                                           "side (at most 6)")

    def strategy(self, s: Strategy, path: str, _: int) -> None:
        self.require_field(s.title, path, "title", "a strategy title")
        for i, task in enumerate(s.tasks):
            self.require_text(task, f"{path}.tasks[{i}]", "a task")

    def comparison(self, c: Comparison, path: str, _: int) -> None:
        if not 2 <= len(c.columns) <= 3:
            self.add(f"{path}.columns",
                     f"a comparison has 2 or 3 columns, not {len(c.columns)}")

    def comparison_column(self, c: ComparisonColumn, path: str, _: int) -> None:
        self.require_field(c.label, path, "label", "a column label")

    def figure(self, f: Figure, path: str, _: int) -> None:
        from ..support.images import ImageError, figure_image

        if f.src is None and f.data is None:
            self.add(path, "a figure needs src (a picture file) or data")
            return
        if f.width is not None and not 0 < f.width <= 1:
            self.add(f"{path}.width", f"width is a share of the text width, more than 0 and "
                                      f"at most 1 (got {_fmt(f.width)}); use width_mm for mm")
        if f.width_mm is not None and f.width_mm <= 0:
            self.add(f"{path}.width_mm", f"width_mm must be more than 0 (got {_fmt(f.width_mm)})")
        if f.width is not None and f.width_mm is not None:
            self.add(f"{path}.width_mm", "give width or width_mm, not both")
        self.optional_field(f.caption, path, "caption", "a caption")
        try:
            figure_image(f.src, f.data, self.root.base_dir)
        except ImageError as exc:
            self.add(f"{path}.{'data' if f.data is not None else 'src'}", str(exc))

    def chart(self, c: Chart, path: str, _: int) -> None:
        from ..model.chart_data import ChartDataError, chart_data

        self.optional_field(c.title, path, "title", "a chart title")
        self.optional_field(c.unit, path, "unit", "a unit")
        if c.decimals is not None and not 0 <= c.decimals <= 6:
            self.add(f"{path}.decimals", f"decimals must be 0 to 6 (got {c.decimals})")
        if c.width is not None and not 0 < c.width <= 1:
            self.add(f"{path}.width", f"width is a share of the text width, more than 0 and "
                                      f"at most 1 (got {_fmt(c.width)})")
        for name in ("width_mm", "height_mm"):
            value = getattr(c, name)
            if value is not None and not 0 < value <= 1000:
                self.add(f"{path}.{name}", f"{name} must be more than 0 (got {_fmt(value)})")
        if c.source is not None:
            for i, s in enumerate(c.series):
                if s.values:
                    self.add(f"{path}.series[{i}].values",
                             "values come from the source table; give either source or values")
            try:
                cats, data = chart_data(c, self.tables())
            except ChartDataError as exc:
                self.add(f"{path}.source.{exc.field}", str(exc))
                return
        else:
            if not c.series:
                self.add(f"{path}.series", "a chart needs series (or a source table)")
                return
            if not c.categories:
                self.add(f"{path}.categories", "a chart needs categories (the x-axis labels)")
            for i, s in enumerate(c.series):
                self.require_text(s.name, f"{path}.series[{i}].name", "a series name")
                if len(s.values) != len(c.categories):
                    self.add(f"{path}.series[{i}].values",
                             f"{len(s.values)} values for {len(c.categories)} categories")
            cats, data = c.categories, ()
        if len(cats) > MAX_CHART_CATEGORIES:
            self.add(f"{path}.categories", f"{len(cats)} categories are too many for a chart "
                                           f"(at most {MAX_CHART_CATEGORIES})")
        shown: list[tuple[str, tuple[float | int | None, ...]]] = [
            (s.name or "", tuple(s.values)) for s in (data if c.source is not None
                                                      else c.series)]
        n = len(shown)
        if n > MAX_CHART_SERIES:
            self.add(f"{path}.series", f"{n} series are too many for a chart (at most "
                                       f"{MAX_CHART_SERIES})")
        if c.render == "picture" and n * len(cats) > MAX_PICTURE_POINTS:
            self.add(f"{path}.render", f"a chart drawn as a picture shows at most "
                     f"{MAX_PICTURE_POINTS:,} values ({len(cats)} categories × {n} series = "
                     f"{n * len(cats):,}); draw it as a native chart or show fewer")
        where = "source" if c.source is not None else "categories"
        for i, label in enumerate(cats[:MAX_CHART_CATEGORIES]):
            if len(label) > MAX_CHART_LABEL:
                self.add(f"{path}.{where}[{i}]" if where == "categories" else f"{path}.source",
                         f"a category label of {len(label):,} characters is too long for a "
                         f"chart (at most {MAX_CHART_LABEL})")
                break
        for i, (name, _values) in enumerate(shown[:MAX_CHART_SERIES]):
            if len(name) > MAX_CHART_LABEL:
                self.add(f"{path}.series[{i}].name", f"a series name of {len(name):,} "
                         f"characters is too long for a chart (at most {MAX_CHART_LABEL})")
        if c.kind == "pie" and n > 1:
            self.add(f"{path}.series", f"a pie chart shows one series ({n} given)")
        if c.kind == "pie" and n == 1:
            values = shown[0][1]
            at = f"{path}.series[0].values" if c.source is None else f"{path}.source"
            given = [v for v in values if v is not None]
            if len(given) < len(values):
                self.add(at, "a pie chart cannot show a missing value (give 0 for an empty "
                             "slice)")
            elif any(v < 0 for v in given):
                self.add(at, "a pie chart cannot show negative values")
            elif given and not any(v > 0 for v in given):
                self.add(at, "a pie chart needs at least one value above zero")
