"""Free-form DOCX templates: docxtpl in the project's sandbox, plus what docxtpl lacks.

* ``{% vmerge %}`` / ``{% vmerge key %}`` marks (see :mod:`govreport.freeform.templating`) become
  real vertical merges (``w:vMerge``) after rendering: a marked cell merges with the marked
  cell above when both hold the same text (or key) — across loop iterations, subtotal rows
  and nested loops.  docxtpl's own ``{% vm %}`` keeps its meaning (one loop run).
* A runtime error names the template, the paragraph or table cell, the expression and the
  data path (``data[17].date``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from lxml import etree

from ...freeform.templating import (
    MERGE_RE,
    TemplateSpot,
    TemplateStopped,
    environment,
    fit_widths,
    located_error,
    watchdog,
)
from ...support.errors import RenderError, short
from .filling import BoundedDocxTemplate
from .stamp import fixed_times

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_TC_PR_BEFORE_VMERGE = ("cnfStyle", "tcW", "gridSpan", "hMerge")


def fill_free_docx(template: str | Path, context: Mapping[str, Any], locale: str) -> bytes:
    """Render a free-form DOCX template with ``context``; DOCX bytes.

    ``{{ image(path) }}`` and ``{{ chart(...) }}`` are available (:mod:`.free_media`);
    picture paths are relative to the data file's folder (else the template's)."""
    from ...support.images import data_dir
    from ..package_entries import clean_docx
    from .free_media import TemplateMedia

    name = str(template)
    env = environment(locale)
    try:
        with watchdog():
            raw = Path(template).read_bytes()
            clean = clean_docx(raw, name)
            tpl = BoundedDocxTemplate(str(template) if clean is raw else io.BytesIO(clean))
            tpl.get_docx()
    except (Exception, TemplateStopped) as exc:
        raise RenderError(f"{name}: not a readable DOCX template ({type(exc).__name__}: "
                          f"{short(str(exc))})") from None
    media = TemplateMedia(tpl, data_dir() or Path(template).resolve().parent, locale=locale)
    env.globals.update(media.globals())
    try:
        with watchdog():
            tpl.render(dict(context), jinja_env=env, autoescape=True)
    except (Exception, TemplateStopped) as exc:
        spot = _spot(tpl, exc)  # located_error does not re-run a stopped expression
        raise located_error(exc, name, spot, env, context) from None
    try:
        with watchdog():
            for tbl in reversed(list(tpl.docx.element.body.iter(f"{_W}tbl"))):
                fit_columns(tbl)
                merge_marked_cells(tbl)
            buf = io.BytesIO()
            tpl.save(buf)
    except (Exception, TemplateStopped) as exc:
        raise located_error(exc, name, None, env, context) from None
    return fixed_times(buf.getvalue())


# --------------------------------------------------------------------------- merges


def _strip_marks(tc: etree._Element) -> tuple[str, bool] | None:
    mark: tuple[str, str] | None = None
    for t in tc.iter(f"{_W}t"):
        if t.text and "\ue100" in t.text:
            for m in MERGE_RE.finditer(t.text):
                mark = (m.group(1), m.group(2))
            t.text = MERGE_RE.sub("", t.text)
    if mark is None:
        return None
    mode, key = mark
    if mode == "v":
        if key == "":
            key = "".join(str(t.text or "") for t in tc.iter(f"{_W}t"))
        return "v:" + key, True
    return "l:" + key, mode == "c"


def _tc_pr(tc: etree._Element) -> etree._Element:
    pr = tc.find(f"{_W}tcPr")
    if pr is None:
        pr = etree.Element(f"{_W}tcPr")
        tc.insert(0, pr)
    return pr


def _set_vmerge(tc: etree._Element, restart: bool) -> None:
    pr = _tc_pr(tc)
    old = pr.find(f"{_W}vMerge")
    if old is not None:
        pr.remove(old)
    vm = etree.Element(f"{_W}vMerge")
    if restart:
        vm.set(f"{_W}val", "restart")
    pos = 0
    for i, child in enumerate(pr):
        if etree.QName(child).localname in _TC_PR_BEFORE_VMERGE:
            pos = i + 1
    pr.insert(pos, vm)


def _empty(tc: etree._Element) -> None:
    """A continuation cell keeps one empty paragraph (its content is hidden anyway)."""
    paras = tc.findall(f"{_W}p")
    for p in paras[1:]:
        tc.remove(p)
    if paras:
        for child in list(paras[0]):
            if etree.QName(child).localname != "pPr":
                paras[0].remove(child)


def merge_marked_cells(tbl: etree._Element) -> None:
    """Turn the merge marks of one table into ``w:vMerge`` runs."""
    anchors: dict[int, tuple[etree._Element, str, int, int]] = {}  # col → tc, key, span, row
    for r, tr in enumerate(tbl.iterfind(f"{_W}tr")):
        col = 0
        for tc in tr.iterfind(f"{_W}tc"):
            pr = tc.find(f"{_W}tcPr")
            span_el = pr.find(f"{_W}gridSpan") if pr is not None else None
            span = int(span_el.get(f"{_W}val", "1")) if span_el is not None else 1
            mark = _strip_marks(tc)
            anchor = anchors.get(col)
            if (mark is not None and mark[1] and anchor is not None and anchor[1] == mark[0]
                    and anchor[2] == span and anchor[3] == r - 1):
                if anchor[0].find(f"{_W}tcPr/{_W}vMerge") is None:
                    _set_vmerge(anchor[0], restart=True)
                _set_vmerge(tc, restart=False)
                _empty(tc)
                anchors[col] = (anchor[0], mark[0], span, r)
            elif mark is not None:
                anchors[col] = (tc, mark[0], span, r)
            else:
                anchors.pop(col, None)
            col += span


def _span(tc: etree._Element) -> int:
    el = tc.find(f"{_W}tcPr/{_W}gridSpan")
    return int(el.get(f"{_W}val", "1")) if el is not None else 1


def _width(tc: etree._Element) -> int:
    el = tc.find(f"{_W}tcPr/{_W}tcW")
    try:
        return int(el.get(f"{_W}w", "0")) if el is not None else 0
    except ValueError:
        return 0


def fit_columns(tbl: etree._Element) -> None:
    """After ``{%tc for %}`` loops: one grid column per cell, each repeated cell as wide as
    its template cell, all scaled to the template table's width."""
    rows = [tr.findall(f"{_W}tc") for tr in tbl.iterfind(f"{_W}tr")]
    grid = tbl.find(f"{_W}tblGrid")
    if not rows or grid is None:
        return
    cols = grid.findall(f"{_W}gridCol")
    total = sum(int(c.get(f"{_W}w", "0") or 0) for c in cols)
    ncols = max(sum(_span(tc) for tc in row) for row in rows)
    sums = {sum(_width(tc) for tc in row) for row in rows}
    if total <= 0 or (ncols == len(cols) and all(abs(x - total) <= 0.01 * total for x in sums)):
        return
    widths: dict[int, int] = {}
    for row in rows:
        col = 0
        for tc in row:
            if _span(tc) == 1 and col not in widths and _width(tc) > 0:
                widths[col] = _width(tc)
            col += _span(tc)
    if len(widths) != ncols:
        widths = {c: total // ncols for c in range(ncols)}
    fitted = fit_widths([widths[c] for c in range(ncols)], total)
    for c in cols:
        grid.remove(c)
    for w in fitted:
        etree.SubElement(grid, f"{_W}gridCol").set(f"{_W}w", str(w))
    for row in rows:
        col = 0
        for tc in row:
            span = _span(tc)
            el = tc.find(f"{_W}tcPr/{_W}tcW")
            if el is not None:
                el.set(f"{_W}w", str(sum(fitted[col:col + span])))
                el.set(f"{_W}type", "dxa")
            col += span


# --------------------------------------------------------------------------- error places


def _template_line(exc: BaseException) -> int | None:
    line = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _plain(xml: str) -> str:
    return re.sub(r"<[^>]+>", "", xml).strip()


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{_W}t")).strip()


def _places(root: etree._Element) -> list[tuple[str, str]]:
    """(text, place) of every paragraph of the body, in document order."""
    body = root.find(f"{_W}body")
    if body is None:
        return []
    out: list[tuple[str, str]] = []
    keep = list(body.iter(f"{_W}tbl"))  # alive, so the ids stay unique
    tables = {id(t): i + 1 for i, t in enumerate(keep)}
    top = 0
    for child in body:
        local = etree.QName(child).localname
        if local == "p":
            top += 1
            out.append((_text(child), f"paragraph {top}"))
        elif local == "tbl":
            for p in child.iter(f"{_W}p"):
                tc = next(p.iterancestors(f"{_W}tc"))
                tr = tc.getparent()
                tbl = tr.getparent() if tr is not None else None
                if tr is None or tbl is None:
                    continue
                row = list(tbl.iterfind(f"{_W}tr")).index(tr) + 1
                cell = list(tr.iterfind(f"{_W}tc")).index(tc) + 1
                out.append((_text(p), f"table {tables.get(id(tbl), 0)} row {row} cell {cell}"))
    del keep
    return out


def _spot(tpl: DocxTemplate, exc: BaseException) -> TemplateSpot | None:
    """The template place of a failure in the body (header/footer failures: none)."""
    line = _template_line(exc)
    if line is None:
        return None
    try:
        src = tpl.patch_xml(tpl.get_xml())
        src = re.sub(r"<w:p([ >])", r"\n<w:p\1", src)
        lines = src.splitlines()
        if not 0 < line <= len(lines):
            return None
        code = _plain(lines[line - 1])
        places = _places(tpl.docx.element)
        before = sum(1 for x in lines[:line - 1] if _plain(x) == code)
        matches = [place for text, place in places if _norm(text) == _norm(code)]
        if not matches:  # the line also holds statements of removed rows/paragraphs
            inside = [(len(_norm(text)), place) for text, place in places
                      if text and _norm(text) in _norm(code)]
            longest = max((n for n, _ in inside), default=0)
            matches = [place for n, place in inside if n == longest]
            before = 0
        if not matches:
            return None
        place = matches[before] if before < len(matches) else matches[0]
    except Exception:
        return None
    return TemplateSpot(place, code)


def _norm(text: str) -> str:
    """Text for matching a source line to its paragraph: no spaces, no docxtpl levels."""
    return re.sub(r"\s+", "", re.sub(r"\{%-?\s*(?:p|tr|tc|r)\s", "{%", text))


__all__ = ["fill_free_docx", "fit_columns", "merge_marked_cells"]
