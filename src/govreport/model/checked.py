"""Type checks and JSON short forms for model objects built in Python.

Every attrs class of :mod:`govreport.model` gets, once at import, an ``__init__`` that
converts the short forms JSON allows and refuses wrong types with a :class:`TypeError`
naming the class, field and index — before the object exists, so a bad value can never
reach the layout.  The rules are derived from the type hints, so new fields and blocks are
covered without code here:

* ``list`` → ``tuple`` (and a single value → a one-element tuple, as before);
* a list → :class:`Row` (its cells); a str, number or ``None`` → :class:`Cell`; a number →
  :class:`Quantity`; an ISO string → a date (the fields' own converters);
* :class:`~decimal.Decimal` → ``int`` (when integral, for an ``int`` field) or ``float``;
* a ``dict`` → the class (a block by its ``"type"``), its keys checked as keyword
  arguments (an unknown key is refused with a "did you mean" hint);
* ``bool`` is never taken for a number, nor a number for a ``bool``.

Objects made by the JSON reader are already checked and skip this (:func:`trusted`).
"""

from __future__ import annotations

import contextlib
import contextvars
import decimal
import difflib
import functools
import sys
import types
import typing
from collections.abc import Callable, Iterator
from typing import Any, Literal, Union, get_args, get_origin

import attrs

_TRUSTED: contextvars.ContextVar[bool] = contextvars.ContextVar("govreport_trusted",
                                                                default=False)
_MISSING = object()

Check = Callable[[Any, str], Any]
"""Converts a value (short forms) and checks its type; raises TypeError naming ``where``."""

_FIELD_CHECKS: dict[type, dict[str, Check]] = {}
"""The checks of each model class's fields, by keyword (filled once, at import)."""


@contextlib.contextmanager
def trusted() -> Iterator[None]:
    """Inside: model classes skip the checks (the JSON reader has made sure of the types)."""
    token = _TRUSTED.set(True)
    try:
        yield
    finally:
        _TRUSTED.reset(token)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fail(where: str, value: Any, want: str) -> TypeError:
    return TypeError(f"{where}: {_show(value)} ({type(value).__name__}) is not {want}")


def _number(value: Any, *, integral: bool) -> Any:
    """``value`` as a Python number (Decimal converted), or _MISSING if it is none."""
    if isinstance(value, bool):
        return _MISSING
    if isinstance(value, decimal.Decimal):
        if not value.is_finite():
            return float(value)
        return int(value) if integral and value == value.to_integral_value() else (
            _MISSING if integral else float(value))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and not integral:
        return value
    return _MISSING


def _kind(cls: type, label: str) -> Check:
    """A check that ``v`` is a ``cls`` (message: "… is not <label>")."""
    def check(v: Any, w: str) -> Any:
        if not isinstance(v, cls):
            raise _fail(w, v, label)
        return v
    return check


