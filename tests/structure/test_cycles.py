"""No import cycle in the package: each module imports only what is below it
(render/forms/form_preview.py receives the site's page makers from render/pages.py rather
than importing it back)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "scripts" / "rete"


def _name(path: Path) -> str:
    parts = ["rete", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _run_time_nodes(tree: ast.AST):
    """Every node but those under ``if TYPE_CHECKING:``, which only a type checker reads
    (content/build.py names the loader's types there: the loader imports the registry,
    which names build's functions)."""
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for child in node.body for n in ast.walk(child)}
    return (node for node in ast.walk(tree) if id(node) not in skip)


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
        for node in _run_time_nodes(ast.parse(path.read_text("utf-8"))):
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


def test_an_import_only_for_the_type_checker_closes_no_cycle():
    tree = ast.parse("import a\nif TYPE_CHECKING:\n    import b\nelse:\n    import c\n")
    found = {a.name for node in _run_time_nodes(tree) if isinstance(node, ast.Import)
             for a in node.names}
    assert found == {"a", "c"}
