"""One search over every network, in Chromium: the portal merges each network's own
Pagefind bundle (mergeIndex) served from its own site on its own port with the CORS
header GitHub Pages sends; results come from every network, Italian stemming included,
and link to its site; a network whose bundle cannot be reached, or answers but cannot be
loaded, is skipped with an Italian notice and the search goes on; axe finds nothing on
the page showing results."""

from __future__ import annotations

import functools
import shutil
import threading
from contextlib import ExitStack, contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rete import cli

from rete.publish.search import Indexer

from ..site.test_browser import AXE_TAGS, axe, browser, describe, open_page  # noqa: F401
from ..sito import served

pytestmark = [pytest.mark.browser, pytest.mark.lento]


class _Cors(SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")  # what GitHub Pages sends
        super().end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def cors_served(folder: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Cors, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


# The second network's own pages: words the sample site does not have («cicloteca»),
# and «biblioteca» inflected otherwise than the search asks it.
BETA_PAGES = {
    "/schede/cicloteca/": ("La cicloteca della biblioteca di Beta",
                           "Le biciclette si prestano come i libri: una cicloteca in cortile."),
    "/schede/prestito-bici/": ("Prestito di biciclette",
                               "Una biblioteca che presta biciclette ai ragazzi del quartiere."),
}


def beta_site(folder: Path) -> Path:
    """A small network site of its own: two pages and their Pagefind bundle."""
    index = Indexer()
    for url, (title, text) in BETA_PAGES.items():
        html = (f'<html lang="it"><head><title>{title}</title></head><body>'
                f"<main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body></html>")
        page = folder / url.strip("/") / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(html, "utf-8")
        index.add(html, url)
    index.write(str(folder / "pagefind"))
    return folder


def broken_site(folder: Path, bundle: Path) -> Path:
    """A site whose bundle answers (its entry is there) but cannot be loaded."""
    shutil.copytree(bundle, folder / "pagefind")
    for meta in (folder / "pagefind").glob("*.pf_meta"):
        meta.unlink()
    return folder


@pytest.fixture(scope="module")
def portal(sito_esempio, tmp_path_factory):
    """Rete 1 serves the sample site, Rete 2 a site of its own, Rete 3 a site without a
    search bundle, Rete 4 a broken bundle; each on its port, the portal on a fifth."""
    root = tmp_path_factory.mktemp("portale")
    (root / "vuoto").mkdir()
    beta = beta_site(root / "beta")
    broken = broken_site(root / "rotto", beta / "pagefind")
    with ExitStack() as stack:
        sites = [stack.enter_context(cors_served(folder))
                 for folder in (sito_esempio, beta, root / "vuoto", broken)]
        data = sito_esempio / "dati"
        (root / "federazione.yml").write_text(
            "nome: Portale di prova\nsito: https://portale.example.it/\nreti:\n" + "".join(
                f"  - id: rete-{i}\n    nome: Rete {i}\n    sito: {site}\n    dati: {data}\n"
                for i, site in enumerate(sites, 1)), "utf-8")
        out = root / "out"
        assert cli.main(["federa", str(root / "federazione.yml"), "--out", str(out)]) == 0
        url = stack.enter_context(served(out))
        yield url, sites


def search(page, url: str, words: str) -> str:
    page.goto(url + "cerca.html")
    page.get_by_label("Parole da cercare").fill(words)
    page.get_by_role("button", name="Cerca").click()
    page.wait_for_function("document.getElementById('rete-ricerca-stato').textContent")
    return page.locator("#rete-ricerca-stato").inner_text()


def every_result(page) -> tuple[list[str], list[str]]:
    """Every result's link and network, pressing «Altri risultati» until all are shown."""
    items = "#rete-ricerca-risultati > li"
    while page.locator("#rete-ricerca-altri").is_visible():
        n = page.locator(items).count()
        page.locator("#rete-ricerca-altri").click()
        page.wait_for_function(f"document.querySelectorAll('{items}').length > {n}")
    links = page.locator("#rete-ricerca-risultati a").evaluate_all(
        "links => links.map(a => a.href)")
    return links, page.locator("#rete-ricerca-risultati .rete").all_inner_texts()


NOTICES = ["La ricerca di Rete 3 non è raggiungibile in questo momento: "
           "i suoi risultati mancano.",
           "La ricerca di Rete 4 non si è caricata: i suoi risultati mancano."]


def test_results_come_from_every_network_and_a_missing_bundle_is_skipped(browser, portal):
    url, sites = portal
    with open_page(browser) as page:
        status = search(page, url, "biblioteche")
        links, names = every_result(page)
        notices = page.locator("#rete-ricerca-avvisi li").all_inner_texts()
    assert status.endswith("risultati per «biblioteche»"), status
    assert any(link.startswith(sites[0]) for link in links), links
    assert {sites[1] + p.lstrip("/") for p in BETA_PAGES} <= set(links), links
    assert all(link.startswith(tuple(sites[:2])) for link in links), links
    assert {"Rete 1", "Rete 2"} == set(names)
    assert notices == NOTICES


def test_a_word_of_one_network_ranks_its_page_first_through_italian_stemming(browser,
                                                                            portal):
    url, sites = portal
    with open_page(browser) as page:
        status = search(page, url, "cicloteche")  # the page says «cicloteca»
        links, names = every_result(page)
    assert status.endswith("per «cicloteche»") and links, (status, links)
    assert links[0] == sites[1] + "schede/cicloteca/", links
    assert names[0] == "Rete 2"
    assert sites[1] + "schede/prestito-bici/" not in links  # no such word there


@pytest.mark.parametrize("scheme", ["light", "dark"], ids=["chiaro", "scuro"])
@pytest.mark.parametrize("width", [360, 1280], ids=["telefono", "desktop"])
def test_axe_finds_no_violation_with_results_and_notices_shown(browser, portal, axe, width,
                                                              scheme):
    url, _ = portal
    with open_page(browser, color_scheme=scheme,
                   viewport={"width": width, "height": 800}) as page:
        search(page, url, "biblioteche")
        page.wait_for_selector("#rete-ricerca-risultati a")
        wide = page.evaluate("document.scrollingElement.scrollWidth")
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert wide <= width, f"la pagina Cerca è larga {wide}px"
    violations = result.response["violations"]
    assert not violations, f"axe su cerca.html con risultati ({width}px, {scheme}):\n" + (
        describe(violations))
