"""The sandboxed Jinja environment used for every user template (DOCX, HWPX, free-form).

A template can use the formatting filters (``{{ d | kdate }}``, ``{{ n | num }}`` …) and
the data filters of :mod:`govreport.freeform.records` (``sum``, ``group_by``, ``sort_by`` …) but
cannot reach Python internals, files or the network: :class:`SandboxedEnvironment` blocks
attribute access to private/unsafe members and no loader is configured.

Two tags of our own mark vertical merges in table rows (both formats):
``{% vmerge %}`` merges a cell with the cell above when both hold the same text (or the
same key: ``{% vmerge g.key %}``); ``{% vm %}`` (docxtpl's) merges the copies of a cell made
by one run of the enclosing loop.

Runtime errors are reported with :func:`located_error`: template, place (paragraph or
table cell), the expression and the data path it was reading (``data[17].date``).

A template cannot take unbounded time or memory (:class:`~govreport.support.limits.Limits`):

* operators that make big values are checked *before* they run — string/list repetition
  (``'x' * 10**9``), big powers and products of integers — and ``+``/``~`` results are bounded
  by ``output_mb``; ``range`` is capped by Jinja's sandbox, ``lipsum`` by us;
* format widths and precisions (``'%999999999d' % 1``, ``'{:>999999999}'.format(x)``, the
  ``format``, ``center``, ``indent``, ``batch`` and ``slice`` filters, ``str.ljust`` and kin)
  must stay below :data:`MAX_WIDTH`;
* the text a template renders is counted as it is produced (``output_mb``);
* a watchdog thread (:func:`watchdog`) stops a fill that runs longer than ``render_seconds``
  or makes the process grow by more than ``template_memory_mb``.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import inspect
import operator
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from types import TracebackType
from typing import Any

import attrs
import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ..formatting import filters_for
from ..formatting.numbers import format_count
from ..support.errors import RenderError, short
from ..support.limits import current, hint
from . import records

TAG_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
"""A Jinja tag (expression, statement or comment)."""
MERGE_RE = re.compile("\ue100([vrc])(.*?)\ue101", re.S)
"""The mark a merge tag leaves in a cell's text: mode (vmerge/restart/continue) and key."""

_NUMERIC = ("num", "cell", "change", "pct", "ratio", "pp", "num_myriad", "odds", "money",
            "myriad", "krw")


MAX_WIDTH = 10_000
"""Largest field width, precision or padding a template may ask for."""
MAX_INT_BITS = 100_000
"""Largest integer (in bits, about 30,000 digits) a template may compute."""
MAX_LIPSUM = 100
"""Most paragraphs (and words per paragraph / 10) ``lipsum()`` may make."""
_POLL_SECONDS = 0.02


class TemplateLimitError(Exception):
    """A template asked for more than the limits allow (raised inside the sandbox)."""


class TemplateStopped(BaseException):
    """Base of the watchdog's exceptions (BaseException: no library swallows it)."""


class TemplateTimeout(TemplateStopped):
    """The fill ran past ``render_seconds``."""


class TemplateMemory(TemplateStopped):
    """The fill made the process grow past ``template_memory_mb``."""


# ------------------------------------------------------------------------------ checks


def _output_cap() -> int:
    return current().bytes("output_mb")


def _too_big(what: str) -> TemplateLimitError:
    return TemplateLimitError(f"{what} would be larger than {current().output_mb:g} MB "
                              f"({hint('output_mb')})")


def _sized(value: Any) -> int | None:
    return len(value) if isinstance(value, str | bytes | list | tuple) else None


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_width(n: Any, what: str = "a width") -> None:
    if _int(n) and abs(n) > MAX_WIDTH:
        raise TemplateLimitError(f"{what} of {n} is more than {MAX_WIDTH:,}")


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d+))?[a-zA-Z%]")
_BRACE_SPEC = re.compile(r"\{[^{}]*:([^{}]*)\}|\{[^{}]*:[^{}]*\{")
_NUMBER = re.compile(r"\d+")


