"""October's verification: what each polo did in a year, whom it reached, what it cost.

Activities carry their dates, so any year can be verified. The costs written in a
polo's file (preventivo, consuntivo, ricavi) carry no year: they are the current
year's, and a report on another year leaves them out (null) rather than count them
twice. The workshop's costs belong to the year of its date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..content.model import Activity, Knowledge, Polo
from .servizi import PoloServices, activities, never_requested, services_year
from ..text import format_date, format_euro

MONTHS = 12


@dataclass(frozen=True)
class ActivityRow:
    polo: str
    data: date
    titolo: str
    biblioteche: list[str]
    partecipanti: int | None
    ore: float | None
    costo: float | None
    fuori_periodo: bool


@dataclass(frozen=True)
class PoloYear:
    id: str
    nome: str
    stato: str
    attivita: int
    ore: float | None
    partecipanti: int | None
    biblioteche_raggiunte: list[str]
    costo_attivita: float | None
    preventivo: float | None
    consuntivo: float | None
    ricavi: float | None
    avvisi: list[str]


@dataclass(frozen=True)
class Reach:
    """One library of the network: which poli reached it in the year, in how many activities."""

    id: str
    nome: str
    comune: str
    poli: list[str]
    attivita: int


@dataclass(frozen=True)
class WorkshopCosts:
    data: date
    allestimento: float | None
    materiali: float | None
    altro: float | None
    totale: float | None


@dataclass(frozen=True)
class Totals:
    poli: int
    attivita: int
    ore: float | None
    partecipanti: int | None
    biblioteche_raggiunte: int
    costo_attivita: float | None
    preventivo: float | None
    consuntivo: float | None
    ricavi: float | None
    workshop: WorkshopCosts | None
    spesa: float | None  # the poli's consuntivo plus the workshop's costs


@dataclass(frozen=True)
class Verification:
    anno: int
    costi_dell_anno: bool  # True when the files' costs are this year's
    poli: list[PoloYear]
    attivita: list[ActivityRow]
    biblioteche: list[Reach]
    biblioteche_mai_raggiunte: list[str]
    per_mese: list[int]  # activities in each month, January first
    totali: Totals
    # Requests received in the year, by polo id (figures/servizi.py), and the active
    # poli's services nobody requested: (polo, service).
    servizi: dict[str, PoloServices] = field(default_factory=dict)
    servizi_mai_richiesti: list[tuple[str, str]] = field(default_factory=list)
    # Every polo's activities of every year, by polo id, as ``servizi.activities``
    # makes them (its ``attivita`` and its requests served): what its page lists.
    svolte: dict[str, list[Activity]] = field(default_factory=dict)


def total(values) -> float | int | None:
    """The sum of the figures that are given; None when none is."""
    given = [v for v in values if v is not None]
    if not given:
        return None
    result = sum(given)
    return round(result, 2) if isinstance(result, float) else result  # 0.1 + 0.2 is 0.3


def _existed(p: Polo, anno: int) -> bool:
    known = [d for d in (p.proposto_il, p.attivo_dal) if d]
    return not known or min(known).year <= anno


def out_of_period(p: Polo, a: Activity) -> bool:
    """An activity before the polo was activated (or of a polo never activated)."""
    return p.attivo_dal is None or a.data < p.attivo_dal


def _warnings(p: Polo, done: list[Activity], anno: int, today: date,
              spent: float | None, with_costs: bool) -> list[str]:
    notes = []
    started = p.attivo_dal is None or p.attivo_dal.year <= anno
    if p.stato == "attivo" and not done and started and anno <= today.year:
        notes.append(f"il polo è attivo ma non ha attività registrate nel {anno}")
    for a in done:
        if out_of_period(p, a):
            since = (f"attivo dal {format_date(p.attivo_dal)}" if p.attivo_dal
                     else "non ancora attivato")
            notes.append(f"l'attività del {format_date(a.data)} «{a.titolo}» è fuori dal "
                         f"periodo di attività del polo ({since})")
    consuntivo = p.costi.consuntivo if p.costi and with_costs else None
    if consuntivo is not None and round(consuntivo - (spent or 0), 2) != 0:
        notes.append(f"il consuntivo ({format_euro(consuntivo)}) è diverso dalla somma dei "
                     f"costi delle attività del {anno} ({format_euro(spent or 0)})")
    return notes


def polo_year(p: Polo, anno: int, today: date, with_costs: bool,
              done: list[Activity] | None = None) -> PoloYear:
    """One polo's figures for ``anno``; ``done`` are all its activities (its
    ``attivita`` and its requests served: ``servizi.activities``)."""
    done = [a for a in (p.attivita if done is None else done) if a.data.year == anno]
    reached = list(dict.fromkeys(b.id for a in done for b in a.biblioteche))
    spent = total(a.costo for a in done)
    costi = p.costi if with_costs else None
    return PoloYear(
        id=p.slug, nome=p.nome, stato=p.stato, attivita=len(done),
        ore=total(a.ore for a in done), partecipanti=total(a.partecipanti for a in done),
        biblioteche_raggiunte=reached, costo_attivita=spent,
        preventivo=costi.preventivo if costi else None,
        consuntivo=costi.consuntivo if costi else None,
        ricavi=costi.ricavi if costi else None,
        avvisi=_warnings(p, done, anno, today, spent, with_costs))


def workshop_costs(k: Knowledge, anno: int) -> WorkshopCosts | None:
    """The workshop's set-up costs, when the workshop falls in ``anno`` and has them."""
    ws = k.rete.workshop
    if ws is None or ws.costi is None or ws.data.year != anno:
        return None
    c = ws.costi
    return WorkshopCosts(ws.data, c.allestimento, c.materiali, c.altro,
                         total([c.allestimento, c.materiali, c.altro]))


