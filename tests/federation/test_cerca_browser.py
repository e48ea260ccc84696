"""One search over every network, in Chromium: the portal merges each network's own
Pagefind bundle (mergeIndex) served from its own site on its own port with the CORS
header GitHub Pages sends; results come from every network and link to its site; a
network whose bundle cannot be loaded is skipped with an Italian notice."""

from __future__ import annotations

import functools
import threading
from contextlib import ExitStack, contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rete import cli

from ..site.test_browser import browser, open_page  # noqa: F401
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


@pytest.fixture(scope="module")
def portal(sito_esempio, tmp_path_factory):
    """Two networks serving the sample site (each on its port), a third whose site has
    no search bundle, and the portal on a fourth port."""
    root = tmp_path_factory.mktemp("portale")
    (root / "vuoto").mkdir()
    with ExitStack() as stack:
        sites = [stack.enter_context(cors_served(sito_esempio)) for _ in range(2)]
        sites.append(stack.enter_context(cors_served(root / "vuoto")))
        data = sito_esempio / "dati"
        (root / "federazione.yml").write_text(
            "nome: Portale di prova\nsito: https://portale.example.it/\nreti:\n" + "".join(
                f"  - id: rete-{i}\n    nome: Rete {i}\n    sito: {site}\n    dati: {data}\n"
                for i, site in enumerate(sites, 1)), "utf-8")
        out = root / "out"
        assert cli.main(["federa", str(root / "federazione.yml"), "--out", str(out)]) == 0
        url = stack.enter_context(served(out))
        yield url, sites


def test_results_come_from_every_network_and_a_missing_bundle_is_skipped(browser, portal):
    url, sites = portal
    with open_page(browser) as page:
        page.goto(url + "cerca.html")
        page.get_by_label("Parole da cercare").fill("biblioteche")
        page.get_by_role("button", name="Cerca").click()
        page.wait_for_function(
            "document.getElementById('rete-ricerca-stato').textContent.includes('risultat')")
        status = page.locator("#rete-ricerca-stato").inner_text()
        items = "#rete-ricerca-risultati > li"
        while page.locator("#rete-ricerca-altri").is_visible():
            n = page.locator(items).count()
            page.locator("#rete-ricerca-altri").click()
            page.wait_for_function(f"document.querySelectorAll('{items}').length > {n}")
        links = page.locator("#rete-ricerca-risultati a").evaluate_all(
            "links => links.map(a => a.href)")
        names = page.locator("#rete-ricerca-risultati .rete").all_inner_texts()
        notices = page.locator("#rete-ricerca-avvisi li").all_inner_texts()
    assert status.endswith("risultati per «biblioteche»"), status
    assert any(link.startswith(sites[0]) for link in links), links
    assert any(link.startswith(sites[1]) for link in links), links
    assert all(link.startswith(tuple(sites[:2])) for link in links), links
    assert {"Rete 1", "Rete 2"} <= set(names)
    assert notices == ["La ricerca di Rete 3 non è raggiungibile in questo momento: "
                       "i suoi risultati mancano."]
