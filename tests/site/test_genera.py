"""`rete genera --out`: the complete project folder any engine builds with no rete code,
and the pages in it made safe before the engine (publish/frozen.py); `rete indice`."""

from __future__ import annotations

import shutil
from datetime import date
import sys
from pathlib import Path

import markdown
import pytest
import yaml

from rete.checks.validate import check
from rete.cli import main
from rete.publish import config, frozen, tree
from rete.runtime import aside
from rete.runtime.helper import SecondProcess
from rete.runtime.stored import FOLDER
from rete.publish.links import Resolver

from ..conftest import copy_tree
from ..sito import build_generated, prepare

# An engine run with rete made impossible to import: what it builds, it builds alone.
WITHOUT_RETE = ("import runpy, sys; sys.modules['rete'] = None; sys.argv = [{0!r}, 'build', "
                "'--strict']; runpy.run_module({0!r}, run_name='__main__')")


@pytest.fixture
def project(tmp_path) -> Path:
    tree = copy_tree("piccolo", tmp_path)
    prepare(tree)
    return tree


def _genera(tree: Path, out: Path, monkeypatch) -> int:
    monkeypatch.chdir(tree)
    monkeypatch.setenv("RETE_SENZA_LIBRETTO", "1")
    return main(["genera", "--out", str(out)])


def test_genera_writes_a_complete_project_without_hooks(project, tmp_path, monkeypatch,
                                                        capsys):
    out = tmp_path / "generato"
    assert _genera(project, out, monkeypatch) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"Scritto il progetto del sito in {out}: 32 pagine generate")
    config = (out / "mkdocs.yml").read_text("utf-8")
    assert "hooks" not in yaml.safe_load(config) and "site_name: Rete di prova" in config
    assert "site_url: https://rete.example.it/" in config and "licenza:" in config
    assert "# The site's configuration." in config  # comments kept
    docs = out / "docs"
    for path in ("index.md", "cerca.md", "stylesheets/rete.css", "schede/index.md",
                 "schede/letture-al-nido.md", "schede/archivio-foto/piazza.png",
                 "libretto.md", "libretto.pdf", "feed.xml", "scheda.docx", "polo.docx",
                 "dati/schede.json", "dati/rete.xlsx", "compila/scheda.md"):
        assert (docs / path).is_file(), path
    assert (out / "overrides" / "main.html").is_file()
    scheda = (docs / "schede" / "letture-al-nido.md").read_text("utf-8")
    assert scheda.startswith("---\nrete_jsonld: ") and 'class="rete-qr"' in scheda
    assert "<!-- rete:" not in (docs / "contribuire.md").read_text("utf-8")  # expanded


def test_genera_replaces_its_own_output_and_refuses_any_other_folder(project, tmp_path,
                                                                     monkeypatch, capsys):
    out = tmp_path / "generato"
    assert _genera(project, out, monkeypatch) == 0
    (out / "docs" / "vecchia.md").write_text("# vecchia\n", encoding="utf-8")
    assert _genera(project, out, monkeypatch) == 0
    assert not (out / "docs" / "vecchia.md").exists()  # replaced whole
    someone = tmp_path / "mia"
    someone.mkdir()
    (someone / "appunti.txt").write_text("da non perdere", encoding="utf-8")
    capsys.readouterr()
    assert _genera(project, someone, monkeypatch) == 2
    err = capsys.readouterr().err
    assert "non è vuota e non è stata scritta da «rete genera»: non la sovrascrivo" in err
    assert (someone / "appunti.txt").read_text("utf-8") == "da non perdere"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_genera_needs_the_project_folder(tmp_path, monkeypatch, capsys):
    tree = copy_tree("piccolo", tmp_path)
    assert _genera(tree, tmp_path / "o", monkeypatch) == 2
    assert "manca mkdocs.yml" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


@pytest.mark.lento
@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_the_generated_folder_builds_with_no_rete_code(project, tmp_path, engine):
    out = tmp_path / "site"
    done = build_generated(project, out, libretto=False, command=(
        sys.executable, "-c", WITHOUT_RETE.format(engine)))
    assert done.returncode == 0, done.stdout + done.stderr
    assert (out / "schede" / "letture-al-nido" / "index.html").is_file()
    assert (out / "pagefind" / "pagefind-entry.json").is_file()  # rete indice
    assert "Indice di ricerca scritto in" in done.stdout


