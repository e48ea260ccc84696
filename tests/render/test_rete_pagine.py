"""The «La rete» section of the site: pages and SVG charts from the same figures as the
commands (tests/alberi/anno, figures worked out in tests/core/test_anno.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from rete import figures
from rete.render import charts, pages, sanitize
from rete.checks.validate import check

from ..conftest import TREES, copy_tree

TODAY = date(2026, 10, 15)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def sito():
    result = check(TREES / "anno")
    return pages.render(result.knowledge, problems=result.problems, today=TODAY)


def table(markdown: str, heading: str) -> list[list[str]]:
    """The rows of the first Markdown table after ``heading``."""
    part = markdown.split(heading, 1)[1]
    rows = [line for line in part.splitlines() if line.startswith("|")]
    block = []
    for line in part.splitlines()[part.splitlines().index(rows[0]):]:
        if not line.startswith("|"):
            break
        block.append([c.strip() for c in line.strip("|").split("|")])
    return block[2:]  # without the header and the alignment row


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    return root


def values(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "valore"]


def test_the_section_has_its_five_pages(sito):
    assert {p for p in sito.pages if p.startswith("rete/")} == {
        "rete/index.md", "rete/analisi.md", "rete/candidati.md", "rete/verifica.md",
        "rete/diffusione.md"}
    assert set(sito.charts) == {"rete/verifica.md", "rete/diffusione.md"}
    assert sito.charts["rete/diffusione.md"] == {}  # no scheda took a practice up
    assert set(sito.charts["rete/verifica.md"]) == {"grafico-mesi", "grafico-biblioteche",
                                                    "grafico-costi"}


def test_month_chart_parses_and_matches_its_table(sito):
    svg = sito.charts["rete/verifica.md"]["grafico-mesi"]
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Attività dei poli per mese nel 2026"
    assert root.get("aria-labelledby") == "grafico-mesi-titolo grafico-mesi-descrizione"
    rows = table(sito.pages["rete/verifica.md"], "## Attività per mese")
    assert [r[1] for r in rows] == values(root) == ["1", "0", "2"] + ["0"] * 9
    assert [r[0] for r in rows][:3] == ["Gennaio", "Febbraio", "Marzo"]
    bars = [float(r.get("height")) for r in root.iter(f"{SVG}rect")]
    assert bars[2] == 2 * bars[0] > 0 and bars[1] == 0


def test_library_chart_matches_its_table(sito):
    root = parse(sito.charts["rete/verifica.md"]["grafico-biblioteche"])
    rows = table(sito.pages["rete/verifica.md"], "## Biblioteche raggiunte")
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "etichetta"]
    assert labels == ["Polo dei giochi", "Polo della lettura", "Polo della storia locale"]
    assert [r[0] for r in rows] == [f"[{name}](../poli/{slug}.md)" for name, slug in zip(
        labels, ["polo-gamma", "polo-alfa", "polo-beta"], strict=True)]
    assert values(root) == [r[1] for r in rows] == ["0", "2", "0"]


def test_cost_chart_matches_its_table(sito):
    root = parse(sito.charts["rete/verifica.md"]["grafico-costi"])
    rows = {re.sub(r"^\[(.*)\]\(.*\)$", r"\1", r[0]): r[1:]
            for r in table(sito.pages["rete/verifica.md"], "## Costi")}
    # Poli with a preventivo or a consuntivo: gamma (500 / –) and alfa (1.000 / 450,50).
    assert values(root) == ["500,00 €", "–", "1.000,00 €", "450,50 €"]
    assert rows["Polo dei giochi"][:2] == ["500,00 €", "–"]
    assert rows["Polo della lettura"][:2] == ["1.000,00 €", "450,50 €"]
    assert rows["Workshop del 20 maggio 2026: allestimento"][1] == "300,00 €"
    assert rows["**Totale**"] == ["**1.500,00 €**", "**870,75 €**", "**100,00 €**",
                                  "**400,50 €**"]


def test_pages_and_commands_read_the_same_figures(sito):
    v = figures.verify(check(TREES / "anno").knowledge, 2026, TODAY)
    text = sito.pages["rete/verifica.md"]
    assert (f"Che cosa ha fatto ogni polo nel 2026: **{v.totali.attivita}** attività,\n"
            f"**7,50** ore, **{v.totali.partecipanti}** partecipanti,\n"
            f"**{v.totali.biblioteche_raggiunte}** biblioteche raggiunte su 5.") in text
    assert "- **Polo della storia locale**: il polo è attivo ma non ha attività registrate " \
           "nel 2026" in text
    assert "Prima dell\\'attivazione (fuori dal periodo del polo)" in text


def test_drafts_are_only_counted_in_the_analysis(sito):
    text = sito.pages["rete/analisi.md"]
    assert "Schede ricevute: **7**, bozze comprese (**1**)." in text
    assert "musica-bozza" not in text and "musica\\-bozza" not in text
    rows = table(text, "## Completezza delle schede")
    assert rows[0] == ["[Scheda musica\\-ascolti](../schede/musica-ascolti.md)", "2 su 10",
                       "0 su 3", "0", "5", "7%"]
    assert len(rows) == 6


def test_candidates_page_ranks_like_the_command(sito):
    text = sito.pages["rete/candidati.md"]
    assert text.index("## 1. Giochi: 8 punti") < text.index("## 2. Digitale: 5 punti")
    assert "## Lettura" not in text and "Lettura:" not in text


def test_svg_text_is_escaped(tmp_path):
    tree = copy_tree("anno", tmp_path)
    polo = tree / "poli" / "polo-alfa.md"
    polo.write_text(polo.read_text("utf-8").replace(
        "nome: Polo della lettura", 'nome: "<script>Polo</script> & \\"x\\""'), "utf-8")
    result = check(tree)
    site = pages.render(result.knowledge, problems=result.problems, today=TODAY)
    for svg in site.charts["rete/verifica.md"].values():
        assert "<script" not in svg
        parse(svg)  # still well-formed XML
    svg = site.charts["rete/verifica.md"]["grafico-biblioteche"]
    assert "&lt;script&gt;Polo&lt;/script&gt; &amp; &quot;x&quot;" in svg


def test_charts_go_into_the_cleaned_page():
    html = sanitize.clean('<p>prima</p><div class="rete-grafico" id="grafico-mesi"></div>'
                          '<div class="rete-grafico" id="grafico-altro"></div>')
    svg = charts.columns("grafico-mesi", "Titolo <b>", "Descrizione", [
        charts.Bar("gen", 1, "1")])
    out = charts.place(html, {"grafico-mesi": svg})
    assert ('<div class="rete-grafico" id="grafico-mesi" tabindex="0" role="region" '
            'aria-label="Titolo &lt;b&gt;"><svg') in out
    assert '<div id="grafico-altro"></div>' in out  # no chart, left as it was


def test_empty_year_and_tree_without_poli_render(tmp_path):
    tree = copy_tree("anno", tmp_path)
    for path in (tree / "poli").iterdir():
        path.unlink()
    result = check(tree)
    site = pages.render(result.knowledge, problems=result.problems, today=date(1850, 6, 1))
    text = site.pages["rete/verifica.md"]
    assert "Nel 1850 non c'erano poli." in text
    assert "Nessuna attività registrata nel 1850." in text
    assert "Nessun costo nel 1850." in text
    assert set(site.charts["rete/verifica.md"]) == {"grafico-mesi"}
    assert values(parse(site.charts["rete/verifica.md"]["grafico-mesi"])) == ["0"] * 12


# --- the built sample site ----------------------------------------------------

def test_built_site_links_the_section_and_draws_the_charts(sito_esempio):
    home = (sito_esempio / "index.html").read_text("utf-8")
    assert 'href="rete/"' in home
    page = (sito_esempio / "rete" / "verifica" / "index.html").read_text("utf-8")
    assert len(re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" class="rete-svg"', page)) == 3
    assert "<script" not in page.split('class="md-content"', 1)[1].split("</article>", 1)[0]
    # Citizens' search does not index the coordinators' pages.
    assert "data-pagefind-body" not in page
    assert "data-pagefind-body" in home


def test_long_lists_are_cut_on_the_page_and_point_to_the_command(monkeypatch):
    from rete.render import network_pages as network

    monkeypatch.setattr(network, "LIST_LIMIT", 2)
    monkeypatch.setattr(network, "PER_CELL", 0)
    result = check(TREES / "anno")
    site = pages.render(result.knowledge, problems=result.problems, today=TODAY)
    analysis = site.pages["rete/analisi.md"]
    assert len(table(analysis, "## Completezza delle schede")) == 2
    assert ("Qui ci sono le 2 schede meno complete; le altre 4 sono\n"
            "nell'elenco intero di `rete analisi`.") in analysis
    assert ("Un'altra biblioteca ha schede sul tema: l'elenco\n"
            "intero, con le schede e i partner, con `rete candidati`.") in \
        site.pages["rete/candidati.md"]
