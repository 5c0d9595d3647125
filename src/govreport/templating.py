"""The sandboxed Jinja environment used for every user template (DOCX, HWPX, free-form).

A template can use the formatting filters (``{{ d | kdate }}``, ``{{ n | num }}`` …) and
the data filters of :mod:`govreport.records` (``sum``, ``group_by``, ``sort_by`` …) but
cannot reach Python internals, files or the network: :class:`SandboxedEnvironment` blocks
attribute access to private/unsafe members and no loader is configured.

Two tags of our own mark vertical merges in table rows (both formats):
``{% vmerge %}`` merges a cell with the cell above when both hold the same text (or the
same key: ``{% vmerge g.key %}``); ``{% vm %}`` (docxtpl's) merges the copies of a cell made
by one run of the enclosing loop.

Runtime errors are reported with :func:`located_error`: template, place (paragraph or
table cell), the expression and the data path it was reading (``data[17].date``).
"""

from __future__ import annotations

import functools
import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs
import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import records
from .errors import RenderError
from .formatting import filters_for
from .formatting.numbers import format_count

TAG_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
"""A Jinja tag (expression, statement or comment)."""
MERGE_RE = re.compile("\ue100([vrc])(.*?)\ue101", re.S)
"""The mark a merge tag leaves in a cell's text: mode (vmerge/restart/continue) and key."""

_NUMERIC = ("num", "cell", "change", "pct", "ratio", "pp", "num_myriad", "odds", "money",
            "myriad", "krw")


class MergeExtension(Extension):
    """``{% vmerge [key] %}`` and ``{% vm %}``: leave a merge mark in the cell's text."""

    tags = {"vmerge", "vm"}  # noqa: RUF012 - jinja2.ext.Extension declares it so

    def parse(self, parser: jinja2.parser.Parser) -> nodes.Node:
        token = next(parser.stream)
        if token.value == "vm":
            call = self.call_method("_loop_mark", [nodes.Name("loop", "load")])
        else:
            key = (nodes.Const(None) if parser.stream.current.type == "block_end"
                   else parser.parse_expression())
            call = self.call_method("_key_mark", [key])
        return nodes.Output([call], lineno=token.lineno)

    @staticmethod
    def _key_mark(key: Any) -> str:
        text = "" if key is None else str(key).replace("\ue101", "")
        return f"\ue100v{text}\ue101"

    @staticmethod
    def _loop_mark(loop: Any) -> str:
        if not isinstance(loop, jinja2.runtime.LoopContext):
            return ""
        return f"\ue100{'r' if loop.first else 'c'}{id(loop)}\ue101"


def _count(value: Any, *args: Any, locale: str = "ko_KR", **kwargs: Any) -> Any:
    """``count``: a list → number of records (``count("x")``: non-null x); a number → the
    counted form of the formatting layer (``1022 | count("호")`` → ``1,022호``)."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return format_count(value, *args, locale=locale, **kwargs)
    if isinstance(value, records.NoData):
        return value
    return records.count(value, *args, **kwargs)


def _field_arg(func: Callable[..., Any]) -> Callable[..., Any]:
    """Accept Jinja's ``attribute=`` spelling of the field as well."""

    @functools.wraps(func)
    def wrapper(items: Any, field: str | None = None, attribute: str | None = None) -> Any:
        return func(items, field if field is not None else attribute)

    return wrapper


