"""The site's own form (compila/scheda/, compila/polo/) in a real browser: a librarian
fills it, downloads the file and `rete valida` accepts it; mistakes are explained in
Italian; a reload keeps the input; «Correggi questa scheda» gives back the same file.

The fixtures (Debian's Chromium through Playwright, the built sample site) are
those of test_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rete.content import writer
from rete.cli import main as rete
from rete.content.loader import read_document

from ..conftest import ROOT, copy_sample
from .test_browser import (AXE_TAGS, axe, base_url, describe,  # noqa: F401
                           italian, open_page, settle)

pytestmark = [pytest.mark.browser, pytest.mark.lento]

IT = {"locale": "it-IT", "accept_downloads": True}


@pytest.fixture(scope="module")
def browser():
    """Chromium in Italian, as a librarian's: its date control reads gg/mm/aaaa."""
    with italian() as chromium:
        yield chromium


def ready(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("#rete-modulo[data-pronto]")


def field(page, name: str):
    return page.locator(f'[name="{name}"]')


def check_box(page, name: str, label: str) -> None:
    page.locator(f'fieldset:has([name="{name}"])').get_by_label(label, exact=True).check()


def download(page, button: str = "Scarica il file") -> tuple[str, str]:
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    got = info.value
    return got.suggested_filename, Path(got.path()).read_text("utf-8")


def parsed(kind: str, text: str, tmp_path: Path, name: str = "x.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    doc, problems = read_document(kind, path, name, name[:-3])
    assert not problems, problems
    return doc


TITOLO = "Letture “ad alta voce” al nido: l’esperienza di Città Studi"
SINTESI = ("Ogni mercoledì le volontarie leggono ai bambini del nido: «è il momento più "
           "atteso della settimana», dicono le educatrici.")


def fill_librarian(page) -> None:
    """What a librarian types: accents, curly quotes, a picked date, two audiences,
    a material added then removed."""
    field(page, "titolo").fill(TITOLO)
    field(page, "biblioteca").select_option(label="Bollate – Biblioteca comunale di Bollate")
    field(page, "tema").select_option(label="Lettura 0-6 anni / Nati per Leggere")
    check_box(page, "destinatari", "Famiglie con bambini 0-6 anni")
    check_box(page, "destinatari", "Bambini 6-10 anni")
    field(page, "sintesi").fill(SINTESI)
    field(page, "referente.nome").fill("Nicolò D’Amico")
    field(page, "referente.email").fill("ragazzi@bollate.example.it")
    date = field(page, "periodo.inizio")
    date.click()
    date.press_sequentially("01032026")  # gg/mm/aaaa: 1 March 2026
    page.get_by_role("button", name="Aggiungi a «Materiali»").click()
    field(page, "materiali.0.titolo").fill("Un materiale sbagliato")
    page.get_by_role("button", name="Togli «Materiali 1»").click()
    field(page, "corpo.Descrizione").fill("Le volontarie leggono in cerchio.\n\n"
                                         "Poi i bambini scelgono un libro da portare a casa.")
    field(page, "corpo.Come si realizza").fill("- Si sceglie un giorno fisso.\n"
                                               "- Si preparano i libri.")


def refused(page, url: str, name: str, text: str) -> list[str]:
    """The summary's lines once a librarian's valid form gets ``text`` in ``name``."""
    ready(page, url + "compila/scheda/")
    fill_librarian(page)
    field(page, name).fill(text)
    page.get_by_role("button", name="Scarica il file").click()
    return page.locator("#rete-riepilogo li").all_inner_texts()


def test_librarian_fills_downloads_and_rete_valida_accepts_it(browser, base_url, tmp_path):
    with open_page(browser, **IT) as page:
        ready(page, base_url + "compila/scheda/")
        fill_librarian(page)
        assert field(page, "periodo.inizio").input_value() == "2026-03-01"
        assert page.locator(".rete-voce").count() == 0
        name, text = download(page)
        assert page.locator("#rete-riepilogo").is_hidden()
        assert "Hai scaricato il file" in page.locator("#rete-stato").inner_text()
    assert name == "letture-ad-alta-voce-al-nido-l-esperienza-di-citta-studi.md"
    doc = parsed("scheda", text, tmp_path)
    assert doc.data["titolo"] == TITOLO
    assert doc.data["destinatari"] == ["famiglie-0-6", "bambini-6-10"]
    assert doc.data["periodo"] == {"inizio": "2026-03-01"}
    assert "materiali" not in doc.data
    assert doc.body.lstrip("\n").startswith("## Descrizione\n\nLe volontarie leggono in cerchio.")
    # The browser wrote exactly what rete's own writer writes for the same data.
    assert text == writer.dump("scheda", doc.data, doc.body)
    tree = copy_sample(tmp_path / "albero")
    (tree / "schede" / name).write_text(text, encoding="utf-8")
    assert rete(["valida", "--radice", str(tree)]) == 0


SERIALISER_CASES = [
    ({"titolo": "Semplice titolo", "sdg": [3, 4], "risorse": {"ore": 12.5, "costo": 150}},
     "testo"),
    ({"titolo": "Due punti: qui", "sintesi": "# non è un commento", "stato": "in-corso",
      "bozza": False}, "## Descrizione\n\ntesto"),
    ({"titolo": "yes", "sintesi": "a\nb\n\nc", "risultati": " spazio davanti",
      "trasferibilita": "righe \ncon spazio"}, ""),
    ({"titolo": "Emoji 🙂 e\u2028separatori\u0085\u2029", "sintesi": "tab\tqui \\ e \"",
      "parole_chiave": ["2026-03-01", "12", "null", "ça va", "’virgolette’"]}, "corpo\r\nx"),
    ({"titolo": "Materiali", "materiali": [{"titolo": "Uno: due", "url": "https://x.it/a?b=c"},
                                          {"titolo": "Tre", "file": "tre.pdf"}],
      "referente": {"nome": "A", "email": "a@b.it", "telefono": "02 1234"}}, "\n\nx\n\n"),
    # Numbers JavaScript prints with an exponent, and Python too: written positionally.
    # (A JavaScript number has no kind: a whole one is written whole, as Python's int.)
    ({"titolo": "Numeri", "risorse": {"ore": 1e-07, "costo": 1e21}, "sdg": [17]}, ""),
    ({"titolo": "Numeri", "risorse": {"ore": 0.1, "costo": 123456789.123}}, ""),
    ({"titolo": "Numeri", "risorse": {"ore": 1.5e-05, "costo": 10**16}}, ""),
]


@pytest.mark.parametrize("data, body", SERIALISER_CASES)
def test_the_browser_writes_the_bytes_writer_dump_writes(browser, base_url, data, body):
    with open_page(browser) as page:
        ready(page, base_url + "compila/scheda/")
        text = page.evaluate("([d, b]) => reteYaml.dump(d, b, JSON.parse(document"
                             ".getElementById('rete-modulo-dati').textContent).schema)",
                             [data, body])
    assert text == writer.dump("scheda", data, body)


def test_polo_items_are_written_like_writer_dump(browser, base_url, tmp_path):
    with open_page(browser, **IT) as page:
        ready(page, base_url + "compila/polo/")
        field(page, "nome").fill("Polo della musica: ascolti e prestiti")
        field(page, "tema").select_option(label="Musica e cinema")
        field(page, "biblioteca").select_option(value="bollate")
        field(page, "sintesi").fill("Il polo presta vinili e forma i bibliotecari della rete.")
        field(page, "referente.nome").fill("Maria Rossi")
        field(page, "referente.email").fill("musica@bollate.example.it")
        field(page, "stato").select_option("attivo")
        page.get_by_role("button", name="Scarica il file").click()
        summary = page.locator("#rete-riepilogo")
        assert summary.is_visible()
        messages = summary.locator("li").all_inner_texts()
        assert "«Attivo dal»: un polo attivo deve indicare anche questo campo" in messages
        assert "«Servizi»: un polo attivo deve descrivere almeno un servizio" in messages
        field(page, "attivo_dal").fill("2026-04-01")
        page.get_by_role("button", name="Aggiungi a «Servizi»").click()
        field(page, "servizi.0.id").fill("prestito-vinili")
        field(page, "servizi.0.nome").fill("Prestito di vinili")
        field(page, "servizi.0.descrizione").fill("Cento dischi.\nIn prestito per un mese.")
        field(page, "servizi.0.come_richiederlo").fill("Scrivi al referente.")
        # An activity's library boxes are the partners' list, copied by the script.
        page.locator("#f-partner input[value='bresso']").check()
        for n in range(2):
            page.get_by_role("button", name="Aggiungi a «Attività svolte»").click()
            field(page, f"attivita.{n}.data").fill(f"2026-05-0{n + 1}")
            field(page, f"attivita.{n}.titolo").fill(f"Ascolto {n + 1}")
        boxes = page.locator("#f-attivita-1-biblioteche input[type=checkbox]")
        assert boxes.count() == page.locator("#f-partner input[type=checkbox]").count() > 5
        assert boxes.first.get_attribute("id") == "f-attivita-1-biblioteche-0"
        assert not page.locator("#f-attivita-1-biblioteche input:checked").count()
        page.locator("#f-attivita-1-biblioteche input[value='parabiago']").check()
        page.locator("#f-attivita-1-biblioteche").get_by_label(
            "Cusano Milanino – Biblioteca civica di Cusano Milanino").check()
        name, text = download(page)
    assert name == "polo-della-musica-ascolti-e-prestiti.md"
    doc = parsed("polo", text, tmp_path)
    assert doc.data["servizi"][0]["descrizione"] == "Cento dischi.\nIn prestito per un mese."
    assert doc.data["partner"] == ["bresso"]
    assert [a.get("biblioteche") for a in doc.data["attivita"]] == [
        None, ["cusano-milanino", "parabiago"]]
    assert text == writer.dump("polo", doc.data, doc.body)


def test_mistakes_are_explained_in_italian_and_nothing_is_downloaded(browser, base_url):
    with open_page(browser, **IT) as page:
        ready(page, base_url + "compila/scheda/")
        downloads = []
        page.on("download", lambda d: downloads.append(d))
        field(page, "titolo").fill("Ciao")
        field(page, "referente.email").fill("maria.rossi@")
        field(page, "periodo.inizio").fill("2026-05-01")
        field(page, "periodo.fine").fill("2026-04-01")
        field(page, "risorse.ore").fill("-3")
        page.get_by_role("button", name="Scarica il file").click()
        summary = page.locator("#rete-riepilogo")
        assert summary.is_visible()
        assert page.evaluate("document.activeElement.id") == "rete-riepilogo"
        assert page.title().startswith("Errore: ")
        assert summary.locator("h2").inner_text() == "C'è un problema"
        messages = summary.locator("li").all_inner_texts()
        assert messages[:3] == [
            "«Titolo»: troppo corto, 4 caratteri; ne servono almeno 5",
            "«Biblioteca»: scegli un valore",
            "«Tema»: scegli un valore",
        ]
        for expected in ["«Destinatari»: scegline almeno uno",
                         "«Email»: l'indirizzo email non è valido",
                         "«Fine»: la data viene prima di «Inizio»",
                         "«Ore»: non può essere minore di 0",
                         "«Sintesi»: scrivilo, è obbligatorio"]:
            assert expected in messages, messages
        # Beside the field, the same words, tied to the control.
        beside = page.locator("#f-titolo-errore")
        assert beside.text_content() == "Errore: «Titolo»: troppo corto, 4 caratteri; ne " \
                                      "servono almeno 5"
        described = field(page, "titolo").get_attribute("aria-describedby").split()
        assert "f-titolo-errore" in described and "f-titolo-aiuto" in described
        assert field(page, "titolo").get_attribute("aria-invalid") == "true"
        # Each line of the summary leads to its field.
        summary.get_by_role("link", name="«Tema»: scegli un valore").click()
        assert page.evaluate("document.activeElement.name") == "tema"
        page.wait_for_timeout(300)  # a download would have started by now
    assert downloads == []


def test_a_reload_keeps_what_was_typed_until_ricomincia(browser, base_url):
    with open_page(browser, **IT) as page:
        ready(page, base_url + "compila/scheda/")
        field(page, "titolo").fill("Una pratica da non perdere")
        check_box(page, "destinatari", "Anziani")
        page.get_by_role("button", name="Aggiungi a «Materiali»").click()
        field(page, "materiali.0.titolo").fill("Il programma")
        field(page, "corpo.Descrizione").fill("Testo scritto con cura.")
        page.reload()
        page.wait_for_selector("#rete-modulo[data-pronto]")
        assert field(page, "titolo").input_value() == "Una pratica da non perdere"
        assert page.get_by_label("Anziani", exact=True).is_checked()
        assert field(page, "materiali.0.titolo").input_value() == "Il programma"
        assert field(page, "corpo.Descrizione").input_value() == "Testo scritto con cura."
        page.once("dialog", lambda dialog: dialog.accept())
        page.get_by_role("button", name="Ricomincia").click()
        assert field(page, "titolo").input_value() == ""
        page.reload()
        page.wait_for_selector("#rete-modulo[data-pronto]")
        assert field(page, "titolo").input_value() == ""
        assert page.locator(".rete-voce").count() == 0


CORRECTIONS = [("scheda", "schede/memory-cafe-anziani.md", "Correggi questa scheda"),
               ("scheda", "schede/archivio-fotografico-paderno/index.md",
                "Correggi questa scheda"),
               ("polo", "poli/polo-storia-locale.md", "Correggi questo polo")]


@pytest.mark.parametrize("kind, rel, link", CORRECTIONS, ids=[r for _, r, _ in CORRECTIONS])
def test_correcting_without_changes_gives_back_the_same_file(browser, base_url, tmp_path,
                                                              kind, rel, link):
    source = ROOT / rel
    page_path = rel.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"
    with open_page(browser, **IT) as page:
        page.goto(base_url + page_path)
        page.get_by_role("link", name=link).click()
        page.wait_for_selector("#rete-modulo[data-pronto]")
        assert rel in page.locator("#rete-stato").inner_text()
        name, text = download(page)
    assert name == source.name
    original = parsed(kind, source.read_text("utf-8"), tmp_path, "originale.md")
    again = parsed(kind, text, tmp_path, "corretta.md")
    assert again.data == original.data
    assert again.body.strip() == original.body.strip()
    assert text == writer.dump(kind, original.data, original.body)


def test_phone_width_form_needs_no_horizontal_scroll(browser, base_url):
    with open_page(browser, viewport={"width": 375, "height": 740}) as page:
        ready(page, base_url + "compila/scheda/")
        page.get_by_role("button", name="Aggiungi a «Materiali»").click()
        page.get_by_role("button", name="Scarica il file").click()
        width, viewport = page.evaluate(
            "[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width <= viewport == 375


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_a_form_showing_its_mistakes(browser, base_url, axe,
                                                               scheme):
    with open_page(browser, color_scheme=scheme) as page:
        ready(page, base_url + "compila/polo/")
        page.get_by_role("button", name="Aggiungi a «Attività svolte»").click()
        page.get_by_role("button", name="Scarica il file").click()
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = result.response["violations"]
    assert not violations, describe(violations)


def test_the_form_pages_are_linked_from_home_nav_indexes_and_pages(sito_esempio):
    for page in ["index.html", "schede/index.html", "poli/index.html", "temi/index.html",
                 "biblioteche/index.html", "destinatari/index.html",
                 "contribuire/index.html"]:
        html = (sito_esempio / page).read_text("utf-8")
        assert re.search(r'href="[./]*compila/scheda/"', html), page
    html = (sito_esempio / "schede/memory-cafe-anziani/index.html").read_text("utf-8")
    assert 'href="/compila/scheda/?correggi=memory-cafe-anziani"' in html


BODY_WITH_CODE = ("## Descrizione\n\nUn avviso da copiare:\n\n```\n## Come si realizza\n"
                  "non è una sezione\n```\n\n~~~\n## Altro\n~~~\n\n    ## rientrato\n\n"
                  "## Come si realizza\n\nDavvero.\n\n```\n## mai chiuso")
SPLIT = """(text) => import('/javascripts/compila/dati.js').then((m) => {
  m.fill({}, text);
  return [m.splitBody(text), m.body()];
})"""


def test_a_heading_inside_code_stays_in_its_section_when_correcting(browser, base_url):
    with open_page(browser, **IT) as page:
        ready(page, base_url + "compila/scheda/")
        (parts, again) = page.evaluate(SPLIT, BODY_WITH_CODE)
        descrizione = field(page, "corpo.Descrizione").input_value()
        come = field(page, "corpo.Come si realizza").input_value()
    assert parts["known"]["Descrizione"] == descrizione
    assert descrizione.startswith("Un avviso da copiare:\n\n```\n## Come si realizza\n")
    assert descrizione.endswith("~~~\n## Altro\n~~~\n\n    ## rientrato")
    # A fence never closed is no code block on the site: its "## " lines stay headings.
    assert come == "Davvero.\n\n```"
    assert parts["other"] == "## mai chiuso"
    # Written back, the unknown section gets its blank line before the heading.
    assert again == BODY_WITH_CODE.replace("```\n## mai chiuso", "```\n\n## mai chiuso")


def test_date_hints_do_not_ask_for_the_files_order(sito_esempio):
    """The control shows the browser's own order (gg/mm/aaaa in Italian); the file's
    AAAA-MM-GG is the form's business, not the librarian's."""
    for kind in ("scheda", "polo"):
        html = (sito_esempio / "compila" / kind / "index.html").read_text("utf-8")
        assert "AAAA-MM-GG" not in html
    html = (sito_esempio / "compila" / "scheda" / "index.html").read_text("utf-8")
    assert '<p class="rete-aiuto" id="f-periodo-inizio-aiuto">Data di inizio.</p>' in html
