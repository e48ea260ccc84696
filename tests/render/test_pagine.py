"""Golden files: the Markdown generated from tests/alberi/piccolo, page by page.

After an intended change to the templates, regenerate with
``RETE_AGGIORNA_ATTESI=1 pytest tests/render/test_pagine.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import shutil
from datetime import date

import pytest

from rete.render import mdtext, pages, sitefiles
from rete.checks.validate import check

from ..conftest import TESTS

TREE = TESTS / "alberi" / "piccolo"
GOLDEN = TESTS / "attesi" / "piccolo"
TODAY = date(2026, 10, 15)  # «La rete» verifies the current year


def _files(folder):
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}


def test_generated_pages_match_golden_files(tmp_path):
    result = check(TREE)
    assert not result.problems
    out = tmp_path / "genera"
    sitefiles.write(pages.render(result.knowledge, today=TODAY), out)
    if os.environ.get("RETE_AGGIORNA_ATTESI"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(out, GOLDEN)
    produced, expected = _files(out), _files(GOLDEN)
    assert sorted(produced) == sorted(expected)
    for rel, path in expected.items():
        assert produced[rel].read_bytes() == path.read_bytes(), rel


def test_drafts_are_not_published():
    site = pages.render(check(TREE).knowledge)
    assert "schede/bozza-gruppo-lettura.md" not in site.pages
    assert not any("Gruppo di lettura" in text for text in site.pages.values())


def test_bundle_files_are_published_beside_their_scheda():
    site = pages.render(check(TREE).knowledge)
    assert set(site.assets) == {"schede/archivio-foto/liberatoria.txt",
                                "schede/archivio-foto/piazza.png"}
    assert "schede/archivio-foto/index.md" in site.pages


@pytest.mark.parametrize("text, expected", [
    ("<script>alert(1)</script>", r"\<script\>alert\(1\)\<\/script\>"),
    ("[x](javascript:alert(1))", r"\[x\]\(javascript\:alert\(1\)\)"),
    ("riga uno\n# titolo", r"riga uno \# titolo"),
    ("*enfasi* e `codice`", r"\*enfasi\* e \`codice\`"),
])
def test_inline_text_escapes_every_markdown_mark(text, expected):
    assert mdtext.inline(text) == expected


@pytest.mark.parametrize("value, expected", [
    (1250.5, "1.250,50 €"), (0, "0,00 €"), (2000, "2.000,00 €")])
def test_euro_is_written_the_italian_way(value, expected):
    assert mdtext.euro(value) == expected


def test_rete_genera_writes_the_rendered_pages_into_the_project_folder(tmp_path, capsys):
    """The pages are the golden ones, frozen for any engine (tests/site/test_genera.py)."""
    from rete.cli import main

    from ..sito import prepare

    tree = tmp_path / "piccolo"
    shutil.copytree(TREE, tree)
    prepare(tree)
    out = tmp_path / "pagine"
    assert main(["genera", "--radice", str(tree), "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith(
        f"Scritto il progetto del sito in {out}: 32 pagine generate")
    written = (out / "docs" / "schede" / "letture-al-nido.md").read_text("utf-8")
    assert "# Letture ad alta voce al nido {#letture-ad-alta-voce-al-nido}" in written
    assert "le bibliotecarie leggono ad alta voce" in written


def test_rete_genera_refuses_a_tree_with_errors(minimo, tmp_path, capsys):
    from rete.cli import main

    (minimo / "poli" / "polo-lettura.md").write_text("---\nnome: x\n---\n", encoding="utf-8")
    assert main(["genera", "--radice", str(minimo), "--out", str(tmp_path / "o")]) == 1
    out = capsys.readouterr().out
    assert "poli/polo-lettura.md: errore: campo 'tema': campo obbligatorio mancante" in out
    assert not (tmp_path / "o").exists()


def test_rete_genera_works_without_mkdocs(tmp_path):
    """The generator must not depend on MkDocs, so another site builder can adopt it."""
    import subprocess
    import sys

    from ..sito import prepare

    tree = tmp_path / "piccolo"
    shutil.copytree(TREE, tree)
    prepare(tree)
    script = (
        "import sys\n"
        "sys.modules['mkdocs'] = None  # any import of mkdocs now fails\n"
        "sys.modules['material'] = None\n"
        "from rete.cli import main\n"
        f"sys.exit(main(['genera', '--radice', {str(tree)!r}, '--out', "
        f"{str(tmp_path / 'out')!r}]))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env={**os.environ, "RETE_SENZA_LIBRETTO": "1"})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "docs" / "poli" / "polo-lettura.md").is_file()


@pytest.mark.parametrize("name, target", [
    ("c#1.pdf", "c%231.pdf"), ("d?x.pdf", "d%3Fx.pdf"), ("sotto/cartella a.txt",
                                                          "sotto/cartella%20a.txt")])
def test_material_names_are_link_paths_not_queries_or_fragments(name, target):
    assert mdtext.file_target(name) == target


def test_the_form_offers_email_and_github_only_when_configured():
    from rete.render.forms import form

    k = check(TREE).knowledge
    with_both = form.render("scheda", k, "https://github.com/rete/contenuti/")
    assert 'data-azione="email"' in with_both and 'data-azione="github"' in with_both
    assert '"contatto":"schede@rete.example.it"' in with_both
    assert '"repo":"https://github.com/rete/contenuti"' in with_both
    k.rete.contatto = None
    neither = form.render("scheda", k)
    assert 'data-azione="email"' not in neither and 'data-azione="github"' not in neither


def test_the_forms_data_cannot_close_its_script_element():
    from rete.render.forms import form

    text = form.script_json({"x": "</script><script>alert(1)</script>\u2028&"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script>\u2028&"}
