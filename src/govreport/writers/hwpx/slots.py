"""Text slots of an HWPX paragraph, shared by the placeholder and free-form template fillers.

A paragraph's text lives in ``hp:t`` elements and in the tails of their children (tab, line
break, no-break space …); Hancom splits a typed ``{{ name }}`` across several of them.
"""

from __future__ import annotations

from lxml import etree

from ._xml import HP

RUN, T = f"{{{HP}}}run", f"{{{HP}}}t"

Slot = tuple[etree._Element, str]
"""(element, ``"text"`` | ``"tail"``)."""


def text_slots(p: etree._Element) -> list[Slot]:
    """The text slots of a paragraph's own runs, in reading order."""
    out: list[Slot] = []
    for t in p.iterfind(f"{RUN}/{T}"):
        out.append((t, "text"))
        out.extend((child, "tail") for child in t)
    return out


def slot_text(slot: Slot) -> str:
    el, which = slot
    return (el.text if which == "text" else el.tail) or ""


def set_slot_text(slot: Slot, value: str) -> None:
    el, which = slot
    if which == "text":
        el.text = value
    else:
        el.tail = value
