"""`rete importa`: schede and poli that arrive outside git, one subcommand per source.

Each source registers itself in ``SOURCES`` with a function that adds its
subparser; the work is done by the ``intake`` adapters.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from pathlib import Path

from ..content.collections import KINDS
from ..intake import issue, mapping, report
from ..intake.pipeline import CONFLICT, REJECTED, Intake, Outcome
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
    from ..intake import folder  # its readers of Word and spreadsheets: only here
    intake = Intake(root_of(args), prova=args.prova)
    total = len(folder.sources(source)[0])
    with progress_bar(total, "Importo i file") as advance:
        run = folder.run(source, intake, advance)
    report.summary(run.outcomes, prova=args.prova, errori=run.errori, notes=run.notes,
                   title=f"Importazione da {report.shown(source.name or str(source))}")
    if run.skipped:
        print(f"\nFile non letti (si leggono solo .md, .txt, .docx e .odt): "
              f"{report.names(run.skipped)}")
    if run.links:
        print(f"\nCollegamenti non seguiti (rete legge solo i file veri e propri, non i "
              f"collegamenti ad altri file o cartelle): {report.names(run.links)}")
    if not run.outcomes:
        print("Nessun file da importare.")
    return 1 if run.links or run.notes else exit_code(run.outcomes)


def _cartella(sub, common) -> None:
    parser = sub.add_parser(
        "cartella", parents=[common], help="importa i file .md, .txt, .docx e .odt di una cartella",
        description="Importa in schede/ e poli/ i file .md, .txt, .docx e .odt di una cartella "
                    "(per esempio la cartella condivisa). I file importati vanno in "
                    "CARTELLA/importati/; quelli con problemi restano, con accanto "
                    "NOME.errori.txt. I collegamenti non vengono seguiti. Esce con 1 se "
                    "qualche file è stato scartato, è in conflitto o è rimasto nella cartella.")
    parser.add_argument("cartella", metavar="CARTELLA", help="la cartella da cui importare")
    parser.add_argument("--prova", action="store_true",
                        help="mostra che cosa farebbe, senza scrivere né spostare nulla")
    parser.set_defaults(func=cmd_cartella)


def cmd_tabella(args) -> int:
    from ..intake import table  # its spreadsheet readers: only here
    if args.mappa_vuota:
        sheet = table.read(Path(args.file), mapping.Mapping({}, riga_intestazione=args.riga))
        sys.stdout.write(mapping.empty(sheet.headers, sheet.described, args.riga))
        return 0
    if args.riga:
        raise ReteError("--riga-intestazione si usa con --mappa-vuota",
                        hint="con --mappa scrivi nella mappa: riga_intestazione: "
                             f"{args.riga}")
    plan = mapping.load(Path(args.mappa))
    sheet = table.read(Path(args.file), plan)
    mapping.match_headers(plan, sheet.headers)
    intake = Intake(root_of(args), prova=args.prova)
    print(f"Letto {sheet.described}: {len(sheet.rows)} righe di risposte.")
    outcomes = []
    with progress_bar(len(sheet.rows), "Importo le righe") as advance:
        for found in table.candidates(sheet, plan, intake.catalog):
            outcomes.append(found if isinstance(found, Outcome) else intake.place(found))
            if advance:
                advance()
    report.summary(outcomes, prova=args.prova, title=f"Importazione da {report.shown(Path(args.file).name)}")
    return exit_code(outcomes)


def _row_number(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= mapping.MAX_HEADER_ROW:
        raise argparse.ArgumentTypeError(f"serve un numero di riga da 1 a "
                                         f"{mapping.MAX_HEADER_ROW}: «{text}»")
    return int(text)


def _tabella(sub, common) -> None:
    parser = sub.add_parser(
        "tabella", parents=[common],
        help="importa le risposte di un questionario (.csv, .xlsx, .xls, .ods)",
        description="Importa in schede/ una scheda per ogni riga di un file .csv, .xlsx, .xls "
                    "o .ods (per "
                    "esempio le risposte di Google Forms, Microsoft Forms o LimeSurvey), secondo "
                    "una mappa colonna › campo. Le righe con problemi sono elencate con il loro "
                    "numero e non vengono importate; le altre sì.")
    parser.add_argument("file", metavar="FILE",
                        help="il file .csv, .xlsx, .xls o .ods delle risposte")
    how = parser.add_mutually_exclusive_group(required=True)
    how.add_argument("--mappa", metavar="MAPPA.yml",
                     help="la mappa delle colonne: a quale campo va ogni colonna")
    how.add_argument("--mappa-vuota", action="store_true",
                     help="stampa una mappa da cui partire, con ogni colonna del file e il "
                          "campo che sembra adatto, da controllare")
    parser.add_argument("--riga-intestazione", dest="riga", metavar="N",
                        type=_row_number,
                        help="con --mappa-vuota: la riga con i titoli delle colonne, se non è "
                             "la prima")
    parser.add_argument("--prova", action="store_true",
                        help="mostra che cosa farebbe, senza scrivere nulla")
    parser.set_defaults(func=cmd_tabella)


# Each source of schede: a function that adds its subcommand to `rete importa`.
def cmd_issue(args) -> int:
    if args.file == "-":
        text = sys.stdin.read()
    else:
        path = Path(args.file)
        if not path.is_file():
            raise ReteError(f"il file {path} non esiste",
                            hint="indica il file con il testo della issue, oppure - per "
                                 "leggerlo dallo standard input")
        try:
            text = path.read_text("utf-8-sig")
        except UnicodeDecodeError:
            raise ReteError(f"{path.name} non è un testo UTF-8",
                            hint="salva il testo della issue con la codifica UTF-8") from None
    intake = Intake(root_of(args), prova=args.prova)
    kind = args.tipo or issue.kind_of(text, intake.catalog)
    outcome = issue.run(intake, kind, text)
    sys.stdout.write(issue.markdown(outcome))
    return exit_code([outcome])


def _issue(sub, common) -> None:
    parser = sub.add_parser(
        "issue", parents=[common],
        help="importa una scheda, un polo o una richiesta da una issue di GitHub",
        description="Legge il testo di una issue aperta con il modulo «Proponi una scheda», "
                    "«Proponi un polo» o «Richiedi un servizio» (come GitHub lo scrive) e lo "
                    "scrive in schede/, poli/ o richieste/. "
                    "Stampa l'esito e i problemi come elenco Markdown, da pubblicare sulla "
                    "issue. Esce con 1 se la issue ha errori o è in conflitto.")
    parser.add_argument("file", metavar="FILE", help="il testo della issue; - per leggerlo "
                                                     "dallo standard input")
    parser.add_argument("--tipo", choices=KINDS,
                        help="scheda, polo o richiesta; se manca, lo capisce dalle domande")
    parser.add_argument("--prova", action="store_true",
                        help="controlla senza scrivere nulla")
    parser.set_defaults(func=cmd_issue)


SOURCES = [_cartella, _tabella, _issue]


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
