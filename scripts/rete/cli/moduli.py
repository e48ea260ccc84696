"""`rete moduli`: the GitHub issue forms, written from the schema and rete.yml."""

from __future__ import annotations

from pathlib import Path

from ..content.collections import KINDS
from ..content.loader import read_tree
from ..problems import ReteError
from ..content.refs import Catalog
from ..render.forms import issueform
from ..content.writer import write_atomic
from .common import require_folder, root_of

FOLDER = Path(".github") / "ISSUE_TEMPLATE"


def expected(root: Path) -> dict[Path, str]:
    """Each issue form's path (relative to the tree) and the text it should have."""
    tree = read_tree(root)
    if tree.registry is None:
        first = next(p for p in tree.problems if p.file == "rete.yml")
        raise ReteError(f"rete.yml: {first.message}", hint=first.hint)
    catalog = Catalog.from_registry(tree.registry.data, tree.ids()["poli"])
    return {FOLDER / f"{kind}.yml": issueform.render(kind, catalog)
            for kind in KINDS}


def cmd_moduli(args) -> int:
    root = root_of(args)
    require_folder(root)
    for rel, text in expected(root).items():
        target = root / rel
        if target.is_file() and target.read_text("utf-8") == text:
            print(f"{rel.as_posix()} è già aggiornato.")
            continue
        write_atomic(target, text)
        print(f"Scritto {rel.as_posix()}.")
    return 0


def register(commands, common) -> None:
    """Add `rete moduli` to the ``rete`` parser."""
    moduli = commands.add_parser(
        "moduli", parents=[common], help="scrive i moduli delle issue di GitHub",
        description="Scrive .github/ISSUE_TEMPLATE/scheda.yml e polo.yml, i moduli con cui "
                    "chi ha un account GitHub propone una scheda o un polo, dallo schema e "
                    "dagli elenchi di rete.yml. Rilancialo quando cambia rete.yml.")
    moduli.set_defaults(func=cmd_moduli)
