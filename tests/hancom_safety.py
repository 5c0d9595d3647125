"""The known causes of Hancom refusing or misdrawing an HWPX, checked on every HWPX the
tests make (through :func:`hwpx_validation.assert_valid_hwpx`).

Each rule names where it was learned: the OWPML/OCF package rules (KS X 6101), Hancom's own
files (``../shared/corpus/real``: 22 public documents saved by Hancom Office), and what this
project's HWPX writer found (docstrings of ``govreport.writers.hwpx``).  python-hwpx's
validators (schema, package, editor-open safety) run beside these; the rules here are the
ones they do not cover.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

from lxml import etree

HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
HH = "http://www.hancom.co.kr/hwpml/2011/head"
HC = "http://www.hancom.co.kr/hwpml/2011/core"
OPF = "http://www.idpf.org/2007/opf/"


def hancom_problems(data: bytes, *, hancom_made: bool = False) -> list[str]:
    """What in ``data`` (an ``.hwpx``) is known to make Hancom refuse or misdraw it.

    ``hancom_made``: a file Hancom saved itself, whose line-layout caches are its own
    (rule 6 is for other writers).  Every XML part must parse (escaped attributes): lxml
    raises otherwise."""
    out: list[str] = []
    z = zipfile.ZipFile(io.BytesIO(data))
    infos = z.infolist()
    names = {i.filename for i in infos}
    # 1. OCF container (KS X 6101, as ODF): "mimetype" first, stored, "application/hwp+zip";
    #    every Hancom file in the corpus starts so
    first = infos[0]
    if first.filename != "mimetype" or first.compress_type != zipfile.ZIP_STORED:
        out.append("mimetype is not the first, stored entry")
    elif z.read("mimetype") != b"application/hwp+zip":
        out.append("mimetype is not application/hwp+zip")
    # 2. the manifest (content.hpf) lists what exists, and every BinData picture
    #    (writers/hwpx/media.py: Hancom drops unlisted pictures); chart parts are in no
    #    manifest (Hancom's own files register none; media.py)
    hpf = etree.fromstring(z.read("Contents/content.hpf"))
    items = {i.get("id"): i.get("href") for i in hpf.iter(f"{{{OPF}}}item")}
    out += [f"manifest item {h} is not in the package" for h in items.values()
            if h not in names]
    out += [f"BinData part {n} is not in the manifest" for n in names
            if n.startswith("BinData/") and n not in items.values()]
    out += [f"chart part {h} is listed in the manifest" for h in items.values()
            if h.startswith("Chart/")]
    header = etree.fromstring(z.read("Contents/header.xml"))
    sections = [etree.fromstring(z.read(n)) for n in sorted(names)
                if re.fullmatch(r"Contents/section\d+\.xml", n)]
    # 3. the first paragraph of a section holds secPr and a colPr control (every Hancom
    #    file; without colPr Hancom lays the section out with no column settings)
    for k, sec in enumerate(sections):
        first_p = sec.find(f"{{{HP}}}p")
        if first_p is None or first_p.find(f".//{{{HP}}}secPr") is None:
            out.append(f"section {k}: its first paragraph holds no secPr")
        elif first_p.find(f".//{{{HP}}}colPr") is None:
            out.append(f"section {k}: no colPr control beside secPr")
    # 4. ids unique and referenced: paraPr/charPr/borderFill/style ids each once, every
    #    reference resolved (Hancom draws a missing shape with id 0's look, or refuses)
    for tag, ref_attrs in (("paraPr", ("paraPrIDRef",)), ("charPr", ("charPrIDRef",)),
                           ("borderFill", ("borderFillIDRef",)), ("style", ("styleIDRef",)),
                           ("tabPr", ("tabPrIDRef",))):
        ids = [e.get("id") for e in header.iter(f"{{{HH}}}{tag}")]
        twice = [i for i, c in Counter(ids).items() if c > 1]
        if twice:
            out.append(f"{tag} ids {twice} defined twice")
        known = set(ids)
        for root in (header, *sections):
            for el in root.iter():
                for a in ref_attrs:
                    v = el.get(a)
                    # 4294967295 (-1): "none", as Hancom writes paraHead charPrIDRef
                    if v is not None and v not in known and v != "4294967295":
                        out.append(f"{etree.QName(el).localname} {a}={v} defined nowhere")
    # 5. a borderFill that fills draws its brush (hc:fillBrush/winBrush, as Hancom writes
    #    it): a fill colour on the border fill alone is not drawn
    for bf in header.iter(f"{{{HH}}}borderFill"):
        brush = bf.find(f"{{{HC}}}fillBrush")
        if brush is not None and brush.find(f"{{{HC}}}winBrush") is None \
                and brush.find(f"{{{HC}}}imgBrush") is None \
                and brush.find(f"{{{HC}}}gradation") is None:
            out.append(f"borderFill {bf.get('id')}: an empty fillBrush")
    # 6. no stale line-layout caches: Hancom trusts hp:linesegarray and draws the old line
    #    ends (section.py writes none, so Hancom lays the text out on open)
    for sec in sections if not hancom_made else ():
        if sec.find(f".//{{{HP}}}linesegarray") is not None:
            out.append("a paragraph carries a linesegarray layout cache")
            break
    # 7. no textDir on a left-to-right paragraph shape (Hancom's files write none or AUTO; issue 24)
    for pp in header.iter(f"{{{HH}}}paraPr"):
        if pp.get("textDir") not in (None, "AUTO"):
            out.append(f"paraPr {pp.get('id')}: textDir={pp.get('textDir')}")
    return out
