"""Practices that spread: `rete simili NOME` and `rete diffusione`. Every figure comes
from ``rete.figures``; the tables from ``cli.diffusione``."""

from __future__ import annotations

import argparse
import json
import sys
from ..content.model import Knowledge
from ..figures.diffusione import spread
from ..figures.simili import Simili
from ..formatters import visible
from ..problems import ReteError
from ..text import did_you_mean
from .anno import _emit, _model, _outputs, _year
from .diffusione import spread_json, spread_tables

DEFAULT_NEIGHBOURS = 5


def _slug(name: str) -> str:
    """«schede/nome.md», «schede/nome/index.md» or «nome» -> «nome»."""
    name = name.strip().replace("\\", "/").removesuffix("/index.md").removesuffix(".md")
    return name.rstrip("/").rsplit("/", 1)[-1]


def _scheda(k: Knowledge, name: str):
    slug = _slug(name)
    found = next((s for s in k.schede if s.slug == slug), None)
    if found is None:
        guess = did_you_mean(slug, [s.slug for s in k.schede])
        raise ReteError(f"non trovo la scheda «{visible(name)}» (o ha errori)",
                        hint=f"forse intendevi «{guess}»?" if guess else
                        "scrivi il nome del file della scheda, senza .md; «rete valida» dice "
                        "se ha errori")
    return found


def _positive(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 50:
        raise argparse.ArgumentTypeError(f"scrivi un numero da 1 a 50; ricevuto «{text}»")
    return int(text)


def cmd_simili(args) -> int:
    k = _model(args).knowledge
    scheda = _scheda(k, args.nome)
    found = Simili(k).of(scheda, args.quanti)
    if args.formato == "json":
        data = [{"scheda": n.scheda.slug, "punteggio": n.punteggio, "motivi": list(n.motivi)}
                for n in found]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    print(f"Pratiche simili a «{visible(scheda.titolo)}» ({scheda.slug}):")
    if not found:
        print("  nessuna: le altre schede non hanno né tema né parole in comune con questa.")
    for i, n in enumerate(found, start=1):
        s = n.scheda
        print(f"{i:>3}. {visible(s.titolo)} ({s.slug}, {visible(s.biblioteca.nome)})")
        print(f"     punteggio {n.punteggio:.3f}".replace(".", ",") + ": "
              + visible("; ".join(n.motivi)))
    return 0


def cmd_diffusione(args) -> int:
    k = _model(args).knowledge
    d = spread(k, args.anno)
    return _emit(args, spread_tables(d, k, args.anno), [], spread_json(d))


def register(commands, common) -> None:
    """Add this module's commands to the ``rete`` parser."""
    simili = commands.add_parser(
        "simili", parents=[common], help="le pratiche più simili a una scheda, con i motivi",
        description="Le schede pubblicate più simili a una scheda, dalla più simile: prima "
                    "quelle legate da «ripresa_da», poi per parole in comune (titolo, "
                    "sintesi, parole chiave, testo), tema e destinatari. Mai la scheda "
                    "stessa, mai una bozza.")
    simili.add_argument("nome", metavar="NOME", help="il nome del file della scheda, senza .md")
    simili.add_argument("--quanti", type=_positive, default=DEFAULT_NEIGHBOURS, metavar="N",
                        help=f"quante schede mostrare (di solito {DEFAULT_NEIGHBOURS})")
    simili.add_argument("--formato", choices=["testo", "json"], default="testo",
                        help="testo (da leggere) oppure json: [{scheda, punteggio, motivi}]")
    simili.set_defaults(func=cmd_simili)

    diffusione = commands.add_parser(
        "diffusione", parents=[common], help="quali pratiche sono state riprese, e da chi",
        description="Le pratiche riprese da altre biblioteche («ripresa_da»): le più riprese, "
                    "per ogni biblioteca quante ne ha riprese e quante sue sono state riprese, "
                    "per tema, e l'elenco di ogni ripresa. L'anno è quello di inizio della "
                    "scheda che riprende; le bozze non contano.")
    diffusione.add_argument("--anno", type=_year, metavar="AAAA",
                            help="solo le riprese iniziate in quell'anno (di solito tutte)")
    _outputs(diffusione)
    diffusione.set_defaults(func=cmd_diffusione)
