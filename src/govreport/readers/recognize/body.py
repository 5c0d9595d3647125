"""The body as a reader walks it: parts (``Ⅰ.`` paragraphs and boxes), section chips and
numbered headings, appendix tabs, and every other table or line handed to the section's
:class:`~.ladder.Ladder`; then the parts and appendices finished into the model."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from ...model import Appendix, Part, Section
from ...model.document import SectionStyle
from ..inline import (
    appendix_heading,
    circled_heading,
    part_heading,
    section_heading,
    split_symbol,
    strip_lead,
)
from ..source import SourceNode, SourcePageBreak, SourcePara, SourceTable
from .diagrams import read_vision
from .drafts import AppendixDraft, Holder, IntroDraft, PartDraft, SectionDraft
from .headings import appendix_heading_strict, circled_section, next_number, read_chip, read_section
from .kinds import spaced_label, table_kind
from .ladder import Ladder
from .tables import read_data_table, read_photo_table

if TYPE_CHECKING:
    from .document import Recognizer




def read_body(rec: Recognizer, nodes: list[SourceNode]) -> tuple[list[Part], list[Appendix]]:
    parts: list[PartDraft] = []
    apps: list[AppendixDraft] = []
    cur: Holder | None = None  # the open section/intro/appendix holder
    ladder: Ladder | None = None
    prev_chip: SectionDraft | None = None

    def close() -> None:
        nonlocal ladder
        if ladder is not None and cur is not None:
            cur.blocks.extend(ladder.finish())
        ladder = None

    def holder() -> Holder:
        nonlocal cur, ladder
        if cur is None:
            if not parts:
                parts.append(PartDraft(title="", where="start"))
            cur = IntroDraft(blocks=parts[-1].intro)
        if ladder is None:
            ladder = Ladder(rec)
        return cur

    i = 0
    while i < len(nodes):
        n = nodes[i]
        i += 1
        if isinstance(n, SourcePageBreak):
            continue
        if isinstance(n, SourceTable):
            photos = read_photo_table(n)
            if photos is not None:
                holder()
                assert ladder is not None
                for para, caption in photos:
                    ladder.figure(para, caption=caption)
                continue
            kind = table_kind(rec, n)
            if kind == "part" or (kind == "box" and part_heading(n.cells[0].text.strip())):
                close()
                parts.append(PartDraft(title=part_heading(n.cells[0].text.strip()) or "",
                                       where=n.where))
                cur = IntroDraft(blocks=parts[-1].intro)
                prev_chip = None
                rec.log.typed += 1
                continue
            if kind == "part" or (n.n_rows == 1 and n.cells and
                                  part_heading(n.cells[0].text.strip()) and
                                  all(not c.text.strip() for c in n.cells[1:])):
                close()
                parts.append(PartDraft(title=part_heading(n.cells[0].text.strip()) or "",
                                       where=n.where))
                cur = IntroDraft(blocks=parts[-1].intro)
                rec.log.typed += 1
                continue
            if kind == "part_chip":  # "Ⅰ │ 관련근거"
                close()
                filled = [c.text.strip() for c in n.cells if c.text.strip()]
                parts.append(PartDraft(title=" ".join(filled[1:]), where=n.where))
                cur = IntroDraft(blocks=parts[-1].intro)
                prev_chip = None
                rec.log.typed += 1
                continue
            if kind == "chip":
                close()
                if not parts:
                    parts.append(PartDraft(title="", where=n.where))
                if apps and cur is apps[-1]:
                    parts.append(PartDraft(title="", where=n.where))
                sec = read_chip(rec, n, next_number(parts[-1].sections))
                parts[-1].sections.append(sec)
                cur = sec
                prev_chip = sec
                rec.log.typed += 1
                continue
            if kind == "appendix":
                close()
                filled = [c.text.strip() for c in n.cells if c.text.strip()]
                label = appendix_heading(spaced_label(filled[0]))
                apps.append(AppendixDraft(label=label[0] if label else "참고",
                                          title=" ".join(filled[1:])))
                cur = apps[-1]
                prev_chip = None
                rec.log.typed += 1
                continue
            if kind == "overview" and parts:
                parts[-1].overview = True
                parts[-1].overview_titles = [
                    strip_lead(p.text)[1:].strip(" \t\u2007\u3000")
                    for c in n.cells for p in c.paras if p.text.strip()]
                rec.log.derived += 1
                continue
            if kind == "box" and prev_chip is not None and not prev_chip.blocks \
                    and prev_chip.summary is None and (ladder is None or ladder.empty()):
                prev_chip.summary = " ".join(
                    p.text.strip() for c in n.cells for p in c.paras if p.text.strip())
                prev_chip.kind = "task"
                rec.log.typed += 1
                continue
            if kind in ("approval", "empty", "toc"):
                shown = " ".join(p.text.strip() for c in n.cells for p in c.paras
                                 if p.text.strip())
                rec.log.note(n.where, f"{kind} table skipped" + (f": {shown!r}" if shown else ""))
                continue
            holder()
            assert ladder is not None
            vision = read_vision(rec, nodes, i - 1)
            if vision is not None:
                diagram, used = vision
                ladder.table(diagram, n.where)
                i += used - 1
                rec.log.typed += 1
                continue
            org = rec.orgcharts.read(nodes, i - 1)
            if org is not None:
                chart, used = org
                title = ladder.title
                cap = ladder.caption
                if cap is not None and cap[0] is None and cap[1] is not None:
                    ladder.take_caption()
                    chart = attrs.evolve(chart, basis=cap[1])
                if title is not None:
                    chart = attrs.evolve(chart, title=ladder.take_title())
                ladder.table(chart, n.where)
                i += used - 1
                rec.log.typed += 1
                continue
            if kind == "category":
                ladder.category(n)
                rec.log.typed += 1
                continue
            if kind == "box":
                for p in (p for c in n.cells for p in c.paras if p.text.strip()):
                    ladder.para(p)
                continue
            ladder.table(read_data_table(rec, n, ladder), n.where)
            continue
        # paragraph
        t = n.text.strip()
        title = part_heading(t)
        if title and not split_symbol(n.text):
            close()
            parts.append(PartDraft(title=title, where=n.where))
            cur = IntroDraft(blocks=parts[-1].intro)
            prev_chip = None
            rec.log.typed += 1
            continue
        decimal = DECIMAL_PART_RE.match(t) if rec.decimal and not n.indent else None
        if decimal:  # "1. 제안공모요강" in a document numbered 1. / 1.1.
            close()
            parts.append(PartDraft(title=decimal.group(2).strip(), where=n.where))
            cur = IntroDraft(blocks=parts[-1].intro)
            prev_chip = None
            rec.log.typed += 1
            continue
        decimal = DECIMAL_SECTION_RE.match(t) if rec.decimal else None
        if decimal:  # "1.2. 제안참가안내"
            close()
            if not parts or (apps and cur is apps[-1]):
                parts.append(PartDraft(title="", where=n.where))
            expected = next_number(parts[-1].sections)
            sec = read_section(rec, expected, decimal.group(3).strip(), expected)
            parts[-1].sections.append(sec)
            cur = sec
            prev_chip = sec
            rec.log.typed += 1
            continue
        app = appendix_heading_strict(t)
        if app:
            close()
            nxt = nodes[i] if i < len(nodes) else None
            if not app[1] and isinstance(nxt, SourcePara) and \
                    0 < len(nxt.text.strip()) <= 60 and not split_symbol(nxt.text):
                app = (app[0], nxt.text.strip())  # "붙임1" over its title (two boxes)
                i += 1
            apps.append(AppendixDraft(label=app[0], title=app[1]))
            cur = apps[-1]
            prev_chip = None
            rec.log.typed += 1
            continue
        sec_head = section_heading(t) if not split_symbol(n.text) and \
            rec.numbered_sections and not rec.decimal else None
        if sec_head and ladder is not None and not ladder.empty() and n.indent and \
                n.indent > 0.5 and not (parts and parts[-1].sections and
                                        sec_head[0] == next_number(parts[-1].sections)):
            sec_head = None  # "  1. …" under an open item: one of its lines, not a heading
        if sec_head and sec_head[0] and parts and parts[-1].sections and \
                parts[-1].sections[-1].chip:
            sec_head = None  # sections drawn as chips: a "1." line inside one is its own
        circled = circled_heading(t) if sec_head is None else None
        if circled and circled_section(rec, circled, parts, ladder):
            close()
            if not parts or (apps and cur is apps[-1]):
                parts.append(PartDraft(title="", where=n.where))
            expected = next_number(parts[-1].sections)
            sec = read_section(rec, circled[0], circled[1], expected)
            sec.style = "circled"
            parts[-1].sections.append(sec)
            cur = sec
            prev_chip = sec
            rec.log.typed += 1
            continue
        following = bool(sec_head and parts and parts[-1].sections and
                         sec_head[0] in (0, next_number(parts[-1].sections)))
        if sec_head and (ladder is None or ladder.empty() or n.bold or following):
            close()
            if not parts or (apps and cur is apps[-1]):
                parts.append(PartDraft(title="", where=n.where))
            expected = next_number(parts[-1].sections)
            sec = read_section(rec, sec_head[0] or expected, sec_head[1], expected)
            parts[-1].sections.append(sec)
            cur = sec
            prev_chip = sec
            rec.log.typed += 1
            continue
        holder()
        assert ladder is not None
        ladder.para(n)
    close()
    return finish_parts(rec, chapters(rec, parts)), finish_apps(rec, apps)


DECIMAL_PART_RE = re.compile(r"^(\d{1,2})\.[\s\u2007\u3000]+(\S.{0,40})$")
DECIMAL_SECTION_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?[\s\u2007\u3000]+(\S.{0,60})$")


def chapters(rec: Recognizer, parts: list[PartDraft]) -> list[PartDraft]:
    """Number chips with no Ⅰ part anywhere are chapters (``numbering.parts:
    "chapter"``) when nothing else fits: one untitled part made only of plain chip
    sections numbered 1, 2, … (and, with a 목차, listed there as ``1. 제목`` in order)."""
    if len(parts) != 1 or parts[0].title or parts[0].intro:
        return parts
    secs = parts[0].sections
    if not secs or any(not s.plain() or s.shown != i + 1 for i, s in enumerate(secs)):
        return parts
    if rec.toc_entries:
        listed = [re.sub(r"\s+", "", e) for e in rec.toc_entries]
        if listed != [re.sub(r"\s+", "", f"{i + 1}.{s.title}") for i, s in enumerate(secs)]:
            return parts
    rec.chapters = True
    return [PartDraft(title=s.title, intro=s.blocks, where=parts[0].where) for s in secs]


def finish_parts(rec: Recognizer, parts: list[PartDraft]) -> list[Part]:
    out = []
    parts = [p for p in parts if p.title or p.sections or p.intro]
    for p in parts:
        title = p.title
        if not title and len(parts) > 1:
            title = "본문"
            rec.log.fallback(p.where, "content before the first part heading (Ⅰ.) is put "
                              "in a part titled '본문'")
        sections = [Section(title=s.title, kind=s.kind, summary=s.summary, unit=s.unit,
                            basis=s.basis, number=s.number, blocks=tuple(s.blocks))
                    for s in p.sections]
        if p.overview:
            want = [re.sub(r"\s+", "", x) for x in p.overview_titles]
            got = [re.sub(r"\s+", "", s.title) for s in sections if s.kind == "task"]
            if want != got:
                rec.log.fallback(p.where, "the overview box does not list the part's "
                                  "task titles; it is regenerated from them")
        circled = [s.style == "circled" for s in p.sections]
        style: SectionStyle | None = None
        if circled and all(circled):
            style = "circled"
        elif any(circled):
            rec.log.fallback(p.where, "sections numbered both ① and 1: read as "
                              "number chips")
        out.append(Part(title=title, overview=p.overview, intro=tuple(p.intro),
                        sections=tuple(sections), sections_numbering=style))
    return out


def finish_apps(rec: Recognizer, apps: list[AppendixDraft]) -> list[Appendix]:
    return [Appendix(title=a.title or a.label, label=a.label, blocks=tuple(a.blocks))
            for a in apps]
