"""fit_lines: squeeze 자간/장평 so no paragraph ends in a 1–2 character line (FORMAT.md §3.3)."""

from __future__ import annotations

from pathlib import Path

import attrs

import govreport
from govreport.app.render import render_bytes
from govreport.layout import iter_paras, layout
from govreport.layout.fitting import fit_line, fit_text, needs_fit
from govreport.layout.grid import text_em
from govreport.layout.nodes import TableBox
from govreport.model import Item, Meta, Part, Report, Section
from govreport.theme import Theme

FIT = Theme.seoul().fitting
EXAMPLE = Path(__file__).parents[1] / "examples" / "seoul-mayor-office-2025-04.json"


def test_short_last_line_is_detected() -> None:
    assert needs_fit(31.0, 30.0, FIT)  # one character on the second line
    assert not needs_fit(29.0, 30.0, FIT)  # fits on one line
    assert not needs_fit(50.0, 30.0, FIT)  # a healthy second line


def test_squeeze_pulls_the_last_line_back_within_limits() -> None:
    text = "가" * 31  # 31 em in lines of 30 em at 15 pt
    spacing, width = fit_line(text, 15.0, 30 * 15.0, FIT) or (0.0, 100.0)
    assert FIT.letter_spacing_min_pct <= spacing <= 0 and width in FIT.width_steps_pct
    assert text_em(text) * width / 100 + len(text) * spacing / 100 <= 30.0
    assert (spacing, width) != (0.0, 100.0)


def test_hopeless_lines_are_left_alone() -> None:
    assert fit_line("가" * 45, 15.0, 30 * 15.0, FIT) is None  # half a line too long


def _report(text: str) -> Report:
    return Report(meta=Meta(title="t", org="o", date="2025-04"), parts=[Part(
        title="p", sections=[Section(title="s", blocks=[Item(text=text, level=2)])])])


def test_layout_squeezes_by_default_and_only_when_the_theme_asks() -> None:
    # a ○ line just one character too long for the 30 pt indented line at 15 pt
    width = Theme.seoul().page.text_width_pt - 30.0
    text = "가" * (int(width / 15) + 1)
    plain = next(p for p in iter_paras(layout(_report(text), Theme.seoul().override(
        {"fit_lines": False})).body) if p.role == "L2")
    assert plain.letter_spacing_pct is None
    fitted = next(p for p in iter_paras(layout(_report(text)).body) if p.role == "L2")
    assert fitted.letter_spacing_pct is not None and fitted.letter_spacing_pct < 0


def test_seed_renders_with_fit_lines_in_both_formats() -> None:
    theme = Theme.seoul().override({"fit_lines": True})
    report = govreport.load(EXAMPLE)
    for fmt in ("docx", "hwpx"):
        assert render_bytes(report, fmt, theme=theme)


def test_a_line_stretched_by_a_long_next_word_is_squeezed_within_limits() -> None:
    """"모금(대한적십자사" does not fit after "성금 131,371천원": the justified line would
    spread its gaps to 2–3 em; a small squeeze pulls the word in (seed, 성금모금 line)."""
    from govreport.layout.fitting import is_loose, loosen_fit

    text = ("(성금모금) 시 전직원 자율참여로 성금 131,371천원 모금(대한적십자사 서울특별지사 "
            "전달(4.21.(월)))")
    width = 30.24 * 14.0
    assert is_loose(text, 30.24)
    found = loosen_fit(text, 14.0, width, FIT)
    assert found is not None
    spacing, ratio = found
    assert spacing >= FIT.letter_spacing_min_pct and ratio in FIT.width_steps_pct
    assert not is_loose(text, 30.24, spacing, ratio)
    assert loosen_fit("짧은 한 줄", 14.0, width, FIT) is None  # nothing to loosen


def test_typed_line_breaks_are_fitted_line_by_line() -> None:
    """Each typed line wraps on its own: one that would leave 1–2 characters alone on its
    last line is squeezed; the squeeze serves every line."""
    width = 30 * 15.0
    short, orphaned = "가" * 20, "가" * 31
    assert fit_text(f"{short}\n{short}", 15.0, width, FIT) is None
    found = fit_text(f"{short}\n{orphaned}", 15.0, width, FIT)
    assert found is not None and found == fit_line(orphaned, 15.0, width, FIT)
    assert fit_text(f"{short}\n{'가' * 45}", 15.0, width, FIT) is None  # hopeless


def test_box_texts_are_fitted_like_paragraphs() -> None:
    """A boxed category tag whose text leaves a word alone on the last line of its cell
    (민생 분야 in the seed: "…현안에 대해" wrapped "대해" alone in Hancom-width fonts) gets
    자간/장평 as body paragraphs do; with fit_lines off it does not."""
    def category_text(theme: Theme) -> tuple[float | None, float | None]:
        laid = layout(govreport.load(EXAMPLE), theme, "ko_KR")
        for node in laid.body:
            if isinstance(node, TableBox) and node.kind == "category":
                p = node.cells[1].paras[0]
                if p.runs[0].text.startswith("시민의 일상생활과"):
                    return p.letter_spacing_pct, p.width_pct
        raise AssertionError("no 민생 분야 box")

    spacing, width = category_text(Theme.seoul())
    assert spacing is not None and width is not None
    assert (spacing, width) != (0.0, 100.0)
    assert FIT.letter_spacing_min_pct <= spacing <= 0 and width in FIT.width_steps_pct
    assert category_text(attrs.evolve(Theme.seoul(), fit_lines=False)) == (None, None)