class _Checks:
    """Builds (and caches) a :data:`Check` per type hint."""

    def __init__(self, namespace: dict[str, Any]) -> None:
        self.namespace = namespace
        self.cache: dict[Any, Check] = {}

    def of(self, hint: Any) -> Check:
        try:
            return self.cache[hint]
        except (KeyError, TypeError):
            pass
        check = self._build(hint)
        with contextlib.suppress(TypeError):
            self.cache[hint] = check
        return check

    def _build(self, hint: Any) -> Check:
        origin, args = get_origin(hint), get_args(hint)
        if hint is Any or hint is object:
            return lambda v, w: v
        if hint is type(None):
            return _kind(type(None), "None")
        if hint is bool:
            return _kind(bool, "True or False")
        if hint is int or hint is float:
            integral = hint is int

            def num(v: Any, w: str) -> Any:
                n = _number(v, integral=integral)
                if n is _MISSING:
                    raise _fail(w, v, "an int" if integral else "a number")
                return n
            return num
        if origin is Literal:
            options = args

            def choice(v: Any, w: str) -> Any:
                for o in options:
                    if v == o and type(v) is type(o):
                        return o
                raise TypeError(f"{w}: {_show(v)} is not one of "
                                f"{', '.join(repr(o) for o in options)}")
            return choice
        if origin in (Union, types.UnionType):
            return self._union(hint, args)
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                item = self.of(args[0])

                def many(v: Any, w: str) -> Any:
                    if isinstance(v, str | bytes | dict) or not isinstance(v, list | tuple):
                        v = (v,)  # one value for a list of them (the fields' own rule)
                    return tuple(item(x, f"{w}[{i}]") for i, x in enumerate(v))
                return many
            fixed = [self.of(a) for a in args]

            def exact(v: Any, w: str) -> Any:
                if not isinstance(v, list | tuple) or len(v) != len(fixed):
                    raise _fail(w, v, f"a list of {len(fixed)} values")
                return tuple(c(x, f"{w}[{i}]") for i, (c, x) in enumerate(zip(fixed, v,
                                                                              strict=True)))
            return exact
        if isinstance(hint, type) and attrs.has(hint):
            return self._instance(hint)
        if isinstance(hint, type):  # str, date, bytes …
            return _kind(hint, f"a {hint.__name__}")
        return lambda v, w: v  # a hint we do not know: no check

    def _instance(self, cls: type) -> Check:
        short = _SHORT_FORMS.get(cls.__name__)

        def inst(v: Any, w: str) -> Any:
            if isinstance(v, cls):
                return v
            if isinstance(v, dict):
                return _from_dict(v, cls, w)
            if short is not None:
                made = short(v)
                if made is not _MISSING:
                    return made
            raise _fail(w, v, f"a {cls.__name__}")
        return inst

    def _union(self, hint: Any, args: tuple[Any, ...]) -> Check:
        optional = type(None) in args
        members = [a for a in args if a is not type(None)]
        classes = [a for a in members if isinstance(a, type) and attrs.has(a)]
        scalars = [self.of(a) for a in members if a not in classes]
        if len(classes) > 1:  # a tagged union (Block): instances, or a JSON object
            names = ", ".join(sorted(c.__name__ for c in classes))
            tuple_classes = tuple(classes)

            def block(v: Any, w: str) -> Any:
                if v is None and optional:
                    return None
                if isinstance(v, tuple_classes):
                    return v
                if isinstance(v, dict):
                    return _from_dict(v, hint, w)
                for s in scalars:
                    with contextlib.suppress(TypeError):
                        return s(v, w)
                raise TypeError(f"{w}: {_show(v)} ({type(v).__name__}) is not a block "
                                f"({names})")
            return block
        checks = [self.of(a) for a in members if a not in classes] + [
            self.of(c) for c in classes]
        same = _unchanged_types(members)

        def union(v: Any, w: str) -> Any:
            if v is None and optional:
                return None
            if type(v) in same:  # a member's own type: no trial (and no exception) needed
                return v
            if len(checks) == 1:
                return checks[0](v, w)
            errors = []
            for c in checks:
                try:
                    return c(v, w)
                except TypeError as exc:
                    errors.append(exc)
            want = " or ".join(_name(a) for a in members)
            raise _fail(w, v, want + (" or None" if optional else ""))
        return union


def _unchanged_types(members: list[Any]) -> frozenset[type]:
    """Exact types a union of ``members`` takes as they are (what its member checks would
    return unchanged): the members' own classes, and ``int`` for a ``float`` member."""
    same: set[type] = set()
    for a in members:
        if a is float:
            same.update((int, float))
        elif isinstance(a, type) and get_origin(a) is None and a is not decimal.Decimal:
            same.add(a)
    return frozenset(same)


def _name(hint: Any) -> str:
    return getattr(hint, "__name__", None) or str(hint).replace("typing.", "")


def _from_dict(value: dict[str, Any], hint: Any, where: str) -> Any:
    """A dict read as its JSON object: a class (a block by its ``"type"``), each field through
    the same checks as a keyword argument, the messages naming ``where`` and the key."""
    from .blocks import BLOCK_TAGS

    members = [a for a in get_args(hint) if isinstance(a, type)] or [hint]
    classes = [c for c in members if attrs.has(c)]
    tag = value.get("type")
    if len(classes) > 1:
        by_tag = {BLOCK_TAGS[c]: c for c in classes if c in BLOCK_TAGS}
        if not isinstance(tag, str) or tag not in by_tag:
            known = ", ".join(sorted(by_tag))
            if tag is None:
                raise TypeError(f'{where}: a block object needs a "type" (one of {known})')
            raise TypeError(f"{where}: {_show(tag)} is not a block type (one of {known})")
        cls = by_tag[tag]
    else:
        cls = classes[0]
    checks = _FIELD_CHECKS[cls]
    tagged = tag is not None and BLOCK_TAGS.get(cls) == tag
    unknown = [k for k in value if k not in checks and not (tagged and k == "type")]
    if unknown:
        known_keys = sorted(checks)
        keys = ", ".join(_with_hint(str(k), known_keys) for k in unknown)
        raise TypeError(f"{where}: unknown field{'s' if len(unknown) > 1 else ''}: {keys}")
    for f in attrs.fields(cls):
        if f.default is attrs.NOTHING and (f.alias or f.name) not in value:
            raise TypeError(f"{where}: required field {f.alias or f.name!r} is missing")
    kwargs = {k: checks[k](v, f"{where}.{k}") for k, v in value.items()
              if not (tagged and k == "type")}
    token = _TRUSTED.set(True)  # every field was checked just now
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{where}: {exc}") from None
    finally:
        _TRUSTED.reset(token)


