"""Who learned from whom, as inline SVG: the libraries whose practices were taken up
on the left, the libraries that took them up on the right, one arrow for each pair
(thicker when more practices went that way).

Like the bar charts (``charts``), a drawing has a title and a description, a
``<title>`` per arrow, colours from the stylesheet (``.rete-svg .freccia``), every
label escaped, and its page shows the same pairs in a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .charts import WIDTH, _open, _short

ROW = 26
LABEL_W = 220
TOP = 30


@dataclass(frozen=True)
class Arrow:
    da: str  # the library whose practice was taken up
    a: str  # the library that took it up
    pratiche: int


def _places(names: list[str]) -> dict[str, float]:
    return {name: TOP + n * ROW + ROW / 2 for n, name in enumerate(names)}


def draw(chart_id: str, title: str, desc: str, arrows: list[Arrow]) -> str:
    """Two columns of library names and the arrows between them."""
    left = sorted({x.da for x in arrows}, key=str.casefold)
    right = sorted({x.a for x in arrows}, key=str.casefold)
    height = TOP + max(len(left), len(right), 1) * ROW + 8
    out = _open(chart_id, title, desc, height)
    marker = f"{chart_id}-punta"
    out.append(f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" '
               f'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
               f'<path class="punta" d="M0,0 L10,5 L0,10 z"/></marker></defs>')
    out.append(f'<text class="etichetta" x="{LABEL_W - 8}" y="16" text-anchor="end">'
               "Ha insegnato</text>")
    out.append(f'<text class="etichetta" x="{WIDTH - LABEL_W + 8}" y="16">Ha imparato</text>')
    ys, yt = _places(left), _places(right)
    for name, y in ys.items():
        out.append(f'<text class="etichetta" x="{LABEL_W - 8}" y="{y + 5:.1f}" '
                   f'text-anchor="end">{escape(_short(name))}</text>')
    for name, y in yt.items():
        out.append(f'<text class="etichetta" x="{WIDTH - LABEL_W + 8}" y="{y + 5:.1f}">'
                   f"{escape(_short(name))}</text>")
    x1, x2 = LABEL_W, WIDTH - LABEL_W
    for arrow in sorted(arrows, key=lambda x: (x.da.casefold(), x.a.casefold())):
        y1, y2 = ys[arrow.da], yt[arrow.a]
        mid = (x1 + x2) / 2
        said = "pratica ripresa" if arrow.pratiche == 1 else "pratiche riprese"
        out.append(f"<g><title>Da {escape(arrow.da)} a {escape(arrow.a)}: {arrow.pratiche} "
                   f"{said}</title>"
                   f'<path class="freccia" d="M{x1},{y1:.1f} C{mid:.1f},{y1:.1f} '
                   f'{mid:.1f},{y2:.1f} {x2 - 2},{y2:.1f}" '
                   f'stroke-width="{min(1.5 + arrow.pratiche, 6):.1f}" '
                   f'marker-end="url(#{marker})"/></g>')
    out.append("</svg>")
    return "\n".join(out)
