"""The package's layers, as folders: each imports only from the layers below it. The
contract is in pyproject.toml (``[tool.importlinter]``) and import-linter checks it,
every import counted, even one inside a function or reached through another module."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "scripts" / "rete"
# What belongs to no layer: the package's face, `python -m rete`, problems, texts and
# the formats problems are written in.
TOP = {"__init__.py", "__main__.py", "problems.py", "text.py", "formatters.py"}


def lint_imports(cwd: Path, python_path: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ}
    if python_path:  # the copy is found before the installed package
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(python_path),
                                                          env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command;"
         " sys.exit(lint_imports_command())", "--no-cache", str(ROOT / "pyproject.toml")],
        cwd=cwd, env=env, capture_output=True, text=True)


def test_the_layers_contract_is_kept(tmp_path):
    done = lint_imports(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 1 kept, 0 broken." in done.stdout


def test_an_upward_import_breaks_the_contract_and_is_named(tmp_path):
    copy = tmp_path / "rete"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    model = copy / "content" / "model.py"
    model.write_text(model.read_text("utf-8") + "\n\ndef _upward():\n"
                     "    from rete.site import hook  # noqa: F401\n", "utf-8")
    done = lint_imports(tmp_path, python_path=tmp_path)
    assert done.returncode == 1
    assert "BROKEN" in done.stdout and "rete.content.model -> rete.site.hook" in done.stdout


def test_the_package_shows_its_layers_as_folders():
    assert {p.name for p in PACKAGE.glob("*.py")} == TOP
    layers = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert layers == {"content", "checks", "figures", "render", "runtime",
                      "site", "cli", "publish", "intake", "booklet", "federation"}


def test_every_module_is_short():
    long = {p.relative_to(PACKAGE).as_posix(): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text("utf-8").splitlines())) > 300}
    assert long == {}
