"""`rete importa`: schede and poli that arrive outside git, one subcommand per source.

Each source registers itself in ``SOURCES`` with a function that adds its
subparser; the work is done by the ``intake`` adapters.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

from ..intake import folder, report
from ..intake.pipeline import CONFLICT, REJECTED, Intake
from ..problems import ReteError
from .common import root_of


@contextmanager
def progress_bar(total: int, what: str):
    """A progress bar on a terminal; nothing at all when the output is not one."""
    if total < 2 or not sys.stdout.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task(what, total=total)
        yield lambda: bar.advance(task)


def exit_code(outcomes) -> int:
    """0 when every source was imported or already there, 1 when any needs attention."""
    return 1 if any(o.status in (REJECTED, CONFLICT) for o in outcomes) else 0


def cmd_cartella(args) -> int:
    source = Path(args.cartella)
    if not source.is_dir():
        raise ReteError(f"la cartella {source} non esiste",
                        hint="indica la cartella condivisa in cui le biblioteche mettono i file")
    intake = Intake(root_of(args), prova=args.prova)
    total = len(folder.sources(source)[0])
    with progress_bar(total, "Importo i file") as advance:
        run = folder.run(source, intake, advance)
    report.summary(run.outcomes, prova=args.prova, errori=run.errori,
                   title=f"Importazione da {source.name or source}")
    if run.skipped:
        print(f"\nFile non letti (si leggono solo .md, .txt e .docx): {', '.join(run.skipped)}")
    if not run.outcomes:
        print("Nessun file da importare.")
    return exit_code(run.outcomes)


def _cartella(sub, common) -> None:
    parser = sub.add_parser(
        "cartella", parents=[common], help="importa i file .md, .txt e .docx di una cartella",
        description="Importa in schede/ e poli/ i file .md, .txt e .docx di una cartella (per "
                    "esempio la cartella condivisa). I file importati vanno in CARTELLA/importati/; "
                    "quelli con problemi restano, con accanto NOME.errori.txt. Esce con 1 se "
                    "qualche file è stato scartato o è in conflitto.")
    parser.add_argument("cartella", metavar="CARTELLA", help="la cartella da cui importare")
    parser.add_argument("--prova", action="store_true",
                        help="mostra che cosa farebbe, senza scrivere né spostare nulla")
    parser.set_defaults(func=cmd_cartella)


# Each source of schede: a function that adds its subcommand to `rete importa`.
SOURCES = [_cartella]


def register(commands, common) -> None:
    """Add `rete importa` and its subcommands to the ``rete`` parser."""
    importa = commands.add_parser(
        "importa", parents=[common], help="importa schede da una cartella, una tabella o altro",
        description="Importa schede e poli arrivati fuori da git: ognuno è controllato come "
                    "con «rete valida» e scritto senza mai sovrascrivere nulla.")
    sub = importa.add_subparsers(dest="origine", metavar="ORIGINE", title="origini")
    sub.required = True
    for add in SOURCES:
        add(sub, common)
