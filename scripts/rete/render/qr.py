"""QR codes (segno), to reach a page of the site from paper: inline vector SVG for
the site and the posters, a one-pixel-per-module PNG for the booklet."""

from __future__ import annotations

import html
from functools import lru_cache

import segno

# Every mask gives a code any reader decodes; letting segno score all eight to pick
# the prettiest costs five times the encoding, once per printed page of the site
# and again in the booklet. Mask 0 is the cheapest to apply.
MASK = 0


@lru_cache(maxsize=4096)  # the same scheda's address: its page, the booklet, its poster
def _code(address: str) -> segno.QRCode:
    return segno.make(address, error="m", micro=False, mask=MASK)


def svg(address: str, title: str = "") -> str:
    """An inline <svg> QR code of ``address``, sized by CSS (no fixed size)."""
    return _code(address).svg_inline(scale=1, border=2, omitsize=True,
                                     title=title or None, svgclass="qr", lineclass=None,
                                     dark="#000")


def on_paper(address: str) -> str:
    """The QR code a printed page of the site carries (print stylesheet only)."""
    return (f'<figure class="rete-qr" aria-hidden="true">{svg(address)}'
            f"<figcaption>{html.escape(address)}</figcaption></figure>")


def png(address: str, alt: str = "") -> str:
    """An <img> of the QR code of ``address``: a PNG of one pixel per module, to be
    drawn large with ``image-rendering: pixelated`` (sharp edges, as the vector).
    WeasyPrint lays out and draws a 200-scheda booklet's vector codes, thousands of
    path segments each, in about a tenth of the whole time; an image costs nothing."""
    return (f'<img class="qr-codice" src="{_code(address).png_data_uri(scale=1, border=2)}" '
            f'alt="{html.escape(alt, quote=True)}">')
