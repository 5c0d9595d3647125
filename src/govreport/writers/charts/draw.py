"""A :class:`ChartBox` drawn as a picture with matplotlib (``render="picture"`` charts).

Native charts (:mod:`.chartml`) are the default in both formats; this picture is the
fallback for readers that cannot draw chart objects.  It follows the native chart's look:
plain left/bottom axes, value labels, legend below, the theme's colours and font (the
official font when installed, else its free substitute, see :mod:`govreport.support.fonts`).
Needs the optional extra ``govreport[charts]`` (matplotlib).
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

from ...layout.nodes import ChartBox, PictureBox
from ...support.errors import RenderError
from ...support.fonts import SUBSTITUTES

DPI = 200
_FALLBACK_FONTS = ("NanumGothic", "Noto Sans CJK KR", "UnDotum", "NanumBarunGothic")


def _matplotlib() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg", force=False)
        import matplotlib.pyplot as plt
    except ImportError:
        raise RenderError(
            'charts drawn as pictures (render: "picture") need matplotlib: '
            "pip install 'govreport[charts]'") from None
    return plt


@cache
def font_family(name: str) -> str | None:
    """An installed font for ``name``: itself, a substitute, or a common Korean font."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for candidate in (name, *SUBSTITUTES.get(name, ()), *_FALLBACK_FONTS):
        if candidate in installed:
            return candidate
    return None


def chart_png(box: ChartBox) -> bytes:
    """PNG bytes of ``box`` at :data:`DPI`, sized as the box."""
    plt = _matplotlib()
    family = font_family(box.font)
    rc = {"font.size": box.font_pt, "axes.unicode_minus": False,
          "svg.hashsalt": "govreport", "text.color": box.text_color}
    if family:
        rc["font.family"] = family
    with plt.rc_context(rc):
        fig, ax = plt.subplots(figsize=(box.width_pt / 72, box.height_pt / 72), dpi=DPI)
        try:
            _draw(fig, ax, box)
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=DPI, facecolor="white",
                        metadata={"Software": None})
        finally:
            plt.close(fig)
    return buf.getvalue()


def _plain(ax: Any, box: ChartBox, *, right: bool = False) -> None:
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(side in ("bottom", "right" if right else "left"))
        ax.spines[side].set_color(box.axis_color)
    ax.tick_params(colors=box.text_color, length=3)
    if box.gridlines and not right:
        ax.yaxis.grid(True, color="#D9D9D9", linewidth=0.5)
        ax.set_axisbelow(True)


def _draw(fig: Any, ax: Any, box: ChartBox) -> None:
    n = len(box.categories)
    label_size = box.font_pt * 0.9
    if box.kind == "pie":
        s = box.series[0]
        values = [v or 0.0 for v in s.values]
        if any(v < 0 or v != v for v in values) or not any(v > 0 for v in values):
            from ...support.errors import RenderError  # reached only with check=False

            raise RenderError("a pie chart needs values of 0 or more, at least one above "
                              "zero")
        wedges, _ = ax.pie(values, colors=list(box.colors), startangle=90, counterclock=False,
                           wedgeprops={"edgecolor": "white", "linewidth": 1})
        if box.value_labels:
            total = sum(values) or 1.0
            import math

            angle = 90.0
            for value, label in zip(values, s.labels, strict=True):
                share = value / total * 360
                mid = math.radians(angle - share / 2)
                ax.text(0.7 * math.cos(mid), 0.7 * math.sin(mid), label, ha="center",
                        va="center", fontsize=label_size)
                angle -= share
        ax.set_aspect("equal")
        if box.legend:
            fig.legend(wedges, box.categories, loc="lower center", ncol=min(n, 5),
                       frameon=False)
            fig.subplots_adjust(bottom=0.18)
        return
    xs: list[float] = [float(x) for x in range(n)]
    primary = [s for s in box.series if not s.secondary]
    secondary = [s for s in box.series if s.secondary]
    ax2 = ax.twinx() if secondary else None
    bars = [s for s in box.series if s.kind == "bar"]
    handles = []
    width = 0.8 / (1 if box.kind == "stacked_bar" else max(len(bars), 1))
    bottoms = [0.0] * n
    for j, s in enumerate(bars):
        target = ax2 if s.secondary and ax2 is not None else ax
        values = [v or 0.0 for v in s.values]
        if box.kind == "stacked_bar":
            pos = xs
            drawn = target.bar(pos, values, width, bottom=bottoms, color=s.color, label=s.name)
            if box.value_labels:
                target.bar_label(drawn, labels=list(s.labels), label_type="center",
                                 fontsize=label_size)
            bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
        else:
            pos = [x - 0.4 + width * (j + 0.5) for x in xs]
            drawn = target.bar(pos, values, width, color=s.color, label=s.name)
            if box.value_labels:
                target.bar_label(drawn, labels=list(s.labels), padding=2, fontsize=label_size)
        handles.append(drawn)
    for s in box.series:
        if s.kind != "line":
            continue
        target = ax2 if s.secondary and ax2 is not None else ax
        pts = [(x, v) for x, v in zip(xs, s.values, strict=True) if v is not None]
        (line,) = target.plot([p[0] for p in pts], [p[1] for p in pts], color=s.color,
                              linewidth=2.0, marker="o", markersize=4, label=s.name)
        handles.append(line)
        if box.value_labels:
            for (x, v), label in zip(pts, [t for t in s.labels if t], strict=False):
                target.annotate(label, (x, v), textcoords="offset points", xytext=(0, 5),
                                ha="center", fontsize=label_size)
    ax.set_xticks(xs, list(box.categories))
    ax.set_xlim(-0.6, n - 0.4)
    _plain(ax, box)
    for a, members in ((ax, primary), (ax2, secondary)):
        if a is None or not members:
            continue
        top = max((v for s in members for v in s.values if v is not None), default=1.0)
        if box.kind == "stacked_bar" and a is ax:
            top = max(bottoms, default=top)
        a.set_ylim(min(0.0, min((v for s in members for v in s.values if v is not None),
                                default=0.0)), top * 1.15 or 1.0)
        from matplotlib.ticker import MaxNLocator

        a.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=top >= 10))
        a.set_facecolor("white")
        percent = members[0].number_format.endswith('"%"')
        a.yaxis.set_major_formatter(
            (lambda v, _p, pct=percent: f"{v:,.0f}" + ("%" if pct else "")))
    if ax2 is not None:
        _plain(ax2, box, right=True)
    if box.legend and handles:
        fig.legend(handles, [h.get_label() for h in handles], loc="lower center",
                   ncol=min(len(handles), 5), frameon=False, handlelength=1.2)
        fig.subplots_adjust(bottom=0.2)
    fig.tight_layout(rect=(0, 0.08 if box.legend else 0, 1, 1))


def chart_picture(box: ChartBox) -> PictureBox:
    """``box`` as a :class:`PictureBox` (same size, alignment and spacing)."""
    data = chart_png(box)
    return PictureBox(data=data, format="png", width_pt=box.width_pt, height_pt=box.height_pt,
                      px_width=round(box.width_pt / 72 * DPI),
                      px_height=round(box.height_pt / 72 * DPI), align=box.align,
                      name=box.title or "chart", descr=box.title,
                      space_before_pt=box.space_before_pt, keep_next=box.keep_next)


__all__ = ["DPI", "chart_picture", "chart_png", "font_family"]