def _check_percent_format(fmt: str, args: Any) -> None:
    """Widths/precisions of a ``%`` format string (and ``*`` taken from the arguments)."""
    star = False
    for m in _PERCENT_SPEC.finditer(fmt):
        for group in m.groups():
            if group == "*":
                star = True
            elif group is not None:
                _check_width(int(group) if len(group) < 12 else MAX_WIDTH + 1,
                             "a format width or precision")
    if star:
        values = args if isinstance(args, tuple) else (args,)
        for v in values:
            _check_width(v, "a format width or precision")


def _check_brace_format(fmt: str, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Widths/precisions of a ``str.format`` string (nested ``{}`` widths from arguments)."""
    nested = False
    for m in _BRACE_SPEC.finditer(fmt):
        spec = m.group(1)
        if spec is None:
            nested = True
            continue
        for number in _NUMBER.findall(spec):
            _check_width(int(number) if len(number) < 12 else MAX_WIDTH + 1,
                         "a format width or precision")
    if nested:
        for v in (*args, *kwargs.values()):
            _check_width(v, "a format width or precision")


def _mul(left: Any, right: Any) -> Any:
    for seq, n in ((left, right), (right, left)):
        size = _sized(seq)
        if size is not None and _int(n) and size * n > _output_cap():
            raise _too_big("a repeated string or list")
    if _int(left) and _int(right) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise TemplateLimitError(f"a product of more than {MAX_INT_BITS:,} bits")
    return operator.mul(left, right)


def _pow(left: Any, right: Any) -> Any:
    if (_int(left) and _int(right) and right > 0 and abs(left) > 1
            and right * left.bit_length() > MAX_INT_BITS):
        raise TemplateLimitError(f"a power of more than {MAX_INT_BITS:,} bits")
    return operator.pow(left, right)


def _add(left: Any, right: Any) -> Any:
    a, b = _sized(left), _sized(right)
    if a is not None and b is not None and a + b > _output_cap():
        raise _too_big("a joined string or list")
    return operator.add(left, right)


def _mod(left: Any, right: Any) -> Any:
    if isinstance(left, str):
        _check_percent_format(left, right)
    return operator.mod(left, right)


def _checked_text(value: Any) -> Any:
    """A ``~`` result, refused when it is past the output limit."""
    if isinstance(value, str) and len(value) > _output_cap():
        raise _too_big("a joined string")
    return value


_STR_WIDTH_METHODS = {"ljust", "rjust", "center", "zfill", "expandtabs"}


# ------------------------------------------------------------------------------ filters


def _format_filter(value: Any, *args: Any, **kwargs: Any) -> str:
    if args and kwargs:
        raise TemplateLimitError("format: use positional or keyword arguments, not both")
    fmt = str(value)
    _check_percent_format(fmt, kwargs or args)
    return fmt % (kwargs or args)


def _center(value: Any, width: int = 80) -> str:
    _check_width(width)
    return str(value).center(width)


def _indent(value: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    if isinstance(width, str) and len(width) > MAX_WIDTH:
        raise TemplateLimitError(f"an indent of more than {MAX_WIDTH:,} characters")
    _check_width(width)
    from jinja2.filters import do_indent

    return do_indent(str(value), width, first, blank)


def _batch(value: Any, linecount: int, fill_with: Any = None) -> Any:
    _check_width(linecount, "a batch size")
    from jinja2.filters import do_batch

    return do_batch(value, linecount, fill_with)


def _slice(value: Any, slices: int, fill_with: Any = None) -> Any:
    _check_width(slices, "a slice count")
    from jinja2.filters import do_slice

    return do_slice(value, slices, fill_with)


@jinja2.pass_eval_context
def _replace(eval_ctx: Any, s: Any, old: Any, new: Any, count: int | None = None) -> Any:
    text = str(s)
    hits = text.count(str(old)) if str(old) else len(text) + 1
    if count is not None and count >= 0:
        hits = min(hits, count)
    if len(text) + hits * len(str(new)) > _output_cap():
        raise _too_big("a replaced string")
    from jinja2.filters import do_replace

    return do_replace(eval_ctx, s, old, new, count)


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    if not (_int(n) and _int(min) and _int(max)) or n > MAX_LIPSUM or max > 10 * MAX_LIPSUM:
        raise TemplateLimitError(f"lipsum() makes at most {MAX_LIPSUM} paragraphs of "
                                 f"{10 * MAX_LIPSUM} words")
    from jinja2.utils import generate_lorem_ipsum

    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


# ------------------------------------------------------------------------------ environment


class _Generator(CodeGenerator):
    """Compiles ``a ~ b`` so that the joined string is checked against the output limit."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked_text(")
        super().visit_Concat(node, frame)
        self.write(")")


