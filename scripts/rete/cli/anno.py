"""The network's year: rete analisi (April), rete candidati (May), rete verifica (October)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

from .. import figures
from ..problems import ReteError
from ..content.writer import write_atomic
from ..figures.diffusione import spread
from . import diffusione, foglio, rapporti
from .common import usable
from .tabelle import testo


def today() -> date:
    """The day the reports are made for; tests replace it."""
    return date.today()


def _year(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 9999:
        raise argparse.ArgumentTypeError(f"l'anno va scritto con quattro cifre, per esempio "
                                         f"{today().year}; ricevuto «{text}»")
    return int(text)


def _model(args):
    """The validated model; files with errors are left out, and the reader is told so."""
    result = usable(args, errors_allowed=True)
    if result is None:
        raise ReteError("rete.yml ha errori: senza il registro della rete non posso fare "
                        "il rapporto", hint="correggi gli errori qui sopra e riprova")
    broken = sorted({p.file for p in result.errors})
    if broken:
        counted = "non è contato" if len(broken) == 1 else "non sono contati"
        print(f"attenzione: {len(broken)} file con errori {counted} "
              f"({', '.join(broken)}); controllali con «rete valida».", file=sys.stderr)
    return result


def _emit(args, tables, notes, data) -> int:
    if args.xlsx:
        foglio.write(tables, Path(args.xlsx))
    if args.formato == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(testo(tables, notes))
        if args.xlsx:
            print(f"\nFoglio di calcolo scritto in {args.xlsx}.")
    return 0


def cmd_analisi(args) -> int:
    result = _model(args)
    k = result.knowledge
    a = figures.analyse(k, result.problems, args.anno)
    taken = spread(k, args.anno).adozioni  # practices taken up, by the year they began
    when = f"iniziate nel {args.anno}" if args.anno else "in tutto"
    tables = rapporti.analysis_tables(a, k) + [diffusione.adoption_table(
        f"Pratiche riprese ({when})", taken, k, "nessuna pratica ripresa")]
    return _emit(args, tables, rapporti.analysis_notes(a, k),
                 {**rapporti.analysis_json(a), "adozioni": [asdict(t) for t in taken]})


def cmd_candidati(args) -> int:
    k = _model(args).knowledge
    c = figures.candidates(k)
    return _emit(args, rapporti.candidate_tables(c, k), [], rapporti.candidates_json(c))


def cmd_verifica(args) -> int:
    k = _model(args).knowledge
    now = today()
    v = figures.verify(k, args.anno or now.year, now)
    taken = diffusione.theme_adoptions(k, v.anno, v.poli)
    data = rapporti.verification_json(v)
    for polo in data["poli"]:
        polo["adozioni_tema"] = [asdict(t) for t in taken.get(polo["id"], [])]
    return _emit(args, rapporti.verification_tables(v)
                 + [diffusione.theme_adoption_table(taken, v.anno)],
                 rapporti.verification_notes(v, k), data)


def _outputs(parser) -> None:
    parser.add_argument("--formato", choices=["testo", "json"], default="testo",
                        help="testo (tabelle da leggere) oppure json (per altri programmi)")
    parser.add_argument("--xlsx", metavar="FILE",
                        help="scrive anche un foglio di calcolo (un foglio per tabella)")


def register(commands, common) -> None:
    """Add this module's commands to the ``rete`` parser."""
    analisi = commands.add_parser(
        "analisi", parents=[common], help="aprile: le schede arrivate e i materiali raccolti",
        description="Le schede ricevute per biblioteca e per tema (bozze a parte), le "
                    "biblioteche che non ne hanno inviate, la completezza di ogni scheda, "
                    "gli avvisi, i destinatari e gli obiettivi dell'Agenda 2030 coperti, i "
                    "materiali raccolti.")
    analisi.add_argument("--anno", type=_year, metavar="AAAA",
                         help="solo le schede compilate in quell'anno (di solito tutte)")
    _outputs(analisi)
    analisi.set_defaults(func=cmd_analisi)

    candidati = commands.add_parser(
        "candidati", parents=[common], help="maggio: i temi in cui potrebbe nascere un polo",
        description="I temi senza un polo attivo in cui le schede mostrano una competenza "
                    "(almeno due schede di una biblioteca, o partner di più biblioteche), "
                    "in ordine di evidenza, e i poli già proposti.")
    _outputs(candidati)
    candidati.set_defaults(func=cmd_candidati)

    verifica = commands.add_parser(
        "verifica", parents=[common], help="ottobre: che cosa ha fatto ogni polo, e i costi",
        description="Per ogni polo: attività, ore, partecipanti e biblioteche raggiunte "
                    "nell'anno, le biblioteche mai raggiunte, i costi (con il workshop) e gli "
                    "avvisi su consuntivi, attività mancanti o fuori periodo.")
    verifica.add_argument("--anno", type=_year, metavar="AAAA",
                          help="l'anno da verificare (di solito quello in corso)")
    _outputs(verifica)
    verifica.set_defaults(func=cmd_verifica)