def _passes_nodata(func: Callable[..., Any]) -> Callable[..., Any]:
    """A number filter given an empty aggregate prints it (``-``) instead of failing."""

    @functools.wraps(func)
    def wrapper(value: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(value, records.NoData):
            return value
        return func(value, *args, **kwargs)

    return wrapper


def data_filters(locale: str) -> dict[str, Callable[..., Any]]:
    """The data filters (null-safe aggregates, groups, order, shares, changes, dates)."""
    bind = functools.partial
    return {
        "sum": _field_arg(records.total),
        "avg": _field_arg(records.avg),
        "min": _field_arg(records.minimum),
        "max": _field_arg(records.maximum),
        "count": bind(_count, locale=locale),
        "aggregate": records.aggregate,
        "group_by": records.group_by,
        "sort_by": records.sort_by,
        "top": records.top,
        "share": bind(records.share, locale=locale),
        "delta": bind(records.delta, locale=locale),
        "fixed": bind(records.fixed, locale=locale),
        "todate": records.to_date,
        "columns": records.columns,
        "colval": bind(records.column_value, locale=locale),
        "coltotal": bind(records.column_total, locale=locale),
        "colline": bind(records.column_line, locale=locale),
        "period_name": bind(records.period_name, locale=locale),
    }


def environment(locale: str = "ko_KR", *, autoescape: bool = False) -> jinja2.Environment:
    """A fresh sandboxed environment with the formatting and data filters bound to
    ``locale`` and the merge tags (``autoescape`` for templates that are XML)."""
    env = ImmutableSandboxedEnvironment(
        autoescape=autoescape, undefined=jinja2.Undefined, keep_trailing_newline=True,
        extensions=[MergeExtension],
    )
    formatting = filters_for(locale)
    for name in _NUMERIC:
        formatting[name] = _passes_nodata(formatting[name])
    env.filters.update(formatting)
    env.filters.update(data_filters(locale))
    return env


def template_error(exc: BaseException, name: str) -> RenderError:
    """A :class:`RenderError` naming the template (and line, when Jinja knows it)."""
    return RenderError(f"{name}: {_describe(exc)}")


def _describe(exc: BaseException) -> str:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"template syntax error on line {exc.lineno}: {exc.message}"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"template tried an unsafe operation: {exc}"
    if isinstance(exc, jinja2.UndefinedError):
        return f"the template uses a value the data does not have: {exc}"
    if isinstance(exc, jinja2.TemplateError):
        return f"template error: {exc}"
    if isinstance(exc, RenderError):
        return str(exc)
    return f"template could not be filled: {exc}"


def render_string(source: str, context: Mapping[str, Any], locale: str = "ko_KR") -> str:
    """Render one template string in the sandbox (used by the HWPX template filler)."""
    try:
        return environment(locale).from_string(source).render(**context)
    except jinja2.TemplateError as exc:
        raise template_error(exc, "template") from None


# --------------------------------------------------------------------------- error locations


@attrs.frozen
class TemplateSpot:
    """A place in a template: ``place`` in words (``section 1, table 2 row 3 cell 1``) and
    the template text there."""

    place: str
    code: str


_EXPR_OF = re.compile(r"\{\{-?(.*?)-?\}\}|\{%-?\s*(?:for\s+.+?\s+in|if|elif|set\s+[\w, ]+=)"
                      r"\s+(.*?)-?%\}", re.S)


def template_locals(exc: BaseException) -> dict[str, Any]:
    """The template variables at the failing line (from Jinja's rewritten traceback)."""
    found: dict[str, Any] = {}
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            found = {k: v for k, v in tb.tb_frame.f_locals.items() if not k.startswith("_")}
        tb = tb.tb_next
    return found


def located_error(exc: BaseException, name: str, spot: TemplateSpot | None,
                  env: jinja2.Environment, context: Mapping[str, Any]) -> RenderError:
    """A :class:`RenderError` naming the template, the place, the failing expression and
    the data path it read (``data[17].date``) — as far as they can be known."""
    what = _describe(exc)
    if spot is None:
        return RenderError(f"{name}: {what}")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        what = f"template syntax error: {exc.message}"
        return RenderError(f"{name}: {spot.place}: {what} (in {spot.code[:200]!r})")
    scope = {**context, **template_locals(exc)}
    expr = _culprit(spot.code, env, scope)
    lines = [f"{name}: {spot.place}: {what}"]
    if expr is not None:
        lines.append(f"  expression: {{{{ {expr} }}}}")
        path = _data_path(expr, env, scope, context)
        if path:
            lines.append(f"  data: {path}")
    else:
        lines.append(f"  template text: {spot.code[:200]}")
    return RenderError("\n".join(lines))


def _culprit(code: str, env: jinja2.Environment, scope: Mapping[str, Any]) -> str | None:
    """The first expression of ``code`` that fails when evaluated in ``scope``."""
    exprs = [(m.group(1) or m.group(2) or "").strip() for m in _EXPR_OF.finditer(code)]
    exprs = [e for e in exprs if e]
    for e in exprs:
        try:
            value = env.compile_expression(e, undefined_to_none=False)(**scope)
            if isinstance(value, jinja2.Undefined):
                str(value)
        except Exception:
            return e
    return exprs[0] if len(exprs) == 1 else None


def _chains(node: nodes.Node) -> list[tuple[str, list[str | int]]]:
    """Variable paths read by an expression: ``r.date`` → ``("r", ["date"])``."""
    out: list[tuple[str, list[str | int]]] = []

    def walk(n: nodes.Node) -> tuple[str, list[str | int]] | None:
        if isinstance(n, nodes.Name):
            return n.name, []
        if isinstance(n, nodes.Getattr):
            inner = walk(n.node)
            return (inner[0], [*inner[1], n.attr]) if inner else None
        if isinstance(n, nodes.Getitem) and isinstance(n.arg, nodes.Const):
            inner = walk(n.node)
            return (inner[0], [*inner[1], n.arg.value]) if inner else None
        return None

    for n in node.find_all((nodes.Getattr, nodes.Getitem, nodes.Name)):
        chain = walk(n)
        if chain is not None:
            out.append(chain)
    out.sort(key=lambda c: -len(c[1]))
    return out


def _step(value: Any, key: str | int) -> Any:
    if isinstance(value, Mapping):
        return value.get(key, jinja2.Undefined())
    if isinstance(value, list | tuple) and isinstance(key, int):
        return value[key] if -len(value) <= key < len(value) else jinja2.Undefined()
    if isinstance(key, str) and not key.startswith("_"):
        return getattr(value, key, jinja2.Undefined())
    return jinja2.Undefined()


def _data_path(expr: str, env: jinja2.Environment, scope: Mapping[str, Any],
               context: Mapping[str, Any]) -> str | None:
    try:
        tree = env.parse("{{ " + expr + " }}")
    except jinja2.TemplateSyntaxError:
        return None
    chains = [c for c in _chains(tree) if c[0] in scope]
    if not chains:
        return None
    best = chains[0]
    for root, steps in chains:  # prefer the path that ends in nothing (null / missing)
        value: Any = scope[root]
        for k in steps:
            value = _step(value, k)
        if records.is_missing(value):
            best = (root, steps)
            break
    root, steps = best
    base = root if root in context else _find(scope[root], context) or root
    return base + "".join(_fmt_key(k) for k in steps)


def _fmt_key(key: str | int) -> str:
    if isinstance(key, int):
        return f"[{key}]"
    return f".{key}" if re.fullmatch(r"[A-Za-z_]\w*", key) else f"[{key!r}]"


def _find(target: Any, context: Mapping[str, Any], limit: int = 200_000) -> str | None:
    """The path of ``target`` (by identity) in the context data, breadth first."""
    if target is None or isinstance(target, str | int | float | bool):
        return None
    queue: deque[tuple[Any, str]] = deque((v, k) for k, v in context.items()
                                          if isinstance(v, Mapping | list | tuple))
    seen = 0
    while queue and seen < limit:
        value, path = queue.popleft()
        seen += 1
        if value is target:
            return path
        items: Iterable[tuple[Any, str]]
        if isinstance(value, Mapping):
            items = ((v, path + _fmt_key(str(k))) for k, v in value.items())
        elif isinstance(value, list | tuple):
            items = ((v, f"{path}[{i}]") for i, v in enumerate(value))
        else:
            continue
        for v, p in items:
            if v is target:
                return p
            if isinstance(v, Mapping | list | tuple):
                queue.append((v, p))
    return None


__all__ = ["MERGE_RE", "TAG_RE", "MergeExtension", "TemplateSpot", "data_filters",
           "environment", "fit_widths", "located_error", "render_string", "template_error",
           "template_locals"]


def fit_widths(widths: list[int], total: int) -> list[int]:
    """Column widths after a cell loop, fitted into the table's ``total`` width: the
    repeated cells (the most frequent width) share what the other columns leave; when
    there are none, everything is scaled."""
    if not widths or total <= 0 or sum(widths) == total:
        return widths
    counts: dict[int, int] = {}
    for w in widths:
        counts[w] = counts.get(w, 0) + 1
    common, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    rest = sum(w for w in widths if w != common)
    if n >= 2 and rest < total * 0.8:
        share = (total - rest) / n
        return [round(share) if w == common else w for w in widths]
    scale = total / sum(widths)
    return [round(w * scale) for w in widths]
