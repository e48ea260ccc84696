"""«Anteprima» shows the scheda as the site publishes it: the same card, headings and
body as the published page, the body's Markdown made into the elements Python-Markdown
makes, and nothing typed ever becomes live markup.

The fixtures (Debian's Chromium through Playwright, the built sample site) are those
of test_browser.py.
"""

from __future__ import annotations

import re

import pytest

from rete.render import anteprima, html
from rete.validate import check

from .test_browser import (AXE_TAGS, axe, base_url, browser, describe,  # noqa: F401
                           open_page, settle)
from .conftest import ROOT
from .test_compila import IT, field, ready


def test_the_skeleton_has_a_slot_for_every_part_of_the_page():
    """Each value of the placeholder scheda became a named, empty slot: none is lost if
    the page's template changes (this fails, and says which)."""
    page = anteprima.skeleton(check(ROOT).knowledge)
    slots = ["titolo", "sintesi", "biblioteca", "partner", "tema", "destinatari", "periodo",
             "referente", "risorse", "sdg", "polo", "compilata_il", "risultati",
             "trasferibilita", "corpo", "materiali"]
    assert [s for s in slots if f'data-campo="{s}"></' not in page] == []
    assert "zzrete" not in page and "1901" not in page and "id=" not in page
    assert "\n\n" not in page  # one raw HTML block for Python-Markdown


# The parts of a scheda page a reader sees, from the root holding it; the title's
# level says where the levels of the other headings count from.
SHOWN = """([root, titleLevel]) => {
  root = document.querySelector(root);
  const words = (el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.headerlink').forEach((x) => x.remove());
    copy.querySelectorAll('img').forEach((x) => x.replaceWith('[' + x.alt + ']'));
    return copy.textContent.replace(/\\s+/g, ' ').trim();
  };
  const links = (el) => [...el.querySelectorAll('a:not(.headerlink), img')]
    .map((a) => a.href || a.src);
  const dl = root.querySelector('dl');
  const after = (el) => dl.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
  return {
    tags: [...root.querySelectorAll('.md-tag')].map(words),
    title: words(root.querySelector('h' + titleLevel)),
    sintesi: words(root.querySelector('p.rete-sintesi')),
    card: [...dl.children].map((el) => [el.tagName, words(el), links(el)]),
    blocks: [...root.querySelectorAll('h2, h3, h4, h5, h6, p, li, pre')].filter(after)
      .map((el) => [/^H/.test(el.tagName) ? 'h+' + (el.tagName[1] - titleLevel) : el.tagName,
                    words(el), links(el)]),
  };
}"""
PUBLISHED = ("article [data-pagefind-body]", 1)
PREVIEW = ("#rete-anteprima .rete-anteprima-pagina", 3)
SIZE = re.compile(r", [\d.,]+ (?:byte|[kKMG]i?B)\)$")

SCHEDE = ["memory-cafe-anziani", "letture-famiglie-nati-per-leggere",
          "libri-sale-attesa-pediatri", "archivio-fotografico-paderno"]


def open_preview(page) -> None:
    page.get_by_role("button", name="Anteprima").click()
    page.wait_for_selector("#rete-anteprima .rete-anteprima-pagina h3")


@pytest.mark.browser
@pytest.mark.lento
@pytest.mark.parametrize("slug", SCHEDE)
def test_the_preview_of_a_published_scheda_is_its_page(browser, base_url, slug):
    with open_page(browser, **IT) as page:
        page.goto(f"{base_url}schede/{slug}/")
        settle(page)
        published = page.evaluate(SHOWN, list(PUBLISHED))
        page.get_by_role("link", name="Correggi questa scheda").click()
        page.wait_for_selector("#rete-modulo[data-pronto]")
        open_preview(page)
        shown = page.evaluate(SHOWN, list(PREVIEW))
        focused = page.evaluate("document.activeElement.id")
    assert published["blocks"].pop() == ["P", "Correggi questa scheda", [
        f"{base_url}compila/scheda/?correggi={slug}"]]
    # A material's size is known once the file is on the site, not in the browser.
    published["blocks"] = [[tag, SIZE.sub(")", words), links]
                           for tag, words, links in published["blocks"]]
    assert shown["title"] == published["title"]
    assert shown["sintesi"] == published["sintesi"]
    assert shown["tags"] == published["tags"]
    assert shown["card"] == published["card"]  # labels, words and where links lead
    assert shown["blocks"] == published["blocks"]
    assert focused == "rete-anteprima-titolo"


