"""The `rete` command line: argument parsing only; the work is in the core."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__, cli_i18n, fieldguide, formatters, pages, template
from .loader import FOLDERS, read_tree
from .problems import ReteError
from .text import SLUG_RE, slugify
from .validate import check

cli_i18n.install()


def find_root(start: Path) -> Path:
    """The nearest folder, from ``start`` upwards, that holds rete.yml."""
    for folder in (start, *start.parents):
        if (folder / "rete.yml").is_file():
            return folder
    return start


def _root(args) -> Path:
    radice = getattr(args, "radice", None)
    return Path(radice) if radice else find_root(Path.cwd())


def cmd_valida(args) -> int:
    result = check(_root(args))
    sys.stdout.write(formatters.FORMATS[args.formato](result.problems, result.counts))
    return 1 if result.failed(strict=args.severo) else 0


def cmd_nuova(args) -> int:
    root = _root(args)
    kind = args.tipo
    if not root.is_dir():
        raise ReteError(f"la cartella {root} non esiste",
                        hint="indica con --radice la cartella che contiene rete.yml")
    if args.cartella and kind != "scheda":
        raise ReteError("solo le schede possono essere cartelle con materiali; un polo è un "
                        "file singolo", hint=f"togli --cartella: rete nuova polo {args.nome}")
    folder = root / FOLDERS[kind]
    slug = args.nome
    if not SLUG_RE.match(slug):
        raise ReteError(f"il nome «{slug}» non è valido: usa solo lettere minuscole senza "
                        "accenti, cifre e trattini",
                        hint=f"per esempio: rete nuova {kind} {slugify(slug) or 'nome-breve'}")
    target = folder / slug / "index.md" if args.cartella else folder / f"{slug}.md"
    others = [folder / f"{slug}.md", folder / slug / "index.md"]
    existing = next((p for p in others if p.exists()), None)
    if existing:
        raise ReteError(f"esiste già {existing.relative_to(root).as_posix()}",
                        hint="scegli un altro nome, oppure modifica il file che c'è")
    ids = read_tree(root).ids()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(template.render(kind, ids), encoding="utf-8", newline="\n")
    print(f"Creato {target.relative_to(root).as_posix()}: compilalo e poi controllalo "
          "con «rete valida».")
    return 0


_SOURCES = ("schede", "poli", "docs", "overrides", "scripts", "tests", ".git")


def _refuse_sources(root: Path, out: Path) -> None:
    """Generated pages must never land on the files they are made from."""
    root, target = root.resolve(), out.resolve()
    inside = target.is_relative_to(root) and target != root and \
        target.relative_to(root).parts[0] in _SOURCES
    if target == root or root.is_relative_to(target) or inside:
        raise ReteError(f"non scrivo in {out}: lì ci sono i contenuti da cui le pagine sono "
                        "generate, e verrebbero sovrascritti",
                        hint="scegli una cartella nuova, per esempio --out _genera")


def cmd_genera(args) -> int:
    result = check(_root(args))
    if result.errors or result.knowledge is None:
        sys.stdout.write(formatters.testo(result.problems, result.counts))
        return 1
    out = Path(args.out)
    _refuse_sources(_root(args), out)
    site = pages.render(result.knowledge)
    written = pages.write(site, out)
    print(f"Scritte {written} pagine e {len(site.assets)} materiali in {out}.")
    return 0


def cmd_guida(args) -> int:
    sys.stdout.write(fieldguide.render(args.tipo) if args.tipo else fieldguide.render_all())
    return 0


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

    valida = commands.add_parser(
        "valida", parents=[common], help="controlla rete.yml, le schede e i poli",
        description="Controlla rete.yml, schede/ e poli/ e segnala tutti i problemi, "
                    "con il file, la riga, il campo e come correggerli. Esce con 1 se ci "
                    "sono errori.")
    valida.add_argument("--formato", choices=sorted(formatters.FORMATS), default="testo",
                        help="testo (per le persone), github (annotazioni nelle pull request) "
                             "o json")
    valida.add_argument("--severo", action="store_true",
                        help="considera errori anche gli avvisi")
    valida.set_defaults(func=cmd_valida)

    nuova = commands.add_parser(
        "nuova", parents=[common], help="crea il modello commentato di una scheda o di un polo",
        description="Scrive in schede/ o in poli/ un modello commentato da compilare.")
    nuova.add_argument("tipo", choices=["scheda", "polo"], help="scheda oppure polo")
    nuova.add_argument("nome", help="il nome del file, senza .md (per esempio "
                                    "letture-al-nido)")
    nuova.add_argument("--cartella", action="store_true",
                       help="crea una cartella con index.md, per allegare materiali")
    nuova.set_defaults(func=cmd_nuova)

    genera = commands.add_parser(
        "genera", parents=[common], help="scrive in una cartella le pagine generate del sito",
        description="Scrive in una cartella le pagine Markdown che il sito genera da schede, "
                    "poli e rete.yml, con i materiali, per controllarle senza MkDocs.")
    genera.add_argument("--out", required=True, metavar="CARTELLA",
                        help="la cartella in cui scrivere (viene creata se manca)")
    genera.set_defaults(func=cmd_genera)

    guida = commands.add_parser(
        "guida", parents=[common], help="stampa la guida ai campi",
        description="Stampa, in Markdown, la guida ai campi di schede, poli e rete.yml.")
    guida.add_argument("tipo", nargs="?", choices=["scheda", "polo", "rete"],
                       help="solo la guida di questo tipo")
    guida.set_defaults(func=cmd_guida)
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
        print(f"errore: impossibile leggere o scrivere {exc.filename or 'un file'} "
              f"({exc.strerror or 'errore del sistema'})", file=sys.stderr)
        return 2
    except Exception:
        if os.environ.get("RETE_DEBUG"):
            raise
        print("errore inatteso del programma: non è colpa tua. Segnalalo ai coordinatori "
              "indicando il comando che hai usato (con RETE_DEBUG=1 si vedono i dettagli "
              "tecnici).", file=sys.stderr)
        return 3

