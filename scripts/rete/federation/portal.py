"""The portal as a static site: plain HTML from Jinja2 templates (autoescaped), one
stylesheet, no script but the search's, nothing loaded from elsewhere.

Not a MkDocs project: the portal lists up to 100,000 records, and its cost must grow
with them, not with a site generator's per-page work; every page here is a list of short
cards, which a template writes directly. Pages: the home (networks and their figures),
one list per network, per theme and per audience across networks, «Diffusione», «Dati
aperti»; every list paginated so no page passes ``cards.MAX_PAGE``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

from ..content.writer import write_atomic
from ..render import search_page
from markupsafe import Markup

from .cards import CARDS_BUDGET, ENV, Card, cards, folder_of, home_page, paginate
from .config import Federation
from .exports import Excluded, Network
from .figures import spread, summary

STYLESHEET = "portale.css"
SCRIPT = "cerca.js"  # the search over every network's Pagefind bundle
SEARCH_LIST = "cerca-reti.json"  # the networks whose bundles it merges
WINDOW = 4  # pages named on each side of the current one


def safe_url(url) -> str | None:
    """An address fit for a link: http(s) only, never ``javascript:`` or the like."""
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else None


def _slashed(site: str) -> str:
    return site if site.endswith("/") else site + "/"


def page_name(n: int) -> str:
    return "index.html" if n == 1 else f"pagina-{n}.html"


def _nearby(page: int, pages: int) -> list[int | None]:
    shown = sorted({1, pages, *range(max(1, page - WINDOW), min(pages, page + WINDOW) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - out[-1] > 1:
            out.append(None)
        out.append(n)
    return out


class Writer:
    def __init__(self, fed: Federation, out: Path):
        self.fed, self.out = fed, out

    def page(self, rel: str, template: str, **values) -> None:
        depth = rel.count("/")
        html = ENV.get_template(template).render(
            portale=self.fed.nome, ente=self.fed.ente, radice="../" * depth, **values)
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, html.encode("utf-8"))

    def listing(self, folder: str, titolo: str, items: list[Card] | None = None,
                intro: str = "", righe: list[Markup] | None = None, **values) -> None:
        """A list over as many pages as its cards (or a table's rows, ``righe``) need."""
        table = righe is not None
        pages = paginate(righe if table else [c.html for c in items or []],
                         CARDS_BUDGET - (6 * 1024 if table else 0))  # page 1's summary
        for n, chunk in enumerate(pages, 1):
            self.page(f"{folder}/{page_name(n)}",
                      "diffusione.html.j2" if table else "elenco.html.j2", titolo=titolo,
                      intro=intro, schede=chunk, righe=chunk, pagina=n, pagine=len(pages),
                      vicine=_nearby(n, len(pages)), nome_pagina=page_name, **values)


def _index(groups: dict[str, list[Card]], names: dict[str, str]) -> list[dict]:
    return sorted(({"nome": names.get(key, key), "indirizzo": f"{folder_of(key)}/index.html",
                    "n": len(found)} for key, found in groups.items()),
                  key=lambda v: v["nome"].casefold())


TOP = 20  # pairs of networks and practices taken up most, on the first page (all: JSON)


def _spread_rows(networks: list[Network], found: dict) -> dict:
    by_id = {n.id: n for n in networks}
    titles = {(n.id, s["id"]): s.get("titolo", s["id"]) for n in networks
              for s in n.records["schede"]}
    row = ENV.get_template("_riga.html.j2")
    rows = [Markup(row.render(a={
        "titolo": titles[(a["rete"], a["scheda"])],
        "indirizzo": home_page(by_id[a["rete"]].member.sito, "schede", a["scheda"]),
        "biblioteca": by_id[a["rete"]].name("biblioteche", a["biblioteca"]),
        "rete": by_id[a["rete"]].member.nome, "ripresa_da": safe_url(a["ripresa_da"]),
        "da_titolo": titles.get((a["da_rete"], a["da_scheda"]), a["ripresa_da"]),
        "da_biblioteca": by_id[a["da_rete"]].name("biblioteche", a["da_biblioteca"] or "")
        or "–", "da_rete": by_id[a["da_rete"]].member.nome, "anno": a["anno"]}))
        for a in found["adozioni"]]
    pairs = Counter((a["rete"], a["da_rete"]) for a in found["adozioni"])
    between = [{"rete": by_id[r].member.nome, "da_rete": by_id[d].member.nome, "n": n}
               for (r, d), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]]
    most = [{"titolo": titles[(t["rete"], t["scheda"])], "rete": by_id[t["rete"]].member.nome,
             "biblioteche": t["biblioteche"]} for t in found["piu_riprese"][:TOP]]
    return {"righe": rows, "tra_reti": between, "piu_riprese": most}