def test_indice_refuses_a_folder_that_is_not_a_built_site(tmp_path, capsys):
    assert main(["indice", str(tmp_path)]) == 2
    assert "non c'è un sito costruito (manca index.html)" in capsys.readouterr().err


# --- One page made safe before the engine --------------------------------------------

def _freeze(body: str, page: str = "schede/a.md", **finish) -> str:
    renderer = frozen.Renderer(["attr_list", "md_in_html", "def_list"], {},
                               Resolver({"schede/a.md", "temi/t.md", "schede/f.pdf"}))
    return frozen.freeze(body, page, renderer, frozen.Finish(
        address="https://rete.example.it/schede/a/", **finish))


def test_a_frozen_page_keeps_no_script_handler_or_load_from_elsewhere():
    text = _freeze("# Titolo\n\n<script>alert(1)</script>\n\n"
                   "<div onclick=\"alert(1)\">x</div>\n\n![f](https://altro.example/x.png)\n\n"
                   "[a](javascript:alert(1))\n\n## Parte {: #__config onmouseover=alert(1) }\n"
                   "\n<center>[b](javascript:alert(2))</center>\n")
    # What an engine makes of it: Python-Markdown with the site's extensions.
    page = markdown.markdown(frozen.split_front(text)[1],
                             extensions=["attr_list", "md_in_html", "toc", "tables"])
    assert "<script" not in page and "onclick" not in page and "onmouseover" not in page
    assert 'src="https://altro.example' not in page and 'href="javascript:' not in page
    assert "[b](javascript:alert(2))" in page  # text the sanitiser left, still text
    assert 'id="__config"' not in page  # the theme's ids stay the theme's
    assert "## Parte {#s-config}" in text


def test_a_frozen_page_has_markdown_headings_a_title_and_rooted_links():
    text = _freeze("---\ntags:\n  - x\n---\n\n# Una *scheda* <b>vera</b>\n\n"
                   "Vedi [il tema](../temi/t.md#sezione) e [il file](f.pdf).\n\n"
                   "<!-- material/tags { include: [\"x\"] } -->\n")
    assert text.startswith('---\ntags:\n  - x\ntitle: "Una scheda vera"\n---\n')
    assert "\n# Una scheda vera {#una-scheda-vera}\n" in text
    assert 'href="/temi/t/#sezione"' in text and 'href="/schede/f.pdf"' in text
    assert '\n<!-- material/tags { include: ["x"] } -->\n' in text  # for the engine


def test_a_link_to_nothing_is_a_problem_said_in_italian():
    resolver = Resolver({"schede/a.md"})
    renderer = frozen.Renderer([], {}, resolver)
    frozen.freeze("[x](manca.pdf) [y](../poli/p/)", "schede/a.md", renderer, frozen.Finish())
    assert resolver.broken == [("schede/a.md", "manca.pdf")]  # an address is left as is



class _SmallShares(SecondProcess):
    """A forked second process taking four pages at a time, even on a small tree."""

    def shared(self, count, work, chunk=None):
        return aside.shared(count, work, 4)


def test_pages_frozen_by_two_processes_are_the_ones_one_process_freezes(project):
    result = check(project)
    settings = config.settings(config.read((project / "mkdocs.yml").read_text("utf-8")),
                               result.knowledge.rete.sito)
    alone = tree.prepare(result.knowledge, project, settings, result.problems)
    shutil.rmtree(project / FOLDER)  # or the second would take every page from the shelf
    shared = tree.prepare(result.knowledge, project, settings, result.problems,
                          helper=_SmallShares())
    assert len(alone.pages) > 8  # more than two shares
    assert shared.pages == alone.pages and shared.problems == alone.problems


