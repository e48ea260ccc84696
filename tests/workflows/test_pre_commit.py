""".pre-commit-hooks.yaml: `rete valida` as a pre-commit hook, for networks that use git."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import entry_points

import yaml

from ..conftest import ROOT

# pre-commit's manifest keys (pre-commit.com, «Creating new hooks»).
REQUIRED = {"id", "name", "entry", "language"}
OPTIONAL = {"files", "exclude", "types", "types_or", "exclude_types", "always_run",
            "fail_fast", "verbose", "pass_filenames", "require_serial", "description",
            "language_version", "minimum_pre_commit_version", "args", "stages"}


def hooks() -> list[dict]:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))


def test_the_manifest_has_pre_commits_keys_and_one_hook():
    (hook,) = hooks()
    assert REQUIRED <= set(hook) <= REQUIRED | OPTIONAL
    assert hook["id"] == "rete-valida"
    assert hook["language"] == "python"  # pre-commit installs this package with pip
    assert hook["pass_filenames"] is False  # links between files: the whole tree is checked


def test_the_entry_is_the_command_this_package_installs():
    (hook,) = hooks()
    command, sub = hook["entry"].split()
    installed = {e.name: e.value for e in entry_points(group="console_scripts")}
    assert installed.get(command) == "rete.cli:main"
    done = subprocess.run([sys.executable, "-m", "rete", sub, "--help"], capture_output=True,
                          text=True)
    assert done.returncode == 0 and done.stdout.startswith(f"uso: rete {sub}")


def test_the_hook_runs_when_content_changes_and_only_then():
    (hook,) = hooks()
    pattern = re.compile(hook["files"])
    for name in ("rete.yml", "schede/letture.md", "schede/cartella/foto.jpg", "poli/polo.md"):
        assert pattern.search(name), name
    for name in ("docs/index.md", "scripts/rete/content/loader.py", "README.md"):
        assert not pattern.search(name), name


def test_the_readme_says_how_to_use_it():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "rete-valida" in readme and "pre-commit install" in readme
