"""Runtime concerns stay in rete/runtime/: the core keeps no state between calls and
never tunes the garbage collector; it receives a cache and a helper as arguments
whose defaults do nothing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from rete.checks import validate
from rete.runtime.cache import NO_CACHE, Cache
from rete.runtime.helper import IN_PROCESS, SECOND_PROCESS

PACKAGE = Path(__file__).resolve().parents[2] / "scripts" / "rete"
RUNTIME = PACKAGE / "runtime"
# The MkDocs hook is loaded by MkDocs once per process: its one SiteBuild is the state
HOOK = PACKAGE / "site" / "hook.py"
MUTABLE = ("dict", "set", "list", "defaultdict", "OrderedDict", "Counter",
           "WeakValueDictionary", "WeakKeyDictionary")


def _modules(outside_runtime: bool = True) -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py"))
            if not (outside_runtime and p.is_relative_to(RUNTIME))]


def _empty_container(value: ast.expr | None) -> bool:
    """A module-level value that can only be there to be filled: an empty dict, list,
    set or a call that makes one."""
    if isinstance(value, ast.Dict):
        return not value.keys
    if isinstance(value, (ast.List, ast.Set)):
        return not value.elts
    if isinstance(value, ast.Call):
        name = getattr(value.func, "id", getattr(value.func, "attr", ""))
        return name in MUTABLE and not value.args
    return False


def _state(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    found = [f"{node.lineno}: {ast.unparse(node)}" for node in tree.body
             if isinstance(node, (ast.Assign, ast.AnnAssign)) and _empty_container(node.value)]
    found += [f"{node.lineno}: global {', '.join(node.names)}" for node in ast.walk(tree)
              if isinstance(node, ast.Global)]
    return found


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level:
            found.add(node.module or "")
    return found


def test_no_module_outside_runtime_keeps_state_between_calls():
    wrong = {p.relative_to(PACKAGE).as_posix(): _state(p) for p in _modules() if p != HOOK}
    assert {k: v for k, v in wrong.items() if v} == {}


def test_the_check_sees_module_level_state(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("_seen: dict = {}\n_made = set()\nLIMIT = 3\nNAMES = ['a']\n"
                   "def keep():\n    global LIMIT\n", "utf-8")
    assert _state(bad) == ["1: _seen: dict = {}", "2: _made = set()", "6: global LIMIT"]


def test_only_the_runtime_collector_touches_the_garbage_collector():
    users = {p.relative_to(PACKAGE).as_posix() for p in _modules(outside_runtime=False)
             if "gc" in _imports(p)}
    assert users == {"runtime/collector.py"}


def test_the_runtime_imports_nothing_of_the_layers_above_it():
    above = {p.relative_to(RUNTIME).as_posix(): sorted(
        name for name in _imports(p) if name.startswith("rete") and
        not name.startswith("rete.runtime")) for p in RUNTIME.glob("*.py")}
    relative = {p.name: [node.module for node in ast.walk(ast.parse(p.read_text("utf-8")))
                         if isinstance(node, ast.ImportFrom) and node.level > 1]
                for p in RUNTIME.glob("*.py")}
    assert {k: v for k, v in above.items() if v} == {}
    assert {k: v for k, v in relative.items() if v} == {}


def test_the_defaults_keep_nothing_and_stay_in_this_process():
    assert NO_CACHE.keeps is False and Cache().keeps is True
    assert IN_PROCESS.forks is False and SECOND_PROCESS.forks is True
    for function in (validate.check, validate.check_problems):
        defaults = {name: value for name, value in zip(
            reversed(function.__code__.co_varnames[:function.__code__.co_argcount]),
            reversed(function.__defaults__ or ()))}
        assert defaults.get("cache") is NO_CACHE
    assert validate.check_problems.__defaults__[0] is IN_PROCESS


@pytest.mark.parametrize("helper", [IN_PROCESS, SECOND_PROCESS], ids=["qui", "in-due"])
def test_a_cache_or_a_helper_changes_no_problem(minimo, helper, monkeypatch):
    plain = validate.check(minimo)
    monkeypatch.setattr(validate, "SPLIT_FROM", 0)
    assert validate.check(minimo, Cache()).problems == plain.problems
    assert validate.check_problems(minimo, helper, Cache()).problems == plain.problems
