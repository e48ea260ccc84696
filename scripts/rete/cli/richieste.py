"""`rete richieste`: the inbox of a polo or of the network, and `rete richieste segna`,
which writes a polo's answer into a request file."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from .. import figures
from ..checks import marking
from ..content.model import OPEN_STATES, REQUEST_STATES
from ..text import format_date
from . import anno, foglio
from .anno import _model, _year
from .common import root_of
from .tabelle import Column, Table, testo


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"la data va scritta come AAAA-MM-GG, per esempio {anno.today().isoformat()}; "
            f"ricevuto «{text}»") from None


def _table(found, late_only: bool = False) -> Table:
    return Table("Richieste", [Column("Richiesta"), Column("Polo"), Column("Servizio"),
                               Column("Biblioteca"), Column("Stato"), Column("Del", "data"),
                               Column("Giorni", "numero")],
                 [[w.request.slug, w.request.polo, w.request.servizio, w.request.biblioteca.id,
                   w.request.stato + (" (in ritardo)" if w.in_ritardo else ""),
                   w.request.richiesta_il, w.giorni] for w in found],
                 vuota="nessuna richiesta", foglio="Richieste")


def _json(found) -> list[dict]:
    return [{"nome": w.request.slug, "polo": w.request.polo, "servizio": w.request.servizio,
             "biblioteca": w.request.biblioteca.id, "stato": w.request.stato,
             "richiesta_il": w.request.richiesta_il.isoformat(), "giorni": w.giorni,
             "in_ritardo": w.in_ritardo} for w in found]


def cmd_richieste(args) -> int:
    k = _model(args).knowledge
    states = (args.stato,) if args.stato else OPEN_STATES
    found = figures.inbox(k, anno.today(), args.polo, states, args.anno)
    if args.xlsx:
        foglio.write([_table(found)], Path(args.xlsx))
    if args.formato == "json":
        sys.stdout.write(json.dumps(_json(found), ensure_ascii=False, indent=2) + "\n")
        return 0
    late = sum(w.in_ritardo for w in found)
    notes = [f"{len(found)} richieste, {late} in ritardo (in attesa da più giorni "
             "dell'anticipo chiesto dal servizio, o da più di 7)."] if found else []
    sys.stdout.write(testo([_table(found)], notes))
    if args.xlsx:
        print(f"\nFoglio di calcolo scritto in {args.xlsx}.")
    return 0


def cmd_segna(args) -> int:
    day = args.il or anno.today()
    done = marking.mark(root_of(args), args.nome, args.stato, day, ore=args.ore,
                        partecipanti=args.partecipanti, costo=args.costo, motivo=args.motivo)
    what = ", ".join(f"{key}: {format_date(v) if isinstance(v, date) else v}"
                     for key, v in done.changes.items() if key != "stato")
    print(f"Richiesta {done.path.stem} segnata come «{args.stato}»"
          + (f" ({what})." if what else "."))
    for p in done.warnings:
        print(f"avviso: {p.message}" + (f"\n    suggerimento: {p.hint}" if p.hint else ""))
    return 0


def register(commands, common) -> None:
    """Add `rete richieste` (and `rete richieste segna`) to the ``rete`` parser."""
    inbox = commands.add_parser(
        "richieste", parents=[common], help="le richieste di servizi ai poli e le risposte",
        description="Le richieste di servizi arrivate ai poli: di solito quelle ancora aperte "
                    "(nuove o accettate), dalla più vecchia, con i giorni di attesa; «in "
                    "ritardo» quelle che aspettano da più giorni dell'anticipo chiesto dal "
                    "servizio (o da più di 7). Con «segna» si registra la risposta del polo.")
    inbox.add_argument("--polo", metavar="ID", help="solo le richieste a questo polo")
    inbox.add_argument("--stato", choices=REQUEST_STATES,
                       help="solo le richieste in questo stato (di solito: nuova e accettata)")
    inbox.add_argument("--anno", type=_year, metavar="AAAA",
                       help="solo le richieste fatte in quell'anno (di solito tutte)")
    inbox.add_argument("--formato", choices=["testo", "json"], default="testo",
                       help="testo (una tabella da leggere) oppure json (per altri programmi)")
    inbox.add_argument("--xlsx", metavar="FILE", help="scrive anche un foglio di calcolo")
    inbox.set_defaults(func=cmd_richieste)
    actions = inbox.add_subparsers(dest="azione", metavar="AZIONE", title="azioni")
    segna = actions.add_parser(
        "segna", parents=[common], help="registra la risposta del polo in una richiesta",
        description="Cambia lo stato di una richiesta e scrive la data che lo stato chiede "
                    "(oggi, se non indichi --il). Il resto del file, commenti compresi, "
                    "resta com'è.")
    segna.add_argument("nome", metavar="NOME", help="il nome del file in richieste/, senza .md")
    segna.add_argument("--stato", required=True, choices=REQUEST_STATES[1:],
                       help="il nuovo stato")
    segna.add_argument("--il", type=_day, metavar="AAAA-MM-GG",
                       help="il giorno della risposta o del servizio (di solito oggi)")
    segna.add_argument("--ore", metavar="N", help="le ore del servizio (solo se svolta)")
    segna.add_argument("--partecipanti", metavar="N", help="i partecipanti (solo se svolta)")
    segna.add_argument("--costo", metavar="EURO", help="il costo in euro (solo se svolta)")
    segna.add_argument("--motivo", metavar="TESTO",
                       help="perché è rifiutata o annullata, in una frase")
    segna.set_defaults(func=cmd_segna)
