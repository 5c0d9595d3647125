"""The header blocks of documents that have no cover: a press release's (보도자료 banner,
보도시점/배포 table, headline box, 담당 부서 contact table) and an official letter's (공문:
기관명 / 수신 / (경유) / 제목 table, and the closing 발신명의·결재·시행·주소 block).

Each reads what a person takes from the blocks into the fields that mean it (title,
subtitle, 배포 date, organisation, 담당 부서 as ``division``) and reports, with its place,
what fits no field (보도시점, contact names and numbers, 수신, the closing block) — never
dumped into another field, never dropped in silence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from ...model import Meta, Period
from ..source import SourceNode, SourcePara, SourceTable
from .cover import make_meta
from .words import find_date, squash

if TYPE_CHECKING:
    from .document import Recognizer

PRESS_RE = re.compile(r"(보도|설명|해명|동정|참고|보도설명|보도참고|보도해명|정책설명)자료")
"""The banner word of a press release (보도자료, 보도설명자료, 동정자료 …)."""
_HEADS = r"(?:장관|차관|처장|청장|원장|사장|위원장|이사장|시장|지사|구청장)"
MINISTRY_RE = re.compile(r"([가-힣]{2,20}(?:부|처|청|원|공사|위원회|공단|시|도|구))\s*\((?:"
                         + _HEADS + r"\s[^()]*|[A-Za-z-]+)\)\s*(?:" + _HEADS + r")?")
"""How a press release names its organisation in its sentences: ``국토교통부(장관 박상우)``,
``한국수자원공사(K-water) 사장``."""
DOC_NUMBER_RE = re.compile(r"^([가-힣A-Za-z0-9]+?)-\d+$")
"""A 시행/문서 number ``소방행정과-6828``: the issuing division before the dash."""


def _flat(t: SourceTable) -> str:
    return " ".join(p.text.strip() for c in t.cells for p in c.paras if p.text.strip())


def _lines(t: SourceTable) -> list[str]:
    return [p.text.strip() for c in t.cells for p in c.paras if p.text.strip()]


@attrs.frozen(slots=True, kw_only=True)
class Header:
    """What the header blocks gave: the report's metadata and the nodes left for the body."""

    meta: Meta
    body: list[SourceNode]


def is_contact_table(t: SourceTable) -> bool:
    """A press release's 담당 부서 / 책임자 / 담당자 table."""
    first = squash(t.cells[0].text) if t.cells else ""
    return first in ("담당부서", "담당기관") and any(
        squash(c.text) in ("책임자", "담당자") for c in t.cells)


def read_press(rec: Recognizer, nodes: list[SourceNode]) -> Header | None:
    """A press release: the banner (보도자료 …), 보도시점/배포, the headline box with its
    ``-`` sub-headlines; the 담당 부서 table wherever it is.  None when the document opens
    with no press banner."""
    head = [(i, n) for i, n in enumerate(nodes[:6]) if isinstance(n, SourceTable)]
    banner = next(((i, t, squash(c.text)) for i, t in head for c in t.cells
                   if PRESS_RE.fullmatch(squash(c.text))), None)
    if banner is None:
        return None
    used = {banner[0]}
    kind = banner[2]
    rec.log.typed += 1
    rec.log.note(banner[1].where, f"the banner {kind!r} is kept as the report kind "
                 "(meta.kind), which the body does not print")
    date: Period | None = None
    timing = next(((i, t) for i, t in head if i not in used and "보도시점" in squash(_flat(t))),
                  None)
    if timing is not None:
        used.add(timing[0])
        flat = _flat(timing[1])
        at = flat.find("배포")
        date = find_date(flat[at:]) if at >= 0 else None
        date = date or find_date(flat)
        rec.log.typed += 1
        rec.log.fallback(timing[1].where, f"보도시점 {flat!r}: the date is kept as the report "
                         "date; the release time has no field and is not rendered")
    title = ""
    subtitle: list[str] = []
    box = next(((i, n) for i, n in enumerate(nodes[banner[0] + 1:max(used) + 3], banner[0] + 1)
                if i not in used and isinstance(n, SourceTable) and n.n_cols == 1
                and n.n_rows <= 3 and not is_contact_table(n)), None)
    if box is not None:
        used.add(box[0])
        t = box[1]
        for c in t.cells:
            for p in c.paras:
                s = p.text.strip()
                if not s:
                    continue
                if c.row > 0 or re.match(r"^[-–―]\s*", s):
                    subtitle.append(s)
                else:
                    title = f"{title} {s}".strip()
        rec.log.typed += 1
    body = [n for i, n in enumerate(nodes) if i not in used]
    division = None
    org = ""
    for n in list(body):
        if isinstance(n, SourceTable) and is_contact_table(n):
            body.remove(n)
            names = [p.text.strip() for c in n.cells if c.col == 1 for p in c.paras
                     if p.text.strip()]
            division = " ".join(names) or None
            rec.log.typed += 1
            rec.log.fallback(n.where, "담당 부서 table: the divisions are kept as the "
                             f"division; the contacts have no field and are not rendered: "
                             f"{' '.join(_lines(n))!r}")
    for n in body:
        if isinstance(n, SourcePara):
            m = MINISTRY_RE.search(n.text)
            if m:
                org = m.group(1)
                break
    if not org and division:
        org, _, rest = division.partition(" ")
        division = rest or None
        rec.log.fallback(banner[1].where, "the ministry is only in the banner's logo picture; "
                         f"the 담당 부서 {org!r} is taken as the organisation")
    meta = _meta(rec, title, date, org, kind, banner[1].where)
    if subtitle:  # the sub-headlines are printed under the headline
        meta = attrs.evolve(meta, subtitle=" ".join(subtitle), subtitle_position="below")
    if division and division != meta.org:
        meta = attrs.evolve(meta, division=division)
    return Header(meta=meta, body=body)


