"""QR codes as inline vector SVG (segno), to read a scheda's page from paper."""

from __future__ import annotations

import segno


def svg(address: str, title: str = "") -> str:
    """An inline <svg> QR code of ``address``, scaled by CSS (no fixed size)."""
    code = segno.make(address, error="m", micro=False)
    return code.svg_inline(scale=1, border=2, omitsize=True, title=title or None,
                           svgclass="qr", lineclass=None, dark="#000")
