"""The cover and front matter: title, subtitle, date, organisation, approval headers, the
one-page brief's by-line, and the title and lead boxes that open a booklet's body."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import attrs

from ...model import Cover, Figure, Meta, Period, parse_period
from ...model.document import Lead
from ..inline import split_symbol
from ..source import SourceCell, SourceNode, SourcePageBreak, SourcePara, SourceTable
from .kinds import APPROVAL_LABELS, table_kind
from .words import find_date, squash

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
    if not title_box:  # a title box with its by-line (담당 ☎ …) in a second row
        for k, n in enumerate(rest[:4]):
            if isinstance(n, SourceTable) and n.n_cols <= 2 and 2 <= n.n_rows <= 3 and \
                    _like_title(squash(" ".join(c.text for c in n.row(0))), want):
                title_box = True
                rec.log.derived += 1
                rec.log.note(n.where, "the body's title box and by-line: the report's title "
                             "box is printed instead of "
                             + repr(" ".join(p.text.strip() for c in n.cells for p in c.paras
                                             if p.text.strip())))
                del rest[k]
                break
    lead = None
    first = rest[0] if rest else None
    if isinstance(first, SourceTable) and first.n_rows == first.n_cols == 1:
        paras = [p for p in first.cells[0].paras if p.text.strip()]
        lead = read_lead(paras)
        if lead is None and title_box and 1 <= len(paras) <= 3 and all(
                split_symbol(p.text) is None and len(p.text.strip()) >= 20 for p in paras):
            # the 요지 box under a title box: sentences, no symbols
            lead = Lead(text="\n".join(p.text.strip() for p in paras))
        if lead is not None:
            rec.log.typed += 1
            rest.pop(0)
    return title_box, lead, rest if (title_box or lead) else body


def _like_title(text: str, want: set[str]) -> bool:
    """Whether a box's text is the report title (give or take a word)."""
    import difflib

    return bool(text) and any(difflib.SequenceMatcher(None, text, w).ratio() >= 0.85
                              for w in want)


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


ORG_TAIL_RE = re.compile(r"^(.*\S)\s+(장관|차관|시장|도지사|구청장|군수|청장|처장|원장|사장|"
                         r"위원장)$")
"""A 발신명의 under the date (``문화체육관광부 장관``): the organisation and its head."""
DIVISION_RE = re.compile(r"^[가-힣]{2,12}(국|과|실|팀|담당관|사무국|본부|센터|단)$")
"""A division line under the organisation, without parentheses (``의회사무국``)."""
DOC_NUMBER_RE = re.compile(r"제\s*\d{2,4}\s*[-–‑]\s*\d+\s*호\s*$")
"""A document number line (``문화체육관광부 공고 제2026 – 0041호``)."""
FORM_RE = re.compile(r"^[【\[<〈]\s*(서식|별지|별첨|양식)")
"""A form label (``【서식 1-1】 협의요청서 작성 양식 …``)."""
DATE_LINE_RE = re.compile(r"^(19|20)\d\d\s*년\s*\d{1,2}\s*월(\s*\d{1,2}\s*일)?"
                          r"(\s*\([월화수목금토일]\))?$")
"""A cover date written in words (``2026년 2월 2일``)."""
SHORT_DATE_RE = re.compile(r"[\'‘’](\d{2})\.\s*(\d{1,2})\.\s*(\d{1,2})\.?")
"""A date in a title (``현황보고('26.06.26)``)."""


@attrs.frozen(slots=True, kw_only=True)
class _Line:
    """A cover line with the cover node it came from and whether that node is a title frame
    (a one-column box or band of one to three short lines)."""

    para: SourcePara
    node: int
    frame: bool = False

    @property
    def text(self) -> str:
        return self.para.text.strip()


def _approval_cell(c: SourceCell) -> bool:
    return any(squash(p.text) in APPROVAL_LABELS for p in c.paras)


def _doc_division(t: SourceTable) -> str | None:
    """The division in a 문서번호 value (``도로보수과-6414``)."""
    for c in t.cells:
        m = re.match(r"^([가-힣]{2,15})-\d+$", squash(c.text))
        if m:
            return m.group(1)
    return None


FORM_ORG_LABELS = frozenset({"작성자", "작성기관", "기관명", "제출기관", "요청기관"})


def _form_org(rec: Recognizer, nodes: list[SourceNode]) -> str:
    """The organisation a form names in its 작성자 / 기관명 row (the cell after the label),
    reported; empty when there is none."""
    for n in nodes:
        if not isinstance(n, SourceTable):
            continue
        for k, c in enumerate(n.cells[:-1]):
            after = n.cells[k + 1]
            if squash(c.text) in FORM_ORG_LABELS and after.row == c.row and \
                    re.fullmatch(r"[가-힣]{2,15}", squash(after.text)):
                rec.log.fallback(n.where, f"no organisation on a cover; the form's "
                                 f"{squash(c.text)} row ({squash(after.text)}) is taken")
                return squash(after.text)
    return ""


