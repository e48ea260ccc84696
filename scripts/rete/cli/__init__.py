"""The `rete` command line: argument parsing and error rendering only.

Each module of this package registers a group of commands with ``register``;
the work itself is done by the core and by the other adapters.
"""

from __future__ import annotations

import argparse
import os
import sys

from .. import __version__
from ..intake.report import shown
from ..problems import ReteError, os_reason
from . import anno, comunica, contenuti, esporta, i18n, importa, libretto, moduli, modulo, sito
from . import richieste
from . import pratiche
from . import federa
from .common import find_root  # noqa: F401  (part of the package's interface)

i18n.install()

# The modules whose commands `rete` offers, in the order its help lists them.
COMMANDS = [contenuti, sito, importa, modulo, moduli, anno, esporta, libretto, comunica]
COMMANDS.append(richieste)  # issue 21: requests of services
COMMANDS.insert(COMMANDS.index(anno) + 1, pratiche)  # rete simili, rete diffusione
COMMANDS.append(federa)  # issue 25: a regional portal of several networks


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--radice", metavar="CARTELLA", default=argparse.SUPPRESS,
                        help="la cartella dei contenuti (con rete.yml, schede/ e poli/); "
                             "di solito quella in cui ti trovi")

    main = argparse.ArgumentParser(
        prog="rete", parents=[common],
        description="Gli strumenti della rete delle biblioteche: controlla schede e poli, "
                    "crea modelli, genera il sito.")
    main.add_argument("--versione", action="version", version=f"rete {__version__}",
                      help="mostra la versione ed esce")
    commands = main.add_subparsers(dest="comando", metavar="COMANDO", title="comandi")
    for module in COMMANDS:
        module.register(commands, common)
    return main


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass


def main(argv: list[str] | None = None) -> int:
    _utf8_streams()
    args = parser().parse_args(argv)
    if not getattr(args, "func", None):
        parser().print_help()
        return 2
    try:
        return args.func(args)
    except ReteError as exc:
        print(f"errore: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"    suggerimento: {exc.hint}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrotto.", file=sys.stderr)
        return 130
    except OSError as exc:
        name = f"«{shown(exc.filename)}»" if exc.filename else "un file"
        print(f"errore: impossibile leggere o scrivere {name} ({os_reason(exc)})",
              file=sys.stderr)
        return 2
    except Exception:
        if os.environ.get("RETE_DEBUG"):
            raise
        print("errore inatteso del programma: non è colpa tua. Segnalalo ai coordinatori "
              "indicando il comando che hai usato (con RETE_DEBUG=1 si vedono i dettagli "
              "tecnici).", file=sys.stderr)
        return 3
