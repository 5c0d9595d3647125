"""The cover and front matter: title, subtitle, date, organisation, approval headers, the
one-page brief's by-line, and the title and lead boxes that open a booklet's body."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from ...model import Cover, Figure, Meta, Period
from ...model.document import Lead
from ..source import SourceNode, SourcePageBreak, SourcePara, SourceTable
from .kinds import table_kind

if TYPE_CHECKING:
    from .document import Recognizer

SUBTITLE_RE = re.compile(r"[-–―]\s*\S.*\S\s*[-–―]")
"""A cover subtitle as Korean reports write it: ``- 시민 생활체육 공간 확대를 위한 -``."""
LEAD_RE = re.compile(r"^([‣❖◈])[\s\u2007\u3000]+(\S.*)$", re.S)
"""A line of the lead box (추진 목적) before the first part."""


def para_texts(cell_paras: Sequence[SourcePara]) -> str:
    return "\n".join(p.text.strip() for p in cell_paras if p.text.strip())


def opening_boxes(rec: Recognizer, meta: Meta, body: list[SourceNode], layout: str
                   ) -> tuple[bool, Lead | None, list[SourceNode]]:
    """The title box (a one-cell box holding the report title, with its subtitle) and
    the lead box (``◈ …`` lines, an optional bold head) that open a booklet's body."""
    if layout != "booklet":
        return False, None, body
    rest = list(body)
    while rest and isinstance(rest[0], SourcePageBreak):
        rest.pop(0)
    title_box = False
    want = {re.sub(r"\s+", "", meta.title)}
    if meta.subtitle:
        want |= {re.sub(r"\s+", "", meta.subtitle + meta.title),
                 re.sub(r"\s+", "", meta.title + meta.subtitle)}
    first = rest[0] if rest else None
    if isinstance(first, SourceTable) and first.n_rows == first.n_cols == 1 and \
            re.sub(r"\s+", "", first.cells[0].text) in want:
        title_box = True
        rec.log.derived += 1
        rest.pop(0)
    lead = None
    first = rest[0] if rest else None
    if isinstance(first, SourceTable) and first.n_rows == first.n_cols == 1:
        lead = read_lead([p for p in first.cells[0].paras if p.text.strip()])
        if lead is not None:
            rec.log.typed += 1
            rest.pop(0)
    return title_box, lead, rest if (title_box or lead) else body


def read_lead(paras: list[SourcePara]) -> Lead | None:
    """A lead box's lines: each marked with one lead symbol (‣ ❖ ◈), after an optional
    bold head (``추진 목적``); anything else is not a lead box."""
    label = None
    if paras and paras[0].bold and not LEAD_RE.match(paras[0].text.strip()):
        label = paras[0].text.strip()
        paras = paras[1:]
    lines = [LEAD_RE.match(p.text.strip()) for p in paras]
    if not lines or any(m is None for m in lines):
        return None
    symbols = {m.group(1) for m in lines if m}
    if len(symbols) != 1:
        return None
    return Lead(text="\n".join(m.group(2).strip() for m in lines if m),
                symbol=symbols.pop(), label=label)


