"""QR codes as inline vector SVG (segno), to reach a page of the site from paper."""

from __future__ import annotations

import html

import segno


def svg(address: str, title: str = "") -> str:
    """An inline <svg> QR code of ``address``, sized by CSS (no fixed size)."""
    code = segno.make(address, error="m", micro=False)
    return code.svg_inline(scale=1, border=2, omitsize=True, title=title or None,
                           svgclass="qr", lineclass=None, dark="#000")


def on_paper(address: str) -> str:
    """The QR code a printed page of the site carries (print stylesheet only)."""
    return (f'<figure class="rete-qr" aria-hidden="true">{svg(address)}'
            f"<figcaption>{html.escape(address)}</figcaption></figure>")