def test_a_second_build_freezes_no_page_and_an_edit_only_what_it_changed(project, monkeypatch):
    from rete.render.pages import scheda_path

    frozen_now = []
    real = tree.freeze
    monkeypatch.setattr(tree, "freeze", lambda text, page, *rest: frozen_now.append(page)
                        or real(text, page, *rest))
    result = check(project)
    settings = config.settings(config.read((project / "mkdocs.yml").read_text("utf-8")),
                               result.knowledge.rete.sito)
    first = tree.prepare(result.knowledge, project, settings, result.problems)
    assert len(frozen_now) > 8  # every page but the trusted ones (the forms)
    frozen_now.clear()
    rendered = []
    monkeypatch.setattr(tree.pages, "render", lambda *a, real=tree.pages.render, **kw:
                        rendered.append(1) or real(*a, **kw))
    again = tree.prepare(result.knowledge, project, settings, result.problems)
    assert frozen_now == [] and rendered == []  # the whole tree from .cache/rete
    assert (again.pages, again.files, again.assets, again.printed, again.problems) == (
        first.pages, first.files, first.assets, first.printed, first.problems)
    # another day (the year whose requests are counted may change): rendered again
    monkeypatch.setattr(tree, "date", type("Domani", (), {"today": staticmethod(
        lambda: date(2031, 1, 2))}))
    tree.prepare(result.knowledge, project, settings, result.problems)
    assert rendered == [1]  # the pages whose Markdown did not change: taken frozen
    assert "schede/letture-al-nido.md" in first.pages
    assert "schede/letture-al-nido.md" not in frozen_now and len(frozen_now) < len(
        first.pages) / 2
    frozen_now.clear()
    monkeypatch.undo()
    monkeypatch.setattr(tree, "freeze", lambda text, page, *rest: frozen_now.append(page)
                        or real(text, page, *rest))
    # an edit to one scheda freezes that page again, and the pages that list it
    page = next(path for s in result.knowledge.pubblicate
                if (project / (path := scheda_path(s))).is_file())
    scheda = project / page
    scheda.write_text(scheda.read_text("utf-8") + "\nUna riga nuova in fondo.\n",
                      encoding="utf-8")
    result = check(project)
    edited = tree.prepare(result.knowledge, project, settings, result.problems)
    assert page in frozen_now and len(frozen_now) < len(first.pages) / 2
    assert "Una riga nuova in fondo." in edited.pages[page]


def test_a_kept_page_comes_back_with_its_broken_links(tmp_path):
    from rete.publish.shelved import FrozenPages
    from rete.runtime.stored import Shelf

    shelf = Shelf(tmp_path)
    kept = FrozenPages(shelf, ([], {}), {"schede/a.md"})
    key = kept.key("schede/a.md", "[x](manca.pdf)", frozen.Finish())
    assert kept.get(key) is None
    kept.put(key, "<p>x</p>", [("schede/a.md", "manca.pdf")])
    kept.keep()
    again = FrozenPages(shelf, ([], {}), {"schede/a.md"})
    assert again.get(key) == ("<p>x</p>", [("schede/a.md", "manca.pdf")])
    # another set of files in the tree (a link may now resolve): not the same page
    other = FrozenPages(shelf, ([], {}), {"schede/a.md", "schede/manca.pdf"})
    assert other.get(other.key("schede/a.md", "[x](manca.pdf)", frozen.Finish())) is None


def test_a_kept_tree_comes_back_with_its_problems_and_only_whole(tmp_path):
    from rete.problems import Level, Problem
    from rete.publish.shelved import FrozenPages, WholeTrees
    from rete.runtime.stored import Shelf

    shelf = Shelf(tmp_path)
    frozen_pages = FrozenPages(shelf, ([], {}), {"schede/a.md"})
    key = frozen_pages.key("schede/a.md", "testo", frozen.Finish())
    frozen_pages.put(key, "<p>congelata</p>", [])
    frozen_pages.keep()
    said = [Problem("schede/a.md", 3, None, Level.ERRORE, "un collegamento rotto", "correggilo")]
    WholeTrees(shelf, ("modello", 1)).put({"schede/a.md": "x", "compila/a.md": "fidata"},
                                           {"feed.xml": "<rss/>"}, said, {"schede/a.md": key})
    assert WholeTrees(shelf, ("modello", 1)).get() == (
        {"schede/a.md": "<p>congelata</p>", "compila/a.md": "fidata"}, {"feed.xml": "<rss/>"},
        said)
    assert WholeTrees(shelf, ("modello", 2)).get() is None  # something else changed
    FrozenPages(shelf, ([], {}), set()).keep()  # the frozen pages replaced by none
    assert WholeTrees(shelf, ("modello", 1)).get() is None
