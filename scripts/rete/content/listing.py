"""The listing of the collections' folders: which names are content, which are
links, bundles or stray files, and which names are refused, before any file is read
(``loader`` reads what is listed here)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from . import bundles
from .collections import COLLECTIONS, FOLDERS
from ..problems import Problem, error, warning
from ..text import SLUG_RE, slugify

RESERVED = {"index"}  # the name of every section's index page


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


def name_problem(entry: Entry) -> Problem | None:
    """Why the loader refuses a listed entry's name; None when it reads it."""
    return _slug_problem(entry.rel, entry.slug, entry.bundle)
