"""The figures of the network's year as tables (terminal and spreadsheet) and as JSON.

Every cell comes from ``rete.figures``; nothing is computed here.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from ..figures.analisi import Analysis
from ..figures.candidati import Candidates
from ..figures.verifica import Verification
from ..content.model import Knowledge
from ..render.mdtext import SDG, size
from .tabelle import Column, Table

T, N, E, D = "testo", "numero", "euro", "data"


def _iso(value):
    """JSON-ready: dates as AAAA-MM-GG, tuples as lists, everything else as is."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_iso(v) for v in value]
    return value


# --- analisi ------------------------------------------------------------------

def analysis_tables(a: Analysis, k: Knowledge) -> list[Table]:
    libs = k.rete.biblioteche
    m = a.materiali
    return [
        Table("Schede per biblioteca", [Column("Biblioteca"), Column("Comune"),
                                        Column("Schede", N), Column("Bozze", N)],
              [[c.nome, libs[c.id].comune, c.schede, c.bozze] for c in a.per_biblioteca],
              foglio="Biblioteche"),
        Table("Schede per tema", [Column("Tema"), Column("Schede", N), Column("Bozze", N)],
              [[c.nome, c.schede, c.bozze] for c in a.per_tema], foglio="Temi"),
        Table("Completezza delle schede (dalla meno completa)",
              [Column("Scheda"), Column("Campi facoltativi"), Column("Sezioni"),
               Column("Materiali", N), Column("Parole", N), Column("Completezza %", N)],
              [[c.slug + (" (bozza)" if c.bozza else ""),
                f"{c.facoltativi} su {c.facoltativi_totali}",
                f"{len(c.sezioni)} su {len(c.sezioni) + len(c.sezioni_mancanti)}",
                c.materiali, c.parole, c.percentuale] for c in a.completezza],
              vuota="nessuna scheda", foglio="Completezza"),
        Table("Schede con avvisi", [Column("Scheda"), Column("Avviso")],
              [[w.file, msg] for w in a.con_avvisi for msg in w.avvisi],
              vuota="nessuna scheda ha avvisi", foglio="Avvisi"),
        Table("Destinatari", [Column("Destinatari"), Column("Schede", N), Column("Bozze", N)],
              [[c.nome, c.schede, c.bozze] for c in a.destinatari]),
        Table("Obiettivi dell'Agenda 2030", [Column("Obiettivo"), Column("Schede", N)],
              [[f"{g.numero}. {SDG[g.numero]}", g.schede] for g in a.sdg], foglio="Agenda 2030"),
        Table("Materiali raccolti", [Column("Tipo"), Column("Quanti", N)],
              [*([t, n] for t, n in m.per_tipo.items()), ["totale", m.totale]],
              foglio="Materiali"),
    ]


def analysis_notes(a: Analysis, k: Knowledge) -> list[str]:
    period = f"nel {a.anno}" if a.anno else "in tutto"
    libs = k.rete.biblioteche
    none = ", ".join(libs[i].nome for i in a.senza_schede) or "nessuna"
    return [f"Schede ricevute {period}: {a.schede}, di cui {a.bozze} bozze.",
            f"Biblioteche che non hanno inviato schede: {none}.",
            f"Materiali: {a.materiali.file} file ({size(a.materiali.byte) or '0 byte'}) e "
            f"{a.materiali.collegamenti} collegamenti.",
            f"Richieste di servizi ricevute {period}: {a.richieste.ricevute} "
            f"({a.richieste.aperte} aperte, {a.richieste.svolte} svolte, "
            f"{a.richieste.rifiutate} rifiutate, {a.richieste.annullate} annullate)."]


def analysis_json(a: Analysis) -> dict:
    return _iso(asdict(a))


# --- candidati -----------------------------------------------------------------

def candidate_tables(c: Candidates, k: Knowledge) -> list[Table]:
    libs, temi = k.rete.biblioteche, k.rete.temi
    return [
        Table("Temi in cui potrebbe nascere un polo",
              [Column("N.", N), Column("Tema"), Column("Punteggio", N),
               Column("Biblioteche che potrebbero ospitarlo")],
              [[n, x.nome, x.punteggio, ", ".join(libs[h.id].nome for h in x.biblioteche)]
               for n, x in enumerate(c.candidati, start=1)],
              vuota="nessun tema senza polo attivo mostra per ora una competenza",
              foglio="Candidati"),
        Table("Perché", [Column("Tema"), Column("Motivo")],
              [[x.nome, why] for x in c.candidati for why in x.motivi], vuota="–",
              foglio="Motivi"),
        Table("Biblioteche e schede", [Column("Tema"), Column("Biblioteca"), Column("Schede"),
                                       Column("Partner")],
              [[x.nome, libs[h.id].nome, ", ".join(h.schede),
                ", ".join(libs[p].nome for p in h.partner)]
               for x in c.candidati for h in x.biblioteche], vuota="–", foglio="Biblioteche"),
        Table("Poli proposti", [Column("Polo"), Column("Tema"), Column("Biblioteca"),
                                Column("Proposto il", D)],
              [[p.nome, temi[p.tema].nome, libs[p.biblioteca].nome, p.proposto_il]
               for p in c.proposti], vuota="nessun polo proposto", foglio="Proposti"),
    ]


