"""How practices spread, in a real browser: «Riprendi questa pratica» fills the form
from the published scheda and the file it downloads validates once the adopting
library has written its own facts; the scheda page's new parts and the «Diffusione»
page pass axe in both palettes, on a phone and on a desktop, and ask nothing of
another host.

The fixtures (Debian's Chromium through Playwright, the built sample site) are
those of test_browser.py and test_compila.py.
"""

from __future__ import annotations

import pytest

from rete.cli import main as rete
from rete.content import writer

from ..conftest import ROOT, copy_sample
from .test_browser import (AXE_TAGS, axe, base_url, describe,  # noqa: F401
                           open_page, settle)
from .test_compila import IT, browser, check_box, download, field, parsed, ready  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.lento]

# A scheda that took up a practice of this network and one of another network, and
# tells how it adapted them: the section that is not carried over.
SOURCE = "book-club-young-adult"
ADOPTED = "letture-famiglie-nati-per-leggere"  # taken up by another library's scheda
ADAPTED = "## Come l'abbiamo adattata"


def _source():
    from rete.content.loader import read_document

    path = ROOT / "schede" / f"{SOURCE}.md"
    doc, problems = read_document("scheda", path, path.name, SOURCE)
    assert not problems and ADAPTED in doc.body, "l'esempio non ha più la sezione adattata"
    return doc


def test_riprendi_fills_the_practice_and_leaves_the_library_its_own_facts(browser, base_url,
                                                                          tmp_path):
    source = _source()
    with open_page(browser, **IT) as page:
        page.goto(base_url + f"schede/{SOURCE}/")
        page.get_by_role("link", name="Riprendi questa pratica").click()
        page.wait_for_selector("#rete-modulo[data-pronto]")
        status = page.locator("#rete-stato").inner_text()
        kept = {name: field(page, name).input_value()
                for name in ("titolo", "tema", "sintesi", "ripresa_da", "biblioteca",
                             "referente.nome", "referente.email", "periodo.inizio",
                             "risultati", "corpo.Descrizione")}
        audiences = page.locator('[name="destinatari"]:checked').evaluate_all(
            "boxes => boxes.map(b => b.value)")
        # Nothing of the library that did it may go out under the adopting library's name.
        page.get_by_role("button", name="Scarica il file").click()
        summary = page.locator("#rete-riepilogo li").all_inner_texts()
        field(page, "biblioteca").select_option(label="Bollate – Biblioteca comunale di Bollate")
        field(page, "referente.nome").fill("Nicolò D’Amico")
        field(page, "referente.email").fill("ragazzi@bollate.example.it")
        date = field(page, "periodo.inizio")
        date.click()
        date.press_sequentially("01032026")
        page.get_by_role("button", name="Anteprima").click()
        preview = page.locator("#rete-anteprima dl").inner_text()
        name, text = download(page)
    assert f"Stai riprendendo «{source.data['titolo']}»" in status
    assert kept["titolo"] == source.data["titolo"] and kept["tema"] == source.data["tema"]
    assert kept["sintesi"] == source.data["sintesi"]
    assert sorted(audiences) == sorted(source.data["destinatari"])
    assert kept["ripresa_da"] == SOURCE
    assert kept["biblioteca"] == kept["referente.nome"] == kept["referente.email"] == ""
    assert kept["periodo.inizio"] == kept["risultati"] == ""
    assert kept["corpo.Descrizione"].strip()
    assert any(line.startswith("«Biblioteca»") for line in summary), summary
    assert f"Ripresa da\n{source.data['titolo']}" in preview, preview
    # The title is still the source's: the file's name says whose it is.
    assert name == "pagine-ribelli-book-club-gestito-dai-ragazzi-bollate.md"
    doc = parsed("scheda", text, tmp_path)
    assert doc.data["ripresa_da"] == [SOURCE]
    assert doc.data["biblioteca"] == "bollate"
    assert doc.data["destinatari"] == source.data["destinatari"]  # in the source's order
    assert "risultati" not in doc.data and "partner" not in doc.data
    assert ADAPTED not in doc.body
    assert doc.body.split("## ")[1] == source.body.split("## ")[1]  # «Descrizione», whole
    assert text == writer.dump("scheda", doc.data, doc.body)
    tree = copy_sample(tmp_path / "albero")
    (tree / "schede" / name).write_text(text, encoding="utf-8")
    assert rete(["valida", "--radice", str(tree)]) == 0


def test_riprendi_of_a_scheda_that_is_not_there_says_so(browser, base_url):
    with open_page(browser, **IT) as page:
        ready(page, base_url + "compila/scheda/?riprendi=non-esiste")
        status = page.locator("#rete-stato").inner_text()
        title = field(page, "titolo").input_value()
    assert status == "Non trovo i dati di «non-esiste»: puoi compilare il modulo da capo."
    assert title == ""


