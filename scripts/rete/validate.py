"""The core pipeline: load -> validate -> model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import build, checks, schema
from .loader import Document, read_tree
from .model import Knowledge
from .problems import Problem, ReteError


@dataclass
class Result:
    problems: list[Problem]
    counts: dict[str, int]
    knowledge: Knowledge | None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def failed(self, strict: bool = False) -> bool:
        return any(p.is_error or strict for p in self.problems)


def check_document(doc: Document, ids: dict[str, list[str]]) -> list[Problem]:
    """The checks of one scheda or polo on its own: schema, references, dates,
    materials, body. ``ids`` is what ``Tree.ids()`` returns."""
    return (schema.validate(doc) + checks.check_references(doc, ids) + checks.check_dates(doc)
            + checks.check_materials(doc) + checks.check_body(doc))


def check(root: Path) -> Result:
    """Read, validate and model the tree at ``root``: every problem of every file."""
    root = Path(root)
    if not root.is_dir():
        raise ReteError(f"la cartella {root} non esiste",
                        hint="indica con --radice la cartella che contiene rete.yml")
    tree = read_tree(root)
    problems = list(tree.problems)
    if tree.registry:
        problems += schema.validate(tree.registry) + checks.check_registry(tree.registry)
    ids = tree.ids()
    for doc in tree.documents:
        problems += check_document(doc, ids)
    schede, poli = tree.of_kind("scheda"), tree.of_kind("polo")
    problems += checks.check_slugs(tree.documents)
    problems += checks.check_titles(schede)
    if len(schede) == tree.counts["scheda"]:  # an unreadable scheda may have the theme
        problems += checks.check_poli_themes(poli, schede)
    problems.sort(key=Problem.sort_key)
    invalid = {p.file for p in problems if p.is_error}
    return Result(problems, tree.counts, build.knowledge(tree, invalid))