def verify(k: Knowledge, anno: int, today: date) -> Verification:
    """What every polo did in ``anno``; ``today`` decides which year the costs are."""
    with_costs = anno == today.year
    done = activities(k)
    poli = [p for p in k.poli
            if _existed(p, anno) or any(a.data.year == anno for a in done[p.slug])]
    years = [polo_year(p, anno, today, with_costs, done[p.slug]) for p in poli]
    rows = sorted((ActivityRow(p.slug, a.data, a.titolo, [b.id for b in a.biblioteche],
                               a.partecipanti, a.ore, a.costo, out_of_period(p, a))
                   for p in poli for a in done[p.slug] if a.data.year == anno),
                  key=lambda r: (r.data, r.polo, r.titolo))
    by_library: dict[str, tuple[list[str], int]] = {i: ([], 0) for i in k.rete.biblioteche}
    for r in rows:
        for lib in r.biblioteche:
            names, count = by_library[lib]
            by_library[lib] = (names if r.polo in names else [*names, r.polo], count + 1)
    reach = [Reach(i, lib.nome, lib.comune, *by_library[i])
             for i, lib in k.rete.biblioteche.items()]
    months = [0] * MONTHS
    for r in rows:
        months[r.data.month - 1] += 1
    ws = workshop_costs(k, anno)
    consuntivo = total(y.consuntivo for y in years)
    totals = Totals(
        poli=len(years), attivita=len(rows), ore=total(y.ore for y in years),
        partecipanti=total(y.partecipanti for y in years),
        biblioteche_raggiunte=sum(1 for r in reach if r.attivita),
        costo_attivita=total(y.costo_attivita for y in years),
        preventivo=total(y.preventivo for y in years), consuntivo=consuntivo,
        ricavi=total(y.ricavi for y in years), workshop=ws,
        spesa=total([consuntivo, ws.totale if ws else None]))
    requested = services_year(k, anno, done)
    return Verification(anno, with_costs, years, rows, reach,
                        [r.id for r in reach if not r.attivita], months, totals,
                        requested,
                        never_requested(k, anno, requested), done)
