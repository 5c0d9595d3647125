"""What each MCP tool does, as plain functions over a :class:`~.workspace.Workspace`.

No SDK here: :mod:`.server` registers these functions as tools (their ``TypedDict`` results
are the tools' output schemas) and tests may call them directly.  Every function either
returns its result or raises :class:`ToolFailure` (a bad argument, a file outside the
workspace, an invalid report) with a message an agent can act on; validation and lint
never raise for a bad report, they describe it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from typing_extensions import TypedDict  # (pydantic reads nested ones on Python 3.11)

from ..support.errors import GovReportError, Problem, ValidationError, short
from .workspace import Workspace, WorkspaceError

if TYPE_CHECKING:
    from ..app.render import Format
    from ..model import Report
    from ..support.limits import Limits
    from ..theme import Theme


class ToolFailure(GovReportError, ValueError):
    """A tool cannot do what it was asked; the message says why and what to do."""


# --------------------------------------------------------------------------- results


class ProblemOut(TypedDict):
    """One problem of a report: where (JSON path), what, how to fix it, how bad."""

    path: str
    message: str
    hint: str
    severity: Literal["error", "warning"]


class ValidationOut(TypedDict):
    valid: bool
    """True when there is no error (warnings allowed)."""
    schema_version: int | None
    """The schema_version the report stated (None when it stated none)."""
    errors: int
    warnings: int
    problems: list[ProblemOut]


class BlockGuide(TypedDict):
    type: str
    description: str
    required: list[str]
    fields: list[str]


class SchemaOut(TypedDict):
    schema_version: int
    schema: dict[str, Any]
    guide: str
    block_types: list[BlockGuide]


class LintOut(TypedDict):
    count: int
    warnings: list[dict[str, str]]
    """Each with path, rule, message, fix and severity ("warning")."""


class FileOut(TypedDict):
    path: str
    """Relative to the first workspace root."""
    format: str
    bytes: int
    pages: int | None
    """Pages of the document as rendered (PDF, and DOCX when a PDF or preview was made;
    HWPX as the independent engine rhwp lays it out, when installed); None if not known."""


class TocOut(TypedDict):
    level: int
    label: str
    text: str
    page: int | None
    """The body page (from 1) printed in the 목차."""


class RenderOut(TypedDict):
    files: list[FileOut]
    toc: list[TocOut]
    warnings: list[ProblemOut]
    preview: list[str]
    """PNG pages written (also returned as images)."""


class ReadOut(TypedDict):
    report: dict[str, Any]
    format: str
    summary: str
    fallbacks: list[str]
    """Places the reader could not type and how it fell back (check them)."""
    notes: list[str]
    saved: str | None


class FormatOut(TypedDict):
    kind: str
    value: str
    text: str


class TemplateOut(TypedDict):
    name: str
    types: list[str]
    description: str
    free_form: bool
    """True when it takes any JSON (no {{ body }} marker); else it takes a report."""


class TemplatesOut(TypedDict):
    templates: list[TemplateOut]


class ExportOut(TypedDict):
    path: str
    bytes: int


# --------------------------------------------------------------------------- helpers

MAX_PREVIEW_PAGES = 10
_RENDER_LOCK = threading.Lock()
"""Renders run one at a time (LibreOffice is one session; the layout caches are shared)."""


def problem_out(p: Problem) -> ProblemOut:
    """A problem as a tool returns it; ``hint`` from validation when it gives one, else a
    short general one by the kind of message."""
    hint = getattr(p, "hint", None) or _hint(p)
    sev: Literal["error", "warning"] = "warning" if p.severity == "warning" else "error"
    return {"path": short(p.path, 300), "message": short(p.message, 1000), "hint": hint,
            "severity": sev}


def _hint(p: Problem) -> str:
    m = p.message
    if "unknown field" in m:
        return "remove the field or correct its name (see get_schema for the allowed fields)"
    if "required" in m or "missing" in m:
        return "add the field named in the message at this path"
    if "sum" in m or "total" in m or "stated" in m:
        return ("correct the stated number, or let govreport compute it (a computed row) "
                "instead of typing it")
    if "date" in m or "period" in m:
        return 'write dates as ISO text: "2025-03-25", "2025-03", "2025-02/2025-04"'
    if "not a block type" in m or "block has no" in m:
        return "give every block a \"type\" from get_schema's block_types"
    if p.severity == "warning":
        return "check the value; a warning does not stop rendering"
    return "change the value at this path as the message says, then validate again"


@contextmanager
def _limited(limits: Limits | None) -> Iterator[None]:
    from ..support.limits import using

    with using(limits):
        yield


def _check_size(data: Any, what: str) -> None:
    """Refuse JSON data larger than the ``input_mb`` limit (the same as a file)."""
    from ..support.limits import current, hint

    cap = current().bytes("input_mb")
    try:
        size = len(json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except (TypeError, ValueError, RecursionError) as exc:
        raise ToolFailure(f"the {what} is not JSON data ({type(exc).__name__})") from None
    if size > cap:
        raise ToolFailure(f"the {what} is {size / 2**20:.2f} MB, larger than the input "
                          f"limit ({hint('input_mb')}; the server's --limit sets it)")


def _as_data(value: Any, what: str) -> Any:
    """A JSON value; a string holding JSON text (some clients send objects as text) is
    parsed."""
    if isinstance(value, str):
        from ..readers.json import parse_json

        try:
            return parse_json(value, what)
        except ValidationError as exc:
            raise ToolFailure("; ".join(str(p) for p in exc.errors)) from None
    return value


def _one_source(report: Any, path: str | None) -> None:
    if (report is None) == (path is None):
        raise ToolFailure("give either report (the JSON object) or path (a file in the "
                          "workspace), not both and not neither")


# --------------------------------------------------------------------------- the tools


class Tools:
    """The tools of one server: its workspace and limits."""

    def __init__(self, workspace: Workspace, limits: Limits | None = None) -> None:
        self.ws = workspace
        self.limits = limits

    # --- schema

    def get_schema(self) -> SchemaOut:
        from .. import json_schema
        from ..model import SCHEMA_VERSION
        from .guide import block_guide, guide_text

        schema = json_schema()
        return {"schema_version": SCHEMA_VERSION, "schema": schema,
                "guide": guide_text(schema),
                "block_types": block_guide(schema)}  # type: ignore[typeddict-item]

    # --- validation

    def validate_report(self, report: Any = None, path: str | None = None) -> ValidationOut:
        """Every problem of a report; never raises for a bad report (only for a bad
        argument: both or neither of report/path, a path outside the workspace)."""
        _one_source(report, path)
        with _limited(self.limits):
            problems, version = self._problems(report, path)
        out = [problem_out(p) for p in problems]
        errors = sum(p["severity"] == "error" for p in out)
        return {"valid": errors == 0, "schema_version": version, "errors": errors,
                "warnings": len(out) - errors, "problems": out[:500]}

    def _problems(self, report: Any, path: str | None) -> tuple[list[Problem], int | None]:
        from .. import check
        from ..codec.converter import schema_version_of

        try:
            if path is not None:
                from ..readers.json import read_json

                full = self.ws.existing_file(path, "report file")
                data = read_json(full)
                base = full.parent
            else:
                data = _as_data(report, "report")
                _check_size(data, "report")
                base = self.ws.home
            version = schema_version_of(data)
            from ..readers.json import report_from_data

            try:
                loaded = report_from_data(data, check=False, base_dir=base)
            except ValidationError as exc:
                return list(exc.errors), version
            return check(loaded), version
        except ValidationError as exc:
            return list(exc.errors), None
        except ToolFailure as exc:
            return [Problem(path="$", message=str(exc))], None
        except RecursionError:
            return [Problem(path="$", message="the report is nested too deeply")], None

    def _report(self, report: Any, path: str | None) -> tuple[Report | Any, Path | None]:
        """The report (or, for a free-form template, any JSON) of ``report``/``path``;
        a ToolFailure listing the problems when it is not valid."""
        from ..app.render import load_source
        from ..readers.json import report_from_data

        _one_source(report, path)
        try:
            if path is not None:
                full = self.ws.existing_file(path, "input file")
                return load_source(full), full
            data = _as_data(report, "report")
            _check_size(data, "report")
            if isinstance(data, dict) and "meta" in data:
                return report_from_data(data, "report", base_dir=self.ws.home), None
            return data, None
        except ValidationError as exc:
            raise ToolFailure(_problem_text(exc.errors)) from None

    # --- lint

    def lint_report(self, report: Any = None, path: str | None = None,
                    theme: str | None = None) -> LintOut:
        from ..checks.style import lint_data

        _one_source(report, path)
        with _limited(self.limits):
            if path is not None:
                from ..readers.json import read_json

                try:
                    data = read_json(self.ws.existing_file(path, "report file"))
                except ValidationError as exc:
                    raise ToolFailure(_problem_text(exc.errors)) from None
            else:
                data = _as_data(report, "report")
                _check_size(data, "report")
            found = lint_data(data, self._theme(theme))
        return {"count": len(found), "warnings": [w.as_json() for w in found[:500]]}

    # --- rendering

    def _theme(self, theme: str | None) -> Theme:
        from ..theme import resolve_theme

        if theme is not None and Path(theme).suffix.lower() in (".toml", ".json"):
            theme = str(self.ws.existing_file(theme, "theme file"))
        try:
            return resolve_theme(theme)
        except GovReportError as exc:
            raise ToolFailure(str(exc)) from None

    def _template(self, template: str | None) -> str | None:
        from ..app.shipped_templates import lookup, names

        if template is None:
            return None
        if lookup(template):
            return template
        if Path(template).suffix.lower() not in (".docx", ".hwpx"):
            raise ToolFailure(f"{template}: not a shipped template ({', '.join(names())}) nor "
                              "a .docx/.hwpx file")
        return str(self.ws.existing_file(template, "template"))

    def _outputs(self, out_dir: str, name: str, formats: Sequence[str],
                 overwrite: bool) -> list[tuple[Path, Format]]:
        from ..app.render import FORMATS

        if not formats:
            raise ToolFailure(f"give at least one format ({', '.join(FORMATS)})")
        bad = [f for f in formats if f not in FORMATS]
        if bad:
            raise ToolFailure(f"unknown format {bad[0]!r}; use {', '.join(FORMATS)}")
        if not re.fullmatch(r"[^/\\\x00]{1,120}", name) or name in (".", ".."):
            raise ToolFailure(f"{name!r}: the name must be a file name without folders")
        folder = self.ws.resolve(out_dir, "output folder")
        outs = [(folder / f"{name}.{f}", f) for f in dict.fromkeys(formats)]
        for p, _ in outs:
            self.ws.resolve(p, "output file")  # (a name cannot leave the folder; be sure)
            if p.is_dir():
                raise ToolFailure(f"{self.ws.relative(p)}: is a folder")
            if p.exists() and not overwrite:
                raise ToolFailure(f"{self.ws.relative(p)}: file exists (pass overwrite: true "
                                  "to replace it)")
        return outs  # type: ignore[return-value]

    def render_report(self, report: Any = None, path: str | None = None,
                      formats: Sequence[str] = ("docx",), theme: str | None = None,
                      template: str | None = None, out_dir: str = "out",
                      name: str | None = None, overwrite: bool = False,
                      preview: bool = False, preview_pages: int = 2,
                      ) -> tuple[RenderOut, list[bytes]]:
        """Render into the workspace; the result and the preview PNG pages' bytes."""
        from ..model import Report

        with _limited(self.limits):
            data, source = self._report(report, path)
            if not isinstance(data, Report):
                raise ToolFailure('not a report (no "meta"); for any other JSON use '
                                  "render_template with a free-form template")
            stem = name or (source.stem if source is not None else "report")
            outs = self._outputs(out_dir, stem, formats, overwrite)
            th = self._theme(theme)
            tpl = self._template(template)
            with self.ws.claim([p for p, _ in outs]), _RENDER_LOCK:
                return self._render(data, outs, th, tpl, preview,
                                    max(1, min(preview_pages, MAX_PREVIEW_PAGES)))

    def _render(self, report: Report, outs: list[tuple[Path, Format]], theme: Theme,
                template: str | None, preview: bool, preview_pages: int,
                ) -> tuple[RenderOut, list[bytes]]:
        from ..app.render import Layouts, pdf_first, render_bytes
        from ..checks.semantic import check_report
        from ..layout import TocBlock
        from ..support.files import write_atomic
        from ..writers.registry import template_family

        layouts = Layouts()
        laid = layouts.of(report, theme, "ko_KR")
        blobs: dict[str, bytes] = {}
        try:
            for fmt in pdf_first([f for _, f in outs]):
                family = template_family(fmt)
                tpl = template if template is not None and _family_of(template) in (
                    None, family) else None
                blobs[fmt] = render_bytes(report, fmt, template=tpl, theme=theme,
                                          layouts=layouts, toc_pdf=blobs.get("pdf")
                                          if fmt == "docx" else None)
        except ValidationError as exc:
            raise ToolFailure(_problem_text(exc.errors)) from None
        except GovReportError as exc:
            raise ToolFailure(str(exc)) from None
        pdf = blobs.get("pdf")
        pngs: list[bytes] = []
        hwpx_pages: int | None = None
        if preview:
            if pdf is None and "docx" in blobs:
                pdf = _docx_pdf(blobs["docx"])
            if pdf is None and "hwpx" in blobs:
                hwpx_pages, pngs = _hwpx_child(blobs["hwpx"], preview_pages)
        files: list[FileOut] = []
        for p, fmt in outs:
            write_atomic(p, blobs[fmt])
            pages: int | None = None
            if fmt in ("pdf", "docx") and pdf is not None:
                pages = pdf_page_count(pdf)
            elif fmt == "hwpx":
                if hwpx_pages is None:
                    hwpx_pages = _hwpx_child(blobs[fmt], 0)[0]
                pages = hwpx_pages
            files.append({"path": self.ws.relative(p), "format": fmt,
                          "bytes": len(blobs[fmt]), "pages": pages})
        preview_paths: list[str] = []
        if preview:
            if pdf is not None:
                pngs = pdf_pngs(pdf, preview_pages)
            folder = outs[0][0].parent / f"{outs[0][0].stem}-preview"
            if pngs:
                folder.mkdir(exist_ok=True)
            for i, png in enumerate(pngs, 1):
                target = folder / f"page-{i}.png"
                write_atomic(target, png)
                preview_paths.append(self.ws.relative(target))
        toc: list[TocOut] = []
        if pdf is not None:
            from ..writers.registry import real_toc_pages

            laid = real_toc_pages(laid, pdf) or laid
        for node in (*laid.front, *laid.body):
            if isinstance(node, TocBlock):
                toc = [{"level": e.level, "label": e.label, "text": e.text, "page": e.page}
                       for e in node.entries if not e.heading]
        warnings = [problem_out(p) for p in check_report(report) if p.severity == "warning"]
        return ({"files": files, "toc": toc, "warnings": warnings, "preview": preview_paths},
                pngs)

    # --- reading

    def read_document(self, path: str, theme: str | None = None,
                      save_as: str | None = None, overwrite: bool = False) -> ReadOut:
        from ..codec.converter import dumps, unstructure
        from ..readers import ReadError
        from ..readers import read_document as read
        from ..support.files import write_atomic

        full = self.ws.existing_file(path, "document")
        target = None
        if save_as is not None:
            target = self.ws.resolve(save_as, "output file")
            if target.suffix.lower() != ".json":
                raise ToolFailure(f"{save_as}: save_as must be a .json file")
            if target.exists() and not overwrite:
                raise ToolFailure(f"{save_as}: file exists (pass overwrite: true)")
        th = self._theme(theme)
        with _limited(self.limits):
            if full.suffix.lower() in (".hwpx", ".docx"):
                from ..app.render import _check_package

                try:
                    _check_package(full)
                except ValidationError as exc:
                    raise ToolFailure(_problem_text(exc.errors)) from None
            try:
                result = read(full, theme=th)
            except (ReadError, GovReportError) as exc:
                raise ToolFailure(str(exc)) from None
        if target is not None:
            write_atomic(target, dumps(result.report).encode("utf-8"))
        return {"report": unstructure(result.report), "format": result.format,
                "summary": result.summary,
                "fallbacks": [str(f) for f in result.fallbacks][:500],
                "notes": [str(n) for n in result.notes][:200],
                "saved": self.ws.relative(target) if target is not None else None}

    # --- free-form

    def render_template(self, template: str, data: Any = None, path: str | None = None,
                        formats: Sequence[str] = ("docx",), out_dir: str = "out",
                        name: str | None = None, overwrite: bool = False) -> RenderOut:
        from ..app.render import is_free_form, render_bytes, resolve_template
        from ..support.files import write_atomic
        from ..writers.registry import template_family

        with _limited(self.limits):
            payload, source = self._report(data, path)
            tpl = self._template(template)
            assert tpl is not None
            stem = name or (source.stem if source is not None else "document")
            outs = self._outputs(out_dir, stem, formats, overwrite)
            files: list[FileOut] = []
            with self.ws.claim([p for p, _ in outs]), _RENDER_LOCK:
                blobs: list[tuple[Path, str, bytes]] = []
                for p, fmt in outs:
                    family = template_family(fmt)
                    try:
                        tfile = resolve_template(tpl, family)
                        if not is_free_form(tfile, family):
                            raise ToolFailure(f"{template}: has a {{{{ body }}}} marker, so it "
                                              "renders reports (render_report), not any JSON")
                        from ..support.images import reading_from

                        with reading_from(source.parent if source else self.ws.home):
                            blob = render_bytes(payload, fmt, template=tfile)
                    except ToolFailure:
                        raise
                    except ValidationError as exc:
                        raise ToolFailure(_problem_text(exc.errors)) from None
                    except GovReportError as exc:
                        raise ToolFailure(str(exc)) from None
                    blobs.append((p, fmt, blob))
                for out, kind, blob in blobs:
                    write_atomic(out, blob)
                    files.append({"path": self.ws.relative(out), "format": kind,
                                  "bytes": len(blob),
                                  "pages": pdf_page_count(blob) if kind == "pdf" else None})
        return {"files": files, "toc": [], "warnings": [], "preview": []}

    # --- formatting

    def format_korean(self, kind: str, value: str | int | float, style: str | None = None,
                      unit: str | None = None, decimals: int | None = None) -> FormatOut:
        try:
            text = _format(kind, value, style, unit, decimals)
        except ToolFailure:
            raise
        except (ValueError, TypeError, ArithmeticError, GovReportError) as exc:
            raise ToolFailure(f"cannot format {value!r} as {kind}: {short(str(exc))}") from None
        return {"kind": kind, "value": str(value), "text": text}

    # --- templates

    def list_templates(self) -> TemplatesOut:
        from ..app.render import is_free_form
        from ..app.shipped_templates import lookup, names

        out: list[TemplateOut] = []
        for n in names():
            files = lookup(n)
            first = next(iter(files.values()))
            free = all(is_free_form(t.path, t.family) for t in files.values())
            out.append({"name": n, "types": list(files), "description": first.description,
                        "free_form": free})
        return {"templates": out}

    def export_template(self, name: str, path: str, overwrite: bool = False) -> ExportOut:
        from ..app.shipped_templates import lookup, names
        from ..support.files import write_atomic

        target = self.ws.resolve(path, "output file")
        family = target.suffix.lower().lstrip(".")
        if family not in ("docx", "hwpx"):
            raise ToolFailure(f"{path}: the file must end in .docx or .hwpx")
        shipped = lookup(name)
        if not shipped:
            raise ToolFailure(f"{name}: no shipped template of that name ({', '.join(names())})")
        found = shipped.get(family)  # type: ignore[call-overload]
        if found is None:
            raise ToolFailure(f"{name}: the shipped template is "
                              f"{' and '.join('.' + f for f in shipped)} only")
        if target.exists() and not overwrite:
            raise ToolFailure(f"{path}: file exists (pass overwrite: true)")
        data = found.path.read_bytes()
        with self.ws.claim([target]):
            write_atomic(target, data)
        return {"path": self.ws.relative(target), "bytes": len(data)}


