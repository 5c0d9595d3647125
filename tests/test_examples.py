"""Every bundled example is valid, canonical and renders to DOCX and HWPX with all its text.

The examples show the model is not tied to the seed: a 추진계획 with other parts, appendices
(참고/붙임), footnotes and a colspan table; a one-page 요지 보고.
"""

from __future__ import annotations

import html
import io
import re
import warnings
import zipfile
from pathlib import Path

import pytest
from docx import Document

import govreport
from govreport.layout import iter_paras, layout
from govreport.render import render_bytes

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.json"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _docx_text(data: bytes) -> str:
    d = Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        parts += [c.text for c in t._cells]
    return _squash("".join(parts))


def _hwpx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("Contents/sec"))
    return _squash(html.unescape(re.sub(r"<[^>]+>", "", xml)))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_is_valid_and_canonical(path: Path) -> None:
    report = govreport.load(path)
    assert [p for p in govreport.check(report) if p.severity == "error"] == []
    assert govreport.dumps(report) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_renders_with_nothing_lost(path: Path) -> None:
    report = govreport.load(path)
    texts = [_squash(p.text.replace("\t", "")) for p in iter_paras(layout(report).body)]
    docx_text = _docx_text(render_bytes(report, "docx"))
    hwpx = render_bytes(report, "hwpx")
    hwpx_text = _hwpx_text(hwpx)
    missing_docx = [t for t in texts if t and t not in docx_text]
    missing_hwpx = [t for t in texts if t and t not in hwpx_text]
    assert not missing_docx and not missing_hwpx, (missing_docx[:3], missing_hwpx[:3])
    hwpx_mod = pytest.importorskip("hwpx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert hwpx_mod.validate_editor_open_safety(hwpx).ok


def test_plan_example_uses_appendices_footnotes_and_spans() -> None:
    report = govreport.load(Path(__file__).parents[1] / "examples"
                            / "smart-civil-service-plan-2025.json")
    laid = layout(report)
    toc = [e.label for e in laid.front[0].entries if e.level == 1]  # type: ignore[union-attr]
    assert toc == ["Ⅰ.", "Ⅱ.", "참고 1", "붙임 1", "참고 2"]
    roles = {p.role for p in iter_paras(laid.body)}
    assert {"footnote", "lead", "appendix_label", "note_table"} <= roles