def _with_hint(key: str, known: list[str]) -> str:
    """``key`` with a "did you mean" hint when a known field name is close."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f"{key} (did you mean {close[0]}?)" if close else key


def _cell(value: Any) -> Any:
    from .tables import Cell

    if value is None or isinstance(value, str):
        return Cell(value=value)
    n = _number(value, integral=False)
    if n is not _MISSING:
        return Cell(value=int(value) if isinstance(value, int) else n)
    return _MISSING


def _row(value: Any) -> Any:
    from .tables import Row

    if isinstance(value, list | tuple):
        return Row(cells=tuple(value))
    return _MISSING


def _quantity(value: Any) -> Any:
    from .blocks import Quantity

    n = _number(value, integral=False)
    if n is _MISSING:
        return _MISSING
    return Quantity(value=int(value) if isinstance(value, int) else n)


_SHORT_FORMS: dict[str, Callable[[Any], Any]] = {"Cell": _cell, "Row": _row,
                                                 "Quantity": _quantity}


def _after(convert: Callable[[Any], Any], check: Check) -> Check:
    def both(v: Any, w: str) -> Any:
        try:
            v = convert(v)
        except (TypeError, ValueError) as exc:  # the converter's words, naming the field
            raise type(exc)(f"{w}: {exc}") from None
        return check(v, w)
    return both


def _install(cls: type, checks: _Checks) -> None:
    """Wrap ``cls.__init__`` with the checks of its fields (hints resolved now)."""
    hints = typing.get_type_hints(cls, globalns={**vars(sys.modules[cls.__module__]),
                                                 **checks.namespace})
    field_checks: dict[str, Check] = {}
    for f in attrs.fields(cls):
        if f.name not in hints or not f.init:  # (an init=False field is not data)
            continue
        check = checks.of(hints[f.name])
        if callable(f.converter):  # the field's own converter first (ISO text → date …)
            check = _after(f.converter, check)
        field_checks[f.alias or f.name] = check
    _FIELD_CHECKS[cls] = field_checks
    original: Callable[..., None] = cls.__dict__["__init__"]
    label = cls.__name__

    @functools.wraps(original)
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if not args and not _TRUSTED.get():
            for key, value in kwargs.items():
                check = field_checks.get(key)
                if check is not None:
                    kwargs[key] = check(value, f"{label}.{key}")
        original(self, **kwargs)

    cls.__init__ = __init__  # type: ignore[misc]


def install(namespace: dict[str, Any]) -> None:
    """Give every attrs class in ``namespace`` (the model package) its checks."""
    checks = _Checks(namespace)
    for value in list(namespace.values()):
        if isinstance(value, type) and attrs.has(value) and \
                value.__module__.startswith("govreport.model"):
            _install(value, checks)

def type_problems(root: object, path: str = "$") -> list[tuple[str, str]]:
    """(JSON path, message) of every field of ``root`` and the model objects inside it whose
    value its type does not allow — for objects changed after they were made (the checks
    above run when an object is made).  The same checks, walked without recursion."""
    problems: list[tuple[str, str]] = []
    stack: list[tuple[object, str]] = [(root, path)]
    while stack:
        obj, where = stack.pop()
        if isinstance(obj, tuple):
            stack.extend((obj[i], f"{where}[{i}]") for i in range(len(obj) - 1, -1, -1))
            continue
        checks = _FIELD_CHECKS.get(type(obj))
        if checks is None:
            continue
        later: list[tuple[object, str]] = []
        for f in attrs.fields(type(obj)):  # type: ignore[arg-type]  # (a model class)
            if not f.init:
                continue  # not data (a report's kept check)
            key = f.alias or f.name
            check = checks.get(key)
            value = getattr(obj, f.name)
            fpath = f"{where}.{key}"
            if check is not None:
                try:
                    check(value, fpath)
                except (TypeError, ValueError) as exc:
                    text = str(exc)
                    at, sep, message = text.partition(": ")
                    problems.append((at, message) if sep and at.startswith(fpath)
                                    else (fpath, text))
                    continue
            if isinstance(value, tuple) or type(value) in _FIELD_CHECKS:
                later.append((value, fpath))
        stack.extend(reversed(later))
    return problems


__all__ = ["install", "trusted", "type_problems"]
