"""The core pipeline: load -> validate -> model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import build, checks, numeric, schema
from .loader import Document, Tree, read_tree
from .refs import COLLECTIONS, Catalog, ids_page_url
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


def _fields(doc, found: list[Problem]) -> list[Problem]:
    """The problems of each field's value: one per value. Where a closer check explains
    a value (a number written as on paper, a library named by its name), the schema's
    more generic complaint about the same field is left out."""
    found = found + numeric.check_numbers(doc)
    explained = {p.field for p in found if p.field}
    return [p for p in schema.validate(doc) if p.field not in explained] + found


def catalog(tree: Tree) -> Catalog:
    """What a document may refer to, with names: rete.yml's lists and the poli. A list
    rete.yml lacks is reported there, not in every file that refers to it."""
    registry = tree.registry.data if tree.registry else {}
    found = Catalog.from_registry(registry, tree.slugs.get("polo", []))
    for key in COLLECTIONS:
        if not isinstance(registry.get(key), list):
            del found.entries[key]
    return found


def check_document(doc: Document, references: Catalog,
                   everything: str | None = None) -> list[Problem]:
    """The checks of one scheda or polo on its own: schema, numbers, references, dates,
    materials, body. ``references`` is ``catalog(tree)``; ``everything`` the address of
    the site's page that lists every id."""
    return (_fields(doc, checks.check_references(doc, references, everything))
            + checks.check_dates(doc) + checks.check_materials(doc) + checks.check_body(doc))


def check(root: Path) -> Result:
    """Read, validate and model the tree at ``root``: every problem of every file."""
    root = Path(root)
    if not root.is_dir():
        raise ReteError(f"la cartella {root} non esiste",
                        hint="indica con --radice la cartella che contiene rete.yml")
    tree = read_tree(root)
    problems = list(tree.problems)
    references = catalog(tree)
    everything = ids_page_url(tree.registry.data.get("sito")) if tree.registry else None
    if tree.registry:
        problems += _fields(tree.registry, []) + checks.check_registry(tree.registry)
    for doc in tree.documents:
        problems += check_document(doc, references, everything)
    schede, poli = tree.of_kind("scheda"), tree.of_kind("polo")
    problems += checks.check_slugs(tree.documents)
    problems += checks.check_titles(schede)
    if len(schede) == tree.counts["scheda"]:  # an unreadable scheda may have the theme
        problems += checks.check_poli_themes(poli, schede)
    problems.sort(key=Problem.sort_key)
    invalid = {p.file for p in problems if p.is_error}
    return Result(problems, tree.counts, build.knowledge(tree, invalid))
