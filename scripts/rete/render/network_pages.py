"""«La rete»: the coordinators' pages (analysis, candidates, verification with costs),
rendered from the same figures as `rete analisi|candidati|verifica`, with their charts."""

from __future__ import annotations

from dataclasses import dataclass

from . import charts, spread_page
from .mdtext import euro, number
from .. import figures
from ..figures.verifica import Verification
from ..content.model import Knowledge
from ..content.rules import MIN_WORDS
from ..problems import Problem
from ..runtime.cache import NO_CACHE, Cache
from ..content.schema import schema
from ..text import MONTHS

SECTION = "rete"
LIST_LIMIT = 30  # rows of a per-scheda list on a page; the command lists them all
PER_CELL = 5  # libraries shown for a candidate theme
PAGES = {"index": f"{SECTION}/index.md", "analisi": f"{SECTION}/analisi.md",
         "candidati": f"{SECTION}/candidati.md", "verifica": f"{SECTION}/verifica.md",
         "diffusione": spread_page.PAGE}


def verification_charts(v: Verification, k: Knowledge) -> dict[str, str]:
    """The verification page's three charts, by placeholder id."""
    names = {p.slug: p.nome for p in k.poli}
    months = [charts.Bar(m[:3], n, number(n)) for m, n in zip(MONTHS, v.per_mese, strict=True)]
    reached = [charts.Bar(names[p.id], len(p.biblioteche_raggiunte),
                          number(len(p.biblioteche_raggiunte))) for p in v.poli]
    costed = [p for p in v.poli if p.preventivo is not None or p.consuntivo is not None]
    budget = charts.Series("Preventivo", [charts.Bar(names[p.id], p.preventivo or 0,
                                                     euro(p.preventivo) or "–")
                                          for p in costed], "traccia")
    spent = charts.Series("Consuntivo", [charts.Bar(names[p.id], p.consuntivo or 0,
                                                    euro(p.consuntivo) or "–")
                                         for p in costed], "barra")
    out = {"grafico-mesi": charts.columns(
        "grafico-mesi", f"Attività dei poli per mese nel {v.anno}",
        f"{v.totali.attivita} attività in tutto; la tabella che segue ha gli stessi numeri.",
        months)}
    if reached:
        out["grafico-biblioteche"] = charts.rows(
            "grafico-biblioteche", f"Biblioteche raggiunte da ogni polo nel {v.anno}",
            "Una barra per polo; la tabella che segue ha gli stessi numeri.",
            [charts.Series("Biblioteche raggiunte", reached)])
    if costed:
        out["grafico-costi"] = charts.rows(
            "grafico-costi", f"Costi dei poli rispetto al preventivo nel {v.anno}",
            "Per ogni polo il preventivo (barra vuota) e il consuntivo (barra piena); "
            "la tabella che segue ha gli stessi numeri.", [budget, spent])
    return out


@dataclass(frozen=True)
class NeverRequested:
    mostrati: int  # how many services the page names
    per_polo: list[tuple[str, list[str]]]  # (polo id, its services' names)


def never_requested(v: Verification, poli: dict) -> NeverRequested:
    """The services nobody requested in the year, by polo: the first LIST_LIMIT."""
    by_polo: dict[str, list[str]] = {}
    for polo, service in v.servizi_mai_richiesti[:LIST_LIMIT]:
        by_polo.setdefault(polo, []).append(poli[polo].servizio(service).nome)
    return NeverRequested(min(LIST_LIMIT, len(v.servizi_mai_richiesti)), list(by_polo.items()))


def render(k: Knowledge, problems: list[Problem], v: Verification, render_page,
           cache: Cache = NO_CACHE) -> dict:
    """Add the section's pages through ``render_page(path, template, **values)``, the
    verification ``v`` (of the current year) among them; return the charts by page path."""
    anno = v.anno
    analysis = figures.analyse(k, problems, cache=cache)
    schede = {s.slug: s for s in k.schede}
    poli = {p.slug: p for p in k.poli}
    drawn = verification_charts(v, k)
    render_page(PAGES["index"], "rete.md.j2", anno=anno, pagine=PAGES)
    render_page(PAGES["analisi"], "rete_analisi.md.j2", a=analysis, schede=schede,
                bozze={s.slug for s in k.schede if s.bozza}, limite=LIST_LIMIT,
                sezioni=schema("scheda").get("x-sezioni", []), parole_minime=MIN_WORDS)
    render_page(PAGES["candidati"], "rete_candidati.md.j2", c=figures.candidates(k),
                schede=schede, poli=poli, per_cella=PER_CELL)
    render_page(PAGES["verifica"], "rete_verifica.md.j2", v=v, poli=poli,
                grafico=charts.placeholder, grafici=set(drawn), mesi=MONTHS,
                mai_richiesti=never_requested(v, poli))
    spread, spread_drawn = spread_page.render(k)
    render_page(PAGES["diffusione"], "rete_diffusione.md.j2", **spread)
    return {PAGES["verifica"]: drawn, PAGES["diffusione"]: spread_drawn}
