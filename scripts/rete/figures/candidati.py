"""May's question: where could a new polo be born? Themes without an active polo where
the published schede show an expertise, ranked by the evidence."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..content.model import Knowledge, Scheda
from .diffusione import adopting_libraries
from ..text import format_date, human_list

# Points of evidence: what a coordinator would weigh first weighs most.
POINTS_PER_SCHEDA = 2
POINTS_PER_PARTNER = 1  # each distinct partner library
POINTS_PER_RESULTS = 1  # each scheda with risultati
POINTS_PER_TRANSFER = 1  # each scheda with trasferibilita
POINTS_PER_ADOPTER = 3  # each library that took up a practice of the candidate library
PROLIFIC_LINES = 5  # beyond this many, the libraries with two schede share one reason


@dataclass(frozen=True)
class Host:
    """A library that could host the polo: its schede on the theme and their partners."""

    id: str
    nome: str
    schede: list[str]
    partner: list[str]


@dataclass(frozen=True)
class Candidate:
    tema: str
    nome: str
    biblioteche: list[Host]
    punteggio: int
    motivi: list[str]


@dataclass(frozen=True)
class Proposal:
    id: str
    nome: str
    tema: str
    biblioteca: str
    proposto_il: date | None


@dataclass(frozen=True)
class Candidates:
    candidati: list[Candidate]
    proposti: list[Proposal]


def _schede(n: int) -> str:
    return "1 scheda" if n == 1 else f"{n} schede"


def _hosts(schede: list[Scheda]) -> list[Host]:
    by_library: dict[str, list[Scheda]] = defaultdict(list)
    for s in schede:
        by_library[s.biblioteca.id].append(s)
    hosts = []
    for lib_id, own in by_library.items():
        partners = list(dict.fromkeys(p.id for s in own for p in s.partner if p.id != lib_id))
        hosts.append(Host(lib_id, own[0].biblioteca.nome, [s.slug for s in own], partners))
    return sorted(hosts, key=lambda h: (-len(h.schede), -len(h.partner), h.id))


def candidate(k: Knowledge, theme_id: str, schede: list[Scheda]) -> Candidate | None:
    """The evidence for a polo on one theme, or None when the schede show none:
    at least two schede by one library, or partners from at least two libraries."""
    hosts = _hosts(schede)
    partners = list(dict.fromkeys(p.id for s in schede for p in s.partner))
    prolific = [h for h in hosts if len(h.schede) >= 2]
    if not prolific and len(partners) < 2:
        return None
    libs = k.rete.biblioteche
    results = sum(1 for s in schede if s.risultati)
    transfer = sum(1 for s in schede if s.trasferibilita)
    if len(prolific) <= PROLIFIC_LINES:
        reasons = [f"{h.nome} ha scritto {_schede(len(h.schede))} sul tema" for h in prolific]
    else:  # one line, however many libraries there are
        reasons = [f"{len(prolific)} biblioteche hanno scritto almeno 2 schede sul tema: "
                   + human_list([h.nome for h in prolific], limit=PROLIFIC_LINES)]
    if partners:
        names = human_list([libs[p].nome for p in partners])
        reasons.append(f"le schede coinvolgono come partner "
                       f"{'1 biblioteca' if len(partners) == 1 else f'{len(partners)} biblioteche'}"
                       f": {names}")
    reasons.append(f"risultati descritti in {_schede(results)} su {len(schede)}")
    reasons.append(f"trasferibilità descritta in {_schede(transfer)} su {len(schede)}")
    for p in k.poli:
        if p.tema.id == theme_id and p.stato == "proposto":
            when = f", il {format_date(p.proposto_il)}" if p.proposto_il else ""
            reasons.append(f"c'è già una proposta di polo: «{p.nome}» ({p.biblioteca.nome}{when})")
    host = hosts[0]  # the library that would host the polo
    adopters = adopting_libraries(k, host.id, set(host.schede))
    if adopters:
        reasons.append(f"{POINTS_PER_ADOPTER} punti per ognuna delle {len(adopters)} "
                       f"biblioteche che hanno ripreso una pratica di {host.nome} sul tema: "
                       + human_list([libs[a].nome for a in adopters]) if len(adopters) > 1
                       else f"{POINTS_PER_ADOPTER} punti perché {libs[adopters[0]].nome} ha "
                            f"ripreso una pratica di {host.nome} sul tema")
    score = (POINTS_PER_SCHEDA * len(schede) + POINTS_PER_PARTNER * len(partners)
             + POINTS_PER_RESULTS * results + POINTS_PER_TRANSFER * transfer
             + POINTS_PER_ADOPTER * len(adopters))
    return Candidate(theme_id, k.rete.temi[theme_id].nome, hosts, score, reasons)


def candidates(k: Knowledge) -> Candidates:
    """Themes where a new polo could be born, best evidence first, and the proposed poli.
    A theme that already has an active polo is never a candidate."""
    active = {p.tema.id for p in k.poli if p.stato == "attivo"}
    by_theme: dict[str, list[Scheda]] = defaultdict(list)
    for s in k.pubblicate:
        if s.tema.id not in active:
            by_theme[s.tema.id].append(s)
    found = [c for theme_id, schede in by_theme.items()
             if (c := candidate(k, theme_id, schede)) is not None]
    found.sort(key=lambda c: (-c.punteggio, c.nome.casefold()))
    proposed = [Proposal(p.slug, p.nome, p.tema.id, p.biblioteca.id, p.proposto_il)
                for p in sorted(k.poli, key=lambda p: (p.proposto_il or date.max, p.slug))
                if p.stato == "proposto"]
    return Candidates(found, proposed)
