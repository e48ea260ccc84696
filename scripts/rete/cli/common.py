"""What every command shares: where the content tree is, and how to refuse a bad root."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..problems import ReteError
from ..validate import Result, check


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
    """Read, validate and model the tree the command works on."""
    return check(root_of(args))
