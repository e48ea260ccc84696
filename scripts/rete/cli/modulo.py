"""`rete modulo docx`: the Word form of a scheda or polo, to hand out to librarians."""

from __future__ import annotations

from pathlib import Path

from ..content import writer
from ..content.collections import KINDS
from ..intake import docx_form
from ..content.loader import read_registry, read_tree
from ..problems import ReteError
from .common import require_folder, root_of


def cmd_docx(args) -> int:
    root = root_of(args)
    require_folder(root)
    registry, problems = read_registry(root)
    if registry is None:
        raise ReteError(f"rete.yml: {problems[0].message}", hint=problems[0].hint)
    tree = read_tree(root)
    poli = {d.slug: d.data.get("nome", d.slug) for d in tree.of_kind("polo")}
    out = Path(args.out or f"{args.tipo}.docx")
    writer.create_new(out, docx_form.render(args.tipo, registry.data, poli))
    print(f"Scritto {out}: è il modulo da dare alle biblioteche; quando torna compilato, "
          "importalo con «rete importa cartella».")
    return 0


def register(commands, common) -> None:
    """Add `rete modulo` to the ``rete`` parser."""
    modulo = commands.add_parser(
        "modulo", parents=[common], help="scrive il modulo Word di una scheda o di un polo",
        description="Scrive il modulo da compilare offline, fatto dallo schema e da rete.yml.")
    sub = modulo.add_subparsers(dest="formato", metavar="FORMATO", title="formati")
    sub.required = True
    word = sub.add_parser(
        "docx", parents=[common], help="il modulo in Word (.docx)",
        description="Scrive il modulo Word (.docx): una tabella «campo | risposta» con la "
                    "spiegazione di ogni campo e i nomi di temi e destinatari da segnare, poi "
                    "le sezioni del testo. Non sovrascrive un file che esiste già.")
    word.add_argument("tipo", nargs="?", choices=KINDS, default="scheda",
                      help="scheda (predefinito) oppure polo")
    word.add_argument("--out", metavar="FILE",
                      help="il file da scrivere (predefinito: scheda.docx o polo.docx)")
    word.set_defaults(func=cmd_docx)