# Markdown a librarian writes, which the preview must make into the same elements.
SUBSET = {
    "paragrafi": "Prima riga\nseconda riga.\n\nUn altro paragrafo con *enfasi*, **forza**, "
                 "_corsivo_, __grassetto__, `codice <b>` e a_b_c.",
    "titoli": "## Come si realizza\n\nTesto.\n\n### Un dettaglio ###\n\nAltro testo.",
    "elenchi": "- uno\n- due con [un link](https://example.org/a?b=1 \"titolo\")\n- tre\n\n"
               "Testo in mezzo.\n\n1. primo\n2. secondo",
    "elenco-largo": "- uno\n\n- due\n\n- tre",
    "collegamenti": "Vedi <https://example.org/> o scrivi a <info@example.org>, "
                    "[relativo](../altro/) e [mail](mailto:a@b.it).",
    "codice": "Prima.\n\n```\n## Non è un titolo\n<b>x</b>\n```\n\nDopo.\n\n~~~\n# nemmeno\n~~~",
    "codice-lingua": "```python\n## un commento\nx = 1\n```",
    "codice-mai-chiuso": "Prima.\n\n```\n## Un titolo vero\n\nTesto.",
    "rientro": "Prima.\n\n    ## codice rientrato\n    a < b\n\nDopo.",
    "citazione": "> Una frase\n> detta bene.\n\nFine.",
    "riga": "Sopra.\n\n---\n\nSotto.",
    "immagine": "Prima.\n\n![Una foto di gruppo](https://example.org/foto.png)",
    "escape": "Non \\*enfasi\\* e non \\[link\\](x) e 5 \\_ 3.",
    "link-ostile": "[a](javascript:alert(1)) e [b](JavaScript:alert(2)) e "
                   "[c](data:text/html,x)",
}

SHAPE = """([sample, made]) => import('/javascripts/compila/markdown.js').then((md) => {
  const shape = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    if (node.classList.contains('headerlink')) return '';
    const out = [node.tagName.toLowerCase()];
    if (node.getAttribute('href') !== null) out.push('href=' + node.getAttribute('href'));
    for (const name of ['title', 'alt', 'src']) {
      if (node.getAttribute(name) !== null) out.push(name + '=' + node.getAttribute(name));
    }
    if (node.className) out.push('class=' + node.className);
    if (node.tagName === 'CODE') return out.concat([node.textContent]);
    const kids = [...node.childNodes].map(shape).filter((k) => k !== '');
    // Python-Markdown puts a line break between blocks; it is not text a reader sees.
    return out.concat(kids.filter((k) => typeof k !== 'string' || k.trim() ||
                                         node.tagName === 'P'));
  };
  const python = document.createElement('div');
  python.innerHTML = made;
  const browser = document.createElement('div');
  browser.append(...md.blocks(sample, 0));
  return [shape(python), shape(browser)];
})"""


@pytest.fixture(scope="module")
def form_page(browser, base_url):
    with open_page(browser, **IT) as page:
        ready(page, base_url + "compila/scheda/")
        yield page


@pytest.mark.browser
@pytest.mark.lento
@pytest.mark.parametrize("name", SUBSET)
def test_the_preview_makes_the_elements_python_markdown_makes(form_page, name):
    sample = SUBSET[name]
    made = html.from_markdown(sample, "schede/x.md", lambda path, kind: None, "x", 1)
    python, browser_made = form_page.evaluate(SHAPE, [sample, made])
    assert browser_made == python


