"""Texts an agent reads: the guide to the block types and the prompts' instructions."""

from __future__ import annotations

from typing import Any

INTRO = """\
govreport keeps a Korean government report (개조식 보고서) as JSON and renders it as DOCX,
HWPX or PDF in the official look. The JSON holds content only; the look comes from the
theme (seoul, central) and the template.

Shape: {"schema_version": 2, "meta": {"title", "org", "date"}, "parts": [{"title",
"sections": [{"title", "kind"?, "blocks": [...]}]}], "appendices"?: [...]}.

Rules an agent should know:
- Write content, not decoration: never type □ ○ - · ※ ①, Ⅰ., page numbers or dates in
  display form; the renderer prints them. An item's level is its nesting (children) or
  "level": 1 = □, 2 = ○, 3 = -, 4 = ·.
- Dates are ISO text: "2025-03-25", "2025-03", "2025-02/2025-04", "2025-03/.." (open),
  "2025-03 말". Put them in date fields (date, period, schedule, as_of) so they are
  formatted in the report's style ('25.3.25.(화)).
- Numbers are JSON numbers. Totals, subtotals, rates and weekdays are computed, never typed:
  a table row {"cells": ["계"], "total": true, "compute": {"op": "sum"}} or a column
  {"compute": {"op": "ratio", "of": ["B", "A"]}} (ops: sum, difference, ratio, growth,
  share); a budget_table computes its 계 and 집행률 when "total" is left out. A stated total
  that does not add up is an error.
- 개조식 lines end in a noun or ~함/~임, without a final period (lint_report checks).
- Call validate_report after every change: each problem has a JSON path; fix exactly that
  value and validate again. Then lint_report, then render_report.
"""

_FIELDS_SHOWN = 14


def block_guide(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per block type: its ``type`` tag, what it is and its fields (required
    first), from the JSON Schema generated from the model."""
    from ..model import BLOCK_TAGS

    defs = schema.get("$defs", {})
    out: list[dict[str, Any]] = []
    for cls, tag in BLOCK_TAGS.items():
        d = defs.get(cls.__name__, {})
        props = [k for k in d.get("properties", {}) if k != "type"]
        required = [k for k in d.get("required", []) if k != "type"]
        fields = required + [k for k in props if k not in required]
        out.append({"type": tag, "description": str(d.get("description", "")).strip(),
                    "required": required, "fields": fields[:_FIELDS_SHOWN]})
    return out


def guide_text(schema: dict[str, Any]) -> str:
    """:data:`INTRO` and one line per block type."""
    lines = [INTRO, "Block types (\"type\"):"]
    for b in block_guide(schema):
        req = f" required: {', '.join(b['required'])};" if b["required"] else ""
        lines.append(f"- {b['type']}: {b['description']}{req} fields: {', '.join(b['fields'])}")
    return "\n".join(lines) + "\n"


DRAFT_TO_REPORT = """\
Turn the notes below into a govreport report (JSON, schema_version 2) and render it.

1. Read the resource govreport://guide (or call get_schema) for the shape and block types.
2. Write the report: meta (title, org, date as ISO "YYYY-MM" or "YYYY-MM-DD"), parts and
   sections with 개조식 items (short lines ending in a noun or ~함/~임; no typed symbols,
   no display dates, numbers as JSON numbers, totals as computed rows).
3. Call validate_report with the report. For every problem, change the value at its
   "path" as its message and hint say, and validate again until "valid" is true.
4. Call lint_report and apply the fixes that keep the meaning.
5. Call render_report with formats {formats} and out_dir "{out_dir}" (preview: true to
   look at the first pages), and report the written paths and the 목차.

Kind of report: {kind}.

Notes:
{notes}
"""

RESTYLE_DOCUMENT = """\
Restyle an existing report into the agency's look.

1. Call read_document with path "{path}": it returns the report JSON and every place the
   reader fell back (text it could not type). Look at each fallback and fix the JSON
   where you can tell what was meant (a table, a date, an item level).
2. Call validate_report and fix every problem by its path; then lint_report.
3. Call render_report with the fixed report, theme "{theme}", formats {formats} and
   out_dir "{out_dir}"; use preview: true and compare the pages with the original.
"""

__all__ = ["DRAFT_TO_REPORT", "INTRO", "RESTYLE_DOCUMENT", "block_guide", "guide_text"]
