"""XML helpers shared by the HWPX parts: namespaces, escaping (from ..xmltext) and numbers.

The parts are built as strings (a list of pieces joined once), which is several times faster
than building element trees for documents of a few hundred paragraphs.  Every text and
attribute value goes through :func:`esc` / :func:`attr`.
"""

from __future__ import annotations

from ..xmltext import attr as attr  # re-exported for the HWPX parts
from ..xmltext import esc as esc

HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
HH = "http://www.hancom.co.kr/hwpml/2011/head"
HS = "http://www.hancom.co.kr/hwpml/2011/section"
HC = "http://www.hancom.co.kr/hwpml/2011/core"
HWPUNITCHAR = "http://www.hancom.co.kr/hwpml/2016/HwpUnitChar"

NAMESPACES: tuple[tuple[str, str], ...] = (
    ("ha", "http://www.hancom.co.kr/hwpml/2011/app"),
    ("hp", HP),
    ("hp10", "http://www.hancom.co.kr/hwpml/2016/paragraph"),
    ("hs", HS),
    ("hc", HC),
    ("hh", HH),
    ("hhs", "http://www.hancom.co.kr/hwpml/2011/history"),
    ("hm", "http://www.hancom.co.kr/hwpml/2011/master-page"),
    ("hpf", "http://www.hancom.co.kr/schema/2011/hpf"),
    ("dc", "http://purl.org/dc/elements/1.1/"),
    ("opf", "http://www.idpf.org/2007/opf/"),
    ("ooxmlchart", "http://www.hancom.co.kr/hwpml/2016/ooxmlchart"),
    ("hwpunitchar", HWPUNITCHAR),
    ("epub", "http://www.idpf.org/2007/ops"),
    ("config", "urn:oasis:names:tc:opendocument:xmlns:config:1.0"),
)
"""The namespace set Hancom declares on the root of every content part, in its order."""

XMLNS = " ".join(f'xmlns:{p}="{u}"' for p, u in NAMESPACES)
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>'

