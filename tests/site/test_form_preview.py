"""«Anteprima» shows the scheda as the site publishes it: the same card, headings and
body as the published page, the body's Markdown made into the elements Python-Markdown
makes, and nothing typed ever becomes live markup.

The fixtures (Debian's Chromium through Playwright, the built sample site) are those
of test_browser.py.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest

from rete.figures.servizi import activities
from rete.content.model import Availability, Service
from rete.render.forms import form_preview as anteprima
from rete.render import html, pages, services
from rete.checks.validate import check

from .test_browser import (AXE_TAGS, axe, base_url, browser, describe,  # noqa: F401
                           open_page, settle)
from ..conftest import ROOT
from .test_compila import IT, field, ready

SITE = anteprima.SitePages(pages.scheda_markdown, pages.polo_markdown, pages.PATHS)


def test_the_skeleton_has_a_slot_for_every_part_of_the_page():
    """Each value of the placeholder scheda became a named, empty slot: none is lost if
    the page's template changes (this fails, and says which)."""
    page = anteprima.skeleton(check(ROOT).knowledge, SITE)
    slots = ["titolo", "sintesi", "biblioteca", "partner", "tema", "destinatari", "periodo",
             "referente", "risorse", "sdg", "polo", "compilata_il", "risultati",
             "trasferibilita", "corpo", "materiali", "ripresa_da"]
    assert [s for s in slots if f'data-campo="{s}"></' not in page] == []
    assert "Riprendi" not in page and "Correggi" not in page
    assert "zzrete" not in page and "1901" not in page and "id=" not in page
    assert "\n\n" not in page  # one raw HTML block for Python-Markdown
    page = anteprima.skeleton(check(ROOT).knowledge, SITE, "polo")
    slots = ["nome", "sintesi", "biblioteca", "partner", "tema", "stato", "referente", "costi",
             "corpo", "servizi", "schede_tema", "attivita"]
    assert [s for s in slots if f'data-campo="{s}"' not in page] == []
    assert "zzrete" not in page and "1901" not in page and "Correggi" not in page


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
    blocks: [...root.querySelectorAll('h2, h3, h4, h5, h6, p, li, pre, th, td')].filter(after)
      .map((el) => [/^H/.test(el.tagName) ? 'h+' + (el.tagName[1] - titleLevel) : el.tagName,
                    words(el), links(el)]),
  };
}"""
PUBLISHED = ("article [data-pagefind-body]", 1)
PREVIEW = ("#rete-anteprima .rete-anteprima-pagina", 3)
SIZE = re.compile(r", [\d.,]+ (?:byte|[kKMG]i?B)\)$")

PAGES = [("schede", "memory-cafe-anziani"), ("schede", "letture-famiglie-nati-per-leggere"),
         ("schede", "libri-sale-attesa-pediatri"), ("schede", "archivio-fotografico-paderno"),
         ("poli", "polo-lettura-0-6"), ("poli", "polo-storia-locale")]
LINKS = {"schede": ("Correggi questa scheda", "scheda"), "poli": ("Correggi questo polo", "polo")}
ON_THEME = ["h+1", "Buone pratiche sul tema", []]


def without_theme_list(blocks: list) -> tuple[list, list]:
    """A polo's page lists the schede on its theme, which only the site knows: the
    blocks without that section, and the section's own blocks."""
    if ON_THEME not in blocks:
        return blocks, []
    start = blocks.index(ON_THEME) + 1
    end = next((n for n in range(start, len(blocks)) if blocks[n][0].startswith("h+")),
               len(blocks))
    return blocks[:start] + blocks[end:], blocks[start:end]


FACTS = tuple(f"{label}:" for label in ("Per chi", "Modalità", "Anticipo", "Costo",
                                         "Disponibile"))


def without_service_use(blocks: list) -> tuple[list, list]:
    """A polo's page says, under each service, how often it was requested in the year:
    the year's figures are the site's, which the preview cannot know (its facts and
    «Richiedi questo servizio» it shows as the page does). The blocks without those
    sentences, and those."""
    def extra(block) -> bool:
        tag, words, _ = block
        return tag == "P" and words.startswith("Richiesto ")
    return [b for b in blocks if not extra(b)], [b for b in blocks if extra(b)]


