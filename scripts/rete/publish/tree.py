"""The docs tree every engine builds: the hand-written pages with their markers
expanded, and the pages rendered from the model with every guarantee already
applied (``frozen``). The MkDocs hook hands it over in memory; ``project`` writes
it as a folder for an engine with no hook.

Generic by construction: every page ``render.pages`` makes is frozen unless the
renderer marks it trusted, so a new kind of page needs nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from . import shelved
from .frozen import Finish, Renderer, freeze
from .links import Resolver, problems as links_problems
from ..booklet import site as booklet
from ..content import history, links, sitemap, urls
from ..content.model import Knowledge
from ..intake import docx_form
from ..problems import Problem, ReteError
from ..render import jsonld, markers, opendata, pages, personal, search_page
from ..runtime.cache import NO_CACHE, Cache, fingerprint
from ..runtime.helper import IN_PROCESS, InProcess
from ..runtime.stored import FOLDER, Shelf

JSONLD = "rete_jsonld"  # the front-matter key overrides/main.html puts in <head>


@dataclass(frozen=True)
class Settings:
    """What the site's configuration tells the tree."""

    site_url: str | None = None
    repo_url: str | None = None
    extensions: list = field(default_factory=list)  # mkdocs.yml's markdown_extensions
    configs: dict = field(default_factory=dict)  # and their options


@dataclass
class Tree:
    """Generated files by their path in the docs tree."""

    pages: dict[str, str] = field(default_factory=dict)  # Markdown, ready for any engine
    files: dict[str, str] = field(default_factory=dict)  # data files and the feed
    assets: dict[str, Path] = field(default_factory=dict)  # bundle files, copied as they are
    printed: set[str] = field(default_factory=set)  # schede and poli: with links on paper
    problems: list[Problem] = field(default_factory=list)  # links to nothing
    # render.spread.relations, made once (None: a kept tree's, not ranked again)
    spreads: dict | None = field(default_factory=dict)
    frozen: dict[str, str] = field(default_factory=dict)  # path -> shelved.FrozenPages key
    key: str = ""  # the fingerprint of what it is made from (shelved.WholeTrees); "": serve


def later() -> list[str]:
    """The published files made aside, slow to make: the PDF, the Word forms, the open
    data. Their names are known before their content."""
    return [booklet.PDF, *docx_form.site_names(),
            *(f"{pages.OPEN_DATA}/{name}" for name in opendata.names())]


def later_files(k: Knowledge, root: Path, spreads: dict | None = None) -> dict[str, bytes]:
    """``later()``'s files with their content, made here and now; ``spreads``: the
    prepared tree's, so that the booklet does not rank the similar practices again."""
    made = {booklet.PDF: booklet.booklet_pdf(k, root, shelf=Shelf(root / FOLDER),
                                             spreads=spreads)}
    made.update(docx_form.site_files(k))
    made.update((f"{pages.OPEN_DATA}/{name}", content)
                for name, content in opendata.files(k).items())
    return made


def handwritten(markdown: str, path: str, k: Knowledge) -> str:
    """A page of docs/: short links (``scheda:nome``) made links, markers expanded.
    Markers belong to docs/, reviewed like code; in a librarian's page they are text
    (expanding them there would multiply a few bytes into megabytes)."""
    markdown = links.rewrite(markdown, links.short_target(path, pages.folders(k)))
    return markers.expand(markdown, k)


def docs_files(root: Path) -> set[str]:
    """Every file of docs/, by its path in the docs tree."""
    folder = root / sitemap.DOCS
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def prepare(k: Knowledge, root: Path, settings: Settings, problems: list[Problem] = (),
            cache: Cache = NO_CACHE, preview: bool = False,
            helper: InProcess = IN_PROCESS) -> Tree:
    """The generated part of the docs tree, every page frozen; ``helper`` may share
    the pages with a second process (the results are the same). A build (not
    serve, whose ``cache`` keeps each page in memory) takes the last build's tree
    when nothing it is made from changed (``shelved.WholeTrees``)."""
    updated, hand, today = history.last_commits(root), docs_files(root), date.today()
    if cache.keeps:
        return _made(k, root, settings, problems, cache, preview, helper, updated, hand, today)
    whole = shelved.WholeTrees(Shelf(root / FOLDER), (
        k, settings, list(problems), updated, sorted(hand), preview, today))
    found = whole.get()
    if found is not None:  # what names a file on disk comes from the model, not the shelf
        kept, files, said = found
        return Tree(pages=kept, files=files, assets=_assets(k), printed=_printed(k),
                    problems=said, spreads=None, key=whole.digest)
    tree = _made(k, root, settings, problems, cache, preview, helper, updated, hand, today)
    whole.put(tree.pages, tree.files, tree.problems, tree.frozen)
    tree.key = whole.digest
    return tree


