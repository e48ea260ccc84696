"""Commands on the content itself: valida, nuova, guida."""

from __future__ import annotations

import sys

from ..content import bundles
from .. import formatters
from ..content.collections import FOLDERS
from ..content.rules import GUIDE_NOTES
from ..content.loader import read_tree
from ..problems import ReteError
from ..content.refs import ids_page_url
from ..render.forms import fieldguide, template
from ..text import SLUG_RE, slugify
from ..runtime import collector
from ..runtime.helper import SECOND_PROCESS
from ..checks.validate import check_problems
from .common import require_folder, root_of


def cmd_valida(args) -> int:
    with collector.paused():  # only the problems: no model to build
        result = check_problems(root_of(args), SECOND_PROCESS)
    sys.stdout.write(formatters.FORMATS[args.formato](result.problems, result.counts))
    return 1 if result.failed(strict=args.severo) else 0


def cmd_nuova(args) -> int:
    root = root_of(args)
    kind = args.tipo
    require_folder(root)
    if args.cartella and kind != "scheda":
        raise ReteError("solo le schede possono essere cartelle con materiali; un polo è un "
                        "file singolo", hint=f"togli --cartella: rete nuova polo {args.nome}")
    folder = root / FOLDERS[kind]
    slug = args.nome
    if not SLUG_RE.match(slug):
        raise ReteError(f"il nome «{slug}» non è valido: usa solo lettere minuscole senza "
                        "accenti, cifre e trattini",
                        hint=f"per esempio: rete nuova {kind} {slugify(slug) or 'nome-breve'}")
    windows = bundles.windows_problem(slug)
    if windows:
        raise ReteError(f"il nome «{slug}» non va bene: {windows}",
                        hint=f"per esempio: rete nuova {kind} {slug}-biblioteca")
    target = folder / slug / "index.md" if args.cartella else folder / f"{slug}.md"
    others = [folder / f"{slug}.md", folder / slug / "index.md"]
    existing = next((p for p in others if p.exists()), None)
    if existing:
        raise ReteError(f"esiste già {existing.relative_to(root).as_posix()}",
                        hint="scegli un altro nome, oppure modifica il file che c'è")
    tree = read_tree(root)
    everything = ids_page_url(tree.registry.data.get("sito")) if tree.registry else None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(template.render(kind, tree.ids(), everything), encoding="utf-8",
                      newline="\n")
    print(f"Creato {target.relative_to(root).as_posix()}: compilalo e poi controllalo "
          "con «rete valida».")
    return 0


def cmd_guida(args) -> int:
    sys.stdout.write(fieldguide.render(args.tipo) if args.tipo else fieldguide.render_all())
    notes = GUIDE_NOTES.get(args.tipo, [])
    if notes:
        sys.stdout.write("\n" + "".join(f"- {note}\n" for note in notes))
    return 0


def register(commands, common) -> None:
    """Add this module's commands to the ``rete`` parser."""
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
        "nuova", parents=[common],
        help="crea il modello commentato di una scheda, di un polo o di una richiesta",
        description="Scrive in schede/, in poli/ o in richieste/ un modello commentato da "
                    "compilare.")
    nuova.add_argument("tipo", choices=list(FOLDERS), help="scheda, polo oppure richiesta")
    nuova.add_argument("nome", help="il nome del file, senza .md (per esempio "
                                    "letture-al-nido)")
    nuova.add_argument("--cartella", action="store_true",
                       help="crea una cartella con index.md, per allegare materiali")
    nuova.set_defaults(func=cmd_nuova)

    guida = commands.add_parser(
        "guida", parents=[common], help="stampa la guida ai campi",
        description="Stampa, in Markdown, la guida ai campi di schede, poli, richieste e "
                    "rete.yml, e di federazione.yml (il portale di più reti, «rete federa»).")
    guida.add_argument("tipo", nargs="?", choices=[*FOLDERS, "rete", "federazione"],
                       help="solo la guida di questo tipo")
    guida.set_defaults(func=cmd_guida)
