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
from typing import NamedTuple

from . import bundles, yamlsafe
from .collections import COLLECTIONS, FOLDERS, KIND_OF, REFERENCES, REGISTRY_LISTS
from .schema import groups
from ..problems import Problem, error, warning
from ..runtime.cache import NO_CACHE, Cache
from ..text import SLUG_RE, human_size, slugify

MAX_BYTES = 1024 * 1024
REGISTRY = "rete.yml"
RESERVED = {"index"}  # the name of every section's index page
REFERENCED_LISTS = REGISTRY_LISTS  # lists of rete.yml with ids
_FENCE = re.compile(r"^---[ \t]*$")
_END_LINE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
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


def _read_text(path: Path, rel: str,
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


def _decode(path: Path, rel: str, hint: str) -> tuple[str | None, Problem | None]:
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
                cache: Cache = NO_CACHE) -> tuple[yamlsafe.Parsed | None, list[Problem]]:
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
    return yamlsafe.read(text, groups(kind))


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


def read_document(kind: str, path: Path, rel: str, slug: str, bundle: Path | None = None,
                  cache: Cache = NO_CACHE) -> tuple[Document | None, list[Problem]]:
    """Read one scheda or polo: split its front-matter and parse it."""
    text, problem = _read_text(path, rel)
    if problem:
        return None, [problem]
    return parse_document(kind, text, path, rel, slug, bundle, cache)


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
    closing = _END_LINE.search(text, first + 1) if first >= 0 else None
    if closing is None:
        return None, [error(rel, "l'intestazione (front-matter) non è chiusa", line=1,
                            hint="aggiungi una riga '---' dopo l'ultimo campo")]
    end = text.count("\n", 0, closing.start())  # the closing line, counted from 0
    parsed, problems = _parse_yaml(text[first + 1:closing.start()] or "\n", rel, 1, kind,
                                   cache=cache)
    if parsed is None:
        return None, problems
    body = text[closing.end() + 1:]
    sources = bundle_files(bundle) if bundle else {}
    return Document(kind, path, rel, slug, parsed.data, parsed.lines, body, end + 2, bundle,
                    list(sources), parsed.numbers, parsed.skipped, sources), problems


def _listed(name: str) -> bool:
    """Hidden, temporary and private names (.git, ~$lock, _bozze) are not content."""
    return not name.startswith((".", "~", "_"))


def _listing(folder: Path) -> list[os.DirEntry]:
    """The content entries of a folder, by name (an unreadable folder has none)."""
    try:
        with os.scandir(folder) as listing:
            return sorted((e for e in listing if _listed(e.name)), key=lambda e: e.name)
    except OSError:
        return []


def bundle_files(bundle: Path) -> dict[str, Path]:
    """The files of a bundle that may be published beside it: their paths relative to
    it, in Unicode NFC and with "/", each with the file on disk.

    Not index.md, nothing hidden or private at any depth, and no link: a linked file
    or folder may lead out of the bundle, so it is never followed. At most
    ``bundles.MAX_FILES + 1`` are listed: one more than the limit is enough to report
    it, and a folder of a million files costs no more.
    """
    found: dict[str, Path] = {}
    folders = [(bundle, "")]
    while folders and len(found) <= bundles.MAX_FILES:
        folder, prefix = folders.pop()
        for entry in _listing(folder):
            rel = prefix + entry.name
            if rel == "index.md":
                continue
            try:
                if entry.is_symlink():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append((Path(entry.path), rel + "/"))
                elif entry.is_file(follow_symlinks=False):
                    found[bundles.nfc(rel)] = Path(entry.path)
            except OSError:
                continue
            if len(found) > bundles.MAX_FILES:
                break
    return dict(sorted(found.items()))


def _linked(rel: str) -> Problem:
    return error(rel, "è un collegamento a un altro file o a un'altra cartella: non viene "
                      "letto né pubblicato",
                 hint="copia qui il file o la cartella al posto del collegamento")


