"""The core pipeline: load -> validate -> model."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content import build, numeric, schema, schemacheck, sitemap, slips
from . import adoptions, checks, invisible, linkcheck, publisher, services
from .references import check_references
from ..content.listing import Entry, listing, tally
from ..content.loader import Document, Tree, read_entries, read_entry, read_registry
from ..content.refs import COLLECTIONS, Catalog, ids_page_url
from ..content.model import Knowledge
from ..problems import Problem, ReteError
from ..runtime.cache import NO_CACHE, Cache, fingerprint
from ..runtime.helper import IN_PROCESS, InProcess


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


def _fields(doc, closer: list[Problem], walked: list | None = None) -> list[Problem]:
    """The problems of each field's value: one per value, the one nearest the cause.

    An invisible character, then quotes from Word, explain whatever else is wrong with
    a value; a number written as on paper or a library written by its name explain the
    schema's more generic complaint about the same field. ``walked`` is ``schema.walk(doc)``.
    """
    walked = schema.walk(doc) if walked is None else walked
    found: list[Problem] = []
    for layer in (invisible.check_values(doc, walked), slips.check_word_quotes(doc, walked),
                  closer + numeric.check_numbers(doc, walked), schemacheck.validate(doc, walked)):
        explained = {p.field for p in found if p.field}
        found += [p for p in layer if p.field not in explained and not _skipped(doc, p)]
    return found


def _skipped(doc, problem: Problem) -> bool:
    """A field missing or empty because its lines were left out after a YAML error is
    not missing: the YAML error already said what is wrong there."""
    if problem.field is None or problem.field.rsplit(".", 1)[-1] not in doc.skipped:
        return False
    value = doc.data
    for part in problem.field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return problem.line is None or value is None


def catalog(tree: Tree) -> Catalog:
    """What a document may refer to, with names: rete.yml's lists and the poli. A list
    rete.yml lacks is reported there, not in every file that refers to it."""
    registry = tree.registry.data if tree.registry else {}
    found = Catalog.from_registry(registry, tree.slugs.get("polo", []))
    for key in COLLECTIONS:
        if not isinstance(registry.get(key), list):
            del found.entries[key]
    return found


def check_document(doc: Document, references: Catalog, everything: str | None = None,
                   site: str | None = None, pages: sitemap.SiteMap | None = None
                   ) -> list[Problem]:
    """The checks of one scheda or polo on its own: schema, numbers, references, dates,
    materials, body. ``references`` is ``catalog(tree)``; ``everything`` the address of
    the site's page that lists every id; ``site`` the site's address (rete.yml's sito),
    against which the body's images are judged on the site or elsewhere. With
    ``pages`` (``site_map(tree)``: what the importers check a candidate against), the
    body's links too; `rete valida` checks them across documents (``_check``)."""
    walked = schema.walk(doc)
    closer = check_references(doc, references, everything, walked) + services.check_own(doc)
    found = (_fields(doc, closer, walked)
             + checks.check_dates(doc) + checks.check_materials(doc)
             + checks.check_bundle(doc) + checks.check_body(doc, site))
    if pages is not None and sitemap.has_page(doc):
        found += linkcheck.check([sitemap.of_document(doc)], pages)
    return found


def site_map(tree: Tree, pages: list[sitemap.Page] | None = None,
             entries: list[Entry] | None = None
             ) -> tuple[sitemap.SiteMap, list[sitemap.Page]]:
    """Every page and file the site of ``tree`` will publish, and docs/'s pages.
    ``pages`` are its documents' (``sitemap.of_document``), when the caller has them;
    ``entries``, when the documents were read by ``_split`` (without their text)."""
    if pages is None:
        pages = [sitemap.of_document(d) for d in tree.documents if sitemap.has_page(d)]
    hand, other = sitemap.docs_pages(tree.root)
    site = tree.registry.data.get("sito") if tree.registry else None
    found = sitemap.SiteMap.of(pages + hand, tree.ids(), other,
                               site if isinstance(site, str) else None)
    found.lazy = sitemap.reader(None if entries else tree.documents, entries or ())
    return found, hand


def _check_links(tree: Tree, pages: list[sitemap.Page],
                 entries: list[Entry] | None) -> list[Problem]:
    """The links of every body and of docs/'s pages, against the whole site."""
    found, hand = site_map(tree, pages, entries)
    return linkcheck.check(pages + hand, found)


# From this many files on, a helper's second process (``check_problems``) reads and
# checks every other file, on the machine's other core.
SPLIT_FROM = 500


def check(root: Path, cache: Cache = NO_CACHE, helper: InProcess = IN_PROCESS) -> Result:
    """Read, validate and model the tree at ``root``: every problem of every file, and
    the model. ``cache`` is what a long-lived process keeps between runs (`mkdocs
    serve`): an edit re-reads and re-checks only what it touched. With a second process
    as ``helper`` (and no such cache), a large tree is read and checked half there, and
    its documents travel back whole (``_split``): the problems and the model are the same."""
    if cache.keeps:
        helper = IN_PROCESS  # the cache is this process's: what it keeps saves more
    tree, problems = _check(_existing(root), cache, helper, whole=True)
    invalid = {p.file for p in problems if p.is_error}
    return Result(problems, tree.counts, build.knowledge(tree, invalid))


def check_problems(root: Path, helper: InProcess = IN_PROCESS,
                   cache: Cache = NO_CACHE) -> Result:
    """Every problem of every file of the tree at ``root``, without building the model
    (what `rete valida` needs). With a second process as ``helper``, a large tree is
    read and checked half here, half there (``_split``): the problems are the same,
    in the same order."""
    tree, problems = _check(_existing(root), cache, helper)
    return Result(problems, tree.counts, None)


def _existing(root: Path) -> Path:
    root = Path(root)
    if not root.is_dir():
        raise ReteError(f"la cartella {root} non esiste",
                        hint="indica con --radice la cartella che contiene rete.yml")
    return root


def _check(root: Path, cache: Cache, helper: InProcess, whole: bool = False
           ) -> tuple[Tree, list[Problem]]:
    registry, problems = read_registry(root, cache)
    entries = listing(root)
    tree = Tree(root, registry, [], problems, *tally(entries))
    references = catalog(tree)
    site = tree.registry.data.get("sito") if tree.registry else None
    everything = ids_page_url(site) if tree.registry else None
    if len(entries) < SPLIT_FROM:
        helper = IN_PROCESS  # a small tree: a second process would cost more than it saves
    split = helper.forks
    if split:
        tree.documents, read, checked, pages = _split(entries, references, everything, site,
                                                      helper, whole)
        tree.problems += read
    else:
        tree.documents, read = read_entries(entries, cache)
        tree.problems += read
        checked = _each_document(tree, references, everything, site, cache)
        pages = [sitemap.of_document(d) for d in tree.documents if sitemap.has_page(d)]
    schede = tree.of_kind("scheda")
    besides: list[list[Problem]] = []

    def meanwhile() -> None:  # the other checks, while a second process starts on the titles
        links = _check_links(tree, pages, entries if split and not whole else None)
        besides.extend(_besides_titles(tree, schede, checked + links, references, everything))

    titles = checks.check_titles(schede, helper, meanwhile)
    problems = besides[0] + titles + besides[1]
    problems.sort(key=Problem.sort_key)
    return tree, problems


def _besides_titles(tree: Tree, schede: list[Document], checked: list[Problem],
                    references: Catalog, everything: str | None
                    ) -> tuple[list[Problem], list[Problem]]:
    """The problems before the titles' (of reading, of rete.yml, of each document,
    ``checked``, of the names) and after them (across documents), in that order."""
    problems = list(tree.problems)
    if tree.registry:
        registry = (_fields(tree.registry, []) + checks.check_registry(tree.registry)
                    + check_references(tree.registry, references, everything))
        # What a public body's site lacks is worth saying once rete.yml is right.
        if not any(p.is_error for p in registry):
            registry += publisher.check_publisher(tree.registry)
        problems += registry
    problems += checked
    poli = tree.of_kind("polo")
    problems += checks.check_slugs(tree.documents)
    after = adoptions.check_ripresa(schede, tree.slugs.get("scheda", []))
    # A scheda that could not be read, or whose tema is wrong, may have the theme
    # (the titles' problems are about the titolo)
    unsure = {p.file for p in problems + after if p.field == "tema"} | {
        d.rel for d in schede if "tema" in d.skipped}
    if len(schede) == tree.counts["scheda"] and not unsure & {d.rel for d in schede}:
        after += checks.check_poli_themes(poli, schede)
    after += services.check_across(tree.of_kind("richiesta"), poli,
                                   tree.slugs.get("richiesta", []))
    return problems, after


def _split(entries: list[Entry], references: Catalog, everything: str | None,
           site: str | None, helper: InProcess, whole: bool = False
           ) -> tuple[list[Document], list[Problem], list[Problem], list[sitemap.Page]]:
    """Read and check every entry, shared with a second process (``helper``).

    Returns the documents, in the listing's order, as read (what the model is built
    from) or, unless ``whole``, those the second process read as the checks across
    documents read them (``_across``: what it sends back), the problems of reading
    them and those of their own checks, and what the link check reads of each
    (``sitemap.of_document``), each in the listing's order.
    """
    def one(index: int) -> tuple:
        doc, read = read_entry(entries[index])
        if doc is None:
            return None, read, [], None
        found = check_document(doc, references, everything, site)
        return doc, read, found, sitemap.of_document(doc) if sitemap.has_page(doc) else None

    def pack(done: tuple) -> tuple:
        return (_across(done[0]) if done[0] else None, *done[1:])

    done = helper.shared(len(entries), one, pack=None if whole else pack)
    documents = [d[0] if isinstance(d[0], Document) else Document(
        d[0][0], None, *d[0][1:5], skipped=d[0][5]) for d in done if d[0]]
    return (documents, [p for d in done for p in d[1]], [p for d in done for p in d[2]],
            [d[3] for d in done if d[3]])


def _across(doc: Document) -> tuple:
    """What the checks across documents read of a document (``checks.ACROSS``), and no
    more, as plain values: what travels back from the second process, at little cost.
    The fields of a Document in order: kind, rel, slug, data, lines, skipped."""
    data = doc.data
    kept = {key: data[key] for key in checks.ACROSS if key in data}
    return (doc.kind, doc.rel, doc.slug, kept,
            {path: line for path, line in doc.lines.items() if path and path[0] in kept},
            doc.skipped & _ACROSS if doc.skipped else set())


_ACROSS = frozenset(checks.ACROSS)


def _each_document(tree: Tree, references: Catalog, everything: str | None,
                   site: str | None, cache: Cache) -> list[Problem]:
    """``check_document`` of every document. With a ``cache`` that keeps (`mkdocs
    serve`) a document read exactly as in the last run, against the same registry and
    poli, keeps its problems: an edit re-checks the edited file."""
    if not cache.keeps:
        return [p for doc in tree.documents
                for p in check_document(doc, references, everything, site)]
    run = cache.run("check_document")
    registry = tree.registry.data if tree.registry else None
    common = fingerprint((registry, tree.slugs.get("polo", []), everything, site))
    problems = []
    for doc in tree.documents:
        key = (common, _document_key(doc))
        found = run.get(key, lambda d=doc: check_document(d, references, everything, site))
        if doc.sources and found:  # a bundle's problems may come from any file on disk
            run.drop(key)
        problems += found
    run.end()
    return problems


def _document_key(doc: Document) -> bytes:
    """Everything a document's own checks read: the document as read and, for a
    bundle, the size and date of each of its files (the checks read their size)."""
    stats = []
    for name, path in doc.sources.items():
        try:
            found = path.stat()
            stats.append((name, found.st_size, found.st_mtime_ns))
        except OSError:
            stats.append((name, None, None))
    return fingerprint((doc, stats))
