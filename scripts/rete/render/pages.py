"""The site's pages, rendered from the model as Markdown; nothing here knows MkDocs.

``render(knowledge)`` returns a ``sitefiles.Site``: generated pages by their path in the
docs tree, and the bundle files to publish beside them. The MkDocs hook hands
both to MkDocs; ``rete genera`` writes them to a folder.
"""

from __future__ import annotations

import html
import posixpath
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from .forms import form, form_preview
from . import legal, mdtext
from . import network_pages as network
from . import services
from .lastupdate import last_update
from . import spread
from .page_cache import PageCache
from .pageindex import Index
from .sitefiles import Site
from ..figures import numbers, verify
from ..content import sitemap
from ..content.collections import COLLECTIONS, PUBLIC, REFERENCES
from ..content.model import Activity, Knowledge, Polo, Scheda
from ..problems import Problem
from ..runtime.cache import NO_CACHE, Cache
from ..content.refs import IDS_PAGE

INDEX_PER_THEME = 10  # the newest schede of each theme on the index; its page lists all
PER_PAGE = 100  # schede per page on theme, library and audience pages
STATE_ORDER = ("attivo", "proposto", "sospeso", "chiuso")
OPEN_DATA = "dati"  # the folder of the open data files, beside the «Dati aperti» page
OPEN_DATA_PAGE = "dati-aperti.md"
SERVICES_PAGE = "servizi.md"  # «Servizi della rete»


@dataclass(frozen=True)
class Pager:
    """Where one page of a long list of schede stands among its pages."""

    numero: int
    pagine: int
    schede: int  # in the whole list
    precedente: str | None = None
    successiva: str | None = None


def scheda_path(s: Scheda) -> str:
    return COLLECTIONS["scheda"].path(s)


def polo_path(p: Polo) -> str:
    return COLLECTIONS["polo"].path(p)


# A page's kind -> its address, for every collection and every list of rete.yml.
PATHS = {kind: c.path for kind, c in COLLECTIONS.items()} | {
    r.one: r.page for r in REFERENCES.values() if r.page}


@jinja2.pass_context
def _link(context, kind: str, obj) -> str:
    """A link target from the page being rendered to another generated page."""
    target = kind if obj is None else PATHS[kind](obj)  # kind is a path when obj is None
    return relative(target, posixpath.dirname(context["here"]))


@jinja2.pass_context
def _body(context, text: str) -> str:
    return mdtext.body(text, context["here"], context.get("cartella", lambda name: False))


def folders(k: Knowledge):
    """``mdtext.body``'s ``folder`` for the network ``k``: whether the scheda named
    is a folder, looked up only when a body links to a scheda by name."""
    found: set[str] | None = None

    def folder(name: str) -> bool:
        nonlocal found
        if found is None:
            found = {s.slug for s in k.schede if s.bundle}
        return name in found
    return folder


def relative(target: str, folder: str) -> str:
    """``posixpath.relpath(target, folder)`` for the site's own paths (relative, no "."
    or ".." parts): a page links to tens of others, and relpath resolves each in full."""
    to, start = target.split("/"), folder.split("/") if folder else []
    same = 0
    while same < len(start) and same < len(to) and start[same] == to[same]:
        same += 1
    return "/".join([".."] * (len(start) - same) + to[same:]) or "."


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("rete.render", "modelli"), autoescape=False,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)
    env.filters.update(md=mdtext.inline, mdblocco=mdtext.block, corpo=_body,
                       url=mdtext.link_target, url_file=mdtext.file_target, data=mdtext.data,
                       euro=mdtext.euro, numero=mdtext.number, peso=mdtext.size,
                       tipo_file=mdtext.file_kind, risorse=mdtext.resources, costi=mdtext.costs,
                       km=mdtext.km)
    env.globals.update(link=_link, sdg=mdtext.SDG, stati=mdtext.STATI,
                       stati_plurali=mdtext.STATI_PLURALI, tag=lambda t: html.escape(t))
    return env


_ENV = _environment()


def _render(template: str, here: str, **values) -> str:
    return _ENV.get_template(template).render(here=here, **values)


