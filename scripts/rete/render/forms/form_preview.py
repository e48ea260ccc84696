"""The skeleton of the form's «Anteprima»: a scheda's or a polo's page as the site
renders it.

A placeholder scheda or polo, every optional part present and every value a marker,
goes through the site's own renderer (``pages``' template, Python-Markdown with the
site's extensions, ``sanitize.clean``: ``html.from_markdown``). Each slot that held a
marker becomes an empty element named by ``data-campo``; the form's script
(``docs/javascripts/compila-anteprima.js``) fills the slots with what was typed
and removes those left empty. The card's labels and order, the headings, the
classes and the place of the body therefore come from the template that
publishes the scheda, not from a copy of it.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date
from types import SimpleNamespace
from typing import Callable, NamedTuple

from .. import html, mdtext, services, spread
from ...content.collections import REFERENCES
from ...content.model import (Activity, Audience, Contact, Costs, Knowledge, Library, Material,
                              Polo, Resources, Scheda, Service, Theme)
from ...text import MONTHS



class SitePages(NamedTuple):
    """How the site makes a scheda's and a polo's page, handed in by ``pages.render``
    (which shows the preview in the form's page: importing it back would be a cycle)."""

    scheda_markdown: Callable[..., str]
    polo_markdown: Callable[..., str]
    paths: dict[str, Callable[[object], str]]


HERE = "compila/scheda.md"  # the page the preview lives on (compila/polo.md: as deep)
REQUEST_FORM = "compila/richiesta.md"  # where a service's «Richiedi questo servizio» leads
LEVEL = 3  # under the page's h1 and the preview's own h2
_START, _END, _FILLED = date(1901, 1, 1), date(1902, 2, 2), date(1903, 3, 3)


def _mark(key: str) -> str:
    return f"zzrete{key.replace('_', '')}zz"


def _placeholder() -> tuple[Scheda, SimpleNamespace]:
    lib = Library(_mark("biblioteca"), _mark("biblioteca"), _mark("comune"))
    scheda = Scheda(
        slug="anteprima", rel="schede/anteprima.md", titolo=_mark("titolo"), biblioteca=lib,
        tema=Theme(_mark("tema"), _mark("tema")),
        destinatari=[Audience(_mark("destinatari"), _mark("destinatari"))],
        sintesi=_mark("sintesi"), referente=Contact(_mark("referente"), "a@b.it"),
        inizio=_START, fine=_END, body=_mark("corpo"),
        partner=[Library(_mark("partner"), _mark("partner"), _mark("comune"))],
        risorse=Resources(personale=_mark("risorse")), risultati=_mark("risultati"),
        trasferibilita=_mark("trasferibilita"), sdg=[1], polo=_mark("polo"),
        materiali=[Material(_mark("materiali"), url="https://example.org/")],
        compilata_il=_FILLED)
    return scheda, SimpleNamespace(slug=_mark("polo"), nome=_mark("polo"))


def _placeholder_polo() -> Polo:
    lib = Library(_mark("biblioteca"), _mark("biblioteca"), _mark("comune"))
    return Polo(
        slug="anteprima", rel="poli/anteprima.md", nome=_mark("nome"),
        tema=Theme(_mark("tema"), _mark("tema")), biblioteca=lib, sintesi=_mark("sintesi"),
        referente=Contact(_mark("referente"), "a@b.it"), stato="attivo", body=_mark("corpo"),
        partner=[Library(_mark("partner"), _mark("partner"), _mark("comune"))],
        proposto_il=_END, attivo_dal=_START,
        servizi=[Service("anteprima", _mark("servizi"), _mark("servizi"), _mark("servizi"))],
        costi=Costs(preventivo=1901), attivita=[Activity(_START, _mark("attivita"), (lib,))])


# The slot each marker stands for; dates, costs and the goals have no marker of their own.
_SLOTS = {key: _mark(key) for key in ("titolo", "sintesi", "biblioteca", "partner", "tema",
                                      "destinatari", "referente", "risorse", "polo",
                                      "risultati", "trasferibilita", "corpo", "materiali",
                                      "ripresa_da")}
_SLOTS.update(periodo=mdtext.data(_START), sdg=mdtext.SDG[1], compilata_il=mdtext.data(_FILLED))
_POLO_SLOTS = {key: _mark(key) for key in ("nome", "sintesi", "biblioteca", "partner", "tema",
                                           "referente", "corpo")}
_POLO_SLOTS.update(stato=mdtext.data(_START), costi="preventivo ")
_SERVICE = re.compile(r"<h(\d)>{m}</h\1>\s*<p>{m}</p>\s*<p><strong>([^<]*)</strong> {m}</p>"
                      .format(m=_mark("servizi")))
_ELEMENT = re.compile(r"<(h\d|p|dd|li)\b([^>]*)>(.*?)</\1>", re.DOTALL)
_ID = re.compile(r'\s+id="[^"]*"')


def _slots(page: str, slots: dict[str, str]) -> str:
    def one(match: re.Match) -> str:
        tag, attrs, inner = match.groups()
        key = next((k for k, mark in slots.items() if mark in inner), None)
        if key is None:
            return match.group(0)
        if tag == "li":  # a list's only item: the list is the slot
            return f'<li data-campo="{key}"></li>'
        return f'<{tag}{attrs} data-campo="{key}"></{tag}>'

    page = _ID.sub("", page)  # ids would repeat those of the page the preview sits on
    # A polo's services: one pattern (heading, description, how to ask) for each.
    page = _SERVICE.sub(r'<div data-campo="servizi" data-livello="\1" data-etichetta="\2">'
                        "</div>", page)
    # The schede on a polo's theme are the site's to list; their slot names the theme.
    page = re.sub(r"<p>[^<]*{}[^<]*</p>".format(_mark("tema")),
                  '<p data-campo="schede_tema"></p>', page)
    page = re.sub(r"<tbody>.*?</tbody>", '<tbody data-campo="attivita"></tbody>', page,
                  flags=re.DOTALL)
    # A section's heading goes with its slot: nothing typed, neither is shown.
    for key, title in (("risultati", "Risultati"),
                       ("trasferibilita", "Come ripeterla in un'altra biblioteca"),
                       ("materiali", "Materiali"), ("attivita", "Attività svolte")):
        page = re.sub(rf"<h(\d)>{re.escape(title)}</h\1>",
                      rf'<h\1 data-titolo="{key}">{title}</h\1>', page)
    page = _ELEMENT.sub(one, page)
    # The page's own link to the form is no part of the scheda.
    page = re.sub(r"<p><a [^>]*\?(correggi|riprendi)=[^>]*>[^<]*</a></p>", "", page)
    # One block of raw HTML for Python-Markdown, which ends such a block at a blank line.
    return re.sub(r"\n\s*\n", "\n", page.strip())


def skeleton(k: Knowledge, site: SitePages, kind: str = "scheda") -> str:
    """The page's HTML with an empty, named slot for every value."""
    if kind == "scheda":
        s, polo = _placeholder()
        mark = _mark("ripresa_da")
        taken = spread.Spread(fonti=(spread.Practice(mark, "schede/anteprima.md", mark, mark),))
        markdown = site.scheda_markdown(k, s, polo, d=taken)
        path, slots = site.paths[kind](s), _SLOTS
    else:
        p = _placeholder_polo()
        markdown, path, slots = site.polo_markdown(k, p, []), site.paths[kind](p), _POLO_SLOTS
    page = html.from_markdown(markdown, path, lambda path, kind: None, "anteprima", LEVEL)
    return _slots(page, slots)


def _address(site: SitePages, kind: str) -> str:
    """Where a link to a page of ``kind`` leads from the form, ``{id}`` for its id."""
    target = html.page_url(site.paths[kind](SimpleNamespace(id="ID", slug="ID", bundle=None)))
    return posixpath.relpath(target, html.page_url(HERE)).replace("ID", "{id}") + "/"


def data(k: Knowledge, site: SitePages) -> dict:
    """The names and words the script shows in the preview, taken from the same tables
    the site's pages use."""
    net = k.rete
    return {
        "biblioteche": {b.id: [b.nome, b.comune] for b in net.biblioteche.values()},
        "temi": {t.id: t.nome for t in net.temi.values()},
        "destinatari": {d.id: d.nome for d in net.destinatari.values()},
        "poli": {p.slug: p.nome for p in k.poli},
        "sdg": {str(n): name for n, name in mdtext.SDG.items()},
        "stati": mdtext.STATI, "mesi": list(MONTHS), "tipi_file": mdtext.FILE_KINDS,
        "radice": posixpath.relpath(".", html.page_url(HERE)) + "/",
        "indirizzi": {r.one: _address(site, r.one) for r in REFERENCES.values()}
        | {"scheda": _address(site, "scheda")},
        # a service's facts (services.facts) and its «Richiedi questo servizio»
        "modalita": services.MODES, "per_chi": {services.LIBRARIANS: services.STAFF},
        "richiedi": posixpath.relpath(html.page_url(REQUEST_FORM), html.page_url(HERE)) + "/",
    }
