"""`rete federa FEDERAZIONE.yml`: a regional portal from several networks' open data.

The work is done by ``rete.federation``; here only the arguments, the report and the
exit code (1 only when no network can be read, or federazione.yml itself is wrong)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..federation import portal
from ..federation.config import load
from ..federation.exports import read_all
from ..federation.figures import summary
from ..formatters import visible
from ..problems import ReteError


def _problems(problems) -> str:
    lines = []
    for p in problems:
        where = f"{p.file}:{p.line}" if p.line else p.file
        field = f"campo «{p.field}»: " if p.field else ""
        lines.append(f"{where}: {p.level.value}: {field}{visible(p.message)}")
        if p.hint:
            lines.append(f"    suggerimento: {visible(p.hint)}")
    n = len(problems)
    lines.append(f"{'1 problema' if n == 1 else f'{n} problemi'} in federazione.yml: "
                 "il portale non è stato costruito.")
    return "\n".join(lines) + "\n"


def _report(fed, networks, excluded, figures, out) -> str:
    lines = [f"Portale «{visible(fed.nome)}»: {len(networks)} reti su {len(fed.reti)} lette."]
    for n, row in zip(networks, figures["reti"]):
        note = " (dati senza «versione»: letti come versione 1)" if n.versione_assente else ""
        lines.append(f"- {n.id}: {row['schede']} schede e {row['poli']} poli{note}")
    for e in excluded:
        lines.append(f"- {e.id}: esclusa, {visible(e.motivo)}")
    cross = figures["adozioni_tra_reti"]
    lines.append(f"Pratiche riprese da un'altra rete: {len(cross)}.")
    if out:
        lines.append(f"Portale scritto in {out}.")
    return "\n".join(lines) + "\n"


def cmd_federa(args) -> int:
    path = Path(args.federazione)
    if not path.is_file():
        raise ReteError(f"non trovo il file «{visible(args.federazione)}»",
                        hint="scrivi il percorso di federazione.yml")
    fed, problems = load(path)
    if fed is None:
        (sys.stderr if args.formato == "json" else sys.stdout).write(_problems(problems))
        return 1
    networks, excluded = read_all(fed)
    figures = summary(networks, excluded)
    notes = portal.write(fed, networks, excluded, Path(args.out)) \
        if networks and args.out else []
    if args.formato == "json":
        sys.stdout.write(json.dumps(figures, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(_report(fed, networks, excluded, figures,
                                 args.out if networks else None))
        sys.stdout.write("".join(f"Nota: {visible(n)}.\n" for n in notes))
    if not networks:
        print("errore: nessuna rete può essere letta, il portale non è stato costruito.",
              file=sys.stderr)
        return 1
    return 0


def register(commands, common) -> None:
    federa = commands.add_parser(
        "federa", parents=[common], help="costruisce il portale regionale di più reti",
        description="Legge federazione.yml e i dati aperti di ogni rete che elenca "
                    "(schede.json, poli.json, catalogo.jsonld), controlla versione e licenza, "
                    "lascia fuori, dicendo perché, le reti che non si possono leggere e "
                    "scrive il portale: un sito statico con le schede di tutte le reti. Esce "
                    "con 1 solo se nessuna rete si può leggere.")
    federa.add_argument("federazione", metavar="FEDERAZIONE.yml",
                        help="il file che descrive il portale e le reti")
    federa.add_argument("--out", metavar="CARTELLA",
                        help="la cartella in cui scrivere il portale (senza: solo il resoconto)")
    federa.add_argument("--formato", choices=("testo", "json"), default="testo",
                        help="testo (per le persone) o json (per i programmi: solo il JSON "
                             "sull'uscita standard)")
    federa.set_defaults(func=cmd_federa)
