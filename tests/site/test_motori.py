"""The same site from each engine: MkDocs 1.6 and ProperDocs 1.6 read mkdocs.yml and its
hook; Zensical 0.0.73, which has no plugin API, builds the folder `rete genera` writes
(no rete code runs in it) and `rete indice` makes the search index afterwards.

On each: every page is there and no draft, hostile content is inert in Chromium
(no dialog, no request to another host), the Italian search finds other forms of a
word, and axe finds no WCAG violation on each type of page. Zensical runs from its
own venv (`make zensical`); outside CI a missing one skips with the reason, in CI
(``CI=true``) it fails, as a missing browser does.
"""

from __future__ import annotations

import pytest

from ..conftest import copy_sample, copy_tree
from ..sito import ENGINES, ZENSICAL, build, served
from .test_browser import (A11Y_PAGES, AXE_TAGS, HOSTILE_PAGES, STEMMED, _in_ci,
                           all_result_urls, axe, browser, describe, indexed_words,
                           open_page, settle, visit_hostile)
from .test_sito import make_hostile

pytestmark = [pytest.mark.browser, pytest.mark.lento]
__all__ = ["axe", "browser"]  # test_browser's fixtures, used here too

PAGES = ["", "schede/", "poli/", "temi/", "biblioteche/", "destinatari/", "parole-chiave/",
         "parole-chiave/nati-per-leggere/", "contribuire/", "cerca/", "compila/scheda/",
         "compila/polo/", "guida/", "coordinare/", "dati-aperti/", "identificativi/",
         "libretto/", "rete/", "rete/analisi/", "rete/verifica/",
         "schede/archivio-fotografico-paderno/", "schede/memory-cafe-anziani/",
         "poli/polo-lettura-0-6/", "temi/storia-locale/", "biblioteche/paderno-tilane/",
         "destinatari/adulti/"]
FILES = ["libretto.pdf", "scheda.docx", "polo.docx", "feed.xml", "dati/schede.json",
         "dati/rete.xlsx", "schede/archivio-fotografico-paderno/elenco-fondi.csv",
         "pagefind/pagefind.js"]
DRAFT = "schede/biblioteca-dei-semi"  # bozza: true in schede/
# One page of each type: the engines differ in how they lay a page out, not in which.
TYPES = ["home", "scheda-cartella", "scheda", "polo", "tema", "biblioteca", "destinatari",
         "parole-chiave", "cerca", "compila-scheda", "libretto", "rete-analisi"]


def _engine_ready(engine: str) -> None:
    if engine == "zensical" and not ZENSICAL.is_file():
        reason = f"Zensical non è installato in {ZENSICAL.parent.parent} (make zensical)"
        if _in_ci():
            pytest.fail(f"CI=true ma {reason}", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="module", params=ENGINES)
def engine(request) -> str:
    _engine_ready(request.param)
    return request.param


@pytest.fixture(scope="module")
def built(engine, tmp_path_factory):
    """The sample content built by ``engine``."""
    base = tmp_path_factory.mktemp(f"motore-{engine}")
    done = build(copy_sample(base / "contenuti"), base / "site", libretto=False,
                 engine=engine)
    assert done.returncode == 0, done.stdout + done.stderr
    return base / "site"


@pytest.fixture(scope="module")
def hostile(engine, tmp_path_factory):
    """The minimal tree with hostile front-matter, body and bundle, built by ``engine``."""
    base = tmp_path_factory.mktemp(f"ostile-{engine}")
    tree = make_hostile(copy_tree("minimo", base), base)
    done = build(tree, base / "site", libretto=False, engine=engine)
    assert done.returncode == 0, done.stdout + done.stderr
    with served(base / "site") as url:
        yield url


@pytest.fixture(scope="module")
def base_url(built):
    with served(built) as url:
        yield url


def test_every_page_and_published_file_is_there_and_no_draft(built):
    missing = [p for p in PAGES if not (built / p / "index.html").is_file()]
    missing += [f for f in FILES if not (built / f).is_file()]
    assert missing == []
    assert not (built / DRAFT).exists()
    assert not any("biblioteca dei semi" in p.read_text("utf-8")
                   for p in built.rglob("*.html") if "pagefind" not in p.parts)


def test_the_search_and_the_forms_get_their_own_scripts(built):
    """overrides/main.html tells these pages apart by page.url, which every engine has."""
    for path, script in (("cerca", "cerca.js"), ("compila/scheda", "compila.js"),
                         ("compila/polo", "compila.js")):
        assert f"javascripts/{script}" in (built / path / "index.html").read_text("utf-8")
    assert "data-pagefind-body" not in (built / "rete" / "index.html").read_text("utf-8")


def test_a_scheda_carries_its_description_and_its_code_for_paper(built):
    page = (built / "schede" / "memory-cafe-anziani" / "index.html").read_text("utf-8")
    head = page.split("</head>", 1)[0]
    assert '<script type="application/ld+json">' in head
    assert 'class="rete-qr"' in page and "data-indirizzo=" in page


@pytest.mark.parametrize("path", HOSTILE_PAGES, ids=lambda p: p or "home")
def test_hostile_content_runs_nothing_and_asks_no_other_host(browser, hostile, path):
    dialogs, requested, scripts = visit_hostile(
        browser, hostile + path,
        "[...document.querySelectorAll('article script')].map(s => s.outerHTML)")
    assert dialogs == []
    assert [url for url in requested if not url.startswith((hostile, "data:"))] == []
    assert scripts == []  # the content holds no script: only the theme's own run


@pytest.mark.parametrize("query, form, expected", STEMMED[:2], ids=[q for q, _, _ in STEMMED[:2]])
def test_italian_search_finds_other_forms_of_a_word(browser, base_url, built, query, form,
                                                    expected):
    words = indexed_words(built, expected)
    assert form in words and not any(w.startswith(query) for w in words)
    with open_page(browser) as page:
        page.goto(f"{base_url}cerca/?q={query}")
        found = all_result_urls(page)
    assert base_url + expected in found, sorted(found)


@pytest.mark.parametrize("kind", TYPES)
def test_axe_finds_no_violation_on_each_type_of_page(browser, base_url, axe, kind):
    path = A11Y_PAGES[kind]
    with open_page(browser) as page:
        page.goto(base_url + path)
        if path.startswith("cerca/"):
            all_result_urls(page)
        settle(page)
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = result.response["violations"]
    assert not violations, f"axe su /{path}:\n" + describe(violations)