def without_requests_served(blocks: list, slug: str) -> tuple[list, list]:
    """A polo's «Attività svolte» lists its requests served too (figures.servizi), which
    only the site knows: the preview lists the activities of the polo's file. The
    blocks without the rows of those requests (six cells each), and those rows."""
    k = check(ROOT).knowledge
    polo = next(p for p in k.poli if p.slug == slug)
    served = {a.titolo for a in activities(k)[slug] if a not in polo.attivita}
    out, rows, n = [], [], 0
    while n < len(blocks):
        if blocks[n][0] == "TD" and n + 1 < len(blocks) and blocks[n + 1][1] in served:
            rows.append(blocks[n:n + 6])
            n += 6
            continue
        out.append(blocks[n])
        n += 1
    return out, rows


# A scheda's page lists who took it up, the similar practices and the libraries near by:
# what only the site knows, from the other schede.
SPREAD = re.compile(r"Ripresa da \d+ bibliotec[ah]e?|Pratiche simili|Chi l'ha già fatto vicino a te")


def without_spread(blocks: list) -> list:
    """The blocks without the sections only the site can make."""
    out, skipping = [], False
    for block in blocks:
        if block[0].startswith("h+"):
            skipping = block[0] == "h+1" and bool(SPREAD.fullmatch(block[1]))
        if not skipping:
            out.append(block)
    return out


def open_preview(page) -> None:
    page.get_by_role("button", name="Anteprima").click()
    page.wait_for_selector("#rete-anteprima .rete-anteprima-pagina h3")
    # The clicked button's colours change with a transition: axe reads them at rest.
    page.wait_for_function(
        "() => document.getAnimations().every((a) => a.playState !== 'running')")


@pytest.mark.browser
@pytest.mark.lento
@pytest.mark.parametrize("folder, slug", PAGES, ids=[slug for _, slug in PAGES])
def test_the_preview_of_a_published_page_is_that_page(browser, base_url, folder, slug):
    link, kind = LINKS[folder]
    with open_page(browser, **IT) as page:
        page.goto(f"{base_url}{folder}/{slug}/")
        settle(page)
        published = page.evaluate(SHOWN, list(PUBLISHED))
        page.get_by_role("link", name=link).click()
        page.wait_for_selector("#rete-modulo[data-pronto]")
        open_preview(page)
        shown = page.evaluate(SHOWN, list(PREVIEW))
        focused = page.evaluate("document.activeElement.id")
    assert published["blocks"].pop() == ["P", link, [
        f"{base_url}compila/{kind}/?correggi={slug}"]]
    if folder == "schede":
        assert published["blocks"].pop() == ["P", "Riprendi questa pratica", [
            f"{base_url}compila/{kind}/?riprendi={slug}"]]
        published["blocks"] = without_spread(published["blocks"])
    # The day of the page's last update belongs to the published file, not to an edit.
    updated = published["blocks"].pop()
    assert updated[0] == "P" and updated[1].startswith("Ultimo aggiornamento: "), updated
    # A material's size is known once the file is on the site, not in the browser.
    published["blocks"] = [[tag, SIZE.sub(")", words), links]
                           for tag, words, links in published["blocks"]]
    published["blocks"], listed = without_theme_list(published["blocks"])
    published["blocks"], use = without_service_use(published["blocks"])
    if folder == "poli":
        published["blocks"], served = without_requests_served(published["blocks"], slug)
    shown["blocks"], note = without_theme_list(shown["blocks"])
    assert shown["title"] == published["title"]
    assert shown["sintesi"] == published["sintesi"]
    assert shown["tags"] == published["tags"]
    assert shown["card"] == published["card"]  # labels, words and where links lead
    assert shown["blocks"] == published["blocks"]
    if folder == "poli":
        services = sum(b[1].startswith("Come richiederlo:") for b in shown["blocks"])
        assert len(use) == services > 0
        assert sum(b[1] == "Richiedi questo servizio" for b in shown["blocks"]) == services
        assert sum(b[0] == "LI" and b[1].startswith("Disponibile:")
                   for b in shown["blocks"]) == services
        assert served or slug != "polo-lettura-0-6"  # the sample's has requests served
        assert listed and len(note) == 1
        assert note[0][1].startswith("Qui il sito elenca le buone pratiche pubblicate sul tema")
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
@pytest.mark.parametrize("path", ["scheda/?correggi=letture-famiglie-nati-per-leggere",
                                  "polo/?correggi=polo-lettura-0-6"], ids=["scheda", "polo"])
