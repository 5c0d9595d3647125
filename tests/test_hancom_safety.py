"""The Hancom-safety rules (tests/hancom_safety.py) over every example's HWPX, in both
shipped themes and through the shipped template; and over Hancom's own files, which they
must accept (the rules are causes of trouble, not a house style)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

import govreport
from govreport.layout import layout
from govreport.theme import Theme
from govreport.writers.hwpx import write_hwpx
from hancom_safety import hancom_problems

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
CORPUS = ROOT.parent / "shared" / "corpus" / "real"


@pytest.mark.parametrize("profile", ["seoul", "central"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_is_hancom_safe(path: Path, profile: str) -> None:
    theme = Theme.profile_named(profile)
    data = write_hwpx(layout(govreport.load(path), theme), theme)
    assert hancom_problems(data) == []


@pytest.mark.parametrize("path", EXAMPLES[:2], ids=lambda p: p.stem)
def test_template_output_is_hancom_safe(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "t.hwpx"
    govreport.render(path, out, template="report")
    assert hancom_problems(out.read_bytes()) == []


def _corpus() -> list[Path]:
    return sorted(p for p in CORPUS.glob("*.hwpx") if zipfile.is_zipfile(p))


@pytest.mark.skipif(not _corpus(), reason="../shared/corpus/real (Hancom's own files) absent")
def test_the_rules_accept_hancoms_own_files() -> None:
    problems = {p.name: hancom_problems(p.read_bytes(), hancom_made=True) for p in _corpus()}
    assert {k: v for k, v in problems.items() if v} == {}


def test_the_rules_find_what_they_name() -> None:
    """A package rewritten with a deflated mimetype, a layout cache and a stray id."""
    import io

    theme = Theme.seoul()
    good = write_hwpx(layout(govreport.load(EXAMPLES[0]), theme), theme)
    src = zipfile.ZipFile(io.BytesIO(good))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "Contents/section0.xml":
                data = data.replace(b"</hp:p>", b"<hp:linesegarray/></hp:p>", 1)
                data = re.sub(rb'paraPrIDRef="\d+"', b'paraPrIDRef="9999"', data, count=1)
            out.writestr(info.filename, data)
    found = hancom_problems(buf.getvalue())
    assert "mimetype is not the first, stored entry" in found
    assert "a paragraph carries a linesegarray layout cache" in found
    assert any("paraPrIDRef=9999" in f for f in found)
