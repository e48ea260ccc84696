"""The built sample site in a real browser: Italian search, no external request,
accessibility (light and dark palette) and a phone's width.

Chromium is Debian's (``make chromium``), driven by Playwright; the site is the
session's ``sito_esempio`` served on 127.0.0.1. Outside CI a missing browser
skips these tests with the reason; in CI (``CI=true``) it fails them.
"""

from __future__ import annotations

import os
import re
import shutil
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from ..sito import served

pytestmark = [pytest.mark.browser, pytest.mark.lento]

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
WAIT_MS = 20_000  # upper bound of every wait for the page; assertions are on behaviour
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str):
    """Skip outside CI; in CI nothing may be skipped, so the test fails."""
    if _in_ci():
        pytest.fail(f"CI=true ma il browser non è disponibile: {reason}", pytrace=False)
    pytest.skip(f"browser non disponibile: {reason} (in CI questo test fallisce)")


def _chromium_path() -> str | None:
    for candidate in (os.environ.get("RETE_CHROMIUM"), shutil.which("chromium"),
                      "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


@contextmanager
def launched(args=(), env=None):
    """A headless Chromium; ``args`` and ``env`` add to the defaults."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        _unavailable(f"il pacchetto playwright non è installato ({exc})")
    executable = _chromium_path()
    if executable is None:
        _unavailable("Chromium non trovato (installalo con `make chromium` "
                     "o «apt-get install chromium»)")
    playwright = sync_playwright().start()
    try:
        try:
            chromium = playwright.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS + list(args),
                env={**os.environ, **env} if env else None)
        except Exception as exc:  # noqa: BLE001 - any launch error means "no browser"
            _unavailable(f"{executable} non si avvia: {exc}")
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


# Chromium in Italian, as on a librarian's computer: its date controls read
# gg/mm/aaaa. It needs Debian's chromium-l10n (`make chromium` installs it).
ITALIAN = {"args": ["--lang=it-IT"], "env": {"LANG": "it_IT.UTF-8", "LANGUAGE": "it_IT:it"}}
ITALIAN_PAK = Path("/usr/lib/chromium/locales/it.pak")


@contextmanager
def italian():
    """Chromium in Italian; without its Italian files it would silently stay English."""
    if not ITALIAN_PAK.exists() and not os.environ.get("RETE_CHROMIUM"):
        _unavailable(f"manca {ITALIAN_PAK}: installa chromium-l10n (`make chromium`)")
    with launched(**ITALIAN) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the whole module."""
    with launched() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def base_url(sito_esempio):
    """The sample site over http (Pagefind does not work from file://)."""
    with served(sito_esempio) as url:
        yield url


@contextmanager
def open_page(browser, **options):
    """A page in its own fresh context (no stored palette, no cache)."""
    context = browser.new_context(**options)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    try:
        yield page
    finally:
        context.close()


def settle(page) -> None:
    page.wait_for_load_state("load")
    page.wait_for_load_state("networkidle")


# --- The search page (docs/javascripts/cerca.js over Pagefind's API) ----------------

RESULTS = "#rete-ricerca-risultati > li"
RESULT_LINKS = "#rete-ricerca-risultati > li > a"
STATUS = "#rete-ricerca-stato"
MORE = "#rete-ricerca-altri"
BOX = "#rete-ricerca-parole"
ANSWERED = "() => document.getElementById('rete-ricerca-stato').textContent.trim() !== ''"
MORE_THAN = "n => document.querySelectorAll('#rete-ricerca-risultati > li').length > n"


def wait_for_results(page) -> None:
    """Wait until the search has answered and shows its first results."""
    page.wait_for_function(ANSWERED, timeout=WAIT_MS)
    page.wait_for_selector(RESULT_LINKS, timeout=WAIT_MS)


def all_result_urls(page) -> set[str]:
    """Every result's page URL, pressing «Mostra altri risultati» until all are shown."""
    wait_for_results(page)
    for _ in range(50):  # a bound: the sample site has fewer than 50 × 5 pages
        more = page.locator(MORE)
        if not more.is_visible():
            break
        shown = page.locator(RESULTS).count()
        more.click()
        page.wait_for_function(MORE_THAN, arg=shown, timeout=WAIT_MS)
    else:
        pytest.fail("la pagina continua a offrire «Mostra altri risultati»")
    hrefs = page.locator(RESULT_LINKS).evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    return {urljoin(page.url, href).split("#", 1)[0] for href in hrefs}


class _IndexedText(HTMLParser):
    """The words Pagefind indexes: inside data-pagefind-body, without .headerlink and
    the QR code's caption (the page's address, printed only)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[bool, bool]] = []  # (inside body, inside excluded)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        inside, excluded = self.stack[-1] if self.stack else (False, False)
        attrs = dict(attrs)
        inside = inside or "data-pagefind-body" in attrs
        excluded = excluded or bool({"headerlink", "rete-qr", "rete-diffusione"} & set(
            (attrs.get("class") or "").split()))
        if tag not in self.VOID:
            self.stack.append((inside, excluded))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] and not self.stack[-1][1]:
            self.parts.append(data)


def indexed_words(site: Path, path: str) -> set[str]:
    parser = _IndexedText()
    parser.feed((site / path / "index.html").read_text("utf-8"))
    return set(re.findall(r"\w+", " ".join(parser.parts).lower()))


# (query, the form the expected page uses, the expected page)
STEMMED = [
    ("biblioteche", "biblioteca", "schede/memory-cafe-anziani/"),
    ("prestiti", "prestito", "schede/serate-giochi-da-tavolo/"),
    ("giochi", "gioco", "schede/visite-classi-primaria/"),
    ("collaborazioni", "collaborazione", "schede/sala-studio-serale-autogestita/"),
]


@pytest.mark.parametrize("query, form, expected", STEMMED, ids=[q for q, _, _ in STEMMED])
def test_italian_search_finds_other_forms_of_a_word(browser, base_url, sito_esempio,
                                                    query, form, expected):
    words = indexed_words(sito_esempio, expected)
    # The page says only the other form, and no word of it begins with the query
    # (Pagefind also matches prefixes): finding it needs Italian stemming.
    assert form in words and not any(w.startswith(query) for w in words), (
        f"{expected} non è più un buon esempio: deve contenere «{form}» e nessuna "
        f"parola che cominci con «{query}»")
    with open_page(browser) as page:
        page.goto(f"{base_url}cerca/?q={query}")
        found = all_result_urls(page)
    assert found, f"nessun risultato per «{query}»"
    assert base_url + expected in found, (
        f"«{query}» non trova {expected} (che dice «{form}»); trovati: {sorted(found)}")


def test_home_search_box_leads_to_results(browser, base_url):
    with open_page(browser) as page:
        page.goto(base_url)
        box = page.locator("input#rete-q")
        box.fill("prestiti")
        box.press("Enter")
        page.wait_for_url(re.compile(r"/cerca/\?q=prestiti$"), timeout=WAIT_MS)
        wait_for_results(page)
        assert page.locator(RESULTS).count() >= 1
        # The query reached the search page's own box too.
        assert page.locator(BOX).input_value() == "prestiti"


def _status(page) -> str:
    return page.locator(STATUS).inner_text().strip()


def test_a_query_in_the_address_searches_at_once_and_says_how_many(browser, base_url):
    requested: list[str] = []
    with open_page(browser) as page:
        page.on("request", lambda request: requested.append(request.url))
        page.goto(f"{base_url}cerca/?q=biblioteche")
        wait_for_results(page)
        settle(page)
        said = _status(page)
        first = page.locator(RESULTS).count()
        fragments = [url for url in requested if "/pagefind/fragment/" in url]
        total = len(all_result_urls(page))
        assert page.locator(BOX).input_value() == "biblioteche"
    assert total > 10, "il sito d'esempio deve dare più di due pagine di risultati"
    assert said == f"{total} risultati per «biblioteche»"
    # Only the results shown are fetched: five, not one per result.
    assert first == 5 and len(fragments) == 5, (first, fragments)
    # Pagefind's program, without its Default UI nor its worker (cerca.js: noWorker).
    assert any(url.endswith("/pagefind/pagefind.js") for url in requested), requested
    assert not [url for url in requested if "pagefind-ui" in url or "pagefind-worker" in url]


def test_show_more_adds_five_results_and_moves_the_focus_to_the_first_new_one(browser,
                                                                              base_url):
    with open_page(browser) as page:
        page.goto(f"{base_url}cerca/?q=biblioteche")
        wait_for_results(page)
        button = page.locator(MORE)
        assert button.is_visible() and button.inner_text().strip() == "Mostra altri risultati"
        button.click()
        page.wait_for_function(MORE_THAN, arg=5, timeout=WAIT_MS)
        assert page.locator(RESULTS).count() == 10
        focused = page.evaluate("document.activeElement.getAttribute('href')")
        assert focused == page.locator(RESULT_LINKS).nth(5).get_attribute("href")


def test_typing_searches_and_keeps_the_address_in_step(browser, base_url):
    with open_page(browser) as page:
        page.goto(f"{base_url}cerca/")
        assert _status(page) == "" and page.locator(RESULTS).count() == 0
        assert not page.locator(MORE).is_visible()
        page.locator(BOX).press_sequentially("prestiti", delay=20)
        page.wait_for_url(re.compile(r"/cerca/\?q=prestiti$"), timeout=WAIT_MS)
        page.wait_for_function(
            "() => document.getElementById('rete-ricerca-stato').textContent"
            ".endsWith('per «prestiti»')", timeout=WAIT_MS)
        assert page.locator(RESULTS).count() >= 1
        page.locator(BOX).fill("zzzqwx")
        page.wait_for_url(re.compile(r"\?q=zzzqwx$"), timeout=WAIT_MS)
        page.wait_for_function(
            "() => document.getElementById('rete-ricerca-stato').textContent"
            " === 'Nessun risultato per «zzzqwx»'", timeout=WAIT_MS)
        assert page.locator(RESULTS).count() == 0
        assert not page.locator(MORE).is_visible()
        page.locator(BOX).fill("")
        page.wait_for_url(re.compile(r"/cerca/$"), timeout=WAIT_MS)


FOCUSED = "() => [document.activeElement.id, document.activeElement.closest('li') !== null]"


def test_the_keyboard_reaches_the_box_then_the_first_result(browser, base_url):
    with open_page(browser) as page:
        page.goto(f"{base_url}cerca/?q=biblioteche")
        wait_for_results(page)
        for _ in range(80):  # a bound: the header and the navigation come first
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "rete-ricerca-parole":
                break
        else:
            pytest.fail("Tab non arriva mai alla casella di ricerca")
        page.keyboard.press("Tab")  # the box's «Cerca» button
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href')")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert href == page.locator(RESULT_LINKS).first.get_attribute("href")
        assert outline not in ("", "none")  # the focus can be seen


def test_without_javascript_the_page_says_so_and_points_to_the_indexes(browser, base_url):
    with open_page(browser, java_script_enabled=False) as page:
        page.goto(f"{base_url}cerca/")
        assert not page.locator("#rete-ricerca-modulo").is_visible()
        text = " ".join(page.locator("article").inner_text().split())
        assert "La ricerca ha bisogno di JavaScript" in text
        hrefs = page.locator("article noscript a, article a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))")
    assert "../schede/" in hrefs and "../poli/" in hrefs


def test_a_search_that_cannot_load_pagefind_says_so_in_italian(browser, base_url):
    with open_page(browser) as page:
        page.route("**/pagefind/pagefind.js", lambda route: route.abort())
        page.goto(f"{base_url}cerca/?q=biblioteche")
        page.wait_for_function(ANSWERED, timeout=WAIT_MS)
        said = _status(page)
        shown = page.locator(RESULTS).count()
    assert said == "La ricerca non è riuscita: ricarica la pagina e riprova."
    assert shown == 0


def test_search_works_under_an_address_prefix(browser, sito_esempio, tmp_path):
    (tmp_path / "rete").symlink_to(sito_esempio, target_is_directory=True)
    with served(tmp_path) as url, open_page(browser) as page:
        page.goto(f"{url}rete/cerca/?q=biblioteche")
        wait_for_results(page)
        hrefs = page.locator(RESULT_LINKS).evaluate_all(
            "links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(h.startswith("/rete/") for h in hrefs), hrefs


# --- Nothing leaves 127.0.0.1 -----------------------------------------------------

LOADED_PAGES = ["", "schede/archivio-fotografico-paderno/", "poli/", "cerca/?q=biblioteche",
                "compila/scheda/", "compila/polo/",
                "compila/scheda/?correggi=archivio-fotografico-paderno", "rete/verifica/",
                "servizi/", "compila/richiesta/?polo=polo-lettura-0-6&servizio=valigie-nidi"]


@pytest.mark.parametrize("path", LOADED_PAGES, ids=lambda p: p or "home")
def test_pages_make_no_external_request(browser, base_url, path):
    requested: list[str] = []
    failed: list[str] = []
    with open_page(browser) as page:
        page.context.on("request", lambda request: requested.append(request.url))
        page.context.on("requestfailed", lambda request: failed.append(
            f"{request.url} ({request.failure})"))

        def check(response):
            if response.status >= 400:
                failed.append(f"{response.url} (HTTP {response.status})")

        page.context.on("response", check)
        page.goto(base_url + path)
        if path.startswith("cerca/"):
            wait_for_results(page)
        settle(page)
    assert base_url + path in requested, requested  # the recording works
    local = (base_url, "data:", "blob:" + base_url)
    outside = [url for url in requested if not url.startswith(local)]
    assert not outside, f"richieste fuori da {base_url}: {outside}"
    assert not failed, f"richieste locali non riuscite: {failed}"
    # Material fetches the sitemap of every <link rel=alternate> (it takes them for
    # other languages of the site): 680 KB at 5,000 schede, on every page.
    assert not [url for url in requested if "sitemap" in url], requested


SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?\s*((?:https?:)?//[^\"'\s>]+)",
                        re.IGNORECASE)
STYLESHEET = re.compile(r"<link\b(?=[^>]*\brel\s*=\s*[\"']?stylesheet)[^>]*"
                        r"\bhref\s*=\s*[\"']?\s*((?:https?:)?//[^\"'\s>]+)", re.IGNORECASE)
GOOGLE_FONTS = re.compile(r"fonts\.(?:googleapis|gstatic)\.com", re.IGNORECASE)


def test_built_html_loads_nothing_from_elsewhere(sito_esempio):
    files = sorted(sito_esempio.rglob("*.html"))
    assert len(files) > 50, files
    problems = []
    for file in files + sorted(sito_esempio.rglob("*.css")):
        text = file.read_text("utf-8", errors="replace")
        rel = file.relative_to(sito_esempio).as_posix()
        problems += [f"{rel}: Google Fonts ({m.group(0)})" for m in GOOGLE_FONTS.finditer(text)]
        if file.suffix == ".html":
            problems += [f"{rel}: <script src={m.group(1)}>" for m in SCRIPT_SRC.finditer(text)]
            problems += [f"{rel}: <link rel=stylesheet href={m.group(1)}>"
                         for m in STYLESHEET.finditer(text)]
    assert not problems, "\n".join(problems)


# --- Accessibility -----------------------------------------------------------------

A11Y_PAGES = {
    "home": "",
    "scheda-cartella": "schede/archivio-fotografico-paderno/",
    "scheda": "schede/memory-cafe-anziani/",
    "polo": "poli/polo-lettura-0-6/",
    "tema": "temi/storia-locale/",
    "biblioteca": "biblioteche/paderno-tilane/",
    "destinatari": "destinatari/adulti/",
    "poli": "poli/",
    "schede": "schede/",
    "parole-chiave": "parole-chiave/",
    "contribuire": "contribuire/",
    "identificativi": "identificativi/",
    "cerca": "cerca/?q=biblioteche",
    "compila-scheda": "compila/scheda/",
    "compila-polo": "compila/polo/",
    "servizi": "servizi/",
    "compila-richiesta": "compila/richiesta/?polo=polo-lettura-0-6&servizio=valigie-nidi",
    "correggi-scheda": "compila/scheda/?correggi=memory-cafe-anziani",
    "libretto": "libretto/",
    "rete": "rete/",
    "rete-analisi": "rete/analisi/",
    "rete-candidati": "rete/candidati/",
    "rete-verifica": "rete/verifica/",
}

A11Y_CASES = [pytest.param(path, "light", id=f"{name}-chiaro")
              for name, path in A11Y_PAGES.items()]
A11Y_CASES += [pytest.param(path, "dark", id=f"{name}-scuro")
               for name, path in A11Y_PAGES.items()]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [" ".join(map(str, node.get("target", []))) for node in v["nodes"][:3]]
        lines.append(f"- {v['id']} ({v.get('impact')}): {v['help']}; "
                     f"{len(v['nodes'])} elementi, per esempio {targets}")
        for node in v["nodes"][:3]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"    {' '.join(map(str, node.get('target', [])))}: {summary}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe():
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError as exc:
        _unavailable(f"il pacchetto axe-playwright-python non è installato ({exc})")
    return Axe()


@pytest.mark.parametrize("path, scheme", A11Y_CASES)
def test_axe_finds_no_wcag_violation(browser, base_url, axe, path, scheme):
    with open_page(browser, color_scheme=scheme) as page:
        page.goto(base_url + path)
        if path.startswith("cerca/"):
            wait_for_results(page)
        settle(page)
        palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert palette == {"light": "default", "dark": "slate"}[scheme], palette
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = result.response["violations"]
    assert not violations, (f"axe su /{path} (tema {scheme}):\n" + describe(violations))


# --- A phone --------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["", "schede/archivio-fotografico-paderno/",
                                  "schede/memory-cafe-anziani/", "compila/polo/",
                                  "rete/verifica/", "cerca/?q=biblioteche", "servizi/",
                                  "poli/polo-lettura-0-6/",
                                  "compila/richiesta/?polo=polo-lettura-0-6"],
                         ids=lambda p: p or "home")
@pytest.mark.parametrize("phone", [375, 360])
def test_phone_width_needs_no_horizontal_scroll(browser, base_url, path, phone):
    with open_page(browser, viewport={"width": phone, "height": 740}) as page:
        page.goto(base_url + path)
        if path.startswith("cerca/"):
            wait_for_results(page)
        settle(page)
        width, viewport = page.evaluate(
            "[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert viewport == phone
    assert width <= viewport, f"/{path} è largo {width}px su uno schermo di {viewport}px"


# --- Hostile content in a real browser ----------------------------------------------

@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    """The minimal tree with hostile front-matter, body and bundle, built and served."""
    from ..conftest import copy_tree
    from ..sito import build
    from .test_sito import make_hostile

    base = tmp_path_factory.mktemp("ostile")
    tree = make_hostile(copy_tree("minimo", base), base)
    done = build(tree, base / "site")
    assert done.returncode == 0, done.stderr
    with served(base / "site") as url:
        yield url


HOSTILE_PAGES = ["schede/letture-al-nido/", "schede/cartella-ostile/", "",
                 "parole-chiave/b-grassetto-b/"]


def visit_hostile(browser, url: str, probe: str):
    """Open ``url``, touch every element of the content, and return the dialogs it
    opened, the addresses it asked for, and ``probe`` (JavaScript) evaluated last."""
    dialogs: list[str] = []
    requested: list[str] = []
    with open_page(browser) as page:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.context.on("request", lambda request: requested.append(request.url))
        page.goto(url)
        settle(page)
        # Handlers that wait for a pointer or a focus: touch every element of the content.
        for element in page.locator("article *").all()[:200]:
            if element.is_visible():
                element.hover(timeout=2_000, force=True)
        page.keyboard.press("Tab")
        settle(page)
        return dialogs, requested, page.evaluate(probe)


@pytest.mark.parametrize("path", HOSTILE_PAGES, ids=lambda p: p or "home")
def test_hostile_pages_open_no_dialog_and_ask_no_other_host(browser, hostile_url, path):
    dialogs, requested, (config, fake) = visit_hostile(
        browser, hostile_url + path, "[document.getElementById('__config').tagName, "
        "document.querySelectorAll(\"article .md-dialog, article [class*='md-banner']\")"
        ".length]")
    assert dialogs == [], dialogs
    outside = [url for url in requested if not url.startswith((hostile_url, "data:"))]
    assert outside == [], outside
    assert config == "SCRIPT"  # the theme still reads its own settings
    assert fake == 0


def test_hostile_titles_and_excerpts_are_text_with_only_the_marks_as_elements(browser,
                                                                               hostile_url):
    dialogs: list[str] = []
    with open_page(browser) as page:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{hostile_url}cerca/?q=alert")
        wait_for_results(page)
        settle(page)
        titles = page.locator(RESULT_LINKS).all_inner_texts()
        tags = page.evaluate("[...document.querySelectorAll('#rete-ricerca-risultati *')]"
                             ".map(e => e.tagName.toLowerCase())")
        excerpt = page.locator(f"{RESULTS} > p").first.inner_text()
        marks = page.locator(f"{RESULTS} mark").count()
    assert "</title><script>alert(1)</script>" in titles, titles
    assert set(tags) == {"li", "a", "p", "mark"}, set(tags)
    assert marks > 0
    assert "<img src=x onerror=alert(1)>" in excerpt, excerpt
    assert dialogs == []


# --- Landmarks and headings hold what they should ---------------------------------

STRUCTURE_RULES = ["empty-heading", "heading-order", "page-has-heading-one",
                   "landmark-one-main", "landmark-no-duplicate-main", "landmark-unique",
                   "landmark-main-is-top-level", "landmark-banner-is-top-level",
                   "landmark-contentinfo-is-top-level"]
# Interactive content or a landmark inside a heading makes the whole of it the heading's name.
INSIDE_HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.querySelector('input, button, select, textarea, form, nav, main, '
                               + '[role=search], [role=region], ul, ol, table'))
  .map(h => h.id || h.textContent.trim().slice(0, 40))"""


@pytest.mark.parametrize("path", ["cerca/?q=biblioteche", "", "schede/memory-cafe-anziani/",
                                  "parole-chiave/nati-per-leggere/"], ids=lambda p: p or "home")
def test_headings_and_landmarks_hold_only_their_own_content(browser, base_url, axe, path):
    with open_page(browser) as page:
        page.goto(base_url + path)
        if path.startswith("cerca/"):
            wait_for_results(page)
        settle(page)
        crowded = page.evaluate(INSIDE_HEADINGS)
        result = axe.run(page, options={"runOnly": {"type": "rule", "values": STRUCTURE_RULES}})
    assert crowded == [], f"titoli che contengono moduli, elenchi o zone: {crowded}"
    violations = result.response["violations"]
    assert not violations, f"axe su /{path}:\n" + describe(violations)


# --- Printing ---------------------------------------------------------------------

def test_a_scheda_prints_without_the_site_chrome(browser, base_url, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    path = "schede/archivio-fotografico-paderno/"
    with open_page(browser) as page:
        page.goto(base_url + path)
        settle(page)
        assert not page.locator(".rete-qr").is_visible()  # on screen: no QR code
        page.emulate_media(media="print")
        assert page.locator(".rete-qr").is_visible()
        # The footer's links and licence stay on paper (test_piede.py); its
        # previous/next page links do not.
        for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer__inner"):
            assert not page.locator(chrome).first.is_visible(), chrome
        page.pdf(path=str(tmp_path / "scheda.pdf"), format="A4")
    text = " ".join(" ".join((p.extract_text() or "").split())
                    for p in pypdf.PdfReader(tmp_path / "scheda.pdf").pages)
    assert text.startswith("https://rete.csbno.it/" + path) or \
        "Paderno com'era" in text.split("Raccolta")[0]
    assert "Paderno com'era: archivio fotografico digitale di comunità" in text
    for word in ("Cerca", "Contribuire", "Passa al tema", "Parole chiave", "Correggi"):
        assert word not in text, word
    # An address on another server is printed beside its link.
    assert re.search(r"\(mailto:\s?storialocale@tilane\.example\.it\)", text)
    # So is a link to another page of the site, as a full address, not a relative path.
    flat = re.sub(r"\s+", "", text)
    assert "Storialocaleememoria(https://rete.csbno.it/temi/storia-locale/)" in flat
    assert "(../../temi/" not in flat
