"""Templates shipped inside the package, by name (``govreport template export NAME``).

The files live in ``govreport/templates/`` (package data, so an installed govreport has
them); the repository's top-level ``templates/`` keeps examples and points here.  To ship
a new template, put the file under ``src/govreport/templates/`` and add one line to
:data:`SHIPPED`.  A name may have a DOCX and an HWPX file (``report``) or only one.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Literal

import attrs

Family = Literal["docx", "hwpx"]


@attrs.frozen(slots=True, kw_only=True)
class ShippedTemplate:
    """One shipped template file: its name, type and what it is for."""

    name: str
    family: Family
    file: str  # relative to govreport/templates/
    description: str

    @property
    def path(self) -> Path:
        """The file on disk (package data is always unpacked: setuptools wheels are not zipped)."""
        return Path(str(resources.files("govreport").joinpath("templates", *self.file.split("/"))))


_RECORDS = ("자유 서식: 레코드 목록 → 제목·단위 줄·표·합계 행 / free-form: a list of records as a "
            "titled table with unit line and total row")
_GROUPED = ("자유 서식: 그룹별 □ 요약과 구분 열이 병합된 소계·합계 표 / free-form: one □ per group "
            "and a table with the group column merged, subtotals and a total")
_SERIES = ("자유 서식: 기간별 값과 증감·증감률 / free-form: a time series with change and "
           "change-rate columns")

SHIPPED: tuple[ShippedTemplate, ...] = (
    ShippedTemplate(name="report", family="docx", file="report.docx",
                    description="기본 보고서 서식 / the default report template (restyle it)"),
    ShippedTemplate(name="report", family="hwpx", file="report.hwpx",
                    description="기본 보고서 서식 / the default report template (restyle it)"),
    ShippedTemplate(name="brief", family="docx", file="free/brief.docx",
                    description="자유 서식: 1쪽 요지 보고 / free-form one-page brief of a report"),
    ShippedTemplate(name="table-dump", family="docx", file="free/table-dump.docx",
                    description="자유 서식: 아무 JSON의 title·rows → 표 / free-form: any JSON "
                                "with title and rows as a table"),
    ShippedTemplate(name="records-table", family="docx", file="free/records-table.docx",
                    description=_RECORDS),
    ShippedTemplate(name="records-table", family="hwpx", file="free/records-table.hwpx",
                    description=_RECORDS),
    ShippedTemplate(name="grouped-report", family="docx", file="free/grouped-report.docx",
                    description=_GROUPED),
    ShippedTemplate(name="grouped-report", family="hwpx", file="free/grouped-report.hwpx",
                    description=_GROUPED),
    ShippedTemplate(name="time-series", family="docx", file="free/time-series.docx",
                    description=_SERIES),
    ShippedTemplate(name="time-series", family="hwpx", file="free/time-series.hwpx",
                    description=_SERIES),
)


def names() -> list[str]:
    """Every shipped template name, in order, once."""
    return list(dict.fromkeys(t.name for t in SHIPPED))


def lookup(name: str) -> dict[Family, ShippedTemplate]:
    """The files of a shipped template by type: ``report`` or ``report.docx`` (one type).

    An empty dict when nothing of that name is shipped.
    """
    stem, dot, suffix = name.rpartition(".")
    if dot and suffix.lower() in ("docx", "hwpx"):
        return {t.family: t for t in SHIPPED if t.name == stem and t.family == suffix.lower()}
    return {t.family: t for t in SHIPPED if t.name == name}


def shipped_path(name: str, family: Family) -> Path:
    """The file of shipped template ``name`` for ``family``; ``KeyError`` if there is none."""
    found = lookup(name).get(family)
    if found is None:
        raise KeyError(f"no shipped .{family} template named {name!r} (shipped: "
                       f"{', '.join(names())})")
    return found.path


__all__ = ["SHIPPED", "Family", "ShippedTemplate", "lookup", "names", "shipped_path"]