def candidates_json(c: Candidates) -> dict:
    return {"candidati": [{"tema": x.tema, "biblioteche": [
                               {"id": h.id, "schede": h.schede, "partner": h.partner}
                               for h in x.biblioteche],
                           "punteggio": x.punteggio, "motivi": x.motivi}
                          for x in c.candidati],
            "proposti": [{"id": p.id, "tema": p.tema, "biblioteca": p.biblioteca,
                          "proposto_il": _iso(p.proposto_il)} for p in c.proposti]}


# --- verifica ------------------------------------------------------------------

def verification_tables(v: Verification) -> list[Table]:
    t = v.totali
    poli = Table(f"Poli nel {v.anno}",
                 [Column("Polo"), Column("Stato"), Column("Attività", N), Column("Ore", N),
                  Column("Partecipanti", N), Column("Biblioteche", N)],
                 [[p.id, p.stato, p.attivita, p.ore, p.partecipanti,
                   len(p.biblioteche_raggiunte)] for p in v.poli],
                 vuota=f"nessun polo nel {v.anno}", foglio="Poli")
    if v.poli:
        poli.righe.append(["totale", "", t.attivita, t.ore, t.partecipanti,
                           t.biblioteche_raggiunte])
    costs = Table(f"Costi del {v.anno}",
                  [Column("Voce"), Column("Preventivo", E), Column("Consuntivo", E),
                   Column("Ricavi", E), Column("Costo attività", E)],
                  [[p.id, p.preventivo, p.consuntivo, p.ricavi, p.costo_attivita]
                   for p in v.poli], vuota="nessun costo", foglio="Costi")
    ws = t.workshop
    if ws:
        costs.righe += [[f"workshop: {label}", None, value, None, None] for label, value in
                        (("allestimento", ws.allestimento), ("materiali", ws.materiali),
                         ("altro", ws.altro))]
    if costs.righe:
        costs.righe.append(["totale", t.preventivo, t.spesa, t.ricavi, t.costo_attivita])
    return [
        poli,
        Table(f"Attività del {v.anno}",
              [Column("Data", D), Column("Polo"), Column("Attività"), Column("Partecip.", N),
               Column("Ore", N), Column("Costo", E)],
              [[r.data, r.polo, r.titolo + (" (fuori periodo)" if r.fuori_periodo else ""),
                r.partecipanti, r.ore, r.costo] for r in v.attivita],
              vuota=f"nessuna attività nel {v.anno}", foglio="Attività"),
        Table(f"Biblioteche raggiunte nel {v.anno}",
              [Column("Biblioteca"), Column("Comune"), Column("Poli"), Column("Attività", N)],
              [[r.nome, r.comune, ", ".join(r.poli) or "mai raggiunta", r.attivita]
               for r in v.biblioteche], foglio="Biblioteche"),
        costs,
        Table(f"Richieste ricevute nel {v.anno}",
              [Column("Polo"), *(Column(label, N) for label in (
                  "Ricev.", "Accett.", "Svolte", "Rifiut.", "Annull.", "Aperte", "Giorni"))],
              [[polo, *_counted(y.richieste)] for polo, y in v.servizi.items()
               if y.richieste.ricevute],
              vuota=f"nessuna richiesta nel {v.anno}", foglio="Richieste"),
        Table(f"Servizi nel {v.anno}",
              [Column("Polo"), Column("Servizio"), Column("Ricev.", N), Column("Svolte", N),
               Column("Aperte", N), Column("Biblioteche servite")],
              [[polo, s.id, s.richieste.ricevute, s.richieste.svolte, s.richieste.aperte,
                ", ".join(s.biblioteche_servite) or "–"]
               for polo, y in v.servizi.items() for s in y.servizi],
              vuota="nessun servizio", foglio="Servizi"),
        Table("Avvisi", [Column("Polo"), Column("Avviso")],
              [[p.id, note] for p in v.poli for note in p.avvisi], vuota="nessun avviso",
              foglio="Avvisi"),
    ]


def _counted(c) -> list:
    return [c.ricevute, c.accettate, c.svolte, c.rifiutate, c.annullate, c.aperte,
            c.giorni_mediani_risposta]


def verification_notes(v: Verification, k: Knowledge) -> list[str]:
    libs = k.rete.biblioteche
    never = ", ".join(libs[i].nome for i in v.biblioteche_mai_raggiunte) or "nessuna"
    notes = [f"Biblioteche mai raggiunte da un polo nel {v.anno}: {never}."]
    if not v.costi_dell_anno:
        notes.append(f"I costi scritti nei file dei poli sono quelli dell'anno in corso: "
                     f"nel rapporto sul {v.anno} non sono contati.")
    return notes


def verification_json(v: Verification) -> dict:
    keys = ("id", "stato", "attivita", "ore", "partecipanti", "biblioteche_raggiunte",
            "costo_attivita", "preventivo", "consuntivo", "ricavi", "avvisi")
    return {"anno": v.anno,
            "poli": [{**{key: getattr(p, key) for key in keys},
                      "richieste": asdict(v.servizi[p.id].richieste),
                      "servizi": [{"id": s.id, "richieste": asdict(s.richieste),
                                   "biblioteche_servite": s.biblioteche_servite}
                                  for s in v.servizi[p.id].servizi]}
                     for p in v.poli],
            "biblioteche_mai_raggiunte": v.biblioteche_mai_raggiunte,
            "servizi_mai_richiesti": [{"polo": polo, "servizio": service}
                                      for polo, service in v.servizi_mai_richiesti],
            "totali": _iso(asdict(v.totali))}
