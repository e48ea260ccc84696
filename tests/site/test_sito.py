"""End to end: a real `mkdocs build --strict`, checked in the HTML it writes."""

from __future__ import annotations

import json
import posixpath
import re
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import html5lib
import pytest

from rete.content import urls
from rete.render import sanitize

from ..sito import build, prepare

pytestmark = pytest.mark.lento


def html(site, path: str) -> str:
    """A built page, its links from the site's root (publish/frozen.py roots the
    links of generated pages, for every engine) written relative to the page again,
    as the assertions below think of them."""
    here = "/" + path.strip("/") + ("/" if path.strip("/") else "")
    return _ROOTED.sub(lambda m: f'{m[1]}="{_relative(m[2], here)}"',
                       (site / path / "index.html").read_text("utf-8"))


_ROOTED = re.compile(r'(href|src)="(/[^"]*)"')


def _relative(target: str, here: str) -> str:
    parts = urlsplit(target)
    path = posixpath.relpath(parts.path, here)
    path = "./" if path == "." else path + ("/" if parts.path.endswith("/") else "")
    return urlunsplit(("", "", path, parts.query, parts.fragment))


def links(page: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', page))


def test_every_generated_page_is_built(sito_esempio):
    for path in ["", "schede", "poli", "temi", "biblioteche", "destinatari", "parole-chiave", "parole-chiave/nati-per-leggere",
                 "contribuire", "cerca",
                 "schede/archivio-fotografico-paderno", "schede/serate-giochi-da-tavolo",
                 "poli/polo-lettura-0-6", "temi/storia-locale", "biblioteche/paderno-tilane",
                 "destinatari/adulti"]:
        assert (sito_esempio / path / "index.html").is_file(), path


def test_scheda_page_links_its_library_theme_audiences_and_polo(sito_esempio):
    page = html(sito_esempio, "schede/archivio-fotografico-paderno")
    found = links(page)
    assert "../../biblioteche/paderno-tilane/" in found
    assert "../../temi/storia-locale/" in found
    assert "../../destinatari/adulti/" in found
    assert "../../poli/polo-storia-locale/" in found
    assert "11 – Città e comunità sostenibili" in page
    assert "mailto:storialocale@tilane.example.it" in page


def test_bundle_materials_are_copied_and_linked_with_type_and_size(sito_esempio):
    folder = sito_esempio / "schede" / "archivio-fotografico-paderno"
    page = html(sito_esempio, "schede/archivio-fotografico-paderno")
    assert (folder / "elenco-fondi.csv").is_file()
    assert 'href="elenco-fondi.csv"' in page
    assert re.search(r"tabella CSV, [\d,]+ (byte|KiB)", page)
    assert '<img alt="Mappa schematica' in page and 'src="mappa-fondi.png"' in page


def test_markdown_material_is_published_as_a_file_not_a_page(sito_esempio):
    folder = sito_esempio / "schede" / "corso-reference-bibliotecari"
    assert (folder / "programma-corso.md").is_file()
    assert not (folder / "programma-corso" / "index.html").exists()


def test_polo_page_lists_services_schede_of_its_theme_and_activities(sito_esempio):
    page = html(sito_esempio, "poli/polo-lettura-0-6")
    assert "Come richiederlo:" in page
    assert "../../schede/letture-famiglie-nati-per-leggere/" in links(page)
    assert "<th>Partecipanti</th>" in page or '<th align="right">Partecipanti</th>' in page


def test_theme_page_lists_its_poli_before_its_schede(sito_esempio):
    page = html(sito_esempio, "temi/storia-locale")
    polo = page.index("../../poli/polo-storia-locale/")
    scheda = page.index("../../schede/archivio-fotografico-paderno/")
    assert polo < scheda


def test_library_page_lists_poli_schede_and_partnerships(sito_esempio):
    page = html(sito_esempio, "biblioteche/senago")
    assert "Buone pratiche in collaborazione" in page
    assert "../../schede/archivio-fotografico-paderno/" in links(page)


def test_audience_page_lists_its_schede(sito_esempio):
    assert "../../schede/archivio-fotografico-paderno/" in links(
        html(sito_esempio, "destinatari/anziani"))


def test_catalogue_groups_poli_by_state(sito_esempio):
    page = html(sito_esempio, "poli")
    assert page.index("Poli attivi") < page.index("Poli proposti") < page.index("Poli sospesi")


def test_drafts_are_not_published(sito_esempio):
    assert not (sito_esempio / "schede" / "biblioteca-dei-semi").exists()
    assert "biblioteca-dei-semi" not in html(sito_esempio, "schede")


def test_home_shows_the_figures(sito_esempio):
    page = html(sito_esempio, "")
    assert re.search(r"<strong>15</strong>\s*<a[^>]*>buone pratiche</a>", page)
    assert "poli di servizio" in page
    assert "<strong>Buone pratiche in mostra</strong>: il workshop della rete, il 20 maggio 2027" \
        in page


def test_contribuire_shows_the_template_and_links_the_field_guide(sito_esempio):
    page = html(sito_esempio, "contribuire")
    assert "titolo: &quot;&quot;" in page or 'titolo: ""' in page
    assert "../guida/" in links(page)
    assert "<code>periodo.inizio</code>" in html(sito_esempio, "guida")


def test_contribuire_states_the_bundle_rules_the_validator_applies(sito_esempio):
    from rete.content import bundles
    from rete.text import human_size

    page = html(sito_esempio, "contribuire")
    assert "<!-- rete:materiali -->" not in page
    assert (f"Al massimo {human_size(bundles.MAX_FILE)} per file, "
            f"{human_size(bundles.MAX_TOTAL)} per scheda e {bundles.MAX_FILES} file per "
            "cartella") in page
    for kind in bundles.ALLOWED:
        assert re.search(rf"\b{kind}\b", page), kind


def test_contribuire_links_the_ids_page_which_lists_every_id(sito_esempio):
    assert "../identificativi/" in links(html(sito_esempio, "contribuire"))
    page = html(sito_esempio, "identificativi")
    for ident in ("cinisello-pertini", "lettura-0-6", "famiglie-0-6", "polo-lettura-0-6"):
        assert f"<code>{ident}</code>" in page


def test_home_counts_the_libraries_as_the_libraries_page_does(sito_esempio):
    rows = re.findall(r"<tr>.*?</tr>", html(sito_esempio, "biblioteche"), re.S)
    counted = [r for r in rows if re.search(r">[1-9]\d*</td>", r)]
    assert re.search(rf"<strong>{len(counted)}</strong>\s*<a[^>]*>biblioteche</a> con schede "
                     rf"o poli, su {len(rows) - 1} della rete", html(sito_esempio, ""))


def test_keywords_have_an_index_and_a_page_each(sito_esempio):
    index = html(sito_esempio, "parole-chiave")
    assert 'href="nati-per-leggere/"' in index
    page = html(sito_esempio, "parole-chiave/nati-per-leggere")
    assert "../../schede/letture-famiglie-nati-per-leggere/" in links(page)
    scheda = html(sito_esempio, "schede/letture-famiglie-nati-per-leggere")
    assert 'href="../../parole-chiave/nati-per-leggere/#tag:nati-per-leggere"' in scheda


def test_site_name_comes_from_the_registry(sito_esempio):
    assert "<title>CSBNO" in html(sito_esempio, "")


def test_search_index_is_built(sito_esempio):
    assert (sito_esempio / "pagefind" / "pagefind.js").is_file()

def test_the_search_page_loads_its_own_script_not_pagefinds_ui(sito_esempio):
    page = html(sito_esempio, "cerca")
    assert '<script type="module" src="../javascripts/cerca.js"></script>' in page
    assert 'href="../stylesheets/cerca.css"' in page
    assert "pagefind-ui" not in page
    assert (sito_esempio / "javascripts" / "cerca.js").is_file()


def test_nav_is_short_on_every_page(sito_esempio):
    # MkDocs' automatic nav would list every scheda on every page.
    page = html(sito_esempio, "schede/archivio-fotografico-paderno")
    assert page.count("md-nav__link") < 40
    # The «Libretto» page holds every scheda by design: it is for printing it all.
    assert max(p.stat().st_size for p in sito_esempio.rglob("*.html")
               if p.relative_to(sito_esempio).as_posix() != "libretto/index.html") < 60_000


def test_no_external_fonts_or_scripts(sito_esempio):
    for page in sito_esempio.rglob("*.html"):
        text = page.read_text("utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        assert not re.search(r'<script[^>]+src="(https?:)?//', text), page


def test_content_errors_stop_the_build_with_the_validator_messages(minimo, tmp_path):
    scheda = minimo / "schede" / "letture-al-nido.md"
    scheda.write_text(scheda.read_text("utf-8").replace("tema: lettura-0-6", "tema: lettura"),
                      encoding="utf-8")
    done = build(minimo, tmp_path / "site")
    assert done.returncode != 0
    assert "schede/letture-al-nido.md:4: errore: campo 'tema': tema sconosciuto" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("engine", ["properdocs", "mkdocs"])
def test_make_sitos_build_checks_once_and_says_it_even_when_quiet(minimo, tmp_path, engine):
    """`make sito` runs the engine with --quiet and no `rete valida` before it: the hook's
    check is the only one, so what it finds is said whatever the log level."""
    config = prepare(minimo)
    argv = [sys.executable, "-m", engine, "build", "--strict", "--quiet", "-f", str(config),
            "-d", str(tmp_path / "site")]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "RETE_SENZA_LIBRETTO": "1"}
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^1 scheda e 1 polo controllati", done.stderr, re.M), done.stderr
    scheda = minimo / "schede" / "letture-al-nido.md"
    scheda.write_text(scheda.read_text("utf-8").replace("tema: lettura-0-6", "tema: lettura"),
                      encoding="utf-8")
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode != 0
    assert "schede/letture-al-nido.md:4: errore: campo 'tema': tema sconosciuto" in done.stderr
    assert "Traceback" not in done.stderr


HOSTILE_FRONT = {
    "titolo: Letture ad alta voce al nido":
        "titolo: \"</title><script>alert(1)</script>\"",
    "sintesi: Ogni settimana": "sintesi: \"[x](javascript:alert(1)) <img src=x onerror=alert(1)>\"\n"
                               "parole_chiave: [\"<b>grassetto</b>\"]\nx_sintesi: Ogni settimana",
    "  nome: Maria Rossi": "  nome: \"<script>alert('nome')</script>\"",
}
HOSTILE_BODY = r"""
<script>alert('corpo')</script>

<iframe src="https://evil.example/"></iframe>

<img src="https://example.org/x.png" alt="foto" onerror="alert(1)">

[clicca](javascript:alert(1)) e <a href="javascript:alert(2)">anche qui</a>

<div onclick="alert(3)">un div</div>

## Titolo ordinario

- voce di elenco

| Colonna | Valore |
| --- | --- |
| uno | 1 |

![alt ok](https://example.org/foto.png)

[link normale](https://example.org/pagina)

## Sezione {: id='q" onmouseover="alert(13)' }

## Impostazioni {: #__config }

<p id="__drawer" class="md-dialog md-dialog--active">Sessione scaduta: accedi di nuovo</p>

<div class="md-banner rete-cifre" id="rete-q">finto</div>

![foto](/\evil.example/a.png) ![foto](\/evil.example/b.png)

<img src="	//evil.example/c.png" alt="tab"> <img src="&#1;//evil.example/d.png" alt="c0">

<video poster="//evil.example/e.png" src="https://evil.example/f.mp4"></video>

<!-- rete:guida -->

<!-- material/tags -->

[vai alla sezione](#__config)

!!! note "Nota"
    Testo della nota.
"""


def make_hostile(minimo: Path, tmp_path: Path) -> Path:
    """Put hostile front-matter, body and bundle files into a copy of the minimal tree."""
    scheda = minimo / "schede" / "letture-al-nido.md"
    text = scheda.read_text("utf-8")
    for old, new in HOSTILE_FRONT.items():
        text = text.replace(old, new)
    text = text.replace("x_sintesi: Ogni settimana le bibliotecarie leggono ad alta voce ai "
                        "bambini del nido comunale.\n", "")
    scheda.write_text(text + HOSTILE_BODY, encoding="utf-8")
    registry = minimo / "rete.yml"
    registry.write_text(registry.read_text("utf-8").replace(
        "nome: Rete di prova", "nome: 'Rete\" onfocus=\"alert(1)\" autofocus=\"'"),
        encoding="utf-8")
    bundle = minimo / "schede" / "cartella-ostile"
    shutil.copytree(minimo / "schede", tmp_path / "copia")
    bundle.mkdir()
    (bundle / "index.md").write_text(
        (tmp_path / "copia" / "letture-al-nido.md").read_text("utf-8")
        .replace("titolo: \"</title>", "titolo: \"Altra </title>")
        .replace("\npolo: polo-lettura\n", "\npolo: polo-lettura\nmateriali:\n"
                 "  - titolo: Volantino\n    file: volantino.txt\n"), encoding="utf-8")
    (tmp_path / "segreto.txt").write_text("password", encoding="utf-8")
    (bundle / "collegamento.txt").symlink_to(tmp_path / "segreto.txt")
    (bundle / ".git").mkdir()
    (bundle / ".git" / "config").write_text("[core]", encoding="utf-8")
    (bundle / "_privato.txt").write_text("privato", encoding="utf-8")
    (bundle / "volantino.txt").write_text("pubblico", encoding="utf-8")
    for active in ("pagina.html", "disegno.svg", "dati.xml", "pagina.xhtml"):
        (bundle / active).write_text("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'>"
                                     "<script>alert(1)</script></svg>", encoding="utf-8")
    return minimo


@pytest.fixture
def hostile_site(minimo, tmp_path):
    done = build(make_hostile(minimo, tmp_path), tmp_path / "site")
    assert done.returncode == 0, done.stderr
    return tmp_path / "site"


GENERATED = ("schede/", "poli/", "temi/", "biblioteche/", "destinatari/", "parole-chiave/")
THEME_SCRIPT = re.compile(r"__md_|__config|palette|document\.|localStorage")


def _page_address(site, path) -> str:
    rel = path.relative_to(site).parent.as_posix()
    return urls.page_address("https://rete.example.it/", "" if rel == "." else rel + "/")


def test_hostile_content_creates_no_live_script_and_loads_nothing(hostile_site):
    """Every built page, parsed as a browser parses it (html5lib follows the HTML standard)."""
    for path in hostile_site.rglob("*.html"):
        tree = html5lib.parse(path.read_text("utf-8"), namespaceHTMLElements=False)
        address = _page_address(hostile_site, path)
        elements = list(tree.iter())
        tags = {el.tag for el in elements}
        assert not tags & {"iframe", "object", "embed", "frame", "base"}, path
        for el in elements:
            for name, value in el.attrib.items():
                assert not name.lower().startswith("on"), (path, el.tag, name)
                if name in ("href", "src", "poster", "action", "formaction"):
                    assert not value.strip().lower().startswith(("javascript:", "data:text")), \
                        (path, el.tag, value)
                if (el.tag, name) in urls.LOADS or (el.tag, name) in {("script", "src"),
                                                                        ("link", "href")}:
                    assert not urls.elsewhere(value, address), (path, el.tag, name, value)
                assert name != "srcset", path
            if el.tag == "script" and el.get("id") == "__config":
                assert json.loads(el.text)["version"] is None, path
            elif el.tag == "script" and el.get("type") == "application/json":
                json.loads(el.text)  # data, never run: it must stay valid JSON
            elif el.tag == "script" and el.get("type") == "application/ld+json":
                assert "<" not in el.text and isinstance(json.loads(el.text), dict), path
            elif el.tag == "script" and not el.get("src"):
                text = el.text or ""
                assert "alert" not in text and THEME_SCRIPT.search(text), (path, text[:80])
        config = [el for el in elements if el.get("id") == "__config"]
        assert [el.tag for el in config] == ["script"], path  # the theme's, and only it
        body = tree.find(".//*[@data-pagefind-body]")
        if body is None or not path.relative_to(hostile_site).as_posix().startswith(GENERATED):
            continue  # docs/ is written and reviewed like code
        assert not {el.tag for el in body.iter()} & {"form", "input", "button", "style"}, path
        # What the theme and the tags plugin add around and after the sanitised HTML.
        added = {id(d) for el in body.iter() if "md-tags" in (el.get("class") or "")
                 or (el.get("id") or "").startswith("tag:") for d in el.iter()}
        for el in body.iter():
            if id(el) in added:
                continue
            assert not el.get("id") or not sanitize.theirs(el.get("id")), (path, el.get("id"))
            classes = (el.get("class") or "").split()
            assert not [c for c in classes if c.startswith(("md-", "rete-cifre"))], \
                (path, classes)
    page = html(hostile_site, "schede/letture-al-nido")
    assert "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "[x](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;script&gt;alert(&#x27;nome&#x27;)&lt;/script&gt;" in page or \
        "&lt;script&gt;alert('nome')&lt;/script&gt;" in page
    everything = "\n".join(p.read_text("utf-8") for p in hostile_site.rglob("*.html"))
    assert "<b>grassetto" not in everything
    assert "&lt;b&gt;grassetto&lt;/b&gt;" in everything
    assert 'aria-label="Rete&#34; onfocus' in page or 'aria-label="Rete&quot; onfocus' in page


def test_markers_and_plugin_directives_stay_text_in_a_scheda(hostile_site):
    page = html(hostile_site, "schede/letture-al-nido")
    assert "periodo.inizio" not in page  # the field guide was not expanded
    assert 'id="tag:' not in page  # nor a listing of every tag


def test_heading_ids_with_quotes_give_a_clean_table_of_contents(hostile_site):
    tree = html5lib.parse(html(hostile_site, "schede/letture-al-nido"),
                          namespaceHTMLElements=False)
    toc = [a.get("href") for a in tree.iterfind(".//nav[@aria-label='Indice']//a")]
    ids = {el.get("id") for el in tree.iter() if el.get("id")}
    assert "#s-q-onmouseover-alert-13" in toc and "#s-config" in toc, toc
    for href in toc:
        assert re.fullmatch(r"#[\w-]+", href), href
        assert href[1:] in ids, href  # every entry leads to its heading
    links = [a.get("href") for a in tree.iter("a") if a.text == "vai alla sezione"]
    assert links == ["#s-config"]


def test_a_bundle_publishes_only_its_own_visible_files(hostile_site):
    folder = hostile_site / "schede" / "cartella-ostile"
    assert (folder / "volantino.txt").is_file()
    for private in ("collegamento.txt", ".git", "_privato.txt", "pagina.html", "disegno.svg",
                    "dati.xml", "pagina.xhtml"):
        assert not (folder / private).exists(), private


def test_ordinary_markdown_survives_sanitising(hostile_site):
    page = html(hostile_site, "schede/letture-al-nido")
    assert re.search(r"<h2[^>]*>Titolo ordinario", page)
    assert "<li>voce di elenco</li>" in page
    assert "<th>Colonna</th>" in page and "<td>uno</td>" in page
    assert '<img alt="alt ok">' in page  # an image on another server is not loaded
    assert 'href="https://example.org/pagina"' in page
    assert 'class="admonition note"' in page and "Testo della nota." in page


def test_footer_is_italian(sito_esempio):
    page = html(sito_esempio, "")
    assert "Realizzato con" in page
    assert "Made with" not in page


def test_page_chrome_is_italian(sito_esempio):
    page = html(sito_esempio, "schede/serate-giochi-da-tavolo")
    assert '<html lang="it"' in page
    assert "Vai al contenuto" in page and 'aria-label="Sezioni del sito"' in page
    for english in ("Skip to content", "Made with", 'aria-label="Tabs"', "Back to top"):
        assert english not in page, english


CHROME_PAGES = ["", "cerca", "contribuire", "schede/archivio-fotografico-paderno",
                "parole-chiave/nati-per-leggere", "poli/polo-lettura-0-6"]


@pytest.mark.parametrize("path", CHROME_PAGES, ids=lambda p: p or "home")
def test_every_id_of_the_theme_and_the_site_is_out_of_a_bodys_reach(sito_esempio, path):
    """A body's ids are moved out of the space ``sanitize.theirs`` describes; every id
    the theme and the site put around the content must be inside that space."""
    tree = html5lib.parse(html(sito_esempio, path), namespaceHTMLElements=False)
    body = tree.find(".//*[@data-pagefind-body]")
    inside = {id(el) for el in body.iter()}
    chrome = [el.get("id") for el in tree.iter() if el.get("id") and id(el) not in inside]
    assert "__config" in chrome
    assert [i for i in chrome if not sanitize.theirs(i)] == []


def test_search_results_are_mounted_outside_the_heading(sito_esempio):
    tree = html5lib.parse(html(sito_esempio, "cerca"), namespaceHTMLElements=False)
    heading = tree.find(".//h1")
    assert [el.tag for el in heading.iter()] == ["h1", "a"]  # its text and the permalink
    mount = tree.find(".//div[@id='rete-ricerca']")
    assert mount is not None and heading.get("id") != "rete-ricerca"
