"""read(render(r)) == r for every example, DOCX and HWPX (canonical JSON).

Where the model allows two trees that print the same page, the reader picks one; those
places are listed exactly here (a change in either direction fails the test).
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

import govreport as g
from govreport.readers import read_document
from govreport.serialization import dumps

NOT_YET_READ = frozenset({
    "citizen-proposal-plan-2025", "sports-facility-night-opening-plan-2025",
    "administration-bureau-work-report-2025",
})
"""Schema v2 examples whose new blocks and fields (lead box, title box, chapter and ①
numbering, computed tables, diagrams, inline annotations) the readers do not recognise yet.
Their round trips are expected to differ (strict: a trip that starts to pass must leave
this list); :func:`test_v2_examples_read_without_error` still reads them."""
EXAMPLES = [
    pytest.param(p, id=p.stem, marks=pytest.mark.xfail(
        strict=True, reason="reader does not recognise schema v2 additions yet"))
    if p.stem in NOT_YET_READ else pytest.param(p, id=p.stem)
    for p in sorted(Path(__file__).resolve().parents[1].joinpath("examples").glob("*.json"))
]

_CHART1 = "$.parts[1].sections[0].blocks[1]"  # the bar/line chart drawn from the budget table

KNOWN: dict[str, list[str]] = {
    # A chart drawn from a table (``source``) reads back with the numbers it showed, inline;
    # a table's id (what the chart pointed at) is not printed anywhere.
    "park-expansion-2025": [
        "$.parts[1].sections[0].blocks[0].id",
        "$.parts[1].sections[0].blocks[0].total",
        *(f"{_CHART1}.{k}" for k in ("categories", "secondary_unit", "series", "source")),
    ],
    # the 계 row of a budget table is printed either way; read back as the stated total
    "smart-civil-service-plan-2025": ["$.appendices[1].blocks[0].total"],
    # a top-level ※ after an item sits where a ※ under that item sits: read as its child
    "heavy-rain-brief-onepage": ["$.parts[0].intro[2].children[0].children",
                                 "$.parts[0].intro[3]"],
}


def _embedded(data: Any, base: Path) -> Any:
    """The report JSON with each picture's ``src`` file given as its bytes (``data``, base64),
    which is how a picture comes back from a document."""
    if isinstance(data, dict):
        out = {k: _embedded(v, base) for k, v in data.items()}
        if isinstance(out.get("src"), str) and "data" not in out:
            out["data"] = base64.b64encode((base / out.pop("src")).read_bytes()).decode()
        return out
    if isinstance(data, list):
        return [_embedded(v, base) for v in data]
    return data


def _diff(a: Any, b: Any, path: str = "$") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        return [p for k in sorted(set(a) | set(b)) for p in (
            [f"{path}.{k}"] if (k in a) != (k in b) else _diff(a[k], b[k], f"{path}.{k}"))]
    if isinstance(a, list) and isinstance(b, list):
        out = [f"{path}[{i}]" for i in range(min(len(a), len(b)), max(len(a), len(b)))]
        return [p for i in range(min(len(a), len(b))) for p in _diff(a[i], b[i],
                                                                    f"{path}[{i}]")] + out
    return [] if a == b else [path]


@pytest.mark.parametrize("theme", ["seoul", "central"])
@pytest.mark.parametrize("fmt", ["docx", "hwpx"])
@pytest.mark.parametrize("example", EXAMPLES)
def test_round_trip(example: Path, fmt: str, theme: str, tmp_path: Path) -> None:
    """Rendered with a theme and read with the same theme (its symbols, bold levels, dates)."""
    report = g.load(example)
    out = tmp_path / f"out.{fmt}"
    g.render(report, out, theme=theme)
    result = read_document(out, theme=theme)
    original = _embedded(json.loads(dumps(report)), example.parent)
    diffs = _diff(original, json.loads(dumps(result.report)))
    assert diffs == KNOWN.get(example.stem, [])
    assert [str(f) for f in result.fallbacks] == SKIPPED.get((example.stem, fmt), [])


SKIPPED: dict[tuple[str, str], list[str]] = {
    # python-hwpx's .hwp export stores the charts as OLE objects, which are not read
    ("park-expansion-2025", "hwp"): [
        f"paragraph {n}: an embedded object is not read (kept out of the model) (skipped)"
        for n in (60, 68)],
}
_CHART2 = "$.parts[1].sections[1].blocks[1]"
HWP_CHARTS = [  # where the two skipped charts were: their < 제목 > and 단위 lines stay as
    # paragraphs and the ※ under the first stays a plain note
    "$.parts[1].sections[0].blocks[0].id",
    "$.parts[1].sections[0].blocks[0].total",
    *(f"{_CHART1}.{k}" for k in ("align", "kind", "notes", "source", "text", "title", "type",
                                 "unit")),
    "$.parts[1].sections[0].blocks[2]",
    "$.parts[1].sections[0].blocks[3]",
    *(f"{_CHART2}.{k}" for k in ("align", "categories", "kind", "series", "text", "title",
                                 "type", "unit")),
    "$.parts[1].sections[1].blocks[2]",
]
"""Every fallback a round trip reports, exactly (none for the other examples)."""

HWP_META = {
    # python-hwpx's HWP 5 writer does not carry the package metadata (title, subject, …)
    "seoul-mayor-office-2025-04": ["$.meta.parent_org"],
    "smart-civil-service-plan-2025": ["$.meta.author", "$.meta.kind", "$.meta.parent_org"],
    "heavy-rain-brief-onepage": ["$.meta.kind"],
    "park-expansion-2025": ["$.meta.kind", "$.meta.parent_org"],
}


@pytest.mark.parametrize("example", EXAMPLES)
def test_round_trip_hwp(example: Path, tmp_path: Path) -> None:
    """.hwp made by the project's own export, read back through rhwp."""
    pytest.importorskip("hwpx")
    report = g.load(example)
    out = tmp_path / "out.hwp"
    g.render(report, out)
    result = read_document(out)
    assert result.format == "hwp"
    original = _embedded(json.loads(dumps(report)), example.parent)
    diffs = _diff(original, json.loads(dumps(result.report)))
    known = HWP_CHARTS if example.stem == "park-expansion-2025" else KNOWN.get(example.stem, [])
    assert diffs == sorted(known + HWP_META.get(example.stem, []))
    assert [str(f) for f in result.fallbacks] == SKIPPED.get((example.stem, "hwp"), [])


@pytest.mark.parametrize("stem", sorted(NOT_YET_READ))
def test_v2_examples_read_without_error(stem: str, tmp_path: Path) -> None:
    """Until the readers learn the v2 additions, their text still comes back."""
    report = g.load(Path(__file__).resolve().parents[1] / "examples" / f"{stem}.json")
    g.render(report, tmp_path / "r.hwpx")
    result = read_document(tmp_path / "r.hwpx")
    assert result.report.parts


def test_seoul_round_trip_is_exact_and_typed(tmp_path: Path) -> None:
    report = g.load(Path(__file__).resolve().parents[1] / "examples"
                    / "seoul-mayor-office-2025-04.json")
    g.render(report, tmp_path / "r.hwpx")
    result = read_document(tmp_path / "r.hwpx")
    assert dumps(result.report) == dumps(report)
    assert result.summary.startswith("151 of 151 blocks typed (100.0%)")
