"""Every form offers ``ripresa_da`` and what a librarian writes there comes back as the list
the schema wants: the GitHub issue (imported with `rete importa issue`) and the Word form."""

from __future__ import annotations

import io
import sys

from docx import Document as Docx

from rete.cli import main
from rete.content.loader import read_document

from ..intake.test_issue import SCHEDA, catalog_of, github_body

TAKEN = ["serate-giochi-da-tavolo", "https://altra.example.org/schede/gioco-in-piazza/"]


def test_an_issue_says_which_practices_it_took_up(esempio, capsys, monkeypatch):
    body = github_body("scheda", catalog_of(esempio), {**SCHEDA, "ripresa_da": TAKEN})
    assert "### Ripresa da" in body
    monkeypatch.setattr(sys, "stdin", io.StringIO(body))
    assert main(["importa", "issue", "-", "--radice", str(esempio)]) == 0, \
        capsys.readouterr().out
    path = esempio / "schede" / "letture-ad-alta-voce-al-nido.md"
    doc, problems = read_document("scheda", path, "x.md", "x")
    assert not problems and doc.data["ripresa_da"] == TAKEN
    assert main(["valida", "--radice", str(esempio)]) == 0


def test_the_word_form_asks_for_it(esempio, tmp_path):
    target = tmp_path / "scheda.docx"
    assert main(["modulo", "docx", "scheda", "--out", str(target), "--radice", str(esempio)]) == 0
    cells = [c.text for t in Docx(target).tables for row in t.rows for c in row.cells]
    assert any(c.startswith("Ripresa da") for c in cells)
    assert any("https://" in c and "schede/" in c for c in cells)
