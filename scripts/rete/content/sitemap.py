"""What the site publishes, known before it is built: every page and file by its path
in the docs tree (as MkDocs names them), with the ids each page's sections will have.

``Page`` is what the link check reads of one page (plain values: the second process
of `rete valida` sends it back); ``SiteMap`` gathers them with the pages the site
generates from rete.yml and the hand-written files of docs/.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, NamedTuple

from . import bundles, links
from .collections import COLLECTIONS
from .listing import RESERVED, Entry
from .loader import Document, read_entry
from .ids import own_id
from ..text import slugify

DOCS = "docs"  # mkdocs.yml's docs_dir
# Pages and files every site has, made by rete (render/pages.py, render/network_pages.py, the
# booklet, the Word forms, the open data); tests/core/test_link.py checks them against a
# real render.
FIXED = (
    "schede/index.md", "poli/index.md", "temi/index.md", "biblioteche/index.md",
    "destinatari/index.md", "parole-chiave/index.md", "identificativi.md", "dati-aperti.md",
    "compila/scheda.md", "compila/polo.md", "compila/richiesta.md", "servizi.md",
    "rete/index.md",
    "rete/analisi.md",
    "rete/candidati.md", "rete/verifica.md", "libretto.md", "libretto.pdf", "feed.xml",
    "scheda.docx", "polo.docx", "dati/schede.json", "dati/scheda.schema.json",
    "dati/schede.csv", "dati/poli.json", "dati/polo.schema.json", "dati/poli.csv",
    "dati/rete.xlsx", "dati/catalogo.jsonld", "dati/catalogo.ttl", "dati/datapackage.json",
    "privacy.md", "note-legali.md", "accessibilita.md",
    "dati/rete.xlsx",
    "rete/diffusione.md",
)
# Headings the page's template writes around a body, by kind (render/modelli/).
_SCHEDA_BEFORE = (("risultati", "Risultati"),
                  ("trasferibilita", "Come ripeterla in un'altra biblioteca"))


class Page(NamedTuple):
    """One page whose text links: where it is published and what it links to."""

    path: str  # in the docs tree: schede/nome.md
    rel: str  # the file written by hand, for problems
    first: int  # the line of the file where the text starts
    links: tuple  # links.Link
    anchors: frozenset | None  # None: not read yet (SiteMap.ids reads them when asked)
    files: tuple  # docs paths of the files published beside the page
    unpublished: tuple  # (docs path, why) of a bundle's files the page does not publish
    draft: bool
    keywords: tuple


def has_page(doc: Document | Entry) -> bool:
    """Whether the site publishes a page of it (a request has none)."""
    return COLLECTIONS[doc.kind].public


def page_path(doc: Document | Entry) -> str:
    """A scheda's or polo's page in the docs tree (render/pages.py PATHS)."""
    if doc.bundle is not None:
        return f"schede/{doc.slug}/index.md"
    return f"{links.SHORT[doc.kind].format(doc.slug)}"


def _words(value) -> str:
    return " ".join(str(value).split())


def _around(doc: Document, served: bool = False) -> tuple[list[str], list[str]]:
    """The headings the page's template writes before and after the body (``served``:
    a polo with requests served, which its «Attività svolte» lists)."""
    data = doc.data
    title = data.get("titolo" if doc.kind == "scheda" else "nome")
    before = [_words(title)] if isinstance(title, str) else [""]
    if doc.kind == "scheda":
        before += [words for key, words in _SCHEDA_BEFORE if data.get(key)]
        return before, (["Materiali"] if data.get("materiali") else [])
    services = data.get("servizi")
    after = ["Servizi per le biblioteche"] + [
        _words(s["nome"]) for s in (services if isinstance(services, list) else [])
        if isinstance(s, dict) and isinstance(s.get("nome"), str)]
    return before, after + ["Buone pratiche sul tema"] + (
        ["Attività svolte"] if data.get("attivita") or served else [])


def anchors_of(doc: Document, plain: str | None = None, served: bool = False) -> frozenset:
    """The ids a scheda's or polo's page will have (``plain``: ``links.readable``;
    ``served``: see ``_around``)."""
    before, after = _around(doc, served)
    return links.anchors(before, doc.body, after, own_id, plain)


def _served(requests: Iterable[Document]) -> frozenset:
    """The poli with a request served: their page lists it under «Attività svolte»."""
    return frozenset(d.data.get("polo") for d in requests
                     if d.kind == "richiesta" and d.data.get("stato") == "svolta")


def reader(documents: list[Document] | None, entries: list[Entry] = ()
           ) -> Callable[[str], frozenset]:
    """``SiteMap.lazy``: the ids of a page, from ``documents`` read in full or else
    by reading its entry again (the second process of `rete valida` sends no text)."""
    if documents is not None:
        read = {page_path(d): d for d in documents if has_page(d)}
        served = _served(documents)
        return lambda path: (anchors_of(read[path], served=read[path].slug in served)
                             if path in read else UNKNOWN)
    listed = {page_path(e): e for e in entries if has_page(e)}
    requests = [e for e in entries if e.kind == "richiesta"]
    known: list[frozenset] = []  # the requests are read once, the first time it matters

    def again(path: str) -> frozenset:
        doc = read_entry(listed[path])[0] if path in listed else None
        if doc is None:
            return UNKNOWN
        if doc.kind == "polo" and not known:
            known.append(_served(d for d in (read_entry(e)[0] for e in requests) if d))
        return anchors_of(doc, served=doc.kind == "polo" and doc.slug in known[0])
    return again


def of_document(doc: Document) -> Page:
    """What the link check reads of a scheda or polo. Its ids only when its own links
    need them: another page's links ask for them later (``SiteMap.ids``), rarely."""
    path = page_path(doc)
    folder = path.rsplit("/", 1)[0] + "/"
    published = set(bundles.published(doc))
    unpublished = tuple((folder + name, bundles.kind_problem(name) or "")
                        for name in doc.files if name not in published)
    words = doc.data.get("parole_chiave")
    found = links.find(doc.body)
    ids = anchors_of(doc) if any("#" in link.address for link in found) else None
    return Page(path, doc.rel, doc.body_line, tuple(found), ids,
                tuple(folder + n for n in sorted(published)), unpublished,
                doc.data.get("bozza") is True,
                tuple(w for w in words if isinstance(w, str)) if isinstance(words, list) else ())


