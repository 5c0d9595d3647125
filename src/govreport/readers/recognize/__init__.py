"""Source nodes → a typed :class:`~govreport.model.Report`.

The recognizer works the way a reader of a Hancom report does: cover lines before the body,
목차 (skipped — it is derived — but its entries confirm the parts found), parts ``Ⅰ.`` as
paragraphs or boxes, section chips (``1 | 추진개요`` tables or numbered headings), summary and
overview boxes, appendix tabs, and the symbol ladder.  Levels come from how the document's
own symbols nest (:mod:`.ranks`, :class:`~.ladder.Ladder`), never from indentation;
indentation only decides where a ``※``/``*`` line belongs when the file has it.  Every place
where the text could not be typed is written to the :class:`~govreport.readers.log.ReadLog`.

One module per construct: :mod:`.document` (the entry point), :mod:`.cover`,
:mod:`.headers` (press releases' and 공문's header blocks), :mod:`.toc`,
:mod:`.kinds` (what a table is), :mod:`.body` (parts, sections, appendices in order),
:mod:`.headings` (chips, numbered headings, appendix tabs), :mod:`.ladder` and :mod:`.ranks`
(the symbol ladder), :mod:`.items` (an item's fields), :mod:`.tables`, :mod:`.diagrams`,
:mod:`.orgchart`, :mod:`.drafts` (the typed holders of the body being read),
:mod:`.words` (printed words compared, printed dates); computed figures are read by
:mod:`govreport.readers.computed`.
"""

from .document import Recognizer

__all__ = ["Recognizer"]