def _assets(k: Knowledge) -> dict[str, Path]:
    """The published schede's bundle files, copied as they are."""
    return {path: source for s in k.pubblicate for path, source in pages.bundle_files(s).items()}


def _printed(k: Knowledge) -> set[str]:
    """The pages of the schede and poli, whose links carry their address on paper."""
    return {*map(pages.scheda_path, k.pubblicate), *map(pages.polo_path, k.poli)}


def _made(k: Knowledge, root: Path, settings: Settings, problems: list[Problem],
          cache: Cache, preview: bool, helper: InProcess, updated: dict, hand: set[str],
          today: date) -> Tree:
    site = pages.render(k, settings.repo_url, problems=list(problems), cache=cache,
                        updated=updated, today=today)
    shelf = Shelf(root / FOLDER)  # what is made again only when its inputs change
    printed = booklet.files(k, preview, shelf, site.spreads)
    made = {**site.pages, booklet.PAGE: printed[booklet.PAGE]}
    tree = Tree(files={**site.files, booklet.FEED: printed[booklet.FEED],
                       search_page.PATH: search_page.script()},
                assets=dict(site.assets), spreads=site.spreads)
    hider = personal.hider(k)  # JSON-LD is bulk data: no referente's contact
    _refuse_clashes(hand, [*made, *site.assets, *tree.files, *later()])
    schede = {pages.scheda_path(s): s for s in k.pubblicate}
    tree.printed = _printed(k)
    known = hand | set(made) | set(tree.assets) | set(tree.files) | set(later())
    resolver = Resolver(known)
    renderer = Renderer(settings.extensions, settings.configs, resolver)
    finishes = {}
    for path in made:
        if path in site.trusted:
            tree.pages[path] = made[path]
            continue
        address = urls.page_address(settings.site_url, links.url_of(path))
        meta = {JSONLD: jsonld.script(hider.value(jsonld.scheda(
            schede[path], k.rete, address if settings.site_url else None)))
                } if path in schede else None
        finishes[path] = Finish(untrusted=path != booklet.PAGE, address=address,
                                charts=site.charts.get(path),
                                paper=path in tree.printed or path == booklet.PAGE,
                                meta=meta)
    # Under `mkdocs serve` a page frozen from the same Markdown, the same finish and
    # the same set of files is the last build's (in memory); a build takes it from
    # the shelf instead, where the last build left it (``shelved.FrozenPages``).
    run, everything = cache.run("frozen"), fingerprint(sorted(known)) if cache.keeps else b""
    keys = {path: fingerprint((path, made[path], finish, everything)) if cache.keeps else path
            for path, finish in finishes.items()}
    kept = None if cache.keeps else shelved.FrozenPages(
        shelf, (settings.extensions, settings.configs), known)
    shelf_keys = {path: kept.key(path, made[path], finish)
                  for path, finish in finishes.items()} if kept else {}
    found = {path: page for path in finishes
             if kept and (page := kept.get(shelf_keys[path])) is not None}
    todo = [path for path in finishes if keys[path] not in run.before and path not in found]
    codes = shelved.qr_codes(shelf, sorted(finishes[p].address for p in finishes
                                           if p in tree.printed)) if todo else {}
    for path in todo:
        finishes[path] = replace(finishes[path], qr=codes.get(finishes[path].address, "")
                                 if path in tree.printed else "")

    def one(i: int) -> tuple[str, list]:
        path, mark = todo[i], len(resolver.broken)
        text = freeze(made[path], path, renderer, finishes[path])
        broken = resolver.broken[mark:]  # made in this process, which may be the other
        del resolver.broken[mark:]
        return text, broken

    done = dict(zip(todo, helper.shared(len(todo), one), strict=True))
    done.update(found)
    broken = []
    for path in finishes:
        if path in done:
            broken += done[path][1]
            if kept and path not in found:
                kept.put(shelf_keys[path], *done[path])
        tree.pages[path] = run.get(keys[path], lambda path=path: done[path][0])
    run.end()
    if kept:
        kept.keep()
        tree.frozen = shelf_keys
    tree.problems = links_problems(broken, root)
    return tree


def _refuse_clashes(hand: set[str], generated: list[str]) -> None:
    for path in generated:
        if path in hand:
            raise ReteError(f"docs/{path} ha lo stesso nome di una pagina generata",
                            hint="rinominalo o toglilo da docs/")
