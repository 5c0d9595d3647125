"""``{{ image(path) }}`` and ``{{ chart(...) }}`` for free-form DOCX templates.

Both are functions of the sandboxed environment, bound to the template being filled: an
image is read like a ``figure`` (inside the data file's folder, never from the network,
within the ``image_mb``/``image_pixels`` limits); a chart is the same native chart as the
``chart`` block (DrawingML part + embedded workbook), drawn from the template's data::

    {{ image("photos/site.jpg", width_mm=120) }}
    {{ chart(data.monthly, x="month", y=["received", "closed"], kind="line", unit="건") }}
    {{ chart(categories=["2023", "2024"], series={"예산": [120, 135]}, kind="bar") }}

They print an inline drawing in place of the ``{{ }}`` run (write them alone in a paragraph
and align the paragraph as you like).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from ...layout.figures import FigureLayout
from ...layout.nodes import ChartBox, PictureBox
from ...model import CHART_KINDS, Chart, ChartSeries
from ...support.images import ImageError, read_image
from ...theme import Theme
from ..units import EMU_PER_PT
from .drawing import DocxMedia, chart_run, picture_run
from .ooxml import W_NS

MAX_CHART_CATEGORIES = 200
MAX_CHART_SERIES = 20
MAX_DRAWINGS = 200
"""Pictures and charts one template fill may add."""


class _Drawing:
    """What ``{{ image(…) }}``/``{{ chart(…) }}`` print: the run XML of an inline drawing
    (docxtpl closes the current text run before it and reopens one after it)."""

    def __init__(self, xml: str) -> None:
        self._xml = xml

    def __html__(self) -> str:
        return f'</w:t></w:r>{self._xml}<w:r><w:t xml:space="preserve">'

    __str__ = __html__


def _run_xml(fill: Callable[[etree._Element], None]) -> str:
    run = etree.Element(f"{{{W_NS}}}r", nsmap={"w": W_NS})
    fill(run)
    return etree.tostring(run, encoding="unicode")


def _number(value: Any, where: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        try:
            value = float(str(value).replace(",", ""))
        except ValueError:
            raise ValueError(f"chart(): {where}: {value!r} is not a number") from None
    if not math.isfinite(value) or abs(value) >= 1e18:
        raise ValueError(f"chart(): {where}: {value!r} is not a usable number")
    return float(value)


def _size(value: Any, name: str) -> float | None:
    if value is None:
        return None
    number = _number(value, name)
    if number is None or not 0 < number <= 1000:
        raise ValueError(f"chart()/image(): {name} must be between 0 and 1000 mm")
    return number


class TemplateMedia:
    """The ``image``/``chart`` functions for one fill of one template."""

    def __init__(self, tpl: Any, base_dir: str | os.PathLike[str] | None,
                 theme: Theme | None = None, locale: str = "ko_KR") -> None:
        self.tpl = tpl
        self.base_dir = base_dir
        self.theme = theme or Theme.seoul()
        self.locale = locale
        self._media: DocxMedia | None = None
        self.count = 0

    @property
    def media(self) -> DocxMedia:
        if self._media is None:
            self._media = DocxMedia(self.tpl.docx)
        return self._media

    def text_width_pt(self) -> float:
        try:
            s = self.tpl.docx.sections[0]
            return float((s.page_width - s.left_margin - s.right_margin) / EMU_PER_PT)
        except Exception:  # a template without section properties: the theme's width
            return self.theme.page.text_width_pt

    def _next(self) -> None:
        self.count += 1
        if self.count > MAX_DRAWINGS:
            raise ValueError(f"image()/chart(): more than {MAX_DRAWINGS} pictures and charts")

    def globals(self) -> dict[str, Callable[..., _Drawing]]:
        return {"image": self.image, "chart": self.chart}

    # ------------------------------------------------------------------ image
    def image(self, path: Any, width_mm: Any = None, width: Any = None,
              alt: str = "") -> _Drawing:
        """An inline picture from ``path`` (relative to the data file's folder)."""
        self._next()
        try:
            img = read_image(str(path), self.base_dir)
        except ImageError as exc:
            raise ValueError(f"image(): {exc}") from None
        full = self.text_width_pt()
        mm = _size(width_mm, "width_mm")
        share = _number(width, "width") if width is not None else None
        if share is not None and not 0 < share <= 1:
            raise ValueError("image(): width is a share of the text width (0 < width ≤ 1)")
        w = mm * 72 / 25.4 if mm else full * share if share else min(img.width_pt, full)
        box = PictureBox(data=img.data, format=img.format, width_pt=w,
                         height_pt=w * img.px_height / img.px_width, px_width=img.px_width,
                         px_height=img.px_height, name=Path(str(path)).name, descr=str(alt))
        rid, sid = self.media.image(box.data), self.media.shape_id()
        return _Drawing(_run_xml(lambda r: picture_run(r, box, rid, sid)))

    # ------------------------------------------------------------------ chart
    def chart(self, data: Any = None, kind: str = "bar", *, x: str | None = None,
              y: str | Sequence[str] | None = None, categories: Any = None,
              series: Any = None, title: str | None = None, unit: str | None = None,
              decimals: int | None = None, width_mm: Any = None, height_mm: Any = None,
              legend: bool | None = None, value_labels: bool = True) -> _Drawing:
        """A native chart: ``data`` rows with ``x``/``y`` keys, a ``{label: value}`` mapping,
        or ``categories`` + ``series`` (a ``{name: values}`` mapping or a list of
        ``{"name": …, "values": […]}``)."""
        self._next()
        if kind not in CHART_KINDS:
            raise ValueError(f"chart(): kind {kind!r} is not one of {', '.join(CHART_KINDS)}")
        cats, named = self._data(data, x, y, categories, series, unit)
        if not cats or not named:
            raise ValueError("chart(): no data (give rows with x and y, a mapping, or "
                             "categories and series)")
        if len(cats) > MAX_CHART_CATEGORIES or len(named) > MAX_CHART_SERIES:
            raise ValueError(f"chart(): at most {MAX_CHART_CATEGORIES} categories and "
                             f"{MAX_CHART_SERIES} series")
        for name, values in named:
            if len(values) != len(cats):
                raise ValueError(f"chart(): series {name!r} has {len(values)} values for "
                                 f"{len(cats)} categories")
        if decimals is not None and (not isinstance(decimals, int) or not 0 <= decimals <= 6):
            raise ValueError("chart(): decimals must be 0 to 6")
        model = Chart(kind=kind, categories=tuple(cats), unit=unit, decimals=decimals,  # type: ignore[arg-type]
                      series=tuple(ChartSeries(name=n, values=tuple(v)) for n, v in named),
                      width_mm=_size(width_mm, "width_mm"),
                      height_mm=_size(height_mm, "height_mm"), legend=legend,
                      value_labels=bool(value_labels), title=title)
        box: ChartBox = FigureLayout(None, self.theme, self.locale,
                                     self.text_width_pt()).chart(model)
        rid, sid = self.media.chart(box), self.media.shape_id()
        return _Drawing(_run_xml(lambda r: chart_run(r, box, rid, sid)))

    @staticmethod
    def _data(data: Any, x: str | None, y: str | Sequence[str] | None, categories: Any,
              series: Any, unit: str | None
              ) -> tuple[list[str], list[tuple[str, list[float | None]]]]:
        if data is not None and x is not None:
            rows = list(data)[:MAX_CHART_CATEGORIES + 1]
            keys = [y] if isinstance(y, str) else list(y or ())
            if not keys:
                raise ValueError("chart(): with rows, give y (a key or a list of keys)")
            cats = [str(_get(r, x)) for r in rows]
            return cats, [(str(k), [_number(_get(r, k), f"{k}[{i}]")
                                    for i, r in enumerate(rows)]) for k in keys]
        if isinstance(data, Mapping):
            items = list(data.items())[:MAX_CHART_CATEGORIES + 1]
            return ([str(k) for k, _ in items],
                    [(unit or "", [_number(v, str(k)) for k, v in items])])
        cats = [str(c) for c in list(categories or ())[:MAX_CHART_CATEGORIES + 1]]
        named: list[tuple[str, list[float | None]]] = []
        if isinstance(series, Mapping):
            pairs = list(series.items())
        else:
            pairs = [(s.get("name", ""), s.get("values", ())) if isinstance(s, Mapping)
                     else ("", s) for s in list(series or ())]
        for name, values in pairs[:MAX_CHART_SERIES + 1]:
            vals = list(values)[:MAX_CHART_CATEGORIES + 1]
            named.append((str(name), [_number(v, f"{name}[{i}]") for i, v in enumerate(vals)]))
        return cats, named


def _get(row: Any, key: str) -> Any:
    if isinstance(row, Mapping):
        if key not in row:
            raise ValueError(f"chart(): a row has no {key!r}")
        return row[key]
    raise ValueError("chart(): rows must be objects (give x and y keys)")


__all__ = ["MAX_DRAWINGS", "TemplateMedia"]
