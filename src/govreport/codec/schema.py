"""A JSON Schema (draft 2020-12) of the report format, generated from the attrs model.

The schema follows the converter in :mod:`govreport.codec.converter`: blocks are a ``oneOf``
tagged by ``"type"``, dates are ISO strings with a pattern, cells and rows may be written in
their short forms (a bare value, a bare list), objects forbid unknown fields and fields
without a default are ``required``.  Semantic rules (totals, spans, …) are not expressible
here; :func:`govreport.check` reports them.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, get_args, get_origin

import attrs

from ..model import BLOCK_TAGS, SCHEMA_VERSION, Block, Cell, PartialDate, Period, Report, Row
from ..model.dates import QUALIFIERS
from ..model.tables import CellValue

DRAFT = "https://json-schema.org/draft/2020-12/schema"

_MONTH = r"(0[1-9]|1[0-2])"
_DAY = r"(0[1-9]|[12][0-9]|3[01])"
_TIME = r"([01][0-9]|2[0-3]):[0-5][0-9]"
_POINT = rf"[0-9]{{4}}(-{_MONTH}(-{_DAY}(T{_TIME})?)?)?"
POINT_PATTERN = rf"^{_POINT}$"
"""A :class:`PartialDate`: ``2025``, ``2025-03``, ``2025-03-25``, ``2025-03-24T21:20``."""
PERIOD_PATTERN = rf"^{_POINT}(/({_POINT}|\.\.))?( ({'|'.join(QUALIFIERS)}))?$"
"""A :class:`Period`: a point, ``start/end`` or ``start/..``, then an optional qualifier."""

_POINT_DOC = "A date: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM."
_PERIOD_DOC = (
    "A date or period: a point (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDTHH:MM), a range "
    "'start/end', an open range 'start/..', optionally followed by a space and a qualifier "
    f"({', '.join(QUALIFIERS)})."
)


JSON_NAMES = {"schema_url": "$schema"}
"""Model field → JSON key where they differ."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a report document (draft 2020-12), as a JSON-ready dict."""
    gen = _Generator()
    root = gen.ref(Report)
    return {
        "$schema": DRAFT,
        "title": "govreport report",
        "description": f"A 개조식 report for govreport (schema_version {SCHEMA_VERSION}).",
        **root,
        "$defs": dict(sorted(gen.defs.items())),
    }


class _Generator:
    """Builds ``$defs`` for attrs classes on demand."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder against recursion (Item → children → Item)
            self.defs[name] = self.object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def named(self, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        """A reference to a non-class definition (date strings)."""
        self.defs.setdefault(name, schema)
        return {"$ref": f"#/$defs/{name}"}

    def object(self, cls: type) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        tag = BLOCK_TAGS.get(cls)
        if tag is not None:  # required where a block stands among blocks (see ``type``)
            properties["type"] = {"const": tag}
        for f in attrs.fields(cls):
            if (cls is Report and f.name == "base_dir") or not f.init:
                continue  # set by load() / kept by the checks, not part of the JSON
            prop = self.type(f.type)
            if f.default is attrs.NOTHING:
                required.append(f.name)
            elif not isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
                default = _json_default(f.default)
                if default is not _NO_DEFAULT:
                    prop = {**prop, "default": default}
            properties[JSON_NAMES.get(f.name, f.name)] = prop
        out: dict[str, Any] = {"type": "object"}
        doc = _summary(cls)
        if doc:
            out["description"] = doc
        out["properties"] = properties
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out

    def type(self, t: Any) -> dict[str, Any]:
        """The schema of one annotated type."""
        if t is Block:  # among blocks the tag says which; alone (a cover's logo) it may not
            return {"oneOf": [{"allOf": [self.ref(cls), {"required": ["type"]}]}
                              for cls in BLOCK_TAGS]}
        if t == CellValue:
            return {"type": ["string", "number", "null"]}
        if t is Cell:
            return {"anyOf": [{"type": ["string", "number", "null"]}, self.ref(Cell)]}
        if t is Row:
            return {"anyOf": [
                {"type": "array", "items": self.type(Cell),
                 "description": "Short form: the row's cells."},
                self.ref(Row),
            ]}
        if t is Period:
            return self.named("Period", {"type": "string", "pattern": PERIOD_PATTERN,
                                         "description": _PERIOD_DOC})
        if t is PartialDate:
            return self.named("PartialDate", {"type": "string", "pattern": POINT_PATTERN,
                                              "description": _POINT_DOC})
        if t is bytes:
            return {"type": "string", "contentEncoding": "base64"}
        simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
        if t in simple:
            return {"type": simple[t]}
        origin, args = get_origin(t), get_args(t)
        if origin is Literal:
            return {"enum": list(args)}
        if origin in (typing.Union, types.UnionType):
            members = [a for a in args if a is not type(None)]
            nullable = len(members) < len(args)
            inner: dict[str, Any]
            if set(members) == {int, float}:
                inner = {"type": "number"}
            elif len(members) == 1:
                inner = self.type(members[0])
            else:
                inner = {"anyOf": [self.type(m) for m in members]}
            if not nullable:
                return inner
            if set(inner) == {"type"} and isinstance(inner["type"], str):
                return {"type": [inner["type"], "null"]}
            return {"anyOf": [inner, {"type": "null"}]}
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.type(args[0])}
            return {
                "type": "array",
                "prefixItems": [self.type(a) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
                "items": False,
            }
        if isinstance(t, type) and attrs.has(t):
            return self.ref(t)
        raise TypeError(f"no JSON Schema mapping for {t!r}")


_NO_DEFAULT = object()


def _json_default(value: object) -> object:
    """A field default as JSON, or ``_NO_DEFAULT`` for defaults without a JSON form."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, tuple) and all(isinstance(v, str | int | float) for v in value):
        return list(value)
    return _NO_DEFAULT


def _summary(cls: type) -> str:
    """The first paragraph of a class docstring, on one line, without reST markup."""
    doc = (cls.__doc__ or "").strip().split("\n\n", 1)[0]
    return " ".join(doc.replace("``", "").split())


__all__ = ["PERIOD_PATTERN", "POINT_PATTERN", "json_schema"]
