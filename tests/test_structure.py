"""The shape of the code, read from its imports: only the edge (macros/edge/) knows MkDocs
or the theme, and the modules of macros/ import each other without a circle.

Imports are read by parsing every module (ast), at any depth: inside functions and
under `if TYPE_CHECKING:` too, since a circle hidden there is still a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

from helpers import PROJECT

MACROS = PROJECT / "macros"
EDGE_MODULES_WITH_MKDOCS = {"macros.edge.hooks", "macros.edge.internals"}
GENERATORS = ("mkdocs", "material", "properdocs", "mkdocs_macros")


def module_name(path: Path) -> str:
    parts = path.relative_to(PROJECT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every module a file imports (absolute names; `from . import x` as package.x)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            out.add(base)
            out |= {f"{base}.{alias.name}" for alias in node.names}
    return out


def modules() -> dict[str, set[str]]:
    return {module_name(p): imports(p) for p in sorted(MACROS.rglob("*.py"))}


def test_only_the_edge_imports_mkdocs_or_the_theme() -> None:
    found = {
        name: sorted(i for i in imported if i.split(".")[0] in GENERATORS)
        for name, imported in modules().items()
    }
    outside = {name: names for name, names in found.items() if names and not name.startswith("macros.edge")}
    assert outside == {}
    in_edge = {name for name, names in found.items() if names}
    assert in_edge == EDGE_MODULES_WITH_MKDOCS


def circles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: set[frozenset[str]] = set()

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.add(frozenset(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of macros/ it imports (a package's own submodules importing
    the package itself are not edges: Python runs the package first)."""
    graph = modules()
    return {
        name: {i for i in imported if i in graph and i != name and not name.startswith(f"{i}.")}
        for name, imported in graph.items()
    }


def test_no_import_circles_in_macros() -> None:
    assert circles(import_graph()) == set()


def test_a_circle_is_found() -> None:
    """The check itself: modules that import each other, directly or through others."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert circles(graph) == {frozenset({"a", "b", "c"})}
    assert circles({"a": {"b"}, "b": set()}) == set()


def test_relative_imports_are_resolved() -> None:
    found = imports(MACROS / "render" / "sop.py")
    assert {"macros.render.print_parts", "macros.render.rows", "macros.flow"} <= found
