"""One folder per broken rule, beside the exact text `rete valida` must print.

Each folder of tests/casi/ is laid over a copy of tests/alberi/minimo: its
files replace or add to the tree; the paths listed in ``rimuovi.txt`` are
removed. ``atteso.txt`` is the whole expected output. Binary or oddly encoded
inputs are made by ``prepara.py`` in the case folder, if there is one.
``RETE_AGGIORNA_ATTESI=1 pytest tests/core/test_casi.py`` rewrites every ``atteso.txt``
from what `rete valida` prints now: review the diff.
"""

from __future__ import annotations

import os
import runpy
import shutil
from pathlib import Path

import pytest

from rete.cli import main

from ..conftest import TESTS

CASES = sorted(p for p in (TESTS / "casi").iterdir() if p.is_dir())
SPECIAL = {"atteso.txt", "rimuovi.txt", "prepara.py"}


def lay_case(case: Path, tree: Path) -> None:
    remove = case / "rimuovi.txt"
    if remove.exists():
        for rel in remove.read_text("utf-8").split():
            target = tree / rel
            shutil.rmtree(target) if target.is_dir() else target.unlink()
    for source in case.rglob("*"):
        rel = source.relative_to(case)
        if source.is_file() and str(rel) not in SPECIAL:
            (tree / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, tree / rel)
    if (case / "prepara.py").exists():
        runpy.run_path(str(case / "prepara.py"), init_globals={"ALBERO": tree})


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_prints_expected_problems(case, minimo, capsys):
    lay_case(case, minimo)
    code = main(["valida", "--radice", str(minimo)])
    out = capsys.readouterr().out
    if os.environ.get("RETE_AGGIORNA_ATTESI"):
        (case / "atteso.txt").write_text(out, "utf-8", newline="\n")
    expected = (case / "atteso.txt").read_text("utf-8")
    assert out == expected
    assert code == (1 if ": errore: " in expected else 0)


def test_every_case_has_expected_output():
    for case in CASES:
        assert (case / "atteso.txt").is_file(), case.name