class _Template(jinja2.Template):
    """Renders by streaming, counting the text against ``output_mb`` as it is produced."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        cap = _output_cap()
        out: list[str] = []
        size = 0
        for chunk in self.generate(*args, **kwargs):
            size += len(chunk)
            if size > cap:
                raise _too_big("the template's output")
            out.append(chunk)
        return "".join(out)


_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_PARTS = (("<w:document", "word/document.xml"), ("<w:hdr", "a header (word/header*.xml)"),
          ("<w:ftr", "a footer (word/footer*.xml)"), ("<w:footnotes", "word/footnotes.xml"),
          ("<w:endnotes", "word/endnotes.xml"), ("coreProperties", "docProps/core.xml"),
          ("<w:settings", "word/settings.xml"))


def _docx_part(source: str) -> str | None:
    """Which part of a DOCX package ``source`` is (docxtpl renders them one by one)."""
    head = source[:2000]
    return next((name for marker, name in _PARTS if marker in head), None)


class GovSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with govreport's size and width checks (see the module docstring)."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.template_class = _Template
        self.binop_table.update({"*": _mul, "**": _pow, "+": _add, "%": _mod})
        self.globals["lipsum"] = _lipsum
        self.globals["checked_text"] = _checked_text
        self.filters.update({"format": _format_filter, "center": _center, "indent": _indent,
                             "batch": _batch, "slice": _slice, "replace": _replace})
        self.checked_text = _checked_text

    current_part: str | None = None
    current_source: str = ""

    def from_string(self, source: Any, globals: Any = None,
                    template_class: Any = None) -> jinja2.Template:
        """Compile ``source``, remembering which DOCX part it is (for error locations)."""
        if isinstance(source, str):
            self.current_part = _docx_part(source)
            self.current_source = source
        return super().from_string(source, globals, template_class)

    def where(self, exc: BaseException, part: str | None = None,
              source: str | None = None) -> str | None:
        """``word/document.xml line 3 '{{ x.y }}'``: the part being filled and the tag
        (``part``/``source``: of a template compiled earlier, else of the last compiled)."""
        if source is None:
            part, source = self.current_part, self.current_source
        if part is None:
            return None
        line = exc.lineno if isinstance(exc, jinja2.TemplateSyntaxError) else \
            _template_line(exc)
        if line is None:
            return part
        text = source.split("\n")[line - 1] if line >= 1 else ""
        tags = _TAG.findall(text)
        tag = f" {short(tags[0], 80)!r}" if len(tags) == 1 else ""
        return f"{part} line {line}{tag}"

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any,
                   right: Any) -> Any:
        return self.binop_table[operator](left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format``/``format_map``, refusing widths past :data:`MAX_WIDTH` first."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt: str = value.__self__
        is_map = value.__name__ == "format_map"

        def checked(*args: Any, **kwargs: Any) -> str:
            mapping = args[0] if is_map and args else kwargs
            _check_brace_format(fmt, () if is_map else args,
                                mapping if isinstance(mapping, Mapping) else {})
            return wrapped(*args, **kwargs)

        return checked

    def call(__self, __context: jinja2.runtime.Context, __obj: Any,
             *args: Any, **kwargs: Any) -> Any:
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            if name in _STR_WIDTH_METHODS:
                for a in (*args, *kwargs.values()):
                    _check_width(a)
            elif name == "replace" and len(args) >= 2 and (
                    len(owner) + owner.count(str(args[0])) * len(str(args[1])) > _output_cap()):
                raise _too_big("a replaced string")
        return super().call(__context, __obj, *args, **kwargs)


MAX_FILTER_DECIMALS = 100
"""Most decimals a formatting filter may be asked for (``num(decimals=…)``; a table's own
number format: :data:`govreport.checks.base.MAX_FORMAT_DECIMALS`)."""


def _bounded_decimals(func: Callable[..., str]) -> Callable[..., str]:
    """``func`` refusing a ``decimals`` argument past :data:`MAX_FILTER_DECIMALS`."""
    try:
        signature: inspect.Signature | None = inspect.signature(func)
    except (TypeError, ValueError):
        signature = None
    if signature is None or "decimals" not in signature.parameters:
        return func

    @functools.wraps(func)
    def checked(*args: Any, **kwargs: Any) -> str:
        try:
            bound = signature.bind_partial(*args, **kwargs).arguments
        except TypeError:
            bound = {}
        value: Any = bound.get("decimals")
        if _int(value) and abs(value) > MAX_FILTER_DECIMALS:
            raise TemplateLimitError(f"decimals={value} is more than {MAX_FILTER_DECIMALS}")
        return func(*args, **kwargs)

    return checked


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: Any) -> Any:
    """A value printed by ``{{ }}``, with characters XML 1.0 cannot hold (control
    characters, lone surrogates) replaced by U+FFFD — so the text after them is kept."""
    if isinstance(value, str) and _XML_BAD.search(value):
        fixed = _XML_BAD.sub("\ufffd", str(value))
        return Markup(fixed) if isinstance(value, Markup) else fixed
    return value


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
    env = GovSandbox(
        autoescape=autoescape, undefined=jinja2.Undefined, keep_trailing_newline=True,
        extensions=[MergeExtension], finalize=xml_safe,
    )
    formatting = {name: _bounded_decimals(f) for name, f in filters_for(locale).items()}
    for name in _NUMERIC:
        formatting[name] = _passes_nodata(formatting[name])
    env.filters.update(formatting)
    env.filters.update(data_filters(locale))
    return env


def template_error(exc: BaseException, name: str, where: str | None = None) -> RenderError:
    """A :class:`RenderError` naming the template and where in it (line, part or paragraph)."""
    at = f"{name}: {where}: " if where else f"{name}: "
    if isinstance(exc, jinja2.TemplateSyntaxError) and where is None:
        return RenderError(f"{at}template syntax error on line {exc.lineno}: "
                           f"{short(exc.message or '')}")
    line = _template_line(exc)
    on = f" (line {line})" if line is not None and where is None else ""
    return RenderError(f"{at}{_describe(exc, on)}")


def stopped(exc: BaseException) -> bool:
    """Whether ``exc`` is a limit or the watchdog stopping a fill (nothing to re-evaluate)."""
    return isinstance(exc, TemplateStopped | TemplateLimitError | RecursionError | MemoryError)


def describe_stop(exc: BaseException) -> str:
    """The message of a fill stopped by the watchdog or out of memory."""
    if isinstance(exc, MemoryError):
        return "the template needed more memory than there is to fill"
    return _describe(exc)


def _describe(exc: BaseException, on: str = "") -> str:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"template syntax error on line {exc.lineno}: {short(exc.message or '')}"
    if isinstance(exc, TemplateTimeout):
        return (f"the template took longer than {current().render_seconds:g} s to fill "
                f"({hint('render_seconds')})")
    if isinstance(exc, TemplateMemory):
        return (f"the template needed more than {current().template_memory_mb:g} MB of memory "
                f"to fill ({hint('template_memory_mb')})")
    if isinstance(exc, TemplateLimitError):
        return f"template refused{on}: {short(str(exc))}"
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"template tried an unsafe operation{on}: {short(str(exc))}"
    if isinstance(exc, jinja2.TemplateNotFound | jinja2.TemplatesNotFound) or (
            isinstance(exc, TypeError) and "no loader" in str(exc)):
        return f"templates cannot include, import or extend other files ({short(str(exc))})"
    if isinstance(exc, jinja2.UndefinedError):
        return f"the template uses a value the data does not have{on}: {short(str(exc))}"
    if isinstance(exc, RecursionError):
        return f"the template recurses too deeply{on} (a macro that calls itself without end?)"
    if isinstance(exc, MemoryError):
        return f"the template needs more memory than is available{on}"
    if isinstance(exc, OverflowError):
        return f"template refused{on}: a number or range is too large ({short(str(exc))})"
    if isinstance(exc, jinja2.TemplateError):
        return f"template error{on}: {short(str(exc))}"
    if isinstance(exc, RenderError):
        return str(exc)
    return f"template could not be filled{on}: {type(exc).__name__}: {short(str(exc))}"


def render_string(source: str, context: Mapping[str, Any], locale: str = "ko_KR") -> str:
    """Render one template string in the sandbox (used by the HWPX template filler)."""
    try:
        with watchdog():
            return environment(locale).from_string(source).render(**context)
    except (Exception, TemplateStopped) as exc:
        raise template_error(exc, "template") from None


# ------------------------------------------------------------------------------ watchdog


def _rss() -> int:
    """Resident memory of this process in bytes (0 when unknown)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