def _label_cell(t: SourceTable, *labels: str) -> int | None:
    for k, c in enumerate(t.cells):
        if squash(c.text) in labels:
            return k
    return None


def read_letter(rec: Recognizer, nodes: list[SourceNode]) -> Header | None:
    """An official letter (공문): the head table (기관명, 수신, (경유), 제목) and the closing
    block (발신명의, 결재란, 시행 number and date, address).  None when the document does
    not open with a head table that has 수신 and 제목."""
    first = next((i for i, n in enumerate(nodes[:3]) if isinstance(n, SourceTable)), None)
    if first is None:
        return None
    t = nodes[first]
    assert isinstance(t, SourceTable)
    to = _label_cell(t, "수신", "수신자")
    subject = _label_cell(t, "제목")
    if to is None or subject is None or subject + 1 >= len(t.cells):
        return None
    title = " ".join(p.text.strip() for p in t.cells[subject + 1].paras if p.text.strip())
    org = ""
    for c in t.cells[:to]:
        s = squash(c.text)
        if re.fullmatch(r"[가-힣]{2,15}", s):
            org = s
    shown = [f"{squash(t.cells[k].text)}: {t.cells[k + 1].text.strip()}"
             for k in range(len(t.cells) - 1)
             if squash(t.cells[k].text) in ("수신", "수신자", "(경유)") and
             t.cells[k + 1].text.strip()]
    rest = [c.text.strip() for c in t.cells
            if c.text.strip() and squash(c.text) != org and squash(c.text) not in (
                "수신", "수신자", "(경유)", "제목") and c.text.strip() != title]
    rec.log.typed += 1
    rec.log.fallback(t.where, "공문 head: 기관명 and 제목 are kept as organisation and title; "
                     f"{'; '.join(shown + rest)!r} has no field and is not rendered")
    body = [n for i, n in enumerate(nodes) if i != first]
    date: Period | None = None
    division = None
    for n in reversed(body):
        if not isinstance(n, SourceTable):
            continue
        lines = _lines(n)
        if "시행" not in [squash(x) for x in lines]:
            continue
        k = [squash(x) for x in lines].index("시행")
        after = " ".join(lines[k + 1:k + 6])
        date = find_date(after)
        m = DOC_NUMBER_RE.match(lines[k + 1]) if k + 1 < len(lines) else None
        if m:
            division = m.group(1)
        body.remove(n)
        rec.log.typed += 1
        rec.log.fallback(n.where, "공문 closing block: the 시행 date is kept as the report "
                         "date; the rest has no field and is not rendered: "
                         f"{' '.join(lines)!r}")
        break
    meta = _meta(rec, title, date, org, "공문", t.where)
    if division and division != meta.org:
        meta = attrs.evolve(meta, division=division)
    return Header(meta=meta, body=body)


def _meta(rec: Recognizer, title: str, date: Period | None, org: str, kind: str,
          where: str) -> Meta:
    if not title:
        rec.log.fallback(where, "no title found in the header blocks")
    if not org:
        rec.log.fallback(where, "no organisation found in the header blocks")
    if date is None:
        rec.log.fallback(where, "no date found in the header blocks; the file's date is used")
        return attrs.evolve(make_meta(rec, title, None, org, rec.doc.properties), kind=kind)
    return Meta(title=title or "(제목 없음)", org=org or "(기관 없음)", date=date, kind=kind)
