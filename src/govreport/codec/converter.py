"""JSON ⇄ model: one cattrs converter with tagged block unions and strict scalar types.

``structure`` builds a report from parsed data, collecting every structural problem at once as
:class:`~govreport.support.errors.ValidationError` with JSON paths; ``dumps``/``dump`` write
canonical JSON (defaults omitted, ``"type"`` first, dates as ISO strings).  Reading JSON text
and files (``loads``/``load``: decoding, limits, syntax messages) is the JSON reader,
:mod:`govreport.readers.json`.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import difflib
import functools
import json
import os
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from ..checks.base import number_problem
from ..model import BLOCK_TAGS, SCHEMA_VERSION, Block, Cell, PartialDate, Period, Report, Row
from ..model.checked import trusted
from ..model.dates import DateFormatError, parse_partial_date, parse_period
from ..model.figures import ChartValue, ColumnRef
from ..model.tables import CellValue
from ..support.errors import Problem, ValidationError
from .scan import describe, scan


class _TypeMismatch(TypeError):
    """A JSON value of the wrong JSON type."""


_JSON_TYPE = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}


def _sane(value: int | float) -> int | float:
    """``value`` if finite and of a printable size, else raise with a readable message."""
    problem = number_problem(value)
    if problem is not None:
        raise _TypeMismatch(problem)
    return value


def _strict(kind: type) -> Callable[[Any, type], Any]:
    def hook(value: Any, _: type) -> Any:
        ok = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(_sane(value))
        if not ok:
            raise _TypeMismatch(f"{describe(value)} is not {_JSON_TYPE[kind]}")
        return _sane(value) if kind is int or kind is float else value

    if kind is str or kind is bool:
        def text(value: Any, _: type) -> Any:
            # exactly the kind (what JSON gives): taken as it is; anything else as above
            return value if type(value) is kind else hook(value, _)

        return text
    return hook


_period_of = functools.lru_cache(maxsize=1024)(parse_period)
""":func:`parse_period`, remembering the periods of the texts read last (a report repeats its
dates; a :class:`Period` is immutable).  Only short texts are kept: a date padded with
spaces is not held after its load."""


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    for kind in (str, int, float, bool):
        conv.register_structure_hook(kind, _strict(kind))

    def structure_period(value: Any, _: type) -> Period:
        if not isinstance(value, str):
            raise _TypeMismatch(f"{describe(value)} is not a date string")
        try:
            return _period_of(value) if len(value) <= 64 else parse_period(value)
        except DateFormatError as exc:
            if repr(value) in str(exc):
                raise
            raise DateFormatError(f"{value!r}: {exc}") from None

    def structure_point(value: Any, _: type) -> PartialDate:
        if not isinstance(value, str):
            raise _TypeMismatch(f"{describe(value)} is not a date string")
        return parse_partial_date(value)

    # ``X | None``: a direct hook per type instead of cattrs' generic one, which looks the
    # hook of ``X`` up on every call (same calls, same errors).  Registered before any class
    # hook is made; the hook of ``X`` is looked up at the first call, when all are registered.
    def is_optional(t: Any) -> bool:
        args = get_args(t)
        return (get_origin(t) in (Union, types.UnionType) and len(args) == 2
                and type(None) in args)

    def optional_factory(t: Any) -> Callable[[Any, type], Any]:
        first, second = get_args(t)
        other = first if second is type(None) else second
        inner: list[Callable[[Any, Any], Any]] = []

        def structure_optional(value: Any, _: type) -> Any:
            if value is None:
                return None
            if not inner:
                inner.append(conv.get_structure_hook(other))
            return inner[0](value, other)

        return structure_optional

    conv.register_structure_hook_factory(is_optional, optional_factory)

    conv.register_structure_hook(Period, structure_period)
    conv.register_unstructure_hook(Period, Period.iso)
    conv.register_structure_hook(PartialDate, structure_point)
    conv.register_unstructure_hook(PartialDate, PartialDate.iso)

    def structure_cell_value(value: Any, _: type) -> CellValue:
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
            return _sane(value)
        raise _TypeMismatch(f"{describe(value)} is not text, a number or null")

    conv.register_structure_hook(CellValue, structure_cell_value)

    def structure_number(value: Any, _: type) -> int | float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _sane(value)
        raise _TypeMismatch(f"{describe(value)} is not a number")

    conv.register_structure_hook(int | float, structure_number)

    def structure_chart_value(value: Any, _: type) -> ChartValue:
        return None if value is None else structure_number(value, float)

    conv.register_structure_hook(ChartValue, structure_chart_value)

    def structure_column(value: Any, _: type) -> ColumnRef:
        if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        raise _TypeMismatch(f"{describe(value)} is not a column (header text or index)")

    conv.register_structure_hook(ColumnRef, structure_column)

    def structure_bytes(value: Any, _: type) -> bytes:
        if not isinstance(value, str):
            raise _TypeMismatch(f"{describe(value)} is not base64 text")
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise _TypeMismatch("not valid base64 text") from None

    conv.register_structure_hook(bytes, structure_bytes)
    conv.register_unstructure_hook(bytes, lambda b: base64.b64encode(b).decode("ascii"))

    def _at_index(exc: Exception, i: int, item_type: Any) -> Exception:
        """``exc`` noted as the error of list item ``i`` (cattrs' note, for the JSON path)."""
        exc.__notes__ = [*getattr(exc, "__notes__", []),
                         IterableValidationNote(f"index {i}", i, item_type)]
        return exc

    def structure_items(value: Any, item_types: list[Any], t: Any) -> tuple[Any, ...]:
        """Structure list elements against their types, collecting every error with its index."""
        out: list[Any] = []
        errors: list[Exception] = []
        for i, (element, item_type) in enumerate(zip(value, item_types, strict=True)):
            try:
                out.append(conv.get_structure_hook(item_type)(element, item_type))
            except Exception as exc:
                errors.append(_at_index(exc, i, item_type))
        if errors:
            raise IterableValidationError("invalid list", errors, t)
        return tuple(out)

    def is_tuple(t: Any) -> bool:
        return get_origin(t) is tuple and bool(get_args(t))

    def tuple_factory(t: Any) -> Callable[[Any, type], tuple[Any, ...]]:
        args = get_args(t)
        if len(args) == 2 and args[1] is Ellipsis:
            return many_factory(t, args[0])

        def hook(value: Any, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise _TypeMismatch(f"{describe(value)} is not a list")
            if len(value) != len(args):
                raise _TypeMismatch(
                    f"{describe(value)} has {len(value)} item{'s' if len(value) != 1 else ''}"
                    f", {len(args)} are needed"
                )
            return structure_items(value, list(args), t)

        return hook

    def many_factory(t: Any, item_type: Any) -> Callable[[Any, type], tuple[Any, ...]]:
        """The hook of ``tuple[X, ...]``: :func:`structure_items` with one hook, looked up at
        the first call, when every hook is registered (hooks made while the block union is
        configured would otherwise see none for it)."""
        item_hook: list[Callable[[Any, Any], Any]] = []

        def many(value: Any, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise _TypeMismatch(f"{describe(value)} is not a list")
            if not item_hook:
                item_hook.append(conv.get_structure_hook(item_type))
            structure_item = item_hook[0]
            out: list[Any] = []
            errors: list[Exception] = []
            for i, element in enumerate(value):
                try:
                    out.append(structure_item(element, item_type))
                except Exception as exc:
                    errors.append(_at_index(exc, i, item_type))
            if errors:
                raise IterableValidationError("invalid list", errors, t)
            return tuple(out)

        return many

    conv.register_structure_hook_factory(is_tuple, tuple_factory)

    def literal_factory(t: Any) -> Callable[[Any, type], Any]:
        options = get_args(t)
        names = ", ".join(describe(o) for o in options)

        def hook(value: Any, _: type) -> Any:
            for option in options:
                if value == option and type(value) is type(option):
                    return option
            raise _TypeMismatch(f"{describe(value)} is not one of {names}")

        return hook

    def is_literal(t: Any) -> bool:
        return get_origin(t) is Literal

    conv.register_structure_hook_factory(is_literal, literal_factory)

    # Every attrs class: first check that the value is a JSON object, so ``"count": 3`` reads
    # "3 is not an object" instead of a Python error from the generated code.  Registered
    # before the Cell/Row hooks and the block union (which ask for their members' hooks when
    # they are configured); Cell, Row, Period and PartialDate have their own hooks, registered
    # by class, which cattrs prefers over this predicate.
    def attrs_factory(cl: type) -> Callable[[Any, type], Any]:
        inner: Callable[[Any, type], Any] = make_dict_structure_fn(
            cl, conv, _cattrs_forbid_extra_keys=True
        )

        def structure_object(value: Any, t: type) -> Any:
            if not isinstance(value, dict):
                raise _TypeMismatch(f"{describe(value)} is not an object")
            return inner(value, t)

        return structure_object

    conv.register_structure_hook_factory(attrs.has, attrs_factory)

    # Cells and rows may be written in short form: a bare value, a bare list of cells.
    # Registered before the block union so every table hook generated later uses them.
    lazy: dict[str, Callable[..., Any]] = {}

    def hook(name: str) -> Callable[..., Any]:
        if name not in lazy:
            cls = Cell if name.startswith("cell") else Row
            if name.endswith("in"):
                lazy[name] = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True)
            else:
                lazy[name] = make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)
        return lazy[name]

    def structure_cell(value: Any, t: type) -> Cell:
        if isinstance(value, dict):
            return hook("cell_in")(value, t)  # type: ignore[no-any-return]
        return Cell(value=structure_cell_value(value, CellValue))  # type: ignore[arg-type]

    def unstructure_cell(cell: Cell) -> Any:
        d = hook("cell_out")(cell)
        return d.get("value") if set(d) <= {"value"} else d

    def structure_row(value: Any, t: type) -> Row:
        if isinstance(value, list):
            if all(v is None or type(v) in (str, int, float) for v in value):
                # fast path (a table may have 100,000 rows): bare values only; a number out
                # of range takes the slow path, which reports it with its index
                with contextlib.suppress(_TypeMismatch):
                    return Row(cells=tuple(Cell(value=v if v is None or type(v) is str
                                                else _sane(v)) for v in value))
            value = {"cells": value}
        elif not isinstance(value, dict):
            raise _TypeMismatch(f"{describe(value)} is not a row (a list of cells)")
        return hook("row_in")(value, t)  # type: ignore[no-any-return]

    def unstructure_row(row: Row) -> Any:
        d = hook("row_out")(row)
        return d["cells"] if set(d) == {"cells"} else d

    conv.register_structure_hook(Cell, structure_cell)
    conv.register_unstructure_hook(Cell, unstructure_cell)
    conv.register_structure_hook(Row, structure_row)
    conv.register_unstructure_hook(Row, unstructure_row)

    # Block: a tagged union on "type", with clear messages for missing/unknown tags.
    def tag_of(cls: type) -> str:
        return BLOCK_TAGS[cls]

    # cattrs' ``configure_tagged_union`` generates the structure and unstructure code of
    # every block class at once, at import; here each is generated at its first use (the
    # same hooks, called the same way: the tag popped from a copy, then added last), so
    # ``validate`` compiles no unstructure code and only the blocks it meets.
    tag_to_class = {tag: cls for cls, tag in BLOCK_TAGS.items()}
    structure_hooks: dict[str, Callable[[Any], Any]] = {}
    unstructure_hooks: dict[type, Callable[[Any], dict[str, Any]]] = {}

    def tagged_structure(value: dict[str, Any], _: type) -> Any:
        value = value.copy()
        tag = value.pop("type")
        found = structure_hooks.get(tag)
        if found is None:
            cls = tag_to_class[tag]
            member = conv.get_structure_hook(cls)

            def found(val: dict[str, Any], _cl: type = cls, _h: Any = member) -> Any:
                return _h(val, _cl)

            structure_hooks[tag] = found
        return found(value)

    def tagged_unstructure(value: Any) -> dict[str, Any]:
        cls = value.__class__
        found = unstructure_hooks.get(cls)
        if found is None:
            found = unstructure_hooks[cls] = conv.get_unstructure_hook(cls)
        res = found(value)
        res["type"] = tag_of(cls)
        return res

    conv.register_unstructure_hook(Block, tagged_unstructure)
    known = ", ".join(sorted(BLOCK_TAGS.values()))
    tags = frozenset(BLOCK_TAGS.values())

    def structure_block(value: Any, t: type) -> Any:
        if not isinstance(value, dict):
            raise _TypeMismatch(f"{describe(value)} is not a block object")
        tag = value.get("type")
        if tag is None:
            raise _TypeMismatch(f'block has no "type" (one of {known})')
        if not (isinstance(tag, str) and tag in tags):  # (an unhashable tag is not one)
            raise _TypeMismatch(f"{describe(tag)} is not a block type (one of {known})")
        return tagged_structure(value, t)

    conv.register_structure_hook(Block, structure_block)

    return conv


converter = _make_converter()


def _format_exception(exc: BaseException, _type: type | None) -> str:
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [f.name for f in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        keys = ", ".join(_with_hint(k, known) for k in sorted(exc.extra_fields))
        return f"unknown field{'s' if len(exc.extra_fields) > 1 else ''}: {keys}"
    if isinstance(exc, KeyError):
        return f"required field {exc.args[0]!r} is missing"
    if isinstance(exc, _TypeMismatch | DateFormatError):
        return str(exc)
    if isinstance(exc, TypeError | ValueError | AttributeError):
        return f"invalid value ({exc})"
    return str(exc)


def _with_hint(key: str, known: list[str]) -> str:
    """``key`` with a "did you mean" hint when a known field name is close."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f"{key} (did you mean {close[0]}?)" if close else key


def _problems(exc: Exception) -> list[Problem]:
    out: list[Problem] = []
    for line in cattrs.transform_error(exc, format_exception=_format_exception):
        message, _, path = line.rpartition(" @ ")
        out.append(Problem(path=path, message=message))
    return out


def schema_version_of(data: Any) -> int | None:
    """The ``schema_version`` a parsed report states (``None`` when absent or not an integer)."""
    if not isinstance(data, dict):
        return None
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool):
        return version
    return None


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older report document up to :data:`SCHEMA_VERSION`, silently.

    Version 2 only adds fields (lead, numbering, computed tables, diagrams, figures, charts,
    table ids …), so a version 1 document means the same in version 2: only its
    ``schema_version`` changes.  A document without ``schema_version`` is read as the
    current version; newer versions are left for the checks to warn about.
    """
    if schema_version_of(data) == 1:
        return {**data, "schema_version": SCHEMA_VERSION}
    return data


def structure(data: Any, source: str | None = None) -> Report:
    """Build a :class:`Report` from JSON-like data; raise ValidationError listing all problems.

    Older versions are migrated first (:func:`migrate`)."""
    if not isinstance(data, dict):
        raise ValidationError([Problem(path="$", message="a report must be a JSON object")], source)
    data = migrate(data)
    extra: list[Problem] = []
    if "schema_url" in data:  # the model's name for "$schema" is not a JSON key
        extra.append(Problem(path="$", message='unknown field: schema_url (write "$schema")'))
        data = {k: v for k, v in data.items() if k != "schema_url"}
    if "base_dir" in data:  # set by load(), never read from JSON
        extra.append(Problem(path="$", message="unknown field: base_dir"))
        data = {k: v for k, v in data.items() if k != "base_dir"}
    if "$schema" in data:  # an editor hint (JSON Schema URL), kept as Report.schema_url
        data = {("schema_url" if k == "$schema" else k): v for k, v in data.items()}
    early, too_deep = scan(data)
    early = extra + early
    if too_deep:
        raise ValidationError(early, source)
    try:
        with trusted():  # the converter checks every type itself
            report = converter.structure(data, Report)
    except (ClassValidationError, IterableValidationError) as exc:
        raise ValidationError(early + _problems(exc), source) from None
    except (_TypeMismatch, DateFormatError, ValueError, TypeError, KeyError) as exc:
        raise ValidationError(
            [*early, Problem(path="$", message=_format_exception(exc, None))], source
        ) from None
    if early:
        raise ValidationError(early, source)
    return report


def unstructure(report: Report) -> dict[str, Any]:
    """The canonical JSON-ready dict of a report."""
    d: dict[str, Any] = _type_first(converter.unstructure(report))
    d.pop("schema_version", None)
    d.pop("base_dir", None)
    head: dict[str, Any] = {}
    if "schema_url" in d:
        head["$schema"] = d.pop("schema_url")
    return {**head, "schema_version": report.schema_version, **d}


def _type_first(value: Any) -> Any:
    """Put each block's ``"type"`` key first, for readable canonical JSON."""
    if isinstance(value, dict):
        items = {k: _type_first(v) for k, v in value.items()}
        if "type" in items:
            return {"type": items.pop("type"), **items}
        return items
    if isinstance(value, list):
        return [_type_first(v) for v in value]
    return value


def dumps(report: Report, *, indent: int | None = 2) -> str:
    """Canonical JSON text of a report (UTF-8 characters kept, defaults omitted)."""
    return json.dumps(unstructure(report), ensure_ascii=False, indent=indent) + "\n"


def dump(report: Report, path: str | os.PathLike[str]) -> None:
    """Write a report as canonical JSON, atomically (temporary file, then rename)."""
    from ..support.files import write_atomic

    write_atomic(Path(path), dumps(report).encode("utf-8"))


__all__ = ["converter", "dump", "dumps", "migrate", "schema_version_of", "structure",
           "unstructure"]