def write(fed: Federation, networks: list[Network], excluded: list[Excluded],
          out: Path) -> list[str]:
    """Write the portal in ``out``; return the notes on what it lacks (in Italian)."""
    from . import catalogue  # rdflib is loaded only to write the catalogue

    extra, notes = catalogue.files(fed, networks)
    out.mkdir(parents=True, exist_ok=True)
    w = Writer(fed, out)
    names = {m.id: m.nome for m in fed.reti}
    theme_names: dict[str, str] = {}
    audience_names: dict[str, str] = {}
    by_theme, by_audience = defaultdict(list), defaultdict(list)
    figures = summary(networks, excluded)
    for net in networks:
        found = cards(fed, net, theme_names)
        for c in found:
            by_theme[c.tema].append(c)
            for a in c.destinatari:
                audience_names.setdefault(a, net.name("destinatari", a))
                by_audience[a].append(c)
        schede = sum(c.kind == "scheda" for c in found)
        w.listing(f"reti/{net.id}", net.member.nome, found,
                  f"{schede} schede e {len(found) - schede} poli di {net.member.nome}, "
                  f"dal sito {net.member.sito}")
    for key, found in by_theme.items():
        w.listing(f"temi/{folder_of(key)}", f"Tema: {theme_names[key]}", found,
                  "Le schede e i poli di tutte le reti su questo tema.")
    for key, found in by_audience.items():
        w.listing(f"destinatari/{folder_of(key)}", f"Per chi: {audience_names[key]}", found,
                  "Le schede di tutte le reti rivolte a questo pubblico.")
    w.page("temi/index.html", "indice.html.j2", titolo="Temi", voci=_index(by_theme, theme_names),
           intro="I temi di tutte le reti; quelli con nomi diversi sono riuniti come dice "
                 "federazione.yml.")
    w.page("destinatari/index.html", "indice.html.j2", titolo="Destinatari",
           voci=_index(by_audience, audience_names), intro="I pubblici di tutte le reti.")
    found = spread(fed, networks)
    w.listing("diffusione", "Diffusione tra le reti", **_spread_rows(networks, found))
    rows = [dict(r, nome=names[r["id"]], sito=n.member.sito)
            for r, n in zip(figures["reti"], networks)]
    w.page("index.html", "home.html.j2", titolo=fed.nome, reti=rows,
           totale_schede=sum(r["schede"] for r in rows), totale_poli=sum(r["poli"] for r in rows),
           adozioni=len(found["adozioni"]),
           escluse=[{"nome": names[e.id], "motivo": e.motivo} for e in excluded])
    data = {"federazione.json": figures, "diffusione.json": found}
    files = {n: (json.dumps(d, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
             for n, d in data.items()} | extra
    for name, content in files.items():
        write_atomic(out / "dati" / name, content)
    w.page("dati/index.html", "dati.html.j2", titolo="Dati aperti",
           catalogo="catalogo.jsonld" in files, note=notes,
           reti=[{"nome": n.member.nome, "licenza": n.licenza["nome"],
                  "licenza_url": safe_url(n.licenza["url"])} for n in networks])
    w.page("cerca.html", "cerca.html.j2", titolo="Cerca in tutte le reti")
    write_atomic(out / SEARCH_LIST, (json.dumps(
        [{"id": n.id, "nome": n.member.nome, "sito": _slashed(n.member.sito),
          "bundle": _slashed(n.member.sito) + "pagefind/"} for n in networks],
        ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    for name in (STYLESHEET, SCRIPT):
        write_atomic(out / name,
                     resources.files("rete.federation").joinpath("modelli", name).read_bytes())
    write_atomic(out / search_page.NAME, search_page.script().encode("utf-8"))
    return notes
