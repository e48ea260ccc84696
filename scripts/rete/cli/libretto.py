"""`rete libretto`: the workshop booklet and the exhibition posters, as PDF."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

from ..problems import ReteError
from .common import root_of, usable

DEFAULT_OUT = Path("site") / "libretto.pdf"


@contextmanager
def progress(total: int, what: str):
    """A progress bar on a terminal (rich); silent when the output is a file or a pipe.
    Yields the function that advances it and the one that names the current stage."""
    if not sys.stderr.isatty():
        yield (lambda: None), (lambda text: None)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    # On stderr, as the check above: standard output keeps only the result line.
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(what, total=total)
        yield (lambda: bar.advance(task)), (lambda text: bar.update(task, description=text))


def _knowledge(args):
    result = usable(args)
    if result is None:
        raise ReteError("i contenuti hanno errori: correggili e rilancia il comando",
                        hint="«rete valida» li elenca tutti")
    return result.knowledge


def _report(printed, out: Path, what: str) -> None:
    ready = "pronti" if what == "Manifesti" else "pronto"
    print(f"{what} {ready} in {out} ({printed.pages} pagine).")
    if printed.refused:
        print(f"Non ho caricato {len(printed.refused)} indirizzi (immagini da altri siti "
              "o file fuori dalle cartelle delle schede):")
        for url in dict.fromkeys(printed.refused):
            print(f"  - {url}")


def cmd_libretto(args) -> int:
    from ..booklet import document, pdf, poster

    k = _knowledge(args)
    root = root_of(args)
    if args.poster or args.tutti:
        return _posters(args, k, root, poster, pdf)
    if args.formato:
        raise ReteError("--formato vale solo per i manifesti",
                        hint="usalo con --poster NOME oppure con --tutti")
    out = Path(args.out) if args.out else root / DEFAULT_OUT
    total = document.steps(k, args.tema, args.anno)
    with progress(total, "Preparo le schede") as (step, stage):
        booklet = document.build(k, args.tema, args.anno, step)
        stage("Impagino il libretto")
        printed = pdf.write(document.to_html(booklet), out, booklet.folders, root)
    _report(printed, out, "Libretto")
    return 0


def _posters(args, k, root: Path, poster, pdf) -> int:
    if args.poster and args.tutti:
        raise ReteError("usa --poster NOME oppure --tutti, non entrambi")
    if args.tema or args.anno:
        raise ReteError("--tema e --anno valgono per il libretto, non per i manifesti")
    schede = poster.select(k, None if args.tutti else args.poster)
    name = "manifesti.pdf" if args.tutti else f"manifesto-{schede[0].slug}.pdf"
    out = Path(args.out) if args.out else root / "site" / name
    folders = [s.bundle for s in schede if s.bundle]
    with progress(len(schede), "Impagino i manifesti") as (step, _):
        laid_out, refused = poster.fit(k, schede, args.formato or "A3",
                                       lambda document: pdf.render(document, folders, root),
                                       step)
        printed = pdf.save(laid_out, refused, out)
    _report(printed, out, "Manifesti" if args.tutti else "Manifesto")
    return 0


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise ReteError(f"--anno: atteso un anno di quattro cifre (per esempio 2026), "
                        f"ricevuto «{text}»")
    return int(text)


def register(commands, common) -> None:
    """Add `rete libretto` to the ``rete`` parser."""
    libretto = commands.add_parser(
        "libretto", parents=[common], help="stampa in PDF il libretto del workshop o i manifesti",
        description="Crea il libretto del workshop in PDF (A4): copertina, indice, poli, "
                    "schede per tema con un codice QR verso il sito e l'indice delle "
                    "biblioteche. Le bozze non compaiono mai. Con --poster o --tutti crea "
                    "invece i manifesti per la mostra, uno per scheda.")
    libretto.add_argument("--tema", metavar="ID", help="solo le schede e i poli di un tema")
    libretto.add_argument("--anno", metavar="AAAA", type=str,
                          help="solo le schede con attività in quell'anno")
    libretto.add_argument("--out", metavar="FILE",
                          help="il file PDF da scrivere (di solito site/libretto.pdf)")
    libretto.add_argument("--poster", metavar="NOME",
                          help="il manifesto di una scheda (il nome del suo file, senza .md)")
    libretto.add_argument("--tutti", action="store_true",
                          help="i manifesti di tutte le schede pubblicate, uno per pagina")
    libretto.add_argument("--formato", choices=["A3", "A4"],
                          help="il formato dei manifesti (di solito A3)")
    libretto.set_defaults(func=lambda args: cmd_libretto(_checked_args(args)))


def _checked_args(args):
    if args.anno is not None:
        args.anno = _year(args.anno)
    return args
