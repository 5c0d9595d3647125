"""The shortcuts that make long reports fast give what the plain paths give.

* Pagination places a document once, from the placements of its runs between page breaks
  (each run shifted to its first page), instead of a second pass over the whole: the
  placement must be the one a whole pass gives, on every example, with pulled-back tails.
* The HWPX section is zipped piece by piece: the package must be byte for byte the one its
  joined text gives.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path
from typing import Any

import attrs
import pytest

import govreport
from govreport.layout import layout
from govreport.layout import paginate as pagination
from govreport.layout.nodes import LaidDocument, Node
from govreport.theme import Theme
from govreport.writers.hwpx.header import HeaderBuilder
from govreport.writers.hwpx.package import (
    build_zip,
    paragraph_texts,
    preview_text,
    standard_parts,
)
from govreport.writers.hwpx.section import SectionWriter
from govreport.writers.hwpx.writer import document_meta, write_hwpx

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.json"))
SEED = next(p for p in EXAMPLES if p.name.startswith("seoul-mayor-office"))


@pytest.mark.parametrize("theme", ["seoul", "central"])
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_one_pass_placement_equals_a_whole_pass(path: Path, theme: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[int] = []
    tails = pagination._pull_back_tails

    def checked(nodes: list[Node], flow: pagination._Flow) -> tuple[
            list[Node], list[pagination._Placed | None] | None]:
        out, placed = tails(nodes, flow)
        if placed is not None:
            assert placed == flow.run(out)
            compared.append(len(out))
        return out, placed

    monkeypatch.setattr(pagination, "_pull_back_tails", checked)
    report = govreport.load(path)
    for kind in ("booklet", "compact"):
        layout(attrs.evolve(report, layout=kind), Theme.profile_named(theme))
    assert compared


def test_one_pass_placement_with_tails_pulled_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shortened seeds (blocks dropped at random, seeded), some of whose runs end in a line or
    two on a page of their own."""
    pulled: list[int] = []
    pull_back, tails = pagination._pull_back, pagination._pull_back_tails

    def counting(*args: object) -> object:
        found = pull_back(*args)  # type: ignore[arg-type]
        pulled.append(found is not None)
        return found

    def checked(nodes: list[Node], flow: pagination._Flow) -> tuple[
            list[Node], list[pagination._Placed | None] | None]:
        out, placed = tails(nodes, flow)
        assert placed is not None and placed == flow.run(out)
        return out, placed

    monkeypatch.setattr(pagination, "_pull_back", counting)
    monkeypatch.setattr(pagination, "_pull_back_tails", checked)
    data = json.loads(SEED.read_text(encoding="utf-8"))
    rng = random.Random(1)

    def prune(value: Any) -> Any:  # drop about one in seven blocks, rows, items …
        if isinstance(value, dict):
            return {k: prune(v) for k, v in value.items()}
        if isinstance(value, list):
            kept = [prune(v) for v in value if not (isinstance(v, dict) and rng.random() < 0.15)]
            return kept if kept or not value else [prune(value[0])]
        return value

    for _ in range(60):
        try:
            report = govreport.loads(json.dumps(prune(data), ensure_ascii=False))
        except govreport.ValidationError:
            continue
        layout(report)
    assert any(pulled), "no tail was pulled back: the case is not exercised"


def _joined_package(doc: LaidDocument, theme: Theme) -> bytes:
    """The package as it was written before pieces: the section joined, then zipped."""
    header = HeaderBuilder(theme)
    writer = SectionWriter(theme, header)
    section = writer.document(doc)
    parts = standard_parts(header.render(), [section], document_meta(doc),
                           preview_text(paragraph_texts(doc.all_nodes())))
    writer.media.add_to(parts)
    return build_zip(parts)


@pytest.mark.parametrize("factor", [1, 30])
def test_section_zipped_in_pieces_is_byte_identical(factor: int) -> None:
    data = json.loads(SEED.read_text(encoding="utf-8"))
    for part in data["parts"]:
        part["sections"] = part["sections"] * factor
    theme = Theme.seoul()
    doc = layout(govreport.loads(json.dumps(data, ensure_ascii=False)), theme)
    out = write_hwpx(doc, theme)
    assert out == _joined_package(doc, theme)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert z.testzip() is None
        assert "Contents/section0.xml" in z.namelist()


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_hwpx_rows_from_the_layout_are_the_rows_measured_again(path: Path) -> None:
    """The HWPX writer seeds table row heights from the layout's own measurements: the
    package is byte for byte the one it writes when it measures every table again."""
    report = govreport.load(path)
    theme = Theme.seoul()
    laid = layout(report, theme, "ko_KR")
    assert laid.measures is not None and laid.measures.rows  # the layout measured rows
    assert write_hwpx(laid, theme) == write_hwpx(attrs.evolve(laid, measures=None), theme)