def keyword_pages(words) -> dict[str, str]:
    """Each keyword's page in the docs tree, by keyword (``words`` may repeat)."""
    found: dict[str, str] = {}
    taken: set[str] = set()
    for word in sorted(set(words), key=str.casefold):
        base = slugify(word) or "parola"
        slug, n = base, 1
        while slug in taken or slug in RESERVED:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        found[word] = f"parole-chiave/{slug}.md"
    return found


def docs_pages(root: Path) -> tuple[list[Page], list[str]]:
    """The hand-written pages of docs/ (those with markers have sections made at
    build time: their ids are not known) and every other file there."""
    folder = root / DOCS
    found, other = [], []
    for path, names, files in os.walk(folder):
        names[:] = sorted(n for n in names if not n.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            rel = Path(path, name).relative_to(folder).as_posix()
            if not name.endswith(".md"):
                other.append(rel)
                continue
            try:
                text = Path(path, name).read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            known = UNKNOWN if "<!-- rete:" in text else links.anchors([], text, [])
            found.append(Page(rel, f"{DOCS}/{rel}", 1, tuple(links.find(text)), known, (), (),
                              False, ()))
    return found, other


def _slug(path: str) -> str:
    """The name of a scheda or polo from its page's docs path."""
    return path.split("/")[1].removesuffix(".md")


UNKNOWN = frozenset({"*"})  # the ids of a page made at build time: any is accepted


@dataclass
class SiteMap:
    """Every page and file of the site, by docs path, with each page's ids: UNKNOWN
    for a page made at build time, None for one not read yet (``lazy`` reads it)."""

    pages: dict[str, frozenset | None] = field(default_factory=dict)
    lazy: Callable[[str], frozenset] = lambda path: UNKNOWN
    files: set[str] = field(default_factory=set)
    unpublished: dict[str, str] = field(default_factory=dict)  # docs path -> why
    drafts: set[str] = field(default_factory=set)
    names: dict[str, list[str]] = field(default_factory=dict)  # short kind -> names
    site: str | None = None

    @classmethod
    def of(cls, pages: list[Page], ids: dict[str, list[str]], other: list[str] = (),
           site: str | None = None) -> "SiteMap":
        """``pages``: the schede, poli and docs/ pages; ``ids``: rete.yml's lists."""
        found = cls(site=site)
        for path in FIXED:
            if path.endswith(".md"):
                found.pages[path] = UNKNOWN
            else:
                found.files.add(path)
        for key, kind in (("temi", "tema"), ("biblioteche", "biblioteca"),
                          ("destinatari", "destinatario")):
            found.names[kind] = list(ids.get(key, []))
            for ident in found.names[kind]:
                found.pages[links.SHORT[kind].format(ident)] = UNKNOWN
        words = []
        for page in pages:
            if page.draft:
                found.drafts.add(page.path)
                continue
            found.pages[page.path] = page.anchors
            if not page.rel.startswith(f"{DOCS}/"):  # the form's data to correct it
                kind = "scheda" if page.path.startswith("schede/") else "polo"
                found.files.add(f"compila/{kind}/dati/{_slug(page.path)}.json")
            found.files.update(page.files)
            found.unpublished.update(page.unpublished)
            words += page.keywords
        for path in keyword_pages(words).values():
            found.pages[path] = UNKNOWN
        found.files.update(other)
        content = [p for p in pages if not p.rel.startswith(f"{DOCS}/")]
        found.names["scheda"] = [_slug(p.path) for p in content if p.path.startswith("schede/")]
        found.names["polo"] = [_slug(p.path) for p in content if p.path.startswith("poli/")]
        return found

    def ids(self, path: str) -> frozenset:
        """The ids of a published page (UNKNOWN: any)."""
        if self.pages[path] is None:
            self.pages[path] = self.lazy(path)
        return self.pages[path]

    def published(self, path: str) -> bool:
        return path in self.pages or path in self.files

    def short(self, kind: str, name: str) -> str | None:
        """The docs path a short form leads to, None when it leads nowhere."""
        paths = [links.SHORT[kind].format(name)]
        if kind == "scheda":
            paths.append(f"schede/{name}/index.md")
        return next((p for p in paths if p in self.pages or p in self.drafts), None)
