"""A public body's site: every page's footer links the accessibility statement, privacy,
legal notes, where to report a problem and the licence, on screen and on paper; the
pages it links to are accessible; and what the privacy page promises is true: a first
visit sets no cookie, stores nothing in the browser and asks no other server."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from ..conftest import copy_tree
from ..sito import build
from .test_browser import (AXE_TAGS, axe, base_url, browser, describe,  # noqa: F401
                           open_page, settle)

FOOTER_LINKS = ["Dichiarazione di accessibilità", "Privacy", "Note legali",
                "Segnala un problema"]
SITE = "https://rete.csbno.it/"  # the sample's rete.yml


class _Footer(HTMLParser):
    """The links of the footer's nav.rete-piede, and the licence's link."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.href: str | None = None
        self.links: dict[str, str] = {}
        self.licence = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("class") == "rete-piede":
            self.inside = True
        elif tag == "a":
            self.href = attrs.get("href")
            if attrs.get("rel") == "license":
                self.licence = self.href

    def handle_endtag(self, tag):
        if tag == "nav":
            self.inside = False
        elif tag == "a":
            self.href = None

    def handle_data(self, data):
        if self.inside and self.href is not None and data.strip():
            self.links[data.strip()] = self.href


def footer(path) -> _Footer:
    parser = _Footer()
    parser.feed(path.read_text("utf-8"))
    return parser


def test_every_page_has_the_footer_links_and_the_licence(sito_esempio):
    pages = sorted(sito_esempio.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        found = footer(page)
        assert list(found.links) == FOOTER_LINKS, page
        assert found.licence == "https://creativecommons.org/licenses/by/4.0/deed.it", page


def test_without_a_statement_or_an_address_the_footer_leads_to_the_sites_own_pages(
        sito_esempio):
    """The sample's rete.yml has neither: its pages say so and how to ask."""
    links = footer(sito_esempio / "schede" / "memory-cafe-anziani" / "index.html").links
    assert links["Dichiarazione di accessibilità"] == "../../accessibilita/"
    assert links["Segnala un problema"] == "../../note-legali/#segnalazioni"
    statement = (sito_esempio / "accessibilita" / "index.html").read_text("utf-8")
    assert "non è ancora pubblicata" in statement and "23 settembre" in statement
    assert 'href="https://form.agid.gov.it"' in statement
    legal = (sito_esempio / "note-legali" / "index.html").read_text("utf-8")
    assert 'id="segnalazioni"' in legal and "CC BY 4.0" in legal
    assert "dati di contatto dei referenti" in legal and "CSBNO" in legal
    privacy = (sito_esempio / "privacy" / "index.html").read_text("utf-8")
    for promise in ("Nessun cookie", "Niente da altri server", "Come far togliere"):
        assert promise in privacy


@pytest.fixture(scope="module")
def second_network(tmp_path_factory):
    """tests/alberi/piccolo, whose rete.yml gives the statement and an email to report
    to, built for real."""
    base = tmp_path_factory.mktemp("piccolo")
    done = build(copy_tree("piccolo", base), base / "site", libretto=False)
    assert done.returncode == 0, done.stderr
    return base / "site"


def test_a_second_network_links_its_agid_statement_and_its_address(second_network):
    links = footer(second_network / "index.html").links
    assert links["Dichiarazione di accessibilità"] == (
        "https://form.agid.gov.it/view/00000000-0000-0000-0000-000000000000")
    assert links["Segnala un problema"] == "mailto:segnalazioni@rete.example.it"
    assert links["Privacy"] == "privacy/"
    privacy = (second_network / "privacy" / "index.html").read_text("utf-8")
    assert "rpd@consorzio.example.it" in privacy and "Consorzio bibliotecario di prova" in privacy
    legal = (second_network / "note-legali" / "index.html").read_text("utf-8")
    assert "c_prova" in legal and "Via Roma 1" in legal


# --- In a browser ---------------------------------------------------------------------

PAGES = {"privacy": "privacy/", "note-legali": "note-legali/",
         "accessibilita": "accessibilita/", "scheda": "schede/memory-cafe-anziani/",
         "home": ""}


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_axe_finds_no_violation_at_360_px(browser, base_url, axe, path, scheme):
    with open_page(browser, color_scheme=scheme, viewport={"width": 360, "height": 740}) as page:
        page.goto(base_url + path)
        settle(page)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = result.response["violations"]
    assert not violations, f"axe su /{path} (tema {scheme}):\n" + describe(violations)
    assert width <= 360, f"/{path} è largo {width}px"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "schede/memory-cafe-anziani/", "privacy/",
                                  "compila/scheda/", "cerca/?q=biblioteche"],
                         ids=lambda p: p or "home")
def test_a_first_visit_sets_no_cookie_stores_nothing_and_asks_no_other_server(
        browser, base_url, path):
    requested: list[str] = []
    with open_page(browser) as page:
        page.context.on("request", lambda request: requested.append(request.url))
        page.goto(base_url + path)
        settle(page)
        stored = page.evaluate("[document.cookie, localStorage.length, sessionStorage.length]")
        cookies = page.context.cookies()
    assert base_url + path in requested  # the recording works
    assert stored == ["", 0, 0] and cookies == [], (stored, cookies)
    assert [u for u in requested if not u.startswith((base_url, "data:", "blob:"))] == []


@pytest.mark.browser
def test_the_storage_check_would_see_a_cookie(browser, base_url):
    with open_page(browser) as page:
        page.goto(base_url)
        page.evaluate("document.cookie = 'prova=1'; localStorage.setItem('x', '1')")
        assert page.evaluate("[document.cookie, localStorage.length]") == ["prova=1", 1]


@pytest.mark.browser
def test_printed_pages_keep_the_footer_and_the_last_update(browser, base_url):
    with open_page(browser) as page:
        page.goto(base_url + "schede/memory-cafe-anziani/")
        settle(page)
        page.emulate_media(media="print")
        footer_links = page.locator("nav.rete-piede a")
        assert footer_links.count() == 4
        assert all(footer_links.nth(i).is_visible() for i in range(4))
        assert page.locator(".rete-aggiornamento").is_visible()
        assert re.match(r"Ultimo aggiornamento: \d{1,2} \w+ \d{4}$",
                        page.locator(".rete-aggiornamento").inner_text())
        assert page.get_by_role("link", name="CC BY 4.0").is_visible()
        after = page.locator("nav.rete-piede a", has_text="Privacy").evaluate(
            "a => getComputedStyle(a, '::after').content")
        assert after == f'" (" "{SITE}privacy/" ")"' or f"{SITE}privacy/" in after, after
        page.emulate_media(media="screen")
        assert page.locator(".rete-qr").first.is_hidden()  # what only paper shows


@pytest.mark.browser
def test_a_palette_the_reader_picks_is_still_remembered(browser, base_url):
    """Only the first visit stores nothing: a chosen palette is kept, as Material does."""
    with open_page(browser, color_scheme="light") as page:
        page.goto(base_url)
        settle(page)
        assert page.evaluate("localStorage.length") == 0
        page.locator("label[title='Passa al tema scuro']:visible").click()
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert any(key.endswith("__palette") for key in page.evaluate("Object.keys(localStorage)"))
        page.goto(base_url + "privacy/")
        settle(page)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
