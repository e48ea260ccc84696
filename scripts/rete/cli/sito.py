"""Commands for the site with any engine: genera (the project folder every engine
builds) and indice (the search index, after an engine with no hook)."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import formatters
from ..problems import ReteError
from ..render import personal
from .common import refuse_sources, root_of, usable


# The site's modules are imported by the commands that use them: every other command
# would pay for them before reading a file.

def cmd_genera(args) -> int:
    from ..publish import project
    result = usable(args)
    if result is None:
        return 1
    out = Path(args.out)
    refuse_sources(root_of(args), out)
    written = project.write(result.knowledge, root_of(args), out, result.problems)
    if written.problems:
        sys.stdout.write(formatters.testo(written.problems, {}))
        print(f"Non ho scritto {out}: correggi i collegamenti qui sopra.")
        return 1
    print(f"Scritto il progetto del sito in {out}: {written.pages} pagine generate, "
          f"{written.files} file in docs/.")
    print(f"Per costruire il sito: entra in {out} ed esegui «mkdocs build», «properdocs "
          f"build» o «zensical build»; poi «rete indice {out / 'site'}» per la ricerca.")
    return 0


def cmd_indice(args) -> int:
    from ..publish import search
    site = Path(args.sito)
    if not (site / "index.html").is_file():
        raise ReteError(f"in {site} non c'è un sito costruito (manca index.html)",
                        hint="indica la cartella che il motore ha scritto, di solito site/")
    # The index is bulk data: it leaves out the referenti's contacts, as the hook's does.
    result = usable(args, errors_allowed=True)
    if result is None:
        return 1
    try:
        count = search.index_site(site, personal.hider(result.knowledge).text)
    except (RuntimeError, OSError, ValueError) as exc:
        raise ReteError(f"l'indice di ricerca (Pagefind) non è stato creato: {exc}",
                        hint="controlla che il sito sia stato costruito per intero") from exc
    print(f"Indice di ricerca scritto in {site / search.FOLDER}: {count} pagine, "
          "in italiano.")
    return 0


def register(commands, common) -> None:
    """Add this module's commands to the ``rete`` parser."""
    genera = commands.add_parser(
        "genera", parents=[common], help="scrive il progetto completo del sito in una cartella",
        description="Scrive in una cartella il progetto completo del sito: mkdocs.yml senza "
                    "hooks, docs/ con le pagine scritte a mano e quelle generate da schede, "
                    "poli e rete.yml (già controllate e ripulite), tutti i file pubblicati e "
                    "overrides/. In quella cartella «mkdocs build», «properdocs build» e "
                    "«zensical build» costruiscono il sito senza rete. Va eseguito dalla "
                    "cartella del progetto.")
    genera.add_argument("--out", required=True, metavar="CARTELLA",
                        help="la cartella in cui scrivere: nuova, vuota o scritta da una "
                             "precedente «rete genera» (viene sostituita per intero)")
    genera.set_defaults(func=cmd_genera)

    indice = commands.add_parser(
        "indice", parents=[common], help="crea l'indice della ricerca di un sito già costruito",
        description="Crea con Pagefind l'indice della ricerca in italiano di un sito "
                    "costruito da un motore senza hook (per esempio Zensical), nella "
                    "sottocartella pagefind/. Va eseguito dalla cartella del progetto (o con "
                    "--radice): l'indice lascia fuori i contatti dei referenti, come nel "
                    "sito costruito con l'hook.")
    indice.add_argument("sito", metavar="SITO", help="la cartella del sito costruito "
                                                       "(di solito site/)")
    indice.set_defaults(func=cmd_indice)
