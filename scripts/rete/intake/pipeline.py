"""The one way a candidate becomes a file in schede/ or poli/, whatever its source.

A candidate is checked exactly as ``rete valida`` checks a file: it is written
with the project's serialiser, read back by the loader and validated by the
core. Then it is recognised as already present, as a conflict with a different
version of the same scheda, or written under a new name that never replaces
anything. The folder, table, Word and issue importers all go through here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content import writer
from ..content.collections import FOLDERS
from ..content.listing import Entry, slug_problem
from ..content.loader import Document, parse_document, read_entry, read_tree, size_problem
from ..problems import Problem, ReteError
from ..content.refs import Catalog, fold
from ..text import slugify
from ..checks import services
from ..checks.validate import check_document, site_map

IMPORTED, REJECTED, PRESENT, CONFLICT = "importata", "scartata", "presente", "conflitto"
MAX_SLUG = 60


@dataclass
class Candidate:
    """A scheda or polo read from a source, not yet checked."""

    source: str  # how the coordinator finds it again: "mario.docx", "riga 5"
    data: dict
    body: str = ""
    kind: str | None = None  # None: recognised from the fields
    text: str | None = None  # the exact text of a source that already is a scheda file
    problems: list[Problem] = field(default_factory=list)  # found reading the source
    labels: dict[str, str] = field(default_factory=dict)  # field -> the source's name for it


@dataclass
class Outcome:
    candidate: Candidate
    status: str
    kind: str
    rel: str | None = None  # the file written, or the one it equals or conflicts with
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def kind_of(data) -> str:
    """A request names a ``servizio`` and its ``richiesta_il``; a polo has a ``nome`` and a
    ``stato``; anything else is a scheda."""
    if isinstance(data, dict) and "servizio" in data and "richiesta_il" in data:
        return "richiesta"
    return "polo" if isinstance(data, dict) and "nome" in data and "stato" in data else "scheda"


def _title(kind: str, data: dict) -> str | None:
    """What a new file is named after: a request by its month, library and service."""
    if kind == "richiesta":
        parts = [str(data.get("richiesta_il", ""))[:7], data.get("biblioteca"),
                 data.get("servizio")]
        return "-".join(p for p in parts if isinstance(p, str) and p)
    title = data.get("titolo" if kind == "scheda" else "nome")
    return title if isinstance(title, str) else None


def _content_key(doc: Document) -> str:
    return json.dumps(doc.data, sort_keys=True, default=str) + "\n" + doc.body.strip()


def _identity(doc: Document) -> tuple:
    if doc.kind == "richiesta":  # one library asking one service on one day
        return (doc.kind, *(str(doc.data.get(k)) for k in ("polo", "servizio", "richiesta_il")),
                doc.data.get("biblioteca"))
    name = doc.data.get("titolo" if doc.kind == "scheda" else "nome")
    return doc.kind, fold(name) if isinstance(name, str) else None, doc.data.get("biblioteca")


class Intake:
    """The content tree being imported into, and what this run has placed in it."""

    def __init__(self, root: Path, prova: bool = False):
        self.root = Path(root)
        if not self.root.is_dir():
            raise ReteError(f"la cartella {self.root} non esiste",
                            hint="indica con --radice la cartella che contiene rete.yml")
        tree = read_tree(self.root)
        if tree.registry is None:
            first = next(p for p in tree.problems if p.file == "rete.yml")
            raise ReteError(f"rete.yml: {first.message}", hint=first.hint)
        self.prova = prova
        self.ids = tree.ids()
        poli = {d.slug: d.data.get("nome", d.slug) for d in tree.of_kind("polo")}
        self.catalog = Catalog.from_registry(tree.registry.data,
                                             {p: poli.get(p, p) for p in self.ids["poli"]})
        self.site, _ = site_map(tree)  # what a candidate's links may lead to
        self.poli = tree.of_kind("polo")  # what a request is checked against
        self.requests = list(tree.slugs.get("richiesta", []))
        self._by_content: dict[str, str] = {}
        self._by_identity: dict[tuple, str] = {}
        for doc in tree.documents:
            self._remember(doc)
        self._taken = {kind: {n.casefold() for n in tree.slugs[kind]} | self._names(kind)
                       for kind in FOLDERS}

    def _names(self, kind: str) -> set[str]:
        folder = self.root / FOLDERS[kind]
        if not folder.is_dir():
            return set()
        return {p.name.casefold().removesuffix(".md") for p in folder.iterdir()}

    def _remember(self, doc: Document) -> None:
        self._by_content.setdefault(_content_key(doc), doc.rel)
        self._by_identity.setdefault(_identity(doc), doc.rel)

    def check(self, cand: Candidate) -> tuple[str, Document | None, list[Problem]]:
        """(file text, document as the loader reads it, every problem) for a candidate."""
        kind = cand.kind or kind_of(cand.data)
        text = cand.text if cand.text is not None else writer.dump(kind, cand.data, cand.body)
        problems = list(cand.problems)
        too_big = size_problem(cand.source, len(text.encode("utf-8")))
        if too_big:
            return text, None, problems + [too_big]
        folder = self.root / FOLDERS[kind]
        doc, found = parse_document(kind, text, folder / "candidata.md", cand.source, "candidata")
        if doc:
            # Checked under the name it will be written with: its page's address and
            # what its links and images lead to depend on that name.
            doc.slug = self._slug(kind, doc.data)
            doc.rel, doc.path = f"{FOLDERS[kind]}/{doc.slug}.md", folder / f"{doc.slug}.md"
            across = services.check_across([doc], self.poli, self.requests) \
                if kind == "richiesta" else []
            found += [replace(p, file=cand.source) if p.file == doc.rel else p
                      for p in check_document(doc, self.catalog, pages=self.site)
                      + [p for p in across if p.file == doc.rel]]
        # A field whose answer could not be converted was left out: the validator
        # would only repeat that it is missing.
        known = {p.field for p in cand.problems if p.field}
        problems += [p for p in found if not _under(p.field, known)]
        return text, doc, problems

    def place(self, cand: Candidate) -> Outcome:
        """Check a candidate and, unless it is rejected, present or in conflict, write it."""
        text, doc, problems = self.check(cand)
        kind = doc.kind if doc else (cand.kind or kind_of(cand.data))
        if doc is None or any(p.is_error for p in problems):
            return Outcome(cand, REJECTED, kind, None, problems)
        same = self._by_content.get(_content_key(doc))
        if same:
            return Outcome(cand, PRESENT, kind, same, problems)
        rival = self._by_identity.get(_identity(doc))
        if rival:
            return Outcome(cand, CONFLICT, kind, rival, problems)
        rel = self._write(kind, text, doc)
        doc.rel = rel
        self._remember(doc)
        return Outcome(cand, IMPORTED, kind, rel, problems)

    def _slug(self, kind: str, data: dict) -> str:
        """The first free name, from the title, that the loader accepts (not «index»,
        not a name Windows reserves such as «con» or «lpt1»)."""
        base = slugify(_title(kind, data) or "")[:MAX_SLUG].rstrip("-") or kind
        slug, n = base, 1
        while slug in self._taken[kind] or slug_problem(kind, slug):
            n += 1
            slug = f"{base}-{n}"
        return slug

    def _write(self, kind: str, text: str, doc: Document) -> str:
        slug = doc.slug  # the name it was checked under
        for _ in range(20):
            self._taken[kind].add(slug)
            rel = f"{FOLDERS[kind]}/{slug}.md"
            if self.prova:
                return rel
            try:
                writer.create_new(self.root / rel, text)
            except ReteError:  # someone else took the name meanwhile: take the next one
                slug = self._slug(kind, doc.data)
                continue
            self._reread(kind, rel, slug, doc)
            return rel
        raise ReteError(f"non trovo un nome libero per «{slug}» in {FOLDERS[kind]}/")

    def _reread(self, kind: str, rel: str, slug: str, doc: Document) -> None:
        """The copy is trusted only once the loader reads it back, name included, as the
        same document with no error."""
        again, found = read_entry(Entry(kind, str(self.root / rel), rel, slug, None, ()))
        if again is None or any(p.is_error for p in found) \
                or _content_key(again) != _content_key(doc):
            raise ReteError(f"{rel} è stato scritto ma non si rilegge uguale all'originale",
                            hint="controlla lo spazio libero sul disco e riprova")


def _under(path: str | None, known: set) -> bool:
    """True when ``path`` is a failed field, inside one, or a group holding one."""
    return bool(path) and any(path == k or path.startswith(k + ".") or k.startswith(path + ".")
                              for k in known)
