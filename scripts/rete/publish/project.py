"""`rete genera --out CARTELLA`: the site as a complete project folder, for an engine
with no hook (Zensical) or for MkDocs and ProperDocs without rete installed.

The folder holds a ``mkdocs.yml`` without ``hooks:`` and with rete.yml's values
written in, ``docs/`` with the hand-written pages (markers expanded), the generated
pages (``tree.prepare``: every guarantee already applied) and every published file
(bundles, data, feed, PDF booklet, Word forms, open data), and the theme's
``overrides/``. It is written beside the target and then renamed into place, so a
reader sees the old folder or the new one, never half of one.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import config, tree
from ..content import sitemap
from ..content.model import Knowledge
from ..problems import Problem, ReteError
from ..runtime.helper import SECOND_PROCESS

CONFIG = "mkdocs.yml"
OVERRIDES = "overrides"
MARK = ".rete-genera"  # in every folder `rete genera` wrote: the next run may replace it
_MARK_TEXT = ("Cartella scritta da «rete genera»: viene sostituita per intero alla "
              "prossima esecuzione. Non modificare qui: modifica schede/, poli/, docs/.\n")


@dataclass(frozen=True)
class Written:
    pages: int  # generated pages
    files: int  # every file of docs/
    problems: list[Problem] = field(default_factory=list)  # nothing is written if any


def refuse(out: Path) -> None:
    """A folder that is not empty and was not written by `rete genera` is someone's."""
    if out.exists() and not out.is_dir():
        raise ReteError(f"{out} esiste e non è una cartella",
                        hint="scegli un'altra cartella con --out")
    if out.is_dir() and any(out.iterdir()) and not (out / MARK).is_file():
        raise ReteError(f"la cartella {out} non è vuota e non è stata scritta da «rete "
                        "genera»: non la sovrascrivo",
                        hint="scegli una cartella nuova o vuota, per esempio --out _sito")


def write(k: Knowledge, root: Path, out: Path, problems: list[Problem] = ()) -> Written:
    """Write the project folder ``out`` from the project in ``root``."""
    refuse(out)
    source = root / CONFIG
    if not source.is_file():
        raise ReteError(f"manca {CONFIG} in {root}",
                        hint="esegui «rete genera» dalla cartella del progetto, quella con "
                             "mkdocs.yml, docs/ e rete.yml")
    text = source.read_text(encoding="utf-8")
    made = tree.prepare(k, root, config.settings(config.read(text), k.rete.sito), problems,
                        helper=SECOND_PROCESS)
    if made.problems:  # what a strict build refuses
        return Written(0, 0, made.problems)
    later = tree.later_files(k, root, made.spreads)
    staging = out.parent / f".{out.name}.nuova"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        docs = staging / sitemap.DOCS
        count = _hand(k, root / sitemap.DOCS, docs)
        for path, content in [*made.pages.items(), *made.files.items(), *later.items()]:
            _put(docs / path, content)
        for path, origin in made.assets.items():
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, docs / path)
        if (root / OVERRIDES).is_dir():
            shutil.copytree(root / OVERRIDES, staging / OVERRIDES)
        _put(staging / CONFIG, config.hookless(text, k))
        _put(staging / MARK, _MARK_TEXT)
        _swap(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    total = count + len(made.pages) + len(made.files) + len(later) + len(made.assets)
    return Written(len(made.pages), total)


def _hand(k: Knowledge, folder: Path, docs: Path) -> int:
    """Copy docs/, its pages with their markers expanded."""
    count = 0
    for path in sorted(tree.docs_files(folder.parent)):
        origin = folder / path
        if path.endswith(".md"):
            _put(docs / path, tree.handwritten(origin.read_text(encoding="utf-8"), path, k))
        else:
            (docs / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, docs / path)
        count += 1
    return count


def _put(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="\n")


def _swap(staging: Path, out: Path) -> None:
    """Put the finished folder in place of ``out`` (an earlier output, or nothing)."""
    old = out.parent / f".{out.name}.vecchia"
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)
