"""What the site says of the poli's services: the facts a requesting library needs
(for whom, how, how many days ahead, what it costs, when) and their use in the year,
taken from the figures (``figures.servizi``), never counted here. Who asked is no
part of it: a request's referente and notes are never published.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import mdtext
from ..content.model import Knowledge, Library, Polo, Service, Theme

MODES = {"in-sede": "nella sede del polo", "in-trasferta": "nella biblioteca che lo chiede",
         "online": "online"}
LIBRARIANS = "biblioteche"  # in per_chi: the service is for the libraries' own staff
STAFF = "i bibliotecari della rete"  # what a page says for LIBRARIANS


@dataclass(frozen=True)
class Shown:
    """One service as a page shows it."""

    servizio: Service
    fatti: tuple[tuple[str, str], ...]  # (label, Markdown)
    uso: str  # «Richiesto N volte da M biblioteche nel ANNO, svolto K volte.»
    servite: tuple[Library, ...]  # the libraries its activities of the year reached


def _times(n: int) -> str:
    return "1 volta" if n == 1 else f"{n} volte"


def _libraries(n: int) -> str:
    return "1 biblioteca" if n == 1 else f"{n} biblioteche"


def facts(s: Service, k: Knowledge) -> tuple[tuple[str, str], ...]:
    """The service's facts that its polo gave, each as (label, Markdown)."""
    audiences = k.rete.destinatari
    out = []
    if s.per_chi:
        out.append(("Per chi", ", ".join(
            STAFF if a == LIBRARIANS else
            mdtext.inline(audiences[a].nome if a in audiences else a) for a in s.per_chi)))
    if s.modalita:
        out.append(("Modalità", ", ".join(MODES.get(m, m) for m in s.modalita)))
    if s.anticipo_giorni is not None:
        out.append(("Anticipo", "si può chiedere anche per il giorno stesso"
                    if s.anticipo_giorni == 0 else
                    f"va chiesto almeno {s.anticipo_giorni} "
                    f"{'giorno' if s.anticipo_giorni == 1 else 'giorni'} prima"))
    if s.costo is not None:
        out.append(("Costo", "gratuito per la biblioteca che lo chiede" if s.costo == 0 else
                    f"{mdtext.euro(s.costo)} a carico della biblioteca che lo chiede"))
    when = s.disponibile
    if when is None or (when.dal is None and when.al is None):
        out.append(("Disponibile", "sempre"))
    else:
        out.append(("Disponibile", " ".join(filter(None, [
            when.dal and f"dal {mdtext.data(when.dal)}", when.al and f"al {mdtext.data(when.al)}"]))))
    return tuple(out)


def use(year, anno: int) -> str:
    """The sentence on a service's requests in ``anno``; ``year`` is its
    ``figures.servizi.ServiceYear`` (None: nobody asked)."""
    asked = year.richieste.ricevute if year else 0
    if not asked:
        return f"Richiesto 0 volte nel {anno}."
    return (f"Richiesto {_times(asked)} da {_libraries(len(year.biblioteche))} nel {anno}, "
            f"svolto {_times(year.richieste.svolte)}.")


def shown(k: Knowledge, p: Polo, years: dict, anno: int) -> dict[str, Shown]:
    """Each service of ``p`` as its pages show it; ``years`` maps a polo's id to its
    ``figures.servizi.PoloServices``."""
    mine = {s.id: s for s in years[p.slug].servizi} if p.slug in years else {}
    libraries = k.rete.biblioteche
    return {s.id: Shown(s, facts(s, k), use(mine.get(s.id), anno),
                        tuple(libraries[b] for b in (mine[s.id].biblioteche_servite
                                                     if s.id in mine else ())
                              if b in libraries))
            for s in p.servizi}


def by_theme(k: Knowledge) -> list[tuple[Theme, list[Polo]]]:
    """The active poli with services, by theme (themes by name)."""
    found: dict[str, list[Polo]] = {}
    for p in k.poli:
        if p.stato == "attivo" and p.servizi:
            found.setdefault(p.tema.id, []).append(p)
    themes = sorted((k.rete.temi[t] for t in found), key=lambda t: t.nome.casefold())
    return [(t, sorted(found[t.id], key=lambda p: p.nome.casefold())) for t in themes]