# --------------------------------------------------------------------------- formatting

FORMAT_KINDS = ("date", "period", "money", "money_myriad", "number", "count", "percent")


def _format(kind: str, value: str | int | float, style: str | None, unit: str | None,
            decimals: int | None) -> str:
    """``value`` as FORMAT.md §8 prints it, through :mod:`govreport.formatting`."""
    from .. import formatting as f

    styles = {None: "compact", "compact": "compact", "short_compact": "compact",
              "spaced": "spaced", "short_spaced": "spaced", "official": "official"}
    if kind in ("date", "period"):
        if not isinstance(value, str):
            raise ToolFailure(f"a {kind} is ISO text (\"2025-03-25\", \"2025-02/2025-04\")")
        if style not in styles:
            raise ToolFailure(f"style {style!r}: use compact, spaced or official")
        s = styles[style]
        if kind == "date":
            return f.format_date(value, s)  # type: ignore[arg-type]
        return f.format_period(value, s)  # type: ignore[arg-type]
    if kind not in FORMAT_KINDS:
        raise ToolFailure(f"kind {kind!r}: use one of {', '.join(FORMAT_KINDS)}")
    number = _number(value)
    if kind == "money":
        return f.format_money(number, unit or "천원", decimals or 0)
    if kind == "money_myriad":
        return f.format_money_myriad(number, decimals)
    if kind == "number":
        return f.format_number(number, decimals)
    if kind == "count":
        return f.format_count(number, unit or "", decimals=decimals)
    return f.format_percent(number, decimals)