def _title_frame(t: SourceTable) -> bool:
    lines = [p.text.strip() for c in t.cells for p in c.paras if p.text.strip()]
    return t.n_cols == 1 and 1 <= len(lines) <= 3 and all(
        len(x) <= 60 and split_symbol(x) is None and not re.fullmatch(r"<.*>", x)
        and not re.match(r"^[-–―]\s", x) for x in lines)


def _cover_date(rec: Recognizer, text: str) -> Period | None:
    got = rec.values.cover(text)
    if got is None and DATE_LINE_RE.fullmatch(text):
        got = find_date(text)
    return got


def read_front(rec: Recognizer, cover: list[SourceNode], body: list[SourceNode]
               ) -> tuple[Meta, Cover, str, list[SourceNode]]:
    """The cover as a person reads it: approval (결재) blocks skipped, the title (a title
    frame's text, else the line above the date), the date, the organisation and its
    division; document numbers and form labels reported; what follows the cover (a check
    list, the title box of the body) handed back to the body."""
    props = rec.doc.properties
    layout = "booklet"
    lines: list[_Line] = []
    logo: Figure | None = None
    doc_division: str | None = None
    for k, n in enumerate(cover):
        if isinstance(n, SourcePara):
            if n.object is None:
                lines.append(_Line(para=n, node=k))
            elif n.picture is not None and logo is None:
                pic = n.picture
                logo = Figure(data=pic.data, alt=pic.alt, width_mm=pic.width_mm)
                rec.log.typed += 1
        elif isinstance(n, SourceTable):
            if table_kind(rec, n) == "approval":
                rec.log.derived += 1
                doc_division = doc_division or _doc_division(n)
                cells = [c for c in n.cells if n.n_cols != 1 or _approval_cell(c)]
                rec.log.note(n.where, "approval (결재) block skipped, layout not content: "
                             + repr(" ".join(p.text.strip() for c in cells for p in c.paras
                                             if p.text.strip())))
                if n.n_cols == 1:  # a column of blocks: the approval grids, then the cover
                    lines.extend(_Line(para=p, node=k) for c in n.cells
                                 if not _approval_cell(c) for p in c.paras if p.text.strip())
                continue
            frame = _title_frame(n)
            lines.extend(_Line(para=p, node=k, frame=frame)
                         for c in n.cells for p in c.paras if p.text.strip())
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
    kept: list[_Line] = []
    kind: str | None = None
    for x in lines:  # numbers and form labels fit no field: reported
        if DOC_NUMBER_RE.search(x.text) or FORM_RE.match(x.text):
            if "공고" in x.text:
                kind = "공고"
            rec.log.fallback(x.para.where, f"{x.text!r}: a document number or form label "
                             "has no field and is not rendered")
        else:
            kept.append(x)
    lines = kept
    title = ""
    date: Period | None = None
    org = ""
    division: str | None = None
    subtitle: str | None = None
    subtitle_position: Literal["above", "below"] = "above"
    audience = None
    slogan = None
    used: set[int] = set()
    date_at = next((i for i, x in enumerate(lines) if _cover_date(rec, x.text) is not None),
                   None)
    if date_at is not None:
        date = _cover_date(rec, lines[date_at].text)
        before = [x for x in lines[:date_at] if len(x.text) <= 80]
        after = lines[date_at + 1:]
        # a sentence before the date is the body's, not the cover's
        used = {x.node for x in lines[:date_at + 1] if len(x.text) <= 80}
        frames = [x for x in before if x.frame]
        if frames:  # the title frame's lines; a line right under it is its subtitle
            node = frames[-1].node
            title = " ".join(x.text for x in before if x.node == node)
            rest = [x for x in before if x.node != node]
            under = [x for x in rest if x.node > node]
            if len(under) == 1:
                subtitle, subtitle_position = under[0].text, "below"
                rest.remove(under[0])
            if rest:
                slogan = " ".join(x.text for x in rest)
        else:
            texts = [x.text for x in before]
            subs = [k for k, t in enumerate(texts) if SUBTITLE_RE.fullmatch(t)]
            if subs and len(texts) >= 2:  # "- 시민 생활체육 공간 확대를 위한 -"
                k = subs[-1]
                subtitle = texts.pop(k)
                subtitle_position = "below" if k == len(texts) else "above"
            if texts:
                title = texts[-1]
                if len(texts) >= 2:
                    slogan = " ".join(texts[:-1])
        taken = 0
        if after:
            org = after[0].text
            used.add(after[0].node)
            taken = 1
            m = ORG_TAIL_RE.fullmatch(org)
            if m:  # "문화체육관광부 장관": the organisation's head signs
                org = m.group(1)
                rec.log.fallback(after[0].para.where, f"{after[0].text!r}: the organisation is "
                                 f"kept, its head ({m.group(2)}) is not rendered")
        if taken and re.fullmatch(r"(?:[가-힣]\s+)+[가-힣]", org):
            org = squash(org)  # letter-spaced on the cover: "교   통   실"
        if len(after) >= 2:
            second = squash(after[1].text)
            m = re.fullmatch(r"\(([^()]+)\)", second)
            if m or DIVISION_RE.fullmatch(second):  # "(인재양성과)", "의회사무국"
                division = m.group(1) if m else second
                used.add(after[1].node)
                taken = 2
        rest_after = after[taken:]
        if len(rest_after) == 1 and len(rest_after[0].text) <= 40:
            audience = rest_after[0].text
            used.add(rest_after[0].node)
        elif rest_after and all(x.node in used for x in rest_after):
            audience = " ".join(x.text for x in rest_after)
        rec.log.typed += len(lines)
    elif lines:
        frames = [x for x in lines if x.frame]
        first = frames[0] if frames else next((x for x in lines if len(x.text) <= 80), lines[0])
        title = " ".join(x.text for x in lines if x.node == first.node) if frames else first.text
        used = {first.node}
        m = SHORT_DATE_RE.search(title)
        if m:
            try:
                date = parse_period(f"20{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")
            except ValueError:
                date = None
        rec.log.typed += 1
        rec.log.fallback(first.para.where, "no cover date found"
                         + ("; the date in the title is taken" if date is not None else ""))
    if not org:  # a form: the 작성자 / 기관명 row of its first table
        org = _form_org(rec, [*cover, *body][:12])
    if not org and doc_division:
        org = doc_division
        rec.log.fallback("cover", f"no organisation printed; the division of the document "
                         f"number ({doc_division}) is taken")
    # what the cover did not take (a check list, the body's title box) is the body's
    back = [n for k, n in enumerate(cover) if k not in used and not (
        isinstance(n, SourceTable) and table_kind(rec, n) == "approval")
        and not (isinstance(n, SourcePara) and n.object is not None and logo is not None)]
    back = [n for n in back if not (isinstance(n, SourcePara) and n.object is None and (
        DOC_NUMBER_RE.search(n.text.strip()) or FORM_RE.match(n.text.strip())))]
    if date_at is not None:  # a sentence in a box with the title: the body's first line
        back = [x.para for x in lines[:date_at] if len(x.text) > 80 and x.node in used] + back
    if back:
        body = [*back, *body]
    meta = make_meta(rec, title, date, org, props, audience=audience)
    m = re.fullmatch(r"(.*\S)\s*\(([^()]+)\)", meta.org)
    if m:  # "문화체육국 (체육진흥과)": the organisation and its division
        meta = attrs.evolve(meta, org=m.group(1), division=m.group(2).strip())
        creator = props.get("creator", "")
        if creator.endswith(" " + meta.org) and meta.parent_org is None:
            meta = attrs.evolve(meta, parent_org=creator[: -len(meta.org) - 1].strip())
    elif division:
        meta = attrs.evolve(meta, division=division)
    if meta.audience and re.fullmatch(r"\(([^()]+)\)", meta.audience):
        meta = attrs.evolve(meta, audience=None, division=meta.audience[1:-1].strip())
    if subtitle:
        meta = attrs.evolve(meta, subtitle=subtitle, subtitle_position=subtitle_position)
    if kind:
        meta = attrs.evolve(meta, kind=kind)
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
        date = _file_date(rec, props)
    parent = None
    creator = props.get("creator", "")
    if org and creator.endswith(" " + org):
        parent = creator[: -len(org) - 1].strip() or None
    elif org and " " in org and creator == org:
        pass
    if not org:
        # a converter or an account name ("rhwp", "user", "Administrator") is no organisation
        named = bool(re.search("[가-힣]", creator)) and "한글과컴퓨터" not in creator
        org = creator if named else "(기관 없음)"
        rec.log.fallback("cover", "no organisation line found on the cover"
                         + (f"; the file's creator {creator!r} is taken" if named else ""))
    kind = props.get("subject") or "업무보고"
    author = props.get("author") or None
    desc = props.get("description", "")
    if author is None and desc.startswith("author: "):
        author = desc[len("author: "):].strip() or None
    if author == "govreport":
        author = None
    return Meta(title=title, org=org, date=date, parent_org=parent, audience=audience,
                kind=kind, author=author)


def _file_date(rec: Recognizer, props: dict[str, str]) -> Period:
    """The report date when the document prints none: the month the file was last saved
    (else created) — a converter's properties carry none — or, failing that, this month;
    always reported."""
    import datetime

    from ...model import parse_period

    for key in ("modifieddate", "createddate", "created"):
        m = re.match(r"((?:19|20)\d\d)-(\d{2})", props.get(key, ""))
        if m:
            rec.log.fallback("cover", f"no report date printed; the file's {key} "
                             f"({m.group(1)}-{m.group(2)}) is taken")
            return parse_period(f"{m.group(1)}-{m.group(2)}")
    today = datetime.date.today()
    rec.log.fallback("cover", "no report date printed or in the file's properties; this "
                     f"month ({today:%Y-%m}) is taken")
    return parse_period(f"{today:%Y-%m}")