def scheda_markdown(k: Knowledge, s: Scheda, polo=None, aggiornato: date | None = None,
                    d: spread.Spread = spread.NOTHING) -> str:
    """A scheda's page: the same Markdown for the site, the booklet and the print page.
    ``polo`` stands for the scheda's polo (the form's preview has one of its own);
    ``aggiornato``, the day of its last update (lastupdate); ``d``, how its practice
    spread (``spread.relations``, made once for all)."""
    return _render("scheda.md.j2", scheda_path(s), s=s, polo=polo or k.polo(s.polo),
                   cartella=folders(k), aggiornato=aggiornato, d=d)


def polo_markdown(k: Knowledge, p: Polo, schede: list[Scheda] | None = None,
                  servizi: dict | None = None, anno: int | None = None,
                  aggiornato: date | None = None,
                  attivita: list[Activity] | None = None) -> str:
    """A polo's page, with the published schede on its theme. ``servizi`` are its
    services as ``services.shown`` makes them, for the year ``anno`` (without them,
    as in the form's preview, the services show only what the polo's file says);
    ``attivita``, its activities with its requests served (``Verification.svolte``;
    without them, those of its file)."""
    if schede is None:
        schede = [s for s in k.pubblicate if s.tema.id == p.tema.id]
    # the theme's own pages list them all; a polo's page stays small
    return _render("polo.md.j2", polo_path(p), p=p, schede=schede[:PER_PAGE],
                   sul_tema=len(schede), cartella=folders(k), servizi=servizi, anno=anno,
                   aggiornato=aggiornato, attivita=p.attivita if attivita is None else attivita)


def bundle_files(s: Scheda) -> dict[str, Path]:
    """A scheda's publishable bundle files, by their path in the docs tree."""
    return {f"schede/{s.slug}/{name}": source for name, source in s.files.items()}


def figures(k: Knowledge) -> str:
    """The home page's numbers, as Markdown."""
    return _render("cifre.md.j2", "index.md", k=k, n=numbers(k))


def correction(kind: str, obj) -> str:
    """What the form needs to correct a published scheda or polo, as JSON."""
    rel = COLLECTIONS[kind].path(obj)
    named = {"fonti": spread.sources_named(obj)} if kind == "scheda" else {}
    return form.script_json({"nome": rel.rsplit("/", 1)[-1], "percorso": rel,
                             "dati": obj.dati, "corpo": obj.body} | named)


