"""The package's import graph keeps its shape: no import circles (but the model's own
Block ↔ Cell recursion), and the model imports nothing of govreport outside ``model/``.

Every import counts — at the top of a module or inside a function (a lazy import is still a
dependency) — except those under ``if TYPE_CHECKING:`` (annotations only).  The graph is
read from the source with :mod:`ast`, nothing is imported.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "govreport"

ALLOWED_CIRCLES: list[frozenset[str]] = [
    # a table cell holds blocks, and a table is a block: the model's one inherent recursion
    frozenset({"govreport.model.blocks", "govreport.model.tables"}),
]


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name, is_package = _module_name(path)
        found[name] = (path, is_package)
    return found


def _type_checking_only(tree: ast.Module) -> set[int]:
    """ids of the nodes inside ``if TYPE_CHECKING:`` blocks."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                ids.update(id(n) for n in ast.walk(inner))
    return ids


def _absolute(module: str, is_package: bool, level: int, name: str | None) -> str:
    if level == 0:
        return name or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, *([name] if name else [])])


def _imports(module: str, path: Path, is_package: bool, known: set[str]) -> Iterator[str]:
    """The govreport modules ``module`` imports (``from pkg import mod`` names ``mod``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_only(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(module, is_package, node.level, node.module)
            if not target.startswith("govreport"):
                continue
            named = [f"{target}.{a.name}" for a in node.names]
            modules = [n for n in named if n in known]
            yield from modules
            if len(modules) < len(named) and target in known:
                yield target  # names defined in (or re-exported by) ``target`` itself


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: {t for t in _imports(name, path, is_pkg, known) if t != name}
            for name, (path, is_pkg) in modules.items()}


def _circles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[frozenset[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def _describe(circle: frozenset[str], graph: dict[str, set[str]]) -> str:
    edges = sorted(f"{a} -> {b}" for a in circle for b in graph[a] if b in circle)
    return "\n  ".join(edges)


def test_the_graph_is_read() -> None:
    """The reader of the graph sees imports (a broken reader would pass every check below)."""
    graph = _graph()
    assert "govreport.model.document" in graph["govreport.model"]
    assert "govreport.checks.semantic" in graph["govreport.app.render"]  # a lazy import
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [
        frozenset({"a", "b", "c"})]


def test_no_import_circles_but_the_models_recursion() -> None:
    graph = _graph()
    unexpected = [c for c in _circles(graph) if c not in ALLOWED_CIRCLES]
    assert not unexpected, "import circles:\n" + "\n".join(
        f"- {sorted(c)}\n  {_describe(c, graph)}" for c in unexpected)


def test_the_model_imports_nothing_of_govreport_outside_model() -> None:
    graph = _graph()
    outside = sorted(f"{a} -> {b}" for a, targets in graph.items()
                     if a == "govreport.model" or a.startswith("govreport.model.")
                     for b in targets
                     if not (b == "govreport.model" or b.startswith("govreport.model.")))
    assert not outside, "the model imports:\n  " + "\n  ".join(outside)


@pytest.mark.parametrize("layer, below", [
    ("govreport.support", ()),
    ("govreport.formatting", ("govreport.support", "govreport.model")),
])
def test_base_layers_import_only_what_is_below_them(layer: str, below: tuple[str, ...]) -> None:
    """support/ imports nothing of govreport but itself; formatting only support and model."""
    graph = _graph()
    allowed = (layer, *below)
    wrong = sorted(f"{a} -> {b}" for a, targets in graph.items()
                   if a == layer or a.startswith(layer + ".")
                   for b in targets
                   if not any(b == p or b.startswith(p + ".") for p in allowed))
    assert not wrong, f"{layer} imports:\n  " + "\n  ".join(wrong)
