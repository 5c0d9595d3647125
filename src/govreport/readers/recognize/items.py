"""An item line's own fields: label, key, schedule, and the trailing typed annotations
(period, status, count, date, citation, 기준 date, same-line ``※`` note)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ...model import Citation

if TYPE_CHECKING:
    from .document import Recognizer

STATUS_RE = re.compile(r"(지속|완료|진행|추진\s*중|예정|검토\s*중|협의\s*중|현재|시행\s*중|"
                       r"운영\s*중|준비\s*중|계획|상시|수시|연중)$")
"""Trailing ``(…)`` words read as an item's status; other parentheses stay in the text."""


def read_annotations(rec: Recognizer, s: str, out: dict[str, Any]) -> str:
    """Strip what is printed after an item's text, right to left, into ``out``: the
    same-line ``  ※ 비고`` (``note``), a citation ``(시장방침 제123호, '22.3.4.)``
    (``cite``) and a 기준 date ``('24. 12. 31. 기준)`` (``as_of``), each only when
    the theme prints it back as written."""
    mark = f"  {rec.theme.symbol('note')} "
    head, found, note = s.partition(mark)
    if found and head.strip() and note.strip() and mark not in note:
        out["note"], s = note.strip(), head
    m = re.match(r"^(.*\S) \(([^(),]+), ([^(),]+)\)$", s, re.S)
    cited = rec.values.cited(m.group(3)) if m else None
    if m and cited is not None:
        out["cite"] = Citation(source=m.group(2).strip(), date=cited[0],
                               date_style=cited[1])  # type: ignore[arg-type]
        s = m.group(1)
    m = re.match(r"^(.*\S) \(([^()]+) 기준\)$", s, re.S)
    as_of = rec.values.as_of(m.group(2)) if m else None
    if m and as_of is not None:
        out["as_of"], s = as_of, m.group(1)
    return s


def item_fields(rec: Recognizer, text: str, where: str, *, in_event: bool = False
                ) -> dict[str, Any]:
    """label / key / trailing typed annotations of an item's text."""
    out: dict[str, Any] = {}
    s = text.strip()
    m = re.match(r"^\(([^()]{1,30})\)\s+(.*)$", s, re.S)
    if m:
        out["label"], s = m.group(1), m.group(2)
    s = read_annotations(rec, s, out)
    sep = rec.key_sep.strip()
    if sep:  # "'26.5.21.⇥⇥: …": a key padded with tabs to line up the separators
        s = re.sub(r"\t[\t\u2007 ]*" + re.escape(sep) + r"[\t ]+", f" {sep} ", s, count=1)
    if sep and f" {sep} " in s:
        key, value = s.split(f" {sep} ", 1)
        if 0 < len(key) <= 40 and "(" not in key.replace("「", "").replace("」", "")[:0]:
            out["key"] = key.strip()
            kc = re.match(r"^(.*\S) \(([^()]+)\)$", out["key"])
            q = rec.values.count(kc.group(2)) if kc else None
            if kc and q is not None:  # 정례회의 (3회) : …
                out["key"], out["key_count"] = kc.group(1), q
            sched = rec.values.schedule(value)
            if sched is not None:
                out["schedule"] = sched
                out["text"] = ""
                return out
            for m2 in re.finditer(r" (?=['\d])", value):  # 점검 '25. 5월: text + date
                head, tail = value[:m2.start()].rstrip(), value[m2.end():]
                sched = rec.values.schedule(tail) if head else None
                if sched is not None:
                    out["schedule"] = sched
                    value = head
                    break
            s = value
    # trailing annotations, right to left: " (status)", " (period)", "(count)", "(date)"
    while True:
        m = re.match(r"^(.*?)(\s?)\(([^()]+)\)$", s, re.S)
        if not m or not m.group(1).strip():
            break
        head, space, inner = m.group(1), m.group(2), m.group(3)
        if space:
            if "period" not in out and "status" not in out and "count" not in out \
                    and "date" not in out:
                p = rec.values.heading(inner)
                if p is not None:
                    out["period"] = p
                    s = head
                    continue
                if STATUS_RE.search(inner) and len(inner) <= 16 and "status" not in out:
                    out["status"] = inner
                    s = head
                    continue
            break
        if "count" not in out and "date" not in out and "period" not in out:
            q = rec.values.count(inner)
            if q is not None:
                out["count"] = q
                s = head
                continue
        if "date" not in out and "period" not in out:
            p = rec.values.annotation(inner)
            if p is not None:
                out["date"] = p
                s = head
                continue
        break
    out["text"] = s
    return out