def _number(value: str | int | float) -> float | int:
    if isinstance(value, bool):
        raise ToolFailure("a number is needed, not true/false")
    if isinstance(value, int | float):
        return value
    text = value.replace(",", "").strip()
    try:
        return int(text) if re.fullmatch(r"[+-]?\d+", text) else float(text)
    except ValueError:
        raise ToolFailure(f"{value!r} is not a number") from None


# --------------------------------------------------------------------------- pages


_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def pdf_page_count(pdf: bytes) -> int | None:
    """Pages of a PDF (``pdfinfo`` when installed, else its page objects)."""
    exe = shutil.which("pdfinfo")
    if exe is not None:
        proc = subprocess.run([exe, "-"], input=pdf, capture_output=True, timeout=60,
                              check=False)
        m = re.search(rb"^Pages:\s+(\d+)", proc.stdout, re.M)
        if m:
            return int(m.group(1))
    n = len(_PAGE.findall(pdf))
    return n or None


def pdf_pngs(pdf: bytes, pages: int, dpi: int = 72) -> list[bytes]:
    """The first ``pages`` pages of a PDF as PNG (``pdftoppm``; none when not installed)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        return []
    with tempfile.TemporaryDirectory(prefix="govreport-preview-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run([exe, "-png", "-r", str(dpi), "-f", "1", "-l", str(pages), str(src),
                        str(Path(tmp) / "page")], capture_output=True, timeout=120,
                       check=False)
        return [p.read_bytes() for p in sorted(Path(tmp).glob("page*.png"))]


def _docx_pdf(docx: bytes) -> bytes | None:
    from ..writers.pdf import docx_to_pdf, find_soffice

    if find_soffice() is None:
        return None
    try:
        return docx_to_pdf(docx)
    except (GovReportError, OSError, subprocess.SubprocessError):  # a preview, not the render
        return None


_RHWP_CHILD = """
import sys
from pathlib import Path
from govreport.readers.hwp_native import load_rhwp
rhwp = load_rhwp()
folder, pages = Path(sys.argv[1]), int(sys.argv[2])
doc = rhwp.parse(str(folder / "in.hwpx"))
for i in range(min(pages, doc.page_count)):
    (folder / f"page-{i + 1:03d}.svg").write_text(doc.render_svg(page=i), encoding="utf-8")
