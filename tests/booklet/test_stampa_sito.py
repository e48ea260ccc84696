"""What the printed adapter adds to the built sample site: the booklet PDF, the
one-page «Libretto», the RSS feed, and pages that print without the site's chrome."""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree as ET

import pytest

from rete.checks.validate import check

from ..conftest import ROOT

pytestmark = pytest.mark.lento
pypdf = pytest.importorskip("pypdf")


def test_the_booklet_pdf_is_built_with_the_site(sito_esempio):
    from rete.booklet import document

    reader = pypdf.PdfReader(sito_esempio / "libretto.pdf")
    chosen = document.workshop(check(ROOT).knowledge).schede  # begun in 2026 and 2027
    assert chosen
    assert len(reader.pages) > len(chosen)
    text = re.sub(r"\s+", "", " ".join(p.extract_text() for p in reader.pages))
    for s in chosen:
        assert re.sub(r"\s+", "", s.titolo) in text


def test_home_and_workshop_mention_link_the_booklet(sito_esempio):
    home = (sito_esempio / "index.html").read_text("utf-8")
    assert home.count('href="libretto.pdf"') == 2  # the workshop's mention, the list
    assert 'href="libretto/"' in home


def test_every_page_links_the_feed_in_its_head(sito_esempio):
    for path in ("index.html", "schede/memory-cafe-anziani/index.html",
                 "poli/index.html"):
        page = (sito_esempio / path).read_text("utf-8")
        head = page.split("</head>", 1)[0]
        assert re.search(r'<link rel="alternate feed" type="application/rss\+xml" '
                         r'title="Novità della rete" href="[./]*feed\.xml">', head), path


def test_feed_is_rss_2_newest_first(sito_esempio):
    root = ET.parse(sito_esempio / "feed.xml").getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") == check(ROOT).knowledge.rete.nome
    assert channel.findtext("language") == "it"
    items = channel.findall("item")
    assert items
    for item in items:
        for tag in ("title", "link", "guid", "pubDate", "description"):
            assert item.findtext(tag), tag
        assert item.findtext("link").startswith("https://rete.csbno.it/")
    dates = [parsedate_to_datetime(i.findtext("pubDate")) for i in items]
    assert all(isinstance(d, datetime) for d in dates)
    assert dates == sorted(dates, reverse=True)
    titles = [i.findtext("title") for i in items]
    assert any(t.startswith("Buona pratica: ") for t in titles)
    assert any(t.startswith("Polo ") for t in titles)


def test_libretto_page_holds_the_workshops_schede_and_active_poli(sito_esempio):
    page = (sito_esempio / "libretto" / "index.html").read_text("utf-8")
    from rete.booklet import document

    knowledge = check(ROOT).knowledge
    chosen = {s.slug for s in document.workshop(knowledge).schede}  # begun in 2025, 2026
    assert chosen
    for s in knowledge.pubblicate:
        assert (f'id="scheda.{s.slug}"' in page) == (s.slug in chosen), s.slug
        assert (f'href="#scheda.{s.slug}"' in page) == (s.slug in chosen), s.slug
    assert {p.stato for p in knowledge.poli} > {"attivo"}
    for p in knowledge.poli:
        assert (f'id="polo.{p.slug}"' in page) == (p.stato == "attivo"), p.slug
    assert "La biblioteca dei semi" not in page  # a draft
    # Links to other pages are paths from the site's root (publish/frozen.py); bundle
    # images load from the site.
    assert 'href="/temi/formazione-bibliotecari/"' in page
    assert re.search(r'(src|href)="/schede/corso-reference-bibliotecari/[^"]+\.png"', page)
    # The search index does not repeat every scheda under «Libretto».
    assert "<script" not in page.split('class="rete-libretto"', 1)[1].split("</article>")[0]


def test_scheda_and_polo_pages_carry_a_qr_code_for_paper(sito_esempio):
    for path, address in (("schede/memory-cafe-anziani/index.html",
                           "https://rete.csbno.it/schede/memory-cafe-anziani/"),
                          ("poli/polo-lettura-0-6/index.html",
                           "https://rete.csbno.it/poli/polo-lettura-0-6/")):
        page = (sito_esempio / path).read_text("utf-8")
        assert '<figure class="rete-qr" aria-hidden="true"><svg' in page
        assert f"<figcaption>{address}</figcaption>" in page
    assert "rete-qr" not in (sito_esempio / "temi" / "storia-locale" / "index.html").read_text(
        "utf-8")


def test_printed_pages_give_links_inside_the_site_their_full_address(sito_esempio):
    scheda = (sito_esempio / "schede" / "archivio-fotografico-paderno" / "index.html").read_text(
        "utf-8")
    assert ('<a data-indirizzo="https://rete.csbno.it/temi/storia-locale/" '
            'href="/temi/storia-locale/"') in scheda
    assert 'data-indirizzo="https://rete.csbno.it/biblioteche/' in scheda
    # Addresses with a scheme show their href already; a place on the same sheet stays.
    assert not re.search(r'<a data-indirizzo="[^"]*" href="(mailto:|https?:|#)', scheda)
    libretto = (sito_esempio / "libretto" / "index.html").read_text("utf-8")
    assert ('<a data-indirizzo="https://rete.csbno.it/temi/storia-locale/" '
            'href="/temi/storia-locale/"') in libretto
    # Other pages keep their links as they are (the footer's own are written out on
    # every page: overrides/partials/copyright.html).
    tema = (sito_esempio / "temi" / "storia-locale" / "index.html").read_text("utf-8")
    assert "data-indirizzo" not in tema.split('<footer class="md-footer">')[0]


def test_above_the_limit_the_libretto_page_guides_instead_of_holding_everything(monkeypatch):
    from rete.booklet import document, site
    from rete.render import mdtext

    knowledge = check(ROOT).knowledge
    chosen = document.workshop(knowledge).schede  # the schede begun in 2025 and 2026
    assert len(chosen) > 1
    monkeypatch.setattr(site, "ONE_PAGE_MAX", len(chosen) - 1)
    page = site.files(knowledge)[site.PAGE]
    assert "[scarica il libretto](libretto.pdf)" in page
    active = sum(p.stato == "attivo" for p in knowledge.poli)
    assert (f"Il libretto raccoglie {len(chosen)} schede e {active} poli "
            "(pratiche avviate nel 2025, 2026)") in page
    themes = {s.tema.id for s in chosen}
    for theme in themes:  # each theme with schede links its page, where they are listed
        count = sum(s.tema.id == theme for s in chosen)
        assert re.search(rf"^- \[[^\]]+\]\(temi/{theme}\.md\): {count} sched[ae]$", page, re.M)
    assert len(re.findall(r"^- \[", page, re.M)) == len(themes)
    assert "id=" not in page and not any(s.titolo in page for s in knowledge.pubblicate)
    for theme in themes:  # a name is text in Markdown, never markup
        assert f"[{mdtext.inline(knowledge.rete.temi[theme].nome)}](temi/{theme}.md)" in page
    monkeypatch.setattr(document, "workshop", document.chosen)  # every theme, then
    assert r"Lettura 0\-6" in site.files(knowledge)[site.PAGE]
