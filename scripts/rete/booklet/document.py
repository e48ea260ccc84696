"""The booklet as one HTML document: cover, contents, poli, schede by theme, index.

Every scheda and polo is the site's own page (``render.html``); this module only
chooses what goes in, in which order, and where the links of a printed page lead.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin

import jinja2

from ..runtime import aside
from ..content.model import Knowledge, Library, Polo, Scheda, Theme
from ..problems import ReteError
from ..content.refs import Catalog
from ..figures.servizi import activities
from ..render import html, mdtext, pages, qr, spread
from .pdf import few_collections

_ENV = jinja2.Environment(loader=jinja2.PackageLoader("rete.booklet", "modelli"),
                          autoescape=True, undefined=jinja2.StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True)
_ENV.filters["data"] = mdtext.data
_ENV.filters["inline"] = mdtext.inline
_ENV.filters["numero"] = mdtext.number


# From this many schede on, two processes make them (a fork costs some milliseconds).
SHARED_FROM = 40


@dataclass
class Entry:
    """A scheda or polo placed in the booklet."""

    anchor: str
    title: str
    html: str
    address: str  # its page on the site
    qr: str = ""


@dataclass
class Booklet:
    """What the HTML document is made of, and the folders its images may come from."""

    k: Knowledge
    poli: list[Entry]
    parts: list[tuple[Theme, list[Entry]]]
    libraries: list[tuple[Library, list[Entry]]]
    folders: list[Path] = field(default_factory=list)
    subtitle: str = ""


def anchor(kind: str, slug: str) -> str:
    # A dot never appears in the ids Python-Markdown gives headings, so no clash.
    return f"{kind}.{slug}"


def select(k: Knowledge, tema: str | None = None,
           anno: int | None = None) -> tuple[list[Polo], list[Scheda]]:
    """The poli and the published schede the booklet shows (drafts never)."""
    if tema is not None and tema not in k.rete.temi:
        near = Catalog.from_network(k.rete).closest("temi", tema, limit=3)
        raise ReteError(f"--tema: il tema «{tema}» non esiste in rete.yml",
                        hint=("forse intendevi: " + ", ".join(near)) if near else
                        "i temi possibili sono: " + ", ".join(k.rete.temi))
    schede = [s for s in k.pubblicate if tema is None or s.tema.id == tema]
    if anno is not None:
        schede = [s for s in schede
                  if s.inizio.year <= anno and (s.fine is None or s.fine.year >= anno)]
    poli = [p for p in k.poli if tema is None or p.tema.id == tema]
    return poli, schede


@dataclass(frozen=True)
class Choice:
    """The poli and schede of a booklet, and how its cover names the choice."""

    poli: list[Polo]
    schede: list[Scheda]
    subtitle: str = ""


def workshop(k: Knowledge) -> Choice:
    """The booklet the site publishes: the active poli and the schede of the workshop's
    years, those whose practice began then (``periodo.inizio`` in rete.yml
    ``workshop.anni``, else in the year of its date): the practices new to the
    workshop. Of its themes (``workshop.temi``, else all). Without a workshop, every
    published scheda. `rete libretto` prints any other selection (``chosen``)."""
    ws = k.rete.workshop
    years = set(ws.anni or (ws.data.year,)) if ws else set()
    themes = set(ws.temi) if ws and ws.temi else set(k.rete.temi)
    schede = [s for s in k.pubblicate
              if s.tema.id in themes and (not years or s.inizio.year in years)]
    poli = [p for p in k.poli if p.stato == "attivo" and p.tema.id in themes]
    bits = [k.rete.temi[t].nome for t in ws.temi] if ws else []
    if years:
        bits.append("pratiche avviate nel " + ", ".join(str(y) for y in sorted(years)))
    return Choice(poli, schede, " · ".join(bits))


def chosen(k: Knowledge, tema: str | None = None, anno: int | None = None) -> Choice:
    """What `rete libretto --tema --anno` prints."""
    poli, schede = select(k, tema, anno)
    bits = [k.rete.temi[tema].nome] if tema else []
    if anno:
        bits.append(f"attività del {anno}")
    return Choice(poli, schede, " · ".join(bits))


def _resolver(k: Knowledge, poli: list[Polo], schede: list[Scheda],
              page: str | None) -> html.Resolver:
    """Links to a scheda or polo of the booklet lead to it. In the PDF (``page`` None)
    other links lead to the site and images are local files; on the site's page at
    ``page`` both are addresses relative to it."""
    inside = {pages.scheda_path(s): anchor("scheda", s.slug) for s in schede}
    inside.update({pages.polo_path(p): anchor("polo", p.slug) for p in poli})
    files = {path: source for s in schede for path, source in pages.bundle_files(s).items()}

    def resolve(path: str, kind: str) -> str | None:
        if kind == "href" and path in inside:
            return "#" + inside[path]
        if page is not None:
            return posixpath.relpath(html.page_url(path) or ".", page) + (
                "/" if html.page_url(path).endswith("/") else "")
        if kind == "src":
            source = files.get(path)
            return source.resolve().as_uri() if source else None
        return urljoin(k.rete.sito, html.page_url(path))

    return resolve


def _index(entries: list[tuple[list[Library], Entry]]) -> list[tuple[Library, list[Entry]]]:
    by_library: dict[str, list[Entry]] = defaultdict(list)
    libraries: dict[str, Library] = {}
    for libs, entry in entries:
        for lib in libs:
            libraries[lib.id] = lib
            if entry not in by_library[lib.id]:
                by_library[lib.id].append(entry)
    ordered = sorted(libraries.values(), key=lambda b: (b.nome.casefold(), b.comune))
    return [(lib, by_library[lib.id]) for lib in ordered]


def build(k: Knowledge, tema: str | None = None, anno: int | None = None,
          step: Callable[[], None] = lambda: None, page: str | None = None,
          level: int = 1, choice: Choice | None = None,
          spreads: dict | None = None) -> Booklet:
    """Render every polo and scheda of the selection (``choice``, else the one of
    ``tema`` and ``anno``); ``step`` is called after each. For the PDF ``page`` is
    None; for the site it is the address of the page that shows the booklet, whose
    schede and poli have titles of ``level``. ``spreads`` are ``spread.relations(k)``
    when the caller has them (made here otherwise)."""
    with few_collections():
        return _build(k, choice or chosen(k, tema, anno), step, page, level,
                      spread.relations(k) if spreads is None else spreads)


def _build(k: Knowledge, choice: Choice, step: Callable[[], None],
           page: str | None, level: int, spreads: dict) -> Booklet:
    poli, schede = choice.poli, choice.schede
    resolve = _resolver(k, poli, schede, page)
    code = qr.png if page is None else qr.svg  # the PDF draws an image far faster

    def address(item: Polo | Scheda) -> str:
        path = pages.polo_path(item) if isinstance(item, Polo) else pages.scheda_path(item)
        return urljoin(k.rete.sito, html.page_url(path))

    done = activities(k)  # each polo's activities with its requests served, as on the site

    def made(item: Polo | Scheda) -> tuple[str, str]:
        if isinstance(item, Polo):  # the page as the site shows it, as HTML
            markdown = pages.polo_markdown(k, item, attivita=done.get(item.slug))
            return html.from_markdown(markdown, pages.polo_path(item),
                                      resolve, item.slug, level), ""
        where = address(item)
        told = spreads.get(item.slug, spread.NOTHING)
        return (html.from_markdown(pages.scheda_markdown(k, item, d=told),
                                   pages.scheda_path(item), resolve, item.slug, level),
                code(where, f"Indirizzo della scheda: {where}"))

    shown = _made_in_two([*poli, *schede], made, step)
    indexed = []
    polo_entries = []
    for p, (text, _) in zip(poli, shown[:len(poli)], strict=True):
        entry = Entry(anchor("polo", p.slug), p.nome, text, address(p))
        polo_entries.append(entry)
        indexed.append((p.libraries, entry))
    by_theme: dict[str, list[Entry]] = defaultdict(list)
    for s, (text, image) in zip(schede, shown[len(poli):], strict=True):
        entry = Entry(anchor("scheda", s.slug), s.titolo, text, address(s), image)
        by_theme[s.tema.id].append(entry)
        indexed.append((s.libraries, entry))
    parts = [(t, by_theme[t.id]) for t in _themes_by_name(k) if by_theme[t.id]]
    folders = [s.bundle for s in schede if s.bundle]
    return Booklet(k, polo_entries, parts, _index(indexed), folders, choice.subtitle)


def _themes_by_name(k: Knowledge) -> list[Theme]:
    """The network's themes in the order the booklet shows them."""
    return sorted(k.rete.temi.values(), key=lambda t: t.nome.casefold())


