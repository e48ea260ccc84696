"""No import cycle in the package: each module imports only what is below it
(render/form_preview.py receives the site's page makers from render/pages.py rather
than importing it back)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "rete"


def _name(path: Path) -> str:
    parts = ["rete", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def graph(folder: Path) -> dict[str, set[str]]:
    """Each module of ``folder`` and the modules of the package it imports, anywhere in
    its code (an import inside a function closes a cycle all the same)."""
    modules = {_name(p): p for p in PACKAGE.rglob("*.py")}
    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        if not path.is_relative_to(folder):
            continue
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found = set()
        tree = ast.parse(path.read_text("utf-8"))
        skipped = _only_for_types(tree)
        for node in ast.walk(tree):
            if node in skipped:
                continue
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([base] if base else []))
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    found.add(full if full in modules else base)
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        edges[name] = {m for m in found if m in modules and m != name}
    return edges


def _only_for_types(tree: ast.Module) -> set[ast.AST]:
    """The imports under ``if TYPE_CHECKING:``: read by type checkers, never run, so they
    close no cycle (import-linter's exclude_type_checking_imports says the same)."""
    return {inner for node in ast.walk(tree)
            if isinstance(node, ast.If) and isinstance(node.test, ast.Name)
            and node.test.id == "TYPE_CHECKING"
            for child in node.body for inner in ast.walk(child)}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import one another (Tarjan's strongly connected
    components of more than one module)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_the_package_has_no_import_cycle():
    assert cycles(graph(PACKAGE)) == []


def test_a_cycle_is_seen():
    edges = {"rete.render.pages": {"rete.render.form_preview"},
             "rete.render.form_preview": {"rete.render.html"},
             "rete.render.html": {"rete.render.pages"}, "rete.render.qr": set()}
    assert cycles(edges) == [["rete.render.form_preview", "rete.render.html",
                              "rete.render.pages"]]
