"""What every command shares: where the content tree is, and how to refuse a bad root."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import formatters
from ..problems import ReteError
from ..runtime import collector
from ..runtime import helper
from ..checks.validate import Result, check


def find_root(start: Path) -> Path:
    """The nearest folder, from ``start`` upwards, that holds rete.yml."""
    for folder in (start, *start.parents):
        if (folder / "rete.yml").is_file():
            return folder
    return start


def root_of(args: argparse.Namespace) -> Path:
    """The content tree a command works on: --radice, or the nearest one with rete.yml."""
    radice = getattr(args, "radice", None)
    return Path(radice) if radice else find_root(Path.cwd())


def require_folder(root: Path) -> None:
    if not root.is_dir():
        raise ReteError(f"la cartella {root} non esiste",
                        hint="indica con --radice la cartella che contiene rete.yml")


def checked(args: argparse.Namespace) -> Result:
    """Read, validate and model the tree the command works on (a large one shared with
    a second process, when the machine has a core to spare)."""
    with collector.paused():
        return check(root_of(args), helper=helper.when_idle())


def usable(args: argparse.Namespace, errors_allowed: bool = False) -> Result | None:
    """``checked``'s result when a command can work on it: a model, and no error unless
    ``errors_allowed`` (the files with errors are then left out of the model). Else
    None, after the problems are written for the reader."""
    result = checked(args)
    if result.knowledge is None or (result.errors and not errors_allowed):
        sys.stdout.write(formatters.testo(result.problems, result.counts))
        return None
    return result


_SOURCES = ("schede", "poli", "docs", "overrides", "scripts", "tests", ".git")


def refuse_sources(root: Path, out: Path) -> None:
    """Generated pages must never land on the files they are made from."""
    root, target = root.resolve(), out.resolve()
    inside = target.is_relative_to(root) and target != root and \
        target.relative_to(root).parts[0] in _SOURCES
    if target == root or root.is_relative_to(target) or inside:
        raise ReteError(f"non scrivo in {out}: lì ci sono i contenuti da cui le pagine sono "
                        "generate, e verrebbero sovrascritti",
                        hint="scegli una cartella nuova, per esempio --out _genera")
