"""How a practice spreads, as the pages show it: «Ripresa da» and «Ripresa da N
biblioteche», «Pratiche simili», «Chi l'ha già fatto vicino a te», the «Diffusione»
page with its drawing, and the same words in the booklet."""

from __future__ import annotations

import re
from datetime import date

import pytest

from rete.booklet import document
from rete.checks.validate import check
from rete.render import pages, spread_page
from rete.render.forms import form

from ..conftest import copy_tree

TODAY = date(2026, 10, 15)

TAKEN_UP = """---
titolo: Letture ad alta voce al nido di frazione
biblioteca: frazione
tema: lettura-0-6
destinatari: [famiglie-0-6]
sintesi: Come la biblioteca centrale, leggiamo ad alta voce ai bambini del nido della frazione.
referente:
  nome: Carla Neri
  email: ragazzi@frazione.example.it
periodo:
  inizio: 2026-04-01
ripresa_da:
  - letture-al-nido
  - bozza-gruppo-lettura
  - https://altra-rete.example.org/schede/nido-in-biblioteca/
---

## Descrizione

Ogni giovedì mattina una bibliotecaria porta al nido della frazione una cesta di albi
illustrati e legge ad alta voce ai bambini divisi in piccoli gruppi, come fa la biblioteca
centrale al nido comunale; le educatrici scelgono con noi i titoli del mese e i genitori
trovano gli stessi libri in prestito in biblioteca.

## Come l'abbiamo adattata

Il nido della frazione è piccolo: un solo gruppo, e la cesta è quella della centrale, che
ce la presta ogni mese.
"""


@pytest.fixture
def tree(tmp_path):
    """The small tree, where the library of the hamlet took up the central one's
    readings at the nursery (and cites a draft, and another network's scheda); both
    libraries have coordinates."""
    root = copy_tree("piccolo", tmp_path)
    (root / "schede" / "letture-in-frazione.md").write_text(TAKEN_UP, encoding="utf-8")
    registry = root / "rete.yml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace("    isil: IT-MI0001\n",
                        "    isil: IT-MI0001\n    lat: 45.5000\n    lon: 9.2000\n")
    text = text.replace("    comune: Borgo\ntemi:",
                        "    comune: Borgo\n    lat: 45.5900\n    lon: 9.2000\ntemi:")
    registry.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def knowledge(tree):
    result = check(tree)
    assert not [p for p in result.problems if p.level == "errore"], result.problems
    return result.knowledge


@pytest.fixture
def site(knowledge):
    return pages.render(knowledge, today=TODAY)


def test_the_adopting_scheda_says_where_it_was_taken_from(site):
    page = site.pages["schede/letture-in-frazione.md"]
    card = page.split("Ripresa da\n:   ", 1)[1].split("\n", 1)[0]
    assert card == ("[Letture ad alta voce al nido](letture-al-nido.md) — Biblioteca centrale, "
                    "Borgo; [una pratica della rete altra\\-rete\\.example\\.org]"
                    "(https://altra-rete.example.org/schede/nido-in-biblioteca/)")
    # A draft may be cited, but it is not shown anywhere.
    assert "Gruppo di lettura" not in page and "bozza-gruppo-lettura" not in page


def test_the_source_lists_the_libraries_that_took_it_up(site):
    page = site.pages["schede/letture-al-nido.md"]
    section = page.split("## Ripresa da 1 biblioteca\n\n", 1)[1].split("\n\n", 1)[0]
    assert section == ("- [Letture ad alta voce al nido di frazione](letture-in-frazione.md) "
                       "— Biblioteca di frazione, Borgo")


def test_similar_practices_and_near_libraries_are_listed_with_reasons_and_km(site):
    page = site.pages["schede/letture-al-nido.md"]
    similar = page.split("## Pratiche simili\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    # The scheda that took it up comes first, and says why in words.
    assert similar[0].startswith(
        "- [Letture ad alta voce al nido di frazione](letture-in-frazione.md) — Biblioteca di "
        "frazione, Borgo: ha ripreso questa pratica\\; stesso tema e stessi destinatari")
    assert all(re.search(r", Borgo: \S", line) for line in similar), similar  # a reason each
    near = page.split("## Chi l'ha già fatto vicino a te\n\n", 1)[1].split("\n\n", 1)[0]
    # 0.09 degrees of latitude apart: 10 km.
    assert near.startswith("- [Biblioteca di frazione](../biblioteche/frazione.md), Borgo: "
                           "a 10 km, ")


def test_every_scheda_page_offers_to_take_the_practice_up(site):
    for path in ("schede/letture-al-nido.md", "schede/archivio-foto/index.md"):
        slug = path.split("/")[1].removesuffix(".md")
        assert f"?riprendi={slug}){{: .rete-riprendi }}" in site.pages[path]


def test_the_form_says_what_a_practice_taken_up_keeps(knowledge):
    scheda = form.config("scheda", knowledge, None)["riprendi"]
    assert scheda == {"campi": ["titolo", "tema", "destinatari", "sintesi", "parole_chiave",
                                "sdg"],
                      "sezioni_tolte": ["Come l'abbiamo adattata"]}
    assert form.config("polo", knowledge, None)["riprendi"] is None


def test_the_diffusione_page_has_its_tables_and_a_drawing_per_theme(site):
    page = site.pages["rete/diffusione.md"]
    assert "| [Letture ad alta voce al nido](../schede/letture-al-nido.md) | " \
           "Biblioteca centrale | 1 biblioteca |" in page
    assert "| [Biblioteca centrale](../biblioteche/centrale.md), Borgo | 0 | 1 |" in page
    assert "| [Biblioteca di frazione](../biblioteche/frazione.md), Borgo | 1 | 0 |" in page
    assert "| Biblioteca centrale \\(Borgo\\) | Biblioteca di frazione \\(Borgo\\) | 1 |" in page
    assert "| 2026 | 2 |" in page  # two items of this network and another's: the year
    drawn = site.charts[spread_page.PAGE]
    svg = drawn["grafico-flussi-lettura-0-6"]
    assert "<title>Da Biblioteca centrale (Borgo) a Biblioteca di frazione (Borgo): " \
           "1 pratica ripresa</title>" in svg
    assert f'<div class="rete-grafico" id="grafico-flussi-lettura-0-6"></div>' in page


def test_the_drawing_escapes_the_names_it_shows():
    from rete.render import flows

    svg = flows.draw("grafico-x", "T<", "D&", [flows.Arrow("<b>A</b>", "B & C", 2)])
    assert "<b>" not in svg and "&lt;b&gt;A&lt;/b&gt;" in svg and "B &amp; C" in svg
    assert "<title>Da &lt;b&gt;A&lt;/b&gt; a B &amp; C: 2 pratiche riprese</title>" in svg


def test_without_adoptions_the_page_says_so(tmp_path):
    k = check(copy_tree("piccolo", tmp_path)).knowledge
    page = pages.render(k, today=TODAY).pages["rete/diffusione.md"]
    assert "Per ora nessuna scheda pubblicata dice di aver ripreso una pratica." in page


def test_the_booklet_prints_where_a_practice_came_from_and_who_took_it_up(knowledge):
    booklet = document.build(knowledge)
    text = document.to_html(booklet)
    assert "Ripresa da 1 biblioteca" in text and "Pratiche simili" in text
    # In the booklet the link to a scheda printed in it is its anchor.
    assert 'href="#scheda.letture-al-nido"' in text

