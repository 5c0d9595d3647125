"""The line-breaking pass: where a line must not break (layout/linebreak.py)."""

from __future__ import annotations

import pytest

from govreport.layout.linebreak import NBSP, join_text


@pytest.mark.parametrize(("text", "joined"), [
    ("지원 대상 476 가구 선정", f"지원 대상 476{NBSP}가구 선정"),
    ("참여 150 명, 12 개소", f"참여 150{NBSP}명, 12{NBSP}개소"),
    ("30 % 증가", f"30{NBSP}% 증가"),
])
def test_a_number_keeps_its_unit(text: str, joined: str) -> None:
    assert join_text(text) == joined


@pytest.mark.parametrize("text", [
    "2025 년도 계획 중 3 가지",  # 년도, 가지: words, not units
    "412만 명",  # after 만/억: left alone (see the module docstring)
    "476가구",  # no space: nothing to join (Hancom keeps the 어절 whole by KEEP_WORD)
])
def test_left_alone(text: str) -> None:
    assert join_text(text) == text