HOSTILE = {
    "titolo": "Titolo <script>alert(1)</script> vero",
    "sintesi": "Sintesi <img src=x onerror=alert(2)> con del testo in più per la lunghezza.",
    "corpo.Descrizione": "<img src=x onerror=alert(3)>\n\n[a](javascript:alert(4)) e "
                         "[b](java\tscript:alert(5)) e ![c](https://example.org/c.png)\n\n"
                         "<a href=\"javascript:alert(6)\">d</a> <svg onload=alert(7)>",
}


@pytest.mark.browser
@pytest.mark.lento
def test_hostile_input_is_inert_in_the_preview(browser, base_url):
    dialogs: list[str] = []
    requested: list[str] = []
    with open_page(browser, **IT) as page:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.context.on("request", lambda request: requested.append(request.url))
        page.goto(base_url + "compila/scheda/?correggi=memory-cafe-anziani")
        page.wait_for_selector("#rete-modulo[data-pronto]")
        for name, value in HOSTILE.items():
            field(page, name).fill(value)
        open_preview(page)
        box = page.locator(PREVIEW[0])
        for element in box.locator("a, p, h3, h4").all():
            element.hover(force=True)
        for link in box.locator("a").all():
            link.click(modifiers=["Control"], force=True)  # would open a tab, not run code
        settle(page)
        made = box.evaluate("""(root) => ({
          elements: [...root.querySelectorAll('script, svg, iframe, object, embed')].length,
          sources: [...root.querySelectorAll('[src]')].map((el) => el.getAttribute('src')),
          handlers: [...root.querySelectorAll('*')].filter((el) => [...el.attributes]
            .some((a) => /^on/i.test(a.name))).length,
          hrefs: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href')),
          title: root.querySelector('h3').textContent,
          text: root.textContent})""")
    assert dialogs == []
    assert made["elements"] == 0 and made["handlers"] == 0 and made["sources"] == []
    assert not [h for h in made["hrefs"] if h and re.match(r"\s*[a-z]+\s*script", h, re.I)]
    assert made["title"] == HOSTILE["titolo"]
    assert "<img src=x onerror=alert(3)>" in made["text"]  # raw HTML shows as text
    assert '<a href="javascript:alert(6)">d</a>' in made["text"]
    assert [u for u in requested if not u.startswith((base_url, "data:", "blob:"))] == []
    assert not [u for u in requested if u.rstrip("/").endswith("/x")]


@pytest.mark.browser
@pytest.mark.lento
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_in_the_preview(browser, base_url, axe, scheme):
    with open_page(browser, color_scheme=scheme) as page:
        ready(page, base_url + "compila/scheda/?correggi=letture-famiglie-nati-per-leggere")
        open_preview(page)
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = result.response["violations"]
    assert not violations, describe(violations)


@pytest.mark.browser
@pytest.mark.lento
def test_a_polo_preview_lists_its_fields_and_renders_its_body(browser, base_url):
    """A polo has no skeleton yet: its preview is the simple one (its name, its fields
    by their titles, the body's Markdown), and still all text."""
    with open_page(browser, **IT) as page:
        ready(page, base_url + "compila/polo/?correggi=polo-storia-locale")
        field(page, "corpo").fill("## Una sezione\n\n<b>non grassetto</b> e **grassetto**")
        open_preview(page)
        box = page.locator(PREVIEW[0])
        title = box.locator("h3").first.inner_text()
        terms = box.locator("dt").all_inner_texts()
        heading = box.locator("h4").last.inner_text()
        strong = box.locator("strong").all_inner_texts()
        text = box.inner_text()
    assert title.strip()
    assert "Tema" in terms and "Referente" in terms
    assert heading == "Una sezione"
    assert strong == ["grassetto"] and "<b>non grassetto</b>" in text