def test_a_list_of_practices_is_checked_line_by_line(browser, base_url):
    with open_page(browser, **IT) as page:
        ready(page, base_url + f"compila/scheda/?riprendi={SOURCE}")
        field(page, "ripresa_da").fill(f"{SOURCE}\nhttps://altra.example.org/schede/x/\n"
                                       "Una scheda di Bollate")
        page.get_by_role("button", name="Scarica il file").click()
        summary = page.locator("#rete-riepilogo li").all_inner_texts()
        field(page, "ripresa_da").fill("\n".join(f"scheda-{n}" for n in range(6)))
        page.get_by_role("button", name="Scarica il file").click()
        too_many = page.locator("#rete-riepilogo li").all_inner_texts()
    assert [s for s in summary if s.startswith("«Ripresa da»")] == [
        "«Ripresa da», riga «Una scheda di Bollate»: scrivi l'identificativo di una scheda "
        "(lettere minuscole, cifre e trattini) oppure un indirizzo che inizia con https:// "
        "senza spazi"]
    assert "«Ripresa da»: 6 righe; al massimo 5" in too_many


PAGES = {"scheda-ripresa": f"schede/{SOURCE}/", "scheda-fonte": f"schede/{ADOPTED}/",
         "diffusione": "rete/diffusione/", "riprendi": f"compila/scheda/?riprendi={SOURCE}"}
WIDTHS = {"telefono": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("scheme", ["light", "dark"], ids=["chiaro", "scuro"])
@pytest.mark.parametrize("viewport", list(WIDTHS), ids=list(WIDTHS))
@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_axe_finds_no_violation(browser, base_url, axe, path, viewport, scheme):
    with open_page(browser, color_scheme=scheme, viewport=WIDTHS[viewport]) as page:
        page.goto(base_url + path)
        settle(page)
        if "riprendi" in path:
            page.wait_for_selector("#rete-modulo[data-pronto]")
        width = page.evaluate("document.scrollingElement.scrollWidth")
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    assert width <= WIDTHS[viewport]["width"], f"/{path} è largo {width}px"
    violations = result.response["violations"]
    assert not violations, f"axe su /{path} ({viewport}, {scheme}):\n" + describe(violations)


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_no_request_leaves_the_site(browser, base_url, path):
    requested: list[str] = []
    with open_page(browser) as page:
        page.context.on("request", lambda request: requested.append(request.url))
        page.goto(base_url + path)
        settle(page)
    assert base_url + path in requested
    assert [u for u in requested if not u.startswith((base_url, "data:", "blob:"))] == []


def test_the_scheda_page_shows_where_it_came_from_and_what_is_similar(browser, base_url):
    with open_page(browser) as page:
        page.goto(base_url + f"schede/{SOURCE}/")
        card = page.locator("article dl").first.inner_text()
        headings = [h.rstrip("¶") for h in page.locator("article h2").all_inner_texts()]
        external = page.get_by_role("link", name="una pratica della rete biblioteche.example.org")
        href = external.get_attribute("href")
        page.goto(base_url + f"schede/{ADOPTED}/")
        adopted = [h.rstrip("¶") for h in page.locator("article h2").all_inner_texts()]
        page.emulate_media(media="print")
        printed = page.locator("article h2", has_text="Pratiche simili").is_visible()
        offered = page.get_by_role("link", name="Riprendi questa pratica").is_visible()
    assert "Ripresa da" in card
    assert href == "https://biblioteche.example.org/schede/club-del-libro-ragazzi/"
    assert "Pratiche simili" in headings and "Chi l'ha già fatto vicino a te" in headings
    assert "Ripresa da 1 biblioteca" in adopted
    assert printed and not offered  # on paper: the lists, not the button


def test_the_diffusione_page_draws_its_graph_with_its_table(browser, base_url):
    with open_page(browser) as page:
        page.goto(base_url + "rete/diffusione/")
        svgs = page.locator("article svg[role=img]").count()
        arrows = page.locator("article svg path.freccia").count()
        rows = page.locator("article h3 + .rete-grafico-e-tabella table tbody tr, "
                            "article h3 ~ div table tbody tr").count()
        titles = page.locator("article svg path.freccia").evaluate_all(
            "paths => paths.map(p => p.parentNode.querySelector('title').textContent)")
    assert svgs >= 2 and arrows >= 1 and rows >= arrows
    assert all(t.startswith("Da ") and " a " in t for t in titles), titles