def render(k: Knowledge, repo_url: str | None = None, *, problems: list[Problem] = (),
           today: date | None = None, cache: Cache = NO_CACHE,
           updated: dict[str, date] | None = None) -> Site:
    """Every generated page of the site, and the bundle files to publish. ``problems``
    (the warnings) and ``today`` (the year to verify) feed the «La rete» section;
    ``updated`` (history.last_commits) dates each scheda's and polo's last update."""
    site = Site()
    today = today or date.today()
    anno = today.year  # the year the services' requests are counted in
    year = verify(k, anno, today)  # the figures, computed once for every page
    idx = Index(k)
    net = k.rete
    kept = PageCache(cache)  # a page's template and values as in the last render: the same page

    def add(path: str, template: str, **values):
        site.pages[path] = _render(template, path, k=k, idx=idx, **values)
        site.remade.add(path)

    def listed(path: str, template: str, **values):
        """A page made only from ``values`` (without the whole network)."""
        site.pages[path] = kept.get(path, template, values,
                                    lambda: _render(template, path, **values))

    def add_listing(path: str, template: str, title: str, schede: list, **values):
        """A page whose list of schede continues on further pages when it is long,
        so that no page grows with the size of the network."""
        chunks = [schede[i:i + PER_PAGE] for i in range(0, len(schede), PER_PAGE)] or [[]]
        paths = [path] + [f"{path[:-3]}/pagina-{n}.md" for n in range(2, len(chunks) + 1)]
        for n, (here, chunk) in enumerate(zip(paths, chunks, strict=True), start=1):
            pager = Pager(n, len(chunks), len(schede), paths[n - 2] if n > 1 else None,
                          paths[n] if n < len(chunks) else None)
            if n == 1:
                listed(here, template, schede=chunk, pager=pager, **values)
            else:
                listed(here, "continua.md.j2", titolo=title, schede=chunk, pager=pager)

    def data_file(kind: str, obj):
        path = f"compila/{kind}/dati/{obj.slug}.json"
        site.files[path] = kept.get(path, "correction", {kind: obj},
                                    lambda: correction(kind, obj))

    spreads = site.spreads = spread.relations(k)
    for s in k.pubblicate:
        polo, day = k.polo(s.polo), last_update(s, updated)
        d = spreads.get(s.slug, spread.NOTHING)
        site.pages[scheda_path(s)] = kept.get(
            scheda_path(s), "scheda", {"s": s, "polo": polo, "day": day, "d": d},
            lambda s=s, polo=polo, day=day, d=d: scheda_markdown(k, s, polo, day, d))
        site.assets.update(bundle_files(s))
        data_file("scheda", s)
    shown = {p.slug: services.shown(k, p, year.servizi, anno) for p in k.poli}
    for p in k.poli:
        on_theme, day = idx.by_theme[p.tema.id], last_update(p, updated)
        done = year.svolte.get(p.slug, p.attivita)
        site.pages[polo_path(p)] = kept.get(
            polo_path(p), "polo", {"p": p, "schede": on_theme[:PER_PAGE], "n": len(on_theme),
                                   "servizi": shown[p.slug], "anno": anno, "day": day,
                                   "attivita": done},
            lambda p=p, on_theme=on_theme, day=day, done=done: polo_markdown(
                k, p, on_theme, shown[p.slug], anno, day, done))
        data_file("polo", p)
    listed(SERVICES_PAGE, "servizi.md.j2", gruppi=services.by_theme(k), servizi=shown,
           anno=anno)
    own = form_preview.SitePages(scheda_markdown, polo_markdown, PATHS)
    names = form_preview.data(k, own)
    preview = {kind: (form_preview.skeleton(k, own, kind), names) for kind in PUBLIC}
    for kind in COLLECTIONS:
        add(f"compila/{kind}.md", "compila.md.j2", tipo=kind,
            modulo=form.render(kind, k, repo_url, preview.get(kind)))
        site.trusted.add(f"compila/{kind}.md")
    for t in net.temi.values():
        add_listing(PATHS["tema"](t), "tema.md.j2", t.nome, idx.by_theme[t.id], t=t,
                    poli=idx.poli_by_theme[t.id])
    for b in net.biblioteche.values():
        add_listing(PATHS["biblioteca"](b), "biblioteca.md.j2", b.nome, idx.by_library[b.id],
                    b=b, poli=idx.poli_by_library[b.id], partner=idx.as_partner[b.id])
    for d in net.destinatari.values():
        add_listing(PATHS["destinatario"](d), "destinatario.md.j2", d.nome,
                    idx.by_audience[d.id], d=d)

    newest = {theme: sorted(schede, key=lambda s: s.inizio, reverse=True)[:INDEX_PER_THEME]
              for theme, schede in idx.by_theme.items()}
    add("schede/index.md", "schede.md.j2", recenti=newest)
    add("poli/index.md", "poli.md.j2", gruppi=_poli_groups(k))
    add("temi/index.md", "temi.md.j2")
    add("biblioteche/index.md", "biblioteche.md.j2")
    add("destinatari/index.md", "destinatari.md.j2")
    add(IDS_PAGE, "identificativi.md.j2")
    keywords = keyword_pages(k)
    add("parole-chiave/index.md", "parole_chiave.md.j2", parole=keywords)
    add(OPEN_DATA_PAGE, "dati_aperti.md.j2", cartella=OPEN_DATA)
    legal.render(add, net, repo_url)
    for word, (path, count) in keywords.items():
        listed(path, "parola_chiave.md.j2", parola=word, quante=count)
    site.charts.update(network.render(k, list(problems), year, add, cache))
    kept.end()
    site.remade |= kept.remade
    return site


def keyword_pages(k: Knowledge) -> dict[str, tuple[str, int]]:
    """Each keyword's own page (path, number of schede); one listing per keyword keeps
    the pages small however many schede there are."""
    counts = Counter(t for s in k.pubblicate for t in s.parole_chiave)
    paths = sitemap.keyword_pages(counts)
    return {word: (path, counts[word]) for word, path in paths.items()}


def _poli_groups(k: Knowledge) -> list[tuple[str, list[tuple]]]:
    """Poli grouped by state, in a fixed order, then by theme."""
    groups = []
    for state in STATE_ORDER:
        by_theme = defaultdict(list)
        for p in k.poli:
            if p.stato == state:
                by_theme[p.tema].append(p)
        if by_theme:
            themes = sorted(by_theme, key=lambda t: t.nome.casefold())
            groups.append((state, [(t, by_theme[t]) for t in themes]))
    return groups