def test_axe_finds_no_violation_in_the_preview(browser, base_url, axe, scheme, path):
    with open_page(browser, color_scheme=scheme) as page:
        ready(page, base_url + "compila/" + path)
        open_preview(page)
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = result.response["violations"]
    assert not violations, describe(violations)


@pytest.mark.browser
@pytest.mark.lento
@pytest.mark.parametrize("path", ["scheda/?correggi=archivio-fotografico-paderno",
                                  "polo/?correggi=polo-lettura-0-6"], ids=["scheda", "polo"])
def test_the_preview_needs_no_horizontal_scroll_on_a_phone(browser, base_url, path):
    with open_page(browser, viewport={"width": 375, "height": 740}) as page:
        ready(page, base_url + "compila/" + path)
        open_preview(page)
        width, viewport = page.evaluate(
            "[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width <= viewport == 375


# A service's facts as a polo's file may give them, and as the page words them.
SERVICES = [
    {"id": "kit", "nome": "Kit", "per_chi": ["biblioteche", "famiglie-0-6"],
     "modalita": ["online", "in-sede"], "anticipo_giorni": 0, "costo": 0},
    {"id": "corso", "nome": "Corso", "modalita": ["in-trasferta"], "anticipo_giorni": 1,
     "costo": 1250.5, "disponibile": {"dal": "2026-01-10", "al": "2026-06-30"}},
    {"id": "visita", "nome": "Visita", "anticipo_giorni": 45,
     "disponibile": {"al": "2026-12-31"}},
    {"id": "guida", "nome": "Guida"},
]
FACTS_SHOWN = """(d) => import('/javascripts/compila/anteprima.js').then((m) => {
  const made = document.createElement('div');
  made.append(m.page(d, ''));
  return {
    facts: [...made.querySelectorAll('li')].filter((li) => li.querySelector('strong'))
      .map((li) => li.textContent.replace(/\\s+/g, ' ').trim()),
    asks: [...made.querySelectorAll('a.rete-richiedi')].map((a) => [a.textContent, a.href]),
  };
})"""


def _service(item: dict) -> Service:
    when = item.get("disponibile")
    return Service(item["id"], item["nome"], "", "", tuple(item.get("per_chi", ())),
                   tuple(item.get("modalita", ())), item.get("anticipo_giorni"),
                   item.get("costo"), Availability(
                       *(date.fromisoformat(when[k]) if k in when else None
                         for k in ("dal", "al"))) if when else None)


@pytest.mark.browser
@pytest.mark.lento
def test_the_preview_words_a_services_facts_as_the_page_does(browser, base_url):
    k = check(ROOT).knowledge
    assert "famiglie-0-6" in k.rete.destinatari
    listed = "\n".join(f"- **{label}:** {words}" for item in SERVICES
                       for label, words in services.facts(_service(item), k))
    made = html.from_markdown(listed, "poli/x.md", lambda path, kind: None, "x", 1)
    expected = [unescape(re.sub(r"<[^>]+>", "", item))
                for item in re.findall(r"<li>(.*?)</li>", made)]
    with open_page(browser, **IT) as page:
        ready(page, base_url + "compila/polo/")
        shown = page.evaluate(FACTS_SHOWN, {"nome": "Polo di prova", "servizi": SERVICES})
    assert shown["facts"] == expected
    assert "Anticipo: si può chiedere anche per il giorno stesso" in expected
    assert "Disponibile: dal 10 gennaio 2026 al 30 giugno 2026" in expected
    assert shown["asks"] == [
        ["Richiedi questo servizio",
         f"{base_url}compila/richiesta/?polo=polo-di-prova&servizio={item['id']}"]
        for item in SERVICES]
