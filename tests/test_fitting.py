"""fit_lines: squeeze 자간/장평 so no paragraph ends in a 1–2 character line (FORMAT.md §3.3)."""

from __future__ import annotations

from pathlib import Path

import govreport
from govreport.layout import iter_paras, layout
from govreport.layout.fitting import fit_line, needs_fit
from govreport.layout.grid import text_em
from govreport.model import Item, Meta, Part, Report, Section
from govreport.render import render_bytes
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