print("PAGES", doc.page_count)
"""


def _hwpx_child(hwpx: bytes, pages: int) -> tuple[int | None, list[bytes]]:
    """(page count, PNG of the first ``pages`` pages) of an HWPX as the independent engine
    rhwp lays it out, in a bounded child process; (None, []) when rhwp is not installed or
    fails (a check for the agent, never a render failure)."""
    import sys

    from ..support.limits import current

    with tempfile.TemporaryDirectory(prefix="govreport-rhwp-") as tmp:
        folder = Path(tmp)
        (folder / "in.hwpx").write_bytes(hwpx)
        try:
            proc = subprocess.run([sys.executable, "-P", "-c", _RHWP_CHILD, tmp, str(pages)],
                                  capture_output=True, timeout=current().read_seconds,
                                  check=False)
        except (OSError, subprocess.TimeoutExpired):
            return None, []
        m = re.search(rb"^PAGES (\d+)", proc.stdout, re.M)
        if proc.returncode != 0 or m is None:
            return None, []
        exe = shutil.which("rsvg-convert")
        pngs: list[bytes] = []
        if exe is None:
            return int(m.group(1)), pngs
        for svg in sorted(folder.glob("page-*.svg")):
            conv = subprocess.run([exe, "-b", "white", "-f", "png", str(svg)],
                                  capture_output=True, timeout=60, check=False)
            if conv.returncode == 0:
                pngs.append(conv.stdout)
        return int(m.group(1)), pngs


def _family_of(template: str) -> str | None:
    suffix = Path(template).suffix.lower().lstrip(".")
    return suffix if suffix in ("docx", "hwpx") else None


def _problem_text(problems: Sequence[Problem]) -> str:
    shown = [str(p) for p in problems[:20]]
    more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
    n = len(problems)
    return (f"the report is not valid ({n} problem{'s' if n != 1 else ''}; call "
            "validate_report for paths and hints):\n" + "\n".join(shown) + more)


__all__ = ["FORMAT_KINDS", "ToolFailure", "Tools", "WorkspaceError", "pdf_page_count",
           "pdf_pngs", "problem_out"]