def read_front(rec: Recognizer, cover: list[SourceNode], body: list[SourceNode]
           ) -> tuple[Meta, Cover, str, list[SourceNode]]:
    props = rec.doc.properties
    layout = "booklet"
    lines: list[SourcePara] = []
    logo: Figure | None = None
    for n in cover:
        if isinstance(n, SourcePara):
            if n.object is None:
                lines.append(n)
            elif n.picture is not None and logo is None:
                pic = n.picture
                logo = Figure(data=pic.data, alt=pic.alt, width_mm=pic.width_mm)
                rec.log.typed += 1
        elif isinstance(n, SourceTable):
            if table_kind(rec, n) == "approval":
                rec.log.note(n.where, "approval (결재) header skipped: layout, not content")
                rec.log.derived += 1
                continue
            lines.extend(p for c in n.cells for p in c.paras if p.text.strip())
    # a one-page brief: a title box then a by-line "2025. 7. 14.  부서"
    boxes = [n for n in cover if isinstance(n, SourceTable)
             and table_kind(rec, n) not in ("approval", "empty")]
    paras = [n for n in cover if isinstance(n, SourcePara) and n.object is None]
    if len(boxes) == 1 and len(paras) == 1 and cover.index(boxes[0]) < cover.index(paras[0]):
        by = read_byline(rec, paras[0].text)
        if by is not None:
            title = para_texts([p for c in boxes[0].cells for p in c.paras])
            meta = make_meta(rec, title, by[0], by[1], props)
            rec.log.typed += 2
            return meta, Cover(), "onepage", body
    title = ""
    date: Period | None = None
    org = ""
    subtitle: str | None = None
    subtitle_position: Literal["above", "below"] = "above"
    audience = None
    slogan = None
    date_at = next((i for i, p in enumerate(lines)
                    if rec.values.cover(p.text.strip()) is not None), None)
    if date_at is not None:
        date = rec.values.cover(lines[date_at].text.strip())
        before = [p.text.strip() for p in lines[:date_at]]
        after = [p.text.strip() for p in lines[date_at + 1:]]
        subs = [k for k, x in enumerate(before) if SUBTITLE_RE.fullmatch(x)]
        if subs and len(before) >= 2:  # "- 시민 생활체육 공간 확대를 위한 -"
            k = subs[-1]
            subtitle = before.pop(k)
            subtitle_position = "below" if k == len(before) else "above"
        if before:
            title = before[-1]
            if len(before) >= 2:
                slogan = " ".join(before[:-1])
        if after:
            org = after[0]
        if len(after) >= 2:
            audience = " ".join(after[1:])
        rec.log.typed += len(lines)
    elif lines:
        title = lines[0].text.strip()
        org = lines[-1].text.strip() if len(lines) > 1 else ""
        rec.log.typed += len(lines)
        rec.log.fallback(lines[0].where, "no cover date found; the report date is taken "
                          "from the file properties")
    if not lines and not title:
        layout = "booklet"
    meta = make_meta(rec, title, date, org, props, audience=audience)
    m = re.fullmatch(r"(.*\S)\s*\(([^()]+)\)", meta.org)
    if m:  # "문화체육국 (체육진흥과)": the organisation and its division
        meta = attrs.evolve(meta, org=m.group(1), division=m.group(2).strip())
        creator = props.get("creator", "")
        if creator.endswith(" " + meta.org) and meta.parent_org is None:
            meta = attrs.evolve(meta, parent_org=creator[: -len(meta.org) - 1].strip())
    if subtitle:
        meta = attrs.evolve(meta, subtitle=subtitle, subtitle_position=subtitle_position)
    cover_obj = Cover(show=bool(lines), slogan=slogan, logo=logo)
    return meta, cover_obj, layout, body


def read_byline(rec: Recognizer, text: str) -> tuple[Period, str] | None:
    s = text.strip()
    m = re.match(r"^(\d{4}\.\s*\d{1,2}\.(?:\s*\d{1,2}\.)?)\s+(.+)$", s)
    if not m:
        return None
    date = rec.values.cover(m.group(1))
    return (date, m.group(2).strip()) if date is not None else None


def make_meta(rec: Recognizer, title: str, date: Period | None, org: str, props: dict[str, str],
          audience: str | None = None) -> Meta:
    # a long title is broken into balanced lines on the cover: the breaks were spaces
    title = " ".join(x.strip() for x in title.split("\n") if x.strip())
    title = title or props.get("title", "") or "(제목 없음)"
    if date is None:
        raw = props.get("createddate") or props.get("created") or ""
        m = re.match(r"(\d{4})-(\d{2})", raw)
        date = Period.__new__(Period)
        from ...model import parse_period

        date = parse_period(f"{m.group(1)}-{m.group(2)}" if m else "2000")
        if not m:
            rec.log.fallback("cover", "no report date in the document or its properties")
    parent = None
    creator = props.get("creator", "")
    if org and creator.endswith(" " + org):
        parent = creator[: -len(org) - 1].strip() or None
    elif org and " " in org and creator == org:
        pass
    if not org:
        org = creator or "(기관 없음)"
        rec.log.fallback("cover", "no organisation line found on the cover")
    kind = props.get("subject") or "업무보고"
    author = props.get("author") or None
    desc = props.get("description", "")
    if author is None and desc.startswith("author: "):
        author = desc[len("author: "):].strip() or None
    if author == "govreport":
        author = None
    return Meta(title=title, org=org, date=date, parent_org=parent, audience=audience,
                kind=kind, author=author)
