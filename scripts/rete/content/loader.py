"""Read the content tree: rete.yml, schede/ and poli/, into Documents.

This is the only place that reads front-matter. Whatever is wrong with a
file's bytes (size, encoding, binary, missing front-matter, YAML syntax) is
returned as a Problem and never raised.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlread
from .collections import KIND_OF, REFERENCES, REGISTRY_LISTS
from .listing import Entry, bundle_files, listing, name_problem, tally
from .schema import groups
from .yamlsafe import Parsed
from ..problems import Problem, error
from ..runtime.cache import NO_CACHE, Cache
from ..text import human_size

MAX_BYTES = 1024 * 1024
REGISTRY = "rete.yml"
REFERENCED_LISTS = REGISTRY_LISTS  # lists of rete.yml with ids
_FENCE = re.compile(r"^---[ \t]*$")
# The line closing a front-matter, with the line break before it: a search for a
# pattern that starts with a plain character skips quickly to each line's start.
_END_LINE = re.compile(r"\n(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_TEMPLATE_HINT = "copia il modello con «rete nuova» e compilalo"
_REGISTRY_HINT = "scrivi nome, sito, biblioteche, temi e destinatari: la guida è «rete guida rete»"
_UTF8_HINT = ("salva il file con la codifica UTF-8: in Blocco note scegli "
              "File › Salva con nome › Codifica: UTF-8")


@dataclass
class Document:
    """One file of the tree, as read: its data, the line of every key, its body."""

    kind: str  # "rete", "scheda" or "polo"
    path: Path  # absolute
    rel: str  # relative to the tree's root, with forward slashes
    slug: str | None = None
    data: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    bundle: Path | None = None  # the folder of a bundle scheda
    files: list[str] = field(default_factory=list)  # a bundle's files (NFC names)
    numbers: dict = field(default_factory=dict)  # key path -> a number's text as written
    # Keys of front-matter lines left out after a YAML error: read partly, the document
    # has errors and never reaches the model; these keys are not "missing".
    skipped: set = field(default_factory=set)
    sources: dict = field(default_factory=dict)  # each of ``files`` -> the file on disk

    def line_of(self, path) -> int | None:
        return self.lines.get(tuple(path))


@dataclass
class Tree:
    """Everything read from one content tree, problems included."""

    root: Path
    registry: Document | None
    documents: list[Document]
    problems: list[Problem]
    counts: dict[str, int] = field(default_factory=dict)  # files found, readable or not
    slugs: dict[str, list[str]] = field(default_factory=dict)  # names of those files

    def of_kind(self, kind: str) -> list[Document]:
        return [d for d in self.documents if d.kind == kind]

    def ids(self) -> dict[str, list[str]]:
        """The identifiers a document may refer to: rete.yml's lists and the poli's names."""
        found: dict[str, list[str]] = {}
        data = self.registry.data if self.registry else {}
        for key in REFERENCED_LISTS:
            items = data.get(key)
            if isinstance(items, list):
                found[key] = [i["id"] for i in items
                              if isinstance(i, dict) and isinstance(i.get("id"), str)]
        for name, ref in REFERENCES.items():  # the other references are to files: the poli
            if not ref.in_registry:
                found[name] = list(self.slugs.get(KIND_OF[name], []))
        return found


def _read_text(path: Path | str, rel: str,
               hint: str = _TEMPLATE_HINT) -> tuple[str | None, Problem | None]:
    try:
        return _decode(path, rel, hint)
    except OSError as exc:
        return None, error(rel, f"il file non si può leggere ({exc.strerror or exc})",
                           hint="controlla che il file non sia aperto in un altro programma "
                                "e che tu abbia il permesso di leggerlo")


# libyaml counts these as line breaks where editors do not: in the front-matter they
# become spaces, so line numbers match what the librarian sees.
_ODD_BREAKS = str.maketrans({"\u2028": " ", "\u2029": " ", "\u0085": " "})


def size_problem(rel: str, size: int) -> Problem | None:
    """The problem of a file over the size limit, or None."""
    if size <= MAX_BYTES:
        return None
    return error(rel, f"il file è troppo grande: {human_size(size)}, "
                      f"il limite è {human_size(MAX_BYTES)}",
                 hint="sposta immagini e documenti tra i materiali e accorcia il testo")


def _decode(path: Path | str, rel: str, hint: str) -> tuple[str | None, Problem | None]:
    with open(path, "rb") as file:  # one opening: its size, then (if not too big) its bytes
        too_big = size_problem(rel, os.fstat(file.fileno()).st_size)
        if too_big:
            return None, too_big
        raw = file.read()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, error(rel, "il file è salvato con la codifica UTF-16, non UTF-8",
                           hint=_UTF8_HINT)
    if raw.find(b"\x00", 0, 8192) >= 0:
        return None, error(rel, "il file non è un testo (sembra un file binario)",
                           hint="le schede si scrivono in un file di testo .md")
    if not raw or raw.isspace():  # as raw.strip(), without a copy
        return None, error(rel, "il file è vuoto", hint=hint)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, error(rel, "il file non è salvato con la codifica UTF-8 "
                                "(forse è Windows-1252 o Latin-1)", line=line, hint=_UTF8_HINT)
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def _parse_yaml(text: str, rel: str, offset: int, kind: str, hint: str = _TEMPLATE_HINT,
                cache: Cache = NO_CACHE) -> tuple[Parsed | None, list[Problem]]:
    """Parse a front-matter; past a slip on one line, the rest is still read, so a
    librarian sees most problems in one round (the problems make the file invalid)."""
    if "\u2028" in text or "\u2029" in text or "\x85" in text:  # rare: translate is slow
        text = text.translate(_ODD_BREAKS)
    parsed, found = cache.parsed(text, kind, _read_front_matter)
    problems = [error(rel, p.message, line=p.line + offset if p.line is not None else None,
                      hint=p.hint) for p in found]
    if parsed is None:
        return None, problems
    parsed.lines = {k: v + offset for k, v in parsed.lines.items()}
    if parsed.data is None and not problems:
        return None, [error(rel, "non contiene nessun campo",
                            line=offset + 1 if offset else None, hint=hint)]
    if not isinstance(parsed.data, dict):
        if problems:
            return None, problems
        return None, [error(rel, "i campi devono essere scritti nella forma «campo: valore»",
                            line=offset + 1, hint=hint)]
    return parsed, problems


def _read_front_matter(text: str, kind: str):
    return yamlread.read(text, groups(kind))


def read_registry(root: Path, cache: Cache = NO_CACHE) -> tuple[Document | None, list[Problem]]:
    path = root / REGISTRY
    if not path.is_file():
        return None, [error(REGISTRY, "manca il registro della rete",
                            hint=f"crea il file {REGISTRY} nella cartella principale")]
    text, problem = _read_text(path, REGISTRY, _REGISTRY_HINT)
    if problem:
        return None, [problem]
    parsed, problems = _parse_yaml(text, REGISTRY, 0, "rete", _REGISTRY_HINT, cache)
    if parsed is None:
        return None, problems
    return Document("rete", path, REGISTRY, data=parsed.data, lines=parsed.lines,
                    numbers=parsed.numbers, skipped=parsed.skipped), problems


def read_document(kind: str, path: Path | str, rel: str, slug: str,
                  bundle: Path | None = None, cache: Cache = NO_CACHE
                  ) -> tuple[Document | None, list[Problem]]:
    """Read one scheda or polo: split its front-matter and parse it. A ``path`` given
    as text is opened as it is (quicker than through a Path) and made a Path for the
    document."""
    text, problem = _read_text(path, rel)
    if problem:
        return None, [problem]
    return parse_document(kind, text, path if isinstance(path, Path) else Path(path), rel,
                          slug, bundle, cache)


def has_front_matter(text: str) -> bool:
    """True when decoded text opens with the '---' line of a front-matter."""
    return bool(_FENCE.match(text.split("\n", 1)[0]))


def parse_document(kind: str, text: str, path: Path, rel: str, slug: str,
                   bundle: Path | None = None, cache: Cache = NO_CACHE
                   ) -> tuple[Document | None, list[Problem]]:
    """Split decoded text (LF line breaks) into front-matter and body, and parse it.

    The importers hand their candidate files here before writing them, so what
    they write is read exactly as the loader will read it later.
    """
    first = text.find("\n")
    if not _FENCE.match(text if first < 0 else text[:first]):
        return None, [error(rel, "manca l'intestazione (front-matter): il file deve iniziare "
                                 "con una riga '---'", line=1,
                            hint="metti i campi tra due righe '---' all'inizio del file")]
    closing = _END_LINE.search(text, first) if first >= 0 else None
    if closing is None:
        return None, [error(rel, "l'intestazione (front-matter) non è chiusa", line=1,
                            hint="aggiungi una riga '---' dopo l'ultimo campo")]
    start = closing.start() + 1  # where the closing line starts
    end = text.count("\n", 0, start)  # the closing line, counted from 0
    parsed, problems = _parse_yaml(text[first + 1:start] or "\n", rel, 1, kind,
                                   cache=cache)
    if parsed is None:
        return None, problems
    body = text[closing.end() + 1:]
    sources = bundle_files(bundle) if bundle else {}
    return Document(kind, path, rel, slug, parsed.data, parsed.lines, body, end + 2, bundle,
                    list(sources), parsed.numbers, parsed.skipped, sources), problems


def read_entry(entry: Entry, cache: Cache = NO_CACHE) -> tuple[Document | None, list[Problem]]:
    """Read one listed entry: the listing's problems, its name's and its file's."""
    problems = list(entry.problems)
    if entry.file is None:
        return None, problems
    bad_name = name_problem(entry)
    if bad_name:
        problems.append(bad_name)
    doc, found = read_document(entry.kind, entry.file, entry.rel, entry.slug, entry.bundle, cache)
    return doc, problems + found


def read_entries(entries: list[Entry], cache: Cache = NO_CACHE
                 ) -> tuple[list[Document], list[Problem]]:
    """Read every listed entry: the documents read, and every problem found, in order."""
    documents: list[Document] = []
    problems: list[Problem] = []
    for entry in entries:
        doc, found = read_entry(entry, cache)
        problems += found
        if doc:
            documents.append(doc)
    return documents, problems


def read_tree(root: Path) -> Tree:
    """Read the whole tree; every problem found is in ``Tree.problems``."""
    root = Path(root)
    registry, problems = read_registry(root)
    entries = listing(root)
    documents, found = read_entries(entries)
    return Tree(root, registry, documents, problems + found, *tally(entries))