def _made_in_two(items: list, made: Callable[[object], tuple[str, str]],
                 step: Callable[[], None]) -> list[tuple[str, str]]:
    """``made(item)`` of every item, in order: the machine's other core makes the second
    half (a forked process, with the model already in memory) while this one makes the
    first. The first and the last item are made before the fork, so that what each
    kind needs once (its template compiled, the Markdown converter) is made once. A
    few items, or no fork (Windows), are made here, one after the other."""
    if len(items) < SHARED_FROM:
        found = []
        for item in items:
            found.append(made(item))
            step()
        return found
    first, last = made(items[0]), made(items[-1])
    half = len(items) // 2
    other = aside.Aside({"rest": lambda: [made(item) for item in items[half:-1]]})
    try:
        found = [first]
        step()
        for item in items[1:half]:
            found.append(made(item))
            step()
        for result in [*other.result("rest"), last]:
            found.append(result)
            step()
        return found
    finally:
        other.close()


def steps(k: Knowledge, tema: str | None = None, anno: int | None = None) -> int:
    """How many calls of ``step`` ``build`` makes, for a progress bar."""
    poli, schede = select(k, tema, anno)
    return len(poli) + len(schede)


def to_html(b: Booklet) -> str:
    """The whole booklet as one HTML document for WeasyPrint."""
    return _ENV.get_template("libretto.html.j2").render(
        b=b, rete=b.k.rete, workshop=b.k.rete.workshop,
        css=_ENV.loader.get_source(_ENV, "libretto.css")[0])


def to_site_guide(k: Knowledge, most: int, choice: Choice) -> str:
    """The «Libretto» page of a booklet of more than ``most`` schede: where to find
    the PDF, each theme's schede, and how a page prints."""
    poli, schede = choice.poli, choice.schede
    count = defaultdict(int)
    for s in schede:
        count[s.tema.id] += 1
    themes = [(t, count[t.id]) for t in _themes_by_name(k) if count[t.id]]
    return _ENV.get_template("libretto_guida.md.j2").render(
        schede=len(schede), poli=len(poli), most=most, themes=themes, subtitle=choice.subtitle,
        path=pages.PATHS["tema"])


def to_site_page(b: Booklet) -> str:
    """The «Libretto» page of the site: the booklet's content on one page, to print."""
    return _ENV.get_template("libretto.md.j2").render(b=b, rete=b.k.rete)
