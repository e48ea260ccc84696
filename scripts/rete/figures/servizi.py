"""The services of the network in a year: what was requested, answered, served.

Two definitions hold for every figure, and live here only:

- a request counts in the year it was received (``richiesta_il``), by its current
  ``stato``;
- a request ``svolta`` is an activity of its polo, dated ``svolta_il``, for the
  requesting library, with its ``ore``, ``partecipanti`` and ``costo``, unless an
  ``attivita`` entry of the polo names it in ``richiesta``: then that entry counts,
  and the request does not count twice.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..content.model import OPEN_STATES, Activity, Knowledge, Polo, Request
from ..content.rules import DEFAULT_WAIT_DAYS, REQUEST_DONE

# The counts' keys, as `rete verifica --formato json` writes them, by state.
COUNTED = {"accettate": "accettata", "svolte": "svolta", "rifiutate": "rifiutata",
           "annullate": "annullata"}


@dataclass(frozen=True)
class RequestCounts:
    ricevute: int = 0
    accettate: int = 0
    svolte: int = 0
    rifiutate: int = 0
    annullate: int = 0
    aperte: int = 0  # nuova + accettata
    giorni_mediani_risposta: float | None = None  # from richiesta_il to risposta_il


@dataclass(frozen=True)
class ServiceYear:
    id: str
    nome: str
    richieste: RequestCounts
    biblioteche: list[str]  # the libraries that requested it in the year
    biblioteche_servite: list[str]  # those its activities of the year reached


@dataclass(frozen=True)
class PoloServices:
    polo: str
    richieste: RequestCounts
    servizi: list[ServiceYear] = field(default_factory=list)


def counts(requests: list[Request]) -> RequestCounts:
    """The counts of ``requests`` (those received in one year), each by its state."""
    states = Counter(r.stato for r in requests)
    waits = [(r.risposta_il - r.richiesta_il).days for r in requests if r.risposta_il]
    median = statistics.median(waits) if waits else None
    return RequestCounts(
        ricevute=len(requests), **{key: states[state] for key, state in COUNTED.items()},
        aperte=sum(states[s] for s in OPEN_STATES),
        giorni_mediani_risposta=None if median is None else
        (int(median) if float(median).is_integer() else median))


def received(k: Knowledge, anno: int) -> list[Request]:
    return [r for r in k.richieste if r.richiesta_il.year == anno]


def _answered(k: Knowledge) -> set[tuple[str, str]]:
    """(polo, request) of every request an activity names."""
    return {(p.slug, a.richiesta) for p in k.poli for a in p.attivita if a.richiesta}


def as_activity(r: Request, p: Polo) -> Activity:
    service = p.servizio(r.servizio)
    return Activity(r.svolta_il, f"{service.nome if service else r.servizio} "
                                 f"per {r.biblioteca.nome}",
                    (r.biblioteca,), r.partecipanti, r.ore, r.costo, r.servizio, r.slug)


def activities(k: Knowledge) -> dict[str, list[Activity]]:
    """Every polo's activities, by its id: its ``attivita`` and its requests served
    that no activity names, by date."""
    named = _answered(k)
    poli = {p.slug: p for p in k.poli}
    found = {p.slug: list(p.attivita) for p in k.poli}
    for r in k.richieste:
        if r.stato == REQUEST_DONE and r.svolta_il and r.polo in poli \
                and (r.polo, r.slug) not in named:
            found[r.polo].append(as_activity(r, poli[r.polo]))
    for listed in found.values():
        listed.sort(key=lambda a: a.data)
    return found


def services_year(k: Knowledge, anno: int,
                  done: dict[str, list[Activity]] | None = None) -> dict[str, PoloServices]:
    """Each polo's requests received in ``anno``, in all and service by service.
    ``done`` is ``activities(k)``, when the caller has it."""
    done = activities(k) if done is None else done
    by_polo: dict[str, list[Request]] = {}
    for r in received(k, anno):
        by_polo.setdefault(r.polo, []).append(r)
    found = {}
    for p in k.poli:
        mine = by_polo.get(p.slug, [])
        year = [a for a in done.get(p.slug, []) if a.data.year == anno]
        found[p.slug] = PoloServices(p.slug, counts(mine), [
            ServiceYear(s.id, s.nome, counts([r for r in mine if r.servizio == s.id]),
                        list(dict.fromkeys(r.biblioteca.id for r in mine
                                           if r.servizio == s.id)),
                        list(dict.fromkeys(b.id for a in year if a.servizio == s.id
                                           for b in a.biblioteche)))
            for s in p.servizi])
    return found


def never_requested(k: Knowledge, anno: int,
                    years: dict[str, PoloServices] | None = None) -> list[tuple[str, str]]:
    """(polo, service) of the active poli's services with no request received in ``anno``."""
    years = services_year(k, anno) if years is None else years
    return [(p.slug, s.id) for p in k.poli if p.stato == "attivo"
            for s in years[p.slug].servizi if not s.richieste.ricevute]


def most_requested(k: Knowledge, since: date, limit: int = 5) -> list[tuple[Polo, str, int]]:
    """The services most requested since the day ``since``: (polo, service's name, requests)."""
    tally = Counter((r.polo, r.servizio) for r in k.richieste if r.richiesta_il >= since)
    poli = {p.slug: p for p in k.poli}
    found = []
    for (polo, service), n in sorted(tally.items(), key=lambda x: (-x[1], x[0])):
        p = poli.get(polo)
        s = p.servizio(service) if p else None
        if s:
            found.append((p, s.nome, n))
    return found[:limit]


@dataclass(frozen=True)
class Waiting:
    """One open request in the inbox."""

    request: Request
    giorni: int  # since richiesta_il
    in_ritardo: bool


def inbox(k: Knowledge, today: date, polo: str | None = None, states=OPEN_STATES,
          anno: int | None = None) -> list[Waiting]:
    """The requests in ``states`` (of ``polo``, of ``anno``), oldest first; late are those
    waiting longer than their service's anticipo_giorni (or a week)."""
    poli = {p.slug: p for p in k.poli}
    found = []
    for r in k.richieste:
        if r.stato not in states or (polo and r.polo != polo) or \
                (anno and r.richiesta_il.year != anno):
            continue
        service = poli[r.polo].servizio(r.servizio) if r.polo in poli else None
        wait = service.anticipo_giorni if service and service.anticipo_giorni is not None \
            else DEFAULT_WAIT_DAYS
        days = (today - r.richiesta_il).days
        found.append(Waiting(r, days, r.aperta and days > wait))
    found.sort(key=lambda w: (w.request.richiesta_il, w.request.slug))
    return found
