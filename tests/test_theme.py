"""Theme layer: spec values (FORMAT.md §1, §3, §3.1, §3.2, §3.4), profiles, I/O and overrides."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govreport.theme import (
    ROLES,
    HangingIndent,
    Role,
    RoleStyle,
    Theme,
    ThemeError,
    available_profiles,
    mark_width,
)

DOCS = Path(__file__).resolve().parents[1] / "docs" / "theme.md"


@pytest.fixture(scope="module")
def seoul() -> Theme:
    return Theme.seoul()


@pytest.fixture(scope="module")
def central() -> Theme:
    return Theme.central()


def geometry(ind: HangingIndent) -> tuple[float, float, float]:
    return (ind.sym_x_pt, ind.text_x_pt, ind.hanging_pt)


# --------------------------------------------------------------------------- profiles


def test_shipped_profiles_are_listed() -> None:
    assert {"seoul", "central"} <= set(available_profiles())


def test_seoul_profile_file_equals_python_defaults(seoul: Theme) -> None:
    # the TOML is the source of truth; Theme() documents the same §3.4 defaults
    assert seoul == Theme()


def test_seoul_look(seoul: Theme) -> None:
    l1, l2 = seoul.resolve("L1"), seoul.resolve("L2")
    assert (l1.symbol, l1.font, l1.pt, l1.bold) == ("□", "HY헤드라인M", 15, False)
    assert (l2.symbol, l2.font, l2.pt) == ("○", "휴먼명조", 15)
    assert seoul.resolve("L3").symbol == "-"
    assert (seoul.resolve("L4").symbol, seoul.resolve("L4").pt) == ("·", 14)
    assert seoul.ladder == "observed"


def test_central_look(central: Theme) -> None:
    l1 = central.resolve("L1")
    assert (l1.symbol, l1.font, l1.bold) == ("□", "휴먼명조", True)
    assert central.resolve("L2").symbol == "ㅇ"
    assert central.profile == "central"


def test_profiles_differ_only_in_the_documented_keys(seoul: Theme, central: Theme) -> None:
    same = central.override(
        {
            "profile": seoul.profile,
            "description": seoul.description,
            "levels.L1.font": "HY헤드라인M",
            "levels.L1.bold": False,
            "levels.L2.symbol": "○",
        }
    )
    assert same == seoul


def test_unknown_profile_is_rejected() -> None:
    with pytest.raises(ThemeError, match=r"unknown theme profile 'tokyo'.*central.*seoul"):
        Theme.profile_named("tokyo")


def test_profile_files_are_plain_toml_with_known_keys() -> None:
    folder = Path(__file__).resolve().parents[1] / "src/govreport/theme/profiles"
    for name in ("seoul", "central"):
        data = tomllib.loads((folder / f"{name}.toml").read_text(encoding="utf-8"))
        assert Theme.from_dict(data) == Theme.profile_named(name)


def test_themes_are_immutable(seoul: Theme) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        seoul.body.pt = 12  # type: ignore[misc]


# --------------------------------------------------------------------------- §1 page


def test_page_defaults(seoul: Theme) -> None:
    page = seoul.page
    m = page.margin
    assert (m.top, m.bottom, m.left, m.right, m.header, m.footer, m.gutter) == (
        15, 15, 20, 20, 10, 10, 0,
    )  # fmt: skip
    assert (page.width_mm, page.height_mm) == (210, 297)
    assert page.text_width_mm == 170


def test_page_number_format(seoul: Theme) -> None:
    pn = seoul.page.page_number
    assert pn.text(3) == "- 3 -"
    assert pn.side_char == "-"
    assert (pn.position, pn.start_at) == ("bottom_center", "body")
    assert seoul.override({"page.page_number.format": "{n}"}).page.page_number.side_char is None
    with pytest.raises(ThemeError, match=r"page\.page_number\.format: must contain"):
        seoul.override({"page.page_number.format": "page"})


# --------------------------------------------------------------------------- §3 styles


def test_every_role_resolves_to_a_concrete_style(seoul: Theme) -> None:
    for role in ROLES:
        style = seoul.resolve(role)
        assert style.role == role
        assert style.font and style.pt > 0 and style.line_pct > 0
        assert style.color.startswith("#") and len(style.color) == 7


def test_role_list_is_the_writers_vocabulary() -> None:
    assert len(ROLES) == 38
    assert {"L1", "event_title", "note_table", "chip_number", "title_box", "page_number"} <= set(
        ROLES
    )


@pytest.mark.parametrize(
    ("role", "font", "pt", "bold"),
    [
        ("note", "맑은 고딕", 13, False),
        ("note_table", "맑은 고딕", 12, False),
        ("footnote", "맑은 고딕", 12, False),
        ("event_title", "휴먼명조", 15, True),
        ("event_field", "휴먼명조", 14, False),
        ("table_head", "맑은 고딕", 12, True),
        ("table_body", "맑은 고딕", 12, False),
        ("part_heading", "HY헤드라인M", 22, False),
        ("cover_title", "HY헤드라인M", 36, False),
        ("cover_date", "HY헤드라인M", 20, False),
        ("cover_org", "HY헤드라인M", 22, False),
        ("chip_number", "HY헤드라인M", 17, False),
        ("summary", "휴먼명조", 15, False),
        ("unit_caption", "휴먼명조", 12, False),
        ("page_number", "휴먼명조", 11, False),
    ],
)
def test_spec_fonts_and_sizes(seoul: Theme, role: Role, font: str, pt: float, bold: bool) -> None:
    style = seoul.resolve(role)
    assert (style.font, style.pt, style.bold) == (font, pt, bold)


def test_line_spacing_and_alignment(seoul: Theme) -> None:
    assert seoul.resolve("L2").line_pct == 160
    assert seoul.resolve("L2").align == "justify"
    assert seoul.resolve("summary").line_pct == 150
    assert seoul.resolve("table_body").line_pct == 130
    assert seoul.resolve("toc_item").line_pct == 200
    assert seoul.resolve("unit_caption").align == "right"
    assert seoul.resolve("cover_title").align == "center"


def test_colours_resolve_tokens(seoul: Theme) -> None:
    assert seoul.resolve("L2").color == "#000000"
    assert seoul.resolve("cover_title").color == "#000080"  # token "accent"
    assert seoul.resolve("chip_number").color == "#FFFFFF"
    assert seoul.color(seoul.chip.fill) == "#000080"
    assert seoul.color(seoul.table.head_fill) == "#DFE6F7"
    assert seoul.color(seoul.summary_box.fill) is None  # summary_fill: none
    navy = seoul.override({"colors.accent": "#193657"})
    assert navy.resolve("cover_title").color == "#193657"
    assert navy.color(navy.chip.fill) == "#193657"


def test_body_values_are_inherited_unless_the_role_sets_them(seoul: Theme) -> None:
    t = seoul.override({"body.font": "함초롬바탕", "body.line_pct": 150})
    assert t.resolve("L2").font == "함초롬바탕"
    assert t.resolve("L2").line_pct == 150
    assert t.resolve("L1").font == "HY헤드라인M"  # own value wins
    assert t.resolve("summary").line_pct == 150
    assert t.resolve("table_body").line_pct == 130


def test_unknown_role_is_rejected(seoul: Theme) -> None:
    with pytest.raises(ThemeError, match="unknown role 'L5'"):
        seoul.resolve("L5")  # type: ignore[arg-type]


def test_symbol_sequences(seoul: Theme) -> None:
    assert [seoul.symbol("enum", i) for i in range(5)] == ["①", "②", "③", "④", "⑤"]
    assert seoul.symbol("overview", 0) == "①"
    assert seoul.symbol("L2") == "○"
    assert [seoul.part_label(i) for i in range(3)] == ["Ⅰ.", "Ⅱ.", "Ⅲ."]
    with pytest.raises(ThemeError):
        seoul.symbol("enum", 20)


def test_date_number_and_fit_options(seoul: Theme) -> None:
    d, n = seoul.dates, seoul.numbers
    assert (d.style, d.apostrophe, d.range_sep, d.weekday) == ("short_compact", "'", "~", True)
    assert (n.money_space, n.pct_decimals, n.thousands) == (False, 1, ",")
    assert seoul.fit_lines is True  # Hancom users squeeze rather than leave 1–2 characters
    assert seoul.event.key_sep == " : "
    assert seoul.override({"dates.apostrophe": "’"}).dates.apostrophe == "’"
    with pytest.raises(ThemeError, match=r"dates\.apostrophe: expected one of"):
        seoul.override({"dates.apostrophe": "`"})


def test_block_geometry_defaults(seoul: Theme) -> None:
    assert (seoul.chip.number_cell_mm, seoul.chip.height_mm) == (11.7, 11.0)
    assert (seoul.table.outer_tb_mm, seoul.table.inner_mm, seoul.table.sides) == (0.4, 0.12, "open")
    assert (seoul.summary_box.border_mm, seoul.summary_box.indent_mm) == (0.12, 3.5)
    assert seoul.part_heading.rule_mm == 0.5 and seoul.part_heading.page_break_before
    assert (seoul.lines.thin_mm, seoul.lines.thick_mm) == (0.12, 0.4)
    assert seoul.toc.heading == "목 차"


# --------------------------------------------------------------------------- §3.1 indents


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("L1", (0, 22.5, 22.5)),
        ("L2", (7.5, 30, 22.5)),
        ("L3", (22.5, 37.5, 15)),
        ("L4", (37.5, 51.5, 14)),
        ("event_title", (22.5, 45, 22.5)),
        ("event_field", (37.5, 58.5, 21)),
        ("event_sub", (52.5, 66.5, 14)),
        ("enum", (22.5, 45, 22.5)),  # under ○ (default parent)
        ("note", (22.5, 42, 19.5)),  # under ○, 13 pt em × 1.5
        ("note_table", (0, 18, 18)),
        ("footnote", (30, 42, 12)),
        ("lead", (7.5, 7.5, 0)),
        ("paragraph", (0, 0, 0)),
    ],
)
def test_indent_table_observed_ladder(
    seoul: Theme, role: Role, expected: tuple[float, ...]
) -> None:
    assert geometry(seoul.indent(role)) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("L1", (0, 22.5)),
        ("L2", (15, 37.5)),
        ("L3", (30, 45)),
        ("L4", (45, 59)),
        ("event_title", (30, 52.5)),  # follows the L3 slot
        ("event_field", (45, 66)),
    ],
)
def test_indent_gov2ta_ladder(seoul: Theme, role: Role, expected: tuple[float, float]) -> None:
    ind = seoul.evolve(ladder="gov2ta").indent(role)
    assert (ind.sym_x_pt, ind.text_x_pt) == pytest.approx(expected)


def test_children_of_anchor_items_sit_one_em_right_of_the_parent(seoul: Theme) -> None:
    l3 = seoul.indent("L3")
    note = seoul.child_indent("note", "L3", l3)
    assert geometry(note) == pytest.approx((37.5, 57, 19.5))
    enum = seoul.child_indent("enum", "L3", l3)
    assert geometry(enum) == pytest.approx((37.5, 60, 22.5))
    under_enum = seoul.child_indent("L3", "enum", seoul.indent("enum"))  # - under ① at 22.5
    assert geometry(under_enum) == pytest.approx((37.5, 52.5, 15))
    note_under_l1 = seoul.child_indent("note", "L1", seoul.indent("L1"))
    assert note_under_l1.sym_x_pt == 15
    field = seoul.indent("event_field")
    assert geometry(seoul.child_indent("event_sub", "event_field", field)) == pytest.approx(
        (52.5, 66.5, 14)
    )


def test_ladder_children_keep_their_ladder_position(seoul: Theme) -> None:
    assert seoul.child_indent("L2", "L1", seoul.indent("L1")) == seoul.indent("L2")
    assert seoul.child_indent("L3", "L2", seoul.indent("L2")) == seoul.indent("L3")
    assert seoul.child_indent("L3", None, None) == seoul.indent("L3")


def test_symbol_positions_use_the_body_em(seoul: Theme) -> None:
    t = seoul.override({"body.pt": 14, "levels.L3.pt": 14})
    assert t.indent("L2").sym_x_pt == 7.0  # 1타 = 0.5 × 14 pt
    assert t.indent("L1").text_x_pt == 22.5  # L1 keeps its own 15 pt
    l3 = seoul.override({"levels.L3.pt": 14}).indent("L3")
    assert (l3.sym_x_pt, l3.text_x_pt) == (22.5, 36.5)


def test_central_geometry_matches_seoul(seoul: Theme, central: Theme) -> None:
    for role in ("L1", "L2", "L3", "L4", "note", "enum"):
        assert central.indent(role) == seoul.indent(role)


def test_lead_override_moves_the_symbol(seoul: Theme) -> None:
    assert seoul.override({"levels.L2.lead": 2}).indent("L2").sym_x_pt == 15


@pytest.mark.parametrize("mark", list("□○ㅇ◦❍※▶√①●"))
def test_full_width_marks(mark: str) -> None:
    assert mark_width(mark) == 1.0


@pytest.mark.parametrize("mark", ["-", "*", "·"])
def test_half_width_marks(mark: str) -> None:
    assert mark_width(mark) == 0.5


def test_unlisted_marks_use_east_asian_width() -> None:
    assert mark_width("■") == 1.0
    assert mark_width("a") == 0.5
    assert mark_width("**") == 1.0


def test_changed_symbol_changes_the_hanging(seoul: Theme) -> None:
    t = seoul.override({"levels.L2.symbol": "·"})
    assert t.indent("L2").hanging_pt == 15


def test_slot_child_of_cycles_and_conflicts_are_rejected(seoul: Theme) -> None:
    with pytest.raises(ThemeError, match="cycle"):
        seoul.override({"levels.L3.slot": "event_title"})
    with pytest.raises(ThemeError, match=r"levels\.enum: set either slot or child_of"):
        seoul.override({"levels.enum.slot": "L3"})


# --------------------------------------------------------------------------- §3.2 spacing


@pytest.mark.parametrize(
    ("prev", "nxt", "pt"),
    [
        (None, "L1", 0),
        ("L2", "L1", 16),
        ("L3", "L1", 16),
        ("note", "L1", 16),
        ("table", "L1", 16),
        ("summary", "L1", 14),
        ("L1", "L2", 8),
        ("L2", "L2", 10),
        ("L3", "L2", 10),
        ("L2", "L3", 6),
        ("L3", "L3", 4),
        ("L3", "L4", 3),
        ("L2", "note", 3),
        ("L3", "footnote", 3),
        ("table", "note_table", 4),
        ("L1", "table", 6),
        ("L2", "table", 8),
        ("L3", "table", 8),
        ("table", "L2", 12),
        ("table", "paragraph", 12),
        ("part_heading", "chip", 18),
        ("part_heading", "overview", 18),
        ("chip_title", "summary", 6),
        ("unit_caption", "table", 6),
        ("subcaption", "table", 2),
        ("L2", "event_title", 8),
        ("event_title", "event_field", 2),
        ("event_field", "event_sub", 2),
        ("L2", "enum", 6),
        ("L2", "lead", 6),
        ("L2", "paragraph", 10),
        ("L3", "part_heading", 0),
        ("title_box", "byline", 4),
    ],
)
def test_space_before_transition_table(
    seoul: Theme, prev: Role | None, nxt: Role, pt: float
) -> None:
    assert seoul.space_before(prev, nxt) == pt


def test_table_roles_count_as_table(seoul: Theme) -> None:
    assert seoul.space_before("table_body", "note_table") == 4
    assert seoul.space_before("L1", "table_head") == 6


def test_spacing_overrides_take_effect(seoul: Theme) -> None:
    t = seoul.override({"spacing.L2_after_L1": 10, "spacing.pairs.L2>L2": 0})
    assert t.space_before("L1", "L2") == 10
    assert t.space_before("L2", "L2") == 0
    assert t.space_before("L3", "L2") == 10
    wild = seoul.override({"spacing.pairs": {"*>note": 5}})
    assert wild.space_before("L3", "note") == 5


def test_part_heading_without_page_break_gets_space(seoul: Theme) -> None:
    t = seoul.override({"part_heading.page_break_before": False})
    assert t.space_before("L3", "part_heading") == 24


def test_spacing_rejects_unknown_blocks(seoul: Theme) -> None:
    with pytest.raises(ThemeError, match="unknown block 'heading'"):
        seoul.space_before("L1", "heading")  # type: ignore[arg-type]
    with pytest.raises(ThemeError, match=r"spacing\.pairs: unknown role 'L9'"):
        seoul.override({"spacing.pairs.L2>L9": 0})
    with pytest.raises(ThemeError, match="must look like 'prev>next'"):
        seoul.override({"spacing.pairs.L2": 0})


# --------------------------------------------------------------------------- I/O


def _custom(seoul: Theme) -> Theme:
    return seoul.override(
        {
            "profile": "custom",
            "ladder": "gov2ta",
            "levels.L1.font": None,  # inherit the body font although the default is set
            "levels.L2.symbol": "❍",
            "levels.note.letter_spacing_pct": -4.5,
            "summary_box.fill": None,
            "colors.summary_fill": "#F2F2F2",
            "spacing.pairs.L2>L2": 0,
            "fitting.width_steps_pct": [100, 97],
            "numbers.pct_decimals": 2,
        }
    )


@pytest.mark.parametrize("suffix", [".toml", ".json"])
@pytest.mark.parametrize("name", ["seoul", "central", "custom"])
def test_save_load_round_trip(tmp_path: Path, seoul: Theme, suffix: str, name: str) -> None:
    theme = _custom(seoul) if name == "custom" else Theme.profile_named(name)
    path = tmp_path / f"theme{suffix}"
    theme.save(path)
    assert Theme.load(path) == theme


def test_dict_round_trip_keeps_unset_values(seoul: Theme) -> None:
    theme = _custom(seoul)
    data = theme.to_dict()
    assert data["levels"]["L1"]["font"] == "none"
    assert data["summary_box"]["fill"] == "none"
    assert "font" not in data["levels"]["L2"]  # inherited, default unset too
    assert Theme.from_dict(data) == theme
    assert theme.resolve("L1").font == "휴먼명조"
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_saved_toml_is_readable(tmp_path: Path, seoul: Theme) -> None:
    path = tmp_path / "t.toml"
    seoul.save(path)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["levels"]["L1"]["symbol"] == "□"
    assert data["body"]["pt"] == 15


def test_partial_file_merges_over_defaults(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[body]\npt = 14\n\n[levels.L2]\nsymbol = "ㅇ"\n\n[colors]\naccent = "#0066FF"\n',
        encoding="utf-8",
    )
    theme = Theme.load(path)
    assert theme.body.pt == 14
    assert theme.resolve("L2").symbol == "ㅇ"
    assert theme.resolve("L2").pt == 15  # untouched keys keep their defaults
    assert theme.resolve("cover_title").color == "#0066FF"
    assert theme.resolve("L1").font == "HY헤드라인M"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"bodyy": {}}, r"unknown key 'bodyy'; did you mean 'body'\?"),
        ({"levels": {"L9": {}}}, r"unknown key 'levels\.L9'"),
        ({"levels": {"L2": {"sym": "x"}}}, r"unknown key 'levels\.L2\.sym'; did you mean 'symbol'"),
        ({"page": {"margin": {"topp": 1}}}, r"unknown key 'page\.margin\.topp'"),
        ({"body": {"pt": "big"}}, r"body\.pt: expected a number, got 'big'"),
        ({"body": {"pt": True}}, r"body\.pt: expected a number, got true"),
        ({"body": 15}, r"body: expected a table"),
        ({"ladder": "strict"}, r"ladder: expected one of 'observed', 'gov2ta'"),
        ({"levels": {"L2": {"pt": 0}}}, r"levels\.L2\.pt: must be > 0"),
        ({"page": {"margin": {"top": -1}}}, r"page\.margin\.top: must be >= 0"),
        ({"colors": {"accent": "navy"}}, r"colors\.accent: must be a colour"),
        ({"chip": {"fill": "navy"}}, r"chip\.fill: must be '#RRGGBB' or one of"),
        ({"levels": {"L2": {"slot": "L7"}}}, r"levels\.L2\.slot: expected one of"),
        ({"numbers": {"pct_decimals": 1.5}}, r"numbers\.pct_decimals: expected an integer"),
        ({"fit_lines": "yes"}, r"fit_lines: expected true or false"),
    ],
)
def test_from_dict_rejects_bad_data(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ThemeError, match=message):
        Theme.from_dict(data)


def test_load_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[body]\nptt = 1\n", encoding="utf-8")
    with pytest.raises(ThemeError, match=r"bad\.toml: unknown key 'body\.ptt'"):
        Theme.load(bad)
    broken = tmp_path / "broken.toml"
    broken.write_text("[body\n", encoding="utf-8")
    with pytest.raises(ThemeError, match=r"broken\.toml: not valid TOML"):
        Theme.load(broken)
    with pytest.raises(ThemeError, match=r"\.toml or \.json"):
        Theme.load(tmp_path / "theme.yaml")
    with pytest.raises(ThemeError, match=r"\.toml or \.json"):
        Theme().save(tmp_path / "theme.yaml")


# --------------------------------------------------------------------------- overrides


def test_override_dotted_paths(seoul: Theme) -> None:
    t = seoul.override({"levels.L2.symbol": "ㅇ", "body.pt": 14, "table.sides": "thin"})
    assert t.resolve("L2").symbol == "ㅇ"
    assert t.body.pt == 14
    assert t.table.sides == "thin"
    assert seoul.resolve("L2").symbol == "○"  # the original is untouched


def test_override_whole_group_with_a_partial_table(seoul: Theme) -> None:
    t = seoul.override({"levels.L2": {"symbol": "◦"}})
    style = t.style("L2")
    assert style == RoleStyle(symbol="◦", pt=15.0, bold=False)


def test_spacing_pairs_override_merges(seoul: Theme) -> None:
    t = seoul.override({"spacing.pairs.L2>L2": 0}).override({"spacing.pairs.L3>L3": 2})
    assert dict(t.spacing.pairs) == {"L2>L2": 0, "L3>L3": 2}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"levels.L9.symbol": "x"}, r"unknown key 'levels\.L9'"),
        ({"body.ptt": 1}, r"unknown key 'body\.ptt'; did you mean 'pt'"),
        ({"body.pt.x": 1}, r"'body\.pt' is not a table"),
        ({"body.pt": "14"}, r"body\.pt: expected a number, got '14'"),
        ({"": 1}, "dotted paths"),
        ({"body": 1, "body.pt": 2}, r"conflicts with an override of 'body'"),
    ],
)
def test_override_rejects_bad_paths(seoul: Theme, changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ThemeError, match=message):
        seoul.override(changes)


def test_evolve_top_level(seoul: Theme) -> None:
    t = seoul.evolve(ladder="gov2ta", fit_lines=True, body={"font": "함초롬바탕"})
    assert (t.ladder, t.fit_lines, t.body.font, t.body.pt) == ("gov2ta", True, "함초롬바탕", 15)
    assert seoul.evolve(body=t.body).body == t.body
    with pytest.raises(ThemeError, match="unknown key 'bdy'"):
        seoul.evolve(bdy={})
    with pytest.raises(ThemeError, match="ladder: expected one of"):
        seoul.evolve(ladder="strict")


@settings(max_examples=60, deadline=None)
@given(
    pt=st.floats(min_value=8, max_value=30, allow_nan=False),
    ladder=st.sampled_from(["observed", "gov2ta"]),
    symbol=st.sampled_from(["○", "ㅇ", "◦", "❍", ""]),
    font=st.one_of(st.none(), st.text(min_size=1, max_size=12).filter(lambda s: s != "none")),
    pair=st.floats(min_value=0, max_value=40, allow_nan=False),
)
def test_any_valid_override_round_trips(
    pt: float, ladder: str, symbol: str, font: str | None, pair: float
) -> None:
    theme = Theme().override(
        {
            "body.pt": pt,
            "ladder": ladder,
            "levels.L2.symbol": symbol,
            "levels.L1.font": font,
            "spacing.pairs.L1>L2": pair,
        }
    )
    assert Theme.from_dict(theme.to_dict()) == theme
    assert tomllib.loads(_toml(theme)) == theme.to_dict()


def _toml(theme: Theme) -> str:
    import tomli_w

    return tomli_w.dumps(theme.to_dict())


# --------------------------------------------------------------------------- docs


def test_docs_cover_every_option_and_role() -> None:
    text = DOCS.read_text(encoding="utf-8")

    def keys(obj: Any, prefix: str) -> list[str]:
        out: list[str] = []
        for f in attrs.fields(type(obj)):
            if not f.init:
                continue  # Theme's kept derived values: not an option
            value = getattr(obj, f.name)
            key = f"{prefix}.{f.name}" if prefix else f.name
            if key == "levels":
                continue
            out += keys(value, key) if attrs.has(type(value)) else [key]
        return out

    missing = [k for k in keys(Theme(), "") if f"`{k}`" not in text]
    missing += [r for r in ROLES if f"`{r}`" not in text]
    missing += [f.name for f in attrs.fields(RoleStyle) if f"`{f.name}`" not in text]
    assert not missing, f"undocumented in docs/theme.md: {missing}"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"page.margin.left": 150, "page.margin.right": 150}, "text width"),
        ({"page.margin.top": 250}, "text height"),
        ({"body.pt": 400}, "body.pt"),
        ({"levels.L1.pt": 300}, "levels.L1.pt"),
    ],
)
def test_impossible_page_or_sizes_are_rejected(changes: dict[str, float], message: str) -> None:
    with pytest.raises(ThemeError, match=message):
        Theme.seoul().override(changes)


def test_resolved_styles_belong_to_their_theme(seoul: Theme) -> None:
    """``resolve`` is worked out once per theme, yet each theme answers with its own values,
    also after many themes have been resolved (the cache is bounded)."""
    themes = [seoul.evolve(body={"pt": 10.0 + i}) for i in range(40)]
    for i, theme in enumerate(themes):
        assert theme.resolve("paragraph").pt == 10.0 + i
    assert [t.resolve("paragraph").pt for t in themes] == [10.0 + i for i in range(40)]
    assert seoul.resolve("paragraph") is seoul.resolve("paragraph")


def test_derived_is_worked_out_once_per_theme_and_key() -> None:
    theme = Theme.seoul()
    calls: list[str] = []

    def make(tag: str) -> str:
        calls.append(tag)
        return tag.upper()

    assert theme.derived(("test", 1), lambda: make("a")) == "A"
    assert theme.derived(("test", 1), lambda: make("b")) == "A"  # kept
    assert theme.derived(("test", 2), lambda: make("c")) == "C"  # another key
    other = attrs.evolve(theme)  # an equal theme, another object: its own results
    assert other.derived(("test", 1), lambda: make("d")) == "D"
    assert calls == ["a", "c", "d"]


def test_derived_keeps_no_exception() -> None:
    theme = Theme.seoul()
    attempts: list[int] = []

    def failing() -> int:
        attempts.append(1)
        raise ThemeError("not yet")

    for _ in range(2):
        with pytest.raises(ThemeError):
            theme.derived(("test", "failing"), failing)
    assert len(attempts) == 2
    assert theme.derived(("test", "failing"), lambda: 7) == 7
