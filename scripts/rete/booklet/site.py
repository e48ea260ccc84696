"""What the printed adapter adds to the site: the PDF booklet, its one-page version
and the feed. The MkDocs hook only hands these to MkDocs."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from . import document, pdf
from ..content.model import Knowledge
from ..render import feed, pages, spread
from ..runtime.stored import Key, Shelf, package_files

PACKAGE = Path(__file__).resolve().parents[1]  # the rete package

PDF = "libretto.pdf"
PAGE = "libretto.md"
FEED = "feed.xml"
SKIP = "RETE_SENZA_LIBRETTO"  # set to 1 to build the site without laying out the PDF
# Up to this many schede the «Libretto» page holds them all. Beyond, one page would be
# megabytes that a browser opens and prints slowly, if at all (1,000 schede: 9 MB),
# and building it would cost as much as every scheda page again: the page then
# points to the PDF, to each theme's page, and says every scheda prints on its own.
ONE_PAGE_MAX = 300

# Said in the PDF and on the «Libretto» page when the preview does not lay them out.
_NOT_REMADE = ("Nell'anteprima (mkdocs serve) il libretto non viene rigenerato a ogni "
               "modifica. Per averlo: {} oppure {}.")
_PLACEHOLDER = f"""<!DOCTYPE html><html lang="it"><head><meta charset="utf-8">
<title>Libretto</title></head><body style="font-family: 'DejaVu Sans', sans-serif">
<h1>Il libretto non è stato impaginato</h1>
<p>{_NOT_REMADE.format("<code>make sito</code>", "<code>rete libretto</code>")}</p>
</body></html>"""


def booklet_pdf(k: Knowledge, root: Path, preview: bool = False,
                shelf: Shelf | None = None, spreads: dict | None = None) -> bytes:
    """The workshop's booklet as PDF bytes; a one-page notice in a preview. With a
    ``shelf``, laid out only when something it is made from changed (``key``).
    ``spreads``: the site's ``spread.relations``, when it has them."""
    if preview or os.environ.get(SKIP, "").strip() not in ("", "0"):
        return _notice(root)
    choice = document.workshop(k)
    spreads = spread.relations(k) if spreads is None else spreads
    if shelf is None:
        return _laid_out(k, choice, root, spreads)
    return shelf.files("libretto", key(k, choice, spreads),
                       lambda: {PDF: _laid_out(k, choice, root, spreads)})[PDF]


def _laid_out(k: Knowledge, choice: document.Choice, root: Path, spreads: dict) -> bytes:
    booklet = document.build(k, choice=choice, spreads=spreads)
    laid_out, _ = pdf.render(document.to_html(booklet), booklet.folders, root)
    return laid_out.write_pdf()


def key(k: Knowledge, choice: document.Choice, spreads: dict) -> Key:
    """Everything the PDF is made from: the chosen schede and poli as read, how their
    practices spread (who took them up, the similar ones: other schede change those),
    the files of their folders (images), rete.yml's network, the package's code,
    templates and style sheets, WeasyPrint and the fonts it may print with."""
    files = [path for s in choice.schede for path in pages.bundle_files(s).values()]
    told = [spreads.get(s.slug) for s in choice.schede]
    return (Key(k.rete, choice, told).files(files).files(package_files(PACKAGE))
            .versions(*pdf.LIBRARIES).value(pdf.fonts()))


@functools.lru_cache(maxsize=4)
def _notice(root: Path) -> bytes:
    """The one-page notice, laid out once per process: it never changes, and under
    `mkdocs serve` every rebuild would lay it out again."""
    laid_out, _ = pdf.render(_PLACEHOLDER, [], root)
    return laid_out.write_pdf()


def files(k: Knowledge, preview: bool = False, shelf: Shelf | None = None,
          spreads: dict | None = None) -> dict[str, str]:
    """The «Libretto» page and the feed, by their path in the docs tree (the PDF,
    slow to lay out, is ``booklet_pdf``'s). With a ``shelf``, the page is made only
    when what it shows changed, as the PDF."""
    if preview:  # the whole booklet again after every edit would take longer than the edit
        text = "# Libretto\n\n" + _NOT_REMADE.format("`make sito`", "`rete libretto`") + "\n"
    elif shelf is None:
        text = _page(k, document.workshop(k), spreads)
    else:
        choice = document.workshop(k)
        spreads = spread.relations(k) if spreads is None else spreads
        text = shelf.files("pagina-libretto", key(k, choice, spreads).value(ONE_PAGE_MAX),
                           lambda: {PAGE: _page(k, choice, spreads).encode("utf-8")}
                           )[PAGE].decode("utf-8")
    return {PAGE: text, FEED: feed.rss(k)}


def _page(k: Knowledge, choice: document.Choice, spreads: dict | None) -> str:
    if len(choice.schede) > ONE_PAGE_MAX:
        return document.to_site_guide(k, ONE_PAGE_MAX, choice)
    return document.to_site_page(document.build(k, page=html_dir(PAGE), level=3,
                                                 choice=choice, spreads=spreads))


def html_dir(path: str) -> str:
    """The folder a page is served from (directory URLs): libretto.md -> libretto/."""
    return path[:-3] + "/"
