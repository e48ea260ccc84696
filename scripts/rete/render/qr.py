"""QR codes as inline vector SVG (segno), to reach a page of the site from paper."""

from __future__ import annotations

import html
from functools import lru_cache

import segno

# Every mask gives a code any reader decodes; letting segno score all eight to pick
# the prettiest costs five times the encoding, once per printed page of the site
# and again in the booklet. Mask 0 is the cheapest to apply.
MASK = 0


@lru_cache(maxsize=4096)  # the same scheda's address: its page, the booklet, its poster
def svg(address: str, title: str = "") -> str:
    """An inline <svg> QR code of ``address``, sized by CSS (no fixed size)."""
    code = segno.make(address, error="m", micro=False, mask=MASK)
    return code.svg_inline(scale=1, border=2, omitsize=True, title=title or None,
                           svgclass="qr", lineclass=None, dark="#000")


def on_paper(address: str) -> str:
    """The QR code a printed page of the site carries (print stylesheet only)."""
    return (f'<figure class="rete-qr" aria-hidden="true">{svg(address)}'
            f"<figcaption>{html.escape(address)}</figcaption></figure>")