try:
    import os as _os

    _PAGE = _os.sysconf("SC_PAGE_SIZE")
except (AttributeError, ValueError, OSError):
    _PAGE = 4096


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc) if exc else None)


@contextlib.contextmanager
def watchdog() -> Iterator[None]:
    """Stop the code inside after ``render_seconds`` or ``template_memory_mb`` of growth.

    A helper thread raises :class:`TemplateTimeout`/:class:`TemplateMemory` in this thread
    (between two Python instructions); it never fires after the block has ended.
    """
    lim = current()
    target = threading.get_ident()
    deadline = time.monotonic() + lim.render_seconds
    base = _rss()
    budget = lim.bytes("template_memory_mb")
    done = threading.Event()
    lock = threading.Lock()
    fired: list[type[BaseException]] = []

    def watch() -> None:
        while not done.wait(_POLL_SECONDS):
            kind: type[BaseException] | None = None
            if time.monotonic() > deadline:
                kind = TemplateTimeout
            elif base and _rss() - base > budget:
                kind = TemplateMemory
            if kind is not None:
                with lock:
                    if not done.is_set():
                        fired.append(kind)
                        _raise_in(target, kind)
                return

    thread = threading.Thread(target=watch, name="govreport-watchdog", daemon=True)
    thread.start()
    try:
        yield
    finally:
        with lock:
            done.set()
            if fired:
                _raise_in(target, None)  # clear an exception not delivered yet
        thread.join()


def _template_line(exc: BaseException) -> int | None:
    """The template line of a runtime error (Jinja rewrites tracebacks to template frames)."""
    line = None
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename in ("<template>",) or code.co_name in ("top-level template code",
                                                                    "template"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line




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
    if stopped(exc):  # re-evaluating the expression would repeat the runaway
        return RenderError(f"{name}: {spot.place}: {what}\n  template text: "
                           f"{short(spot.code, 200)}")
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


__all__ = [
    "MAX_INT_BITS",
    "MAX_WIDTH",
    "MERGE_RE",
    "TAG_RE",
    "GovSandbox",
    "MergeExtension",
    "TemplateLimitError",
    "TemplateMemory",
    "TemplateSpot",
    "TemplateStopped",
    "TemplateTimeout",
    "data_filters",
    "describe_stop",
    "environment",
    "fit_widths",
    "located_error",
    "render_string",
    "stopped",
    "template_error",
    "template_locals",
    "watchdog",
    "xml_safe",
]


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