def _entries(root: Path, kind: str):
    """Yield (file, rel, slug, bundle, problems) for every entry of a collection: the file
    to read as text (a Path is made only when it is read), or None.

    A link (to a file or a folder) is never followed: it could lead out of the
    collection's folder. The folder's own listing says which entries are links,
    folders or files, so no entry costs more than the listing itself.
    """
    collection = COLLECTIONS[kind]
    folder = root / collection.folder
    if not folder.is_dir():
        return
    for entry in _listing(folder):
        rel = f"{FOLDERS[kind]}/{entry.name}"
        try:
            link = entry.is_symlink()
            is_dir = not link and entry.is_dir(follow_symlinks=False)
            is_file = not link and entry.is_file(follow_symlinks=False)
            if is_dir and collection.bundles and (folder / entry.name / "index.md").is_symlink():
                link, rel = True, f"{rel}/index.md"
        except OSError:
            link = True
        if link:
            yield None, rel, entry.name, None, [_linked(rel)]
            continue
        if is_dir and not collection.bundles:
            yield None, rel, entry.name, None, [error(
                rel + "/", f"{collection.what} è un file singolo, non una cartella",
                hint=f"sposta il testo in {collection.folder}/{entry.name}.md")]
        elif is_dir:
            bundle = folder / entry.name
            index = bundle / "index.md"
            if not index.is_file():
                yield None, rel, entry.name, bundle, [error(
                    rel + "/", "la cartella della scheda non contiene index.md",
                    hint="chiama index.md il file della scheda dentro la cartella")]
                continue
            yield str(index), f"{rel}/index.md", entry.name, bundle, []
        elif is_file and entry.name.lower().endswith(".md"):
            yield entry.path, rel, os.path.splitext(entry.name)[0], None, []
        elif is_file:
            yield None, rel, os.path.splitext(entry.name)[0], None, [warning(
                rel, f"il file non viene letto: {collection.every} sono file .md",
                hint=_md_hint(entry.name, kind))]


def _md_hint(name: str, kind: str) -> str:
    if name.lower().endswith(".md.txt"):
        return (f"rinominalo in {name[:-4]} (Windows può nascondere l'estensione .txt: "
                "attiva «Estensioni nomi file» in Esplora file)")
    if COLLECTIONS[kind].bundles:
        return "se è un materiale, mettilo nella cartella di una scheda, accanto a index.md"
    return f"se è {COLLECTIONS[kind].what}, salvalo come testo con estensione .md"


def _slug_problem(rel: str, slug: str, bundle: Path | None) -> Problem | None:
    windows = bundles.windows_problem(slug)
    if windows and SLUG_RE.match(slug):  # con, aux, nul…: otherwise a good slug
        what = "della cartella" if bundle else "del file"
        return error(rel, f"il nome {what} «{slug}» non va bene: {windows}",
                     hint=f"rinominalo, per esempio in {slug}-biblioteca"
                          + ("" if bundle else ".md"))
    if slug in RESERVED:
        return error(rel, f"il nome «{slug}» è riservato alle pagine indice del sito",
                     hint="scegli un nome che dica di che cosa parla, per esempio "
                          "letture-al-nido")
    if SLUG_RE.match(slug):
        return None
    folded = slugify(slug) or "nome-della-scheda"
    what = "della cartella" if bundle else "del file"
    new = folded if bundle else f"{folded}.md"
    return error(rel, f"il nome {what} «{slug}» non è valido: usa solo lettere minuscole "
                      "senza accenti, cifre e trattini",
                 hint=f"rinominalo in {new}")


def slug_problem(kind: str, slug: str) -> Problem | None:
    """Why the loader refuses the file ``slug``.md of ``kind``'s folder (a Windows
    device name, a reserved or an invalid name); None when it reads it."""
    return _slug_problem(f"{FOLDERS[kind]}/{slug}.md", slug, None)


class Entry(NamedTuple):
    """One name listed in schede/ or poli/, before its file is read."""

    kind: str
    file: str | None  # the file to read; None when there is none to read
    rel: str
    slug: str
    bundle: Path | None
    problems: tuple  # what the listing itself found wrong


def listing(root: Path) -> list[Entry]:
    """Every entry of the collections' folders, in the order they are read."""
    return [Entry(kind, file, rel, slug, bundle, tuple(found))
            for kind in FOLDERS for file, rel, slug, bundle, found in _entries(root, kind)]


def tally(entries: list[Entry]) -> tuple[dict[str, int], dict[str, list[str]]]:
    """The files found of each kind (readable or not) and the names of those files."""
    counts = dict.fromkeys(FOLDERS, 0)
    slugs: dict[str, list[str]] = {kind: [] for kind in FOLDERS}
    for entry in entries:
        if entry.file is None:
            counts[entry.kind] += any(p.is_error for p in entry.problems)  # lost its file
            continue
        counts[entry.kind] += 1
        slugs[entry.kind].append(entry.slug)
    return counts, slugs


def read_entry(entry: Entry, cache: Cache = NO_CACHE) -> tuple[Document | None, list[Problem]]:
    """Read one listed entry: the listing's problems, its name's and its file's."""
    problems = list(entry.problems)
    if entry.file is None:
        return None, problems
    bad_name = _slug_problem(entry.rel, entry.slug, entry.bundle)
    if bad_name:
        problems.append(bad_name)
    doc, found = read_document(entry.kind, Path(entry.file), entry.rel, entry.slug, entry.bundle,
                               cache)
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
