"""Bar charts as inline SVG, drawn at build time from the figures: no script, no request.

Every chart has a title and a description (``role="img"``), and its page shows the
same figures in a table beside it, which is what a screen reader reads. Colours come
from the stylesheet (``.rete-grafico`` in docs/stylesheets/rete.css), so each palette
gets its own; text is drawn in the page's own colour. Every label is escaped.

The sanitiser of generated pages does not know SVG: a page carries an empty
placeholder ``<div class="rete-grafico" id="grafico-…">`` and ``place`` puts the
drawing there after the page has been cleaned (charts go only into the pages they
were drawn for, whose every user string is escaped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

WIDTH = 640
BAR_GAP = 8
LABEL_CHARS = 34  # a longer label is cut with "…"; the table beside has it whole


@dataclass(frozen=True)
class Bar:
    etichetta: str
    valore: float
    testo: str  # the value as a person reads it: "3", "1.250,00 €"


@dataclass(frozen=True)
class Series:
    nome: str
    barre: list[Bar]
    classe: str = "barra"  # barra (filled) or traccia (outlined)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "…"


def _open(chart_id: str, title: str, desc: str, height: int) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="rete-svg" '
            f'viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
            f'aria-labelledby="{chart_id}-titolo {chart_id}-descrizione">',
            f'<title id="{chart_id}-titolo">{escape(title)}</title>',
            f'<desc id="{chart_id}-descrizione">{escape(desc)}</desc>']


def columns(chart_id: str, title: str, desc: str, bars: list[Bar]) -> str:
    """Vertical bars, one a label (months of a year): the value above, the label below."""
    height, top, bottom = 240, 24, 28
    plot = height - top - bottom
    step = WIDTH / max(len(bars), 1)
    peak = max([b.valore for b in bars] + [1])
    out = _open(chart_id, title, desc, height)
    out.append(f'<line class="asse" x1="0" y1="{top + plot}" x2="{WIDTH}" y2="{top + plot}"/>')
    for n, b in enumerate(bars):
        x = n * step + BAR_GAP / 2
        h = plot * b.valore / peak
        y = top + plot - h
        out.append(f'<rect class="barra" x="{x:.1f}" y="{y:.1f}" '
                   f'width="{step - BAR_GAP:.1f}" height="{h:.1f}"/>')
        middle = x + (step - BAR_GAP) / 2
        out.append(f'<text class="valore" x="{middle:.1f}" y="{y - 6:.1f}" '
                   f'text-anchor="middle">{escape(b.testo)}</text>')
        out.append(f'<text class="etichetta" x="{middle:.1f}" y="{height - 8}" '
                   f'text-anchor="middle">{escape(_short(b.etichetta))}</text>')
    out.append("</svg>")
    return "\n".join(out)


def rows(chart_id: str, title: str, desc: str, series: list[Series]) -> str:
    """Horizontal bars, one group a label; several series sit one under the other,
    with a legend when there is more than one."""
    labels = [b.etichetta for b in series[0].barre] if series else []
    label_w, value_w, bar_h = 250, 110, 16
    legend_h = 28 if len(series) > 1 else 0
    group_h = bar_h * len(series) + 12
    height = legend_h + max(len(labels), 1) * group_h + 8
    plot = WIDTH - label_w - value_w
    peak = max([b.valore for s in series for b in s.barre] + [1])
    out = _open(chart_id, title, desc, height)
    if legend_h:
        x = 0
        for s in series:
            out.append(f'<rect class="{s.classe}" x="{x + 1}" y="6" width="14" height="14"/>')
            out.append(f'<text class="etichetta" x="{x + 22}" y="18">{escape(s.nome)}</text>')
            x += 40 + 9 * len(s.nome)
    for n, label in enumerate(labels):
        y0 = legend_h + n * group_h
        out.append(f'<text class="etichetta" x="{label_w - 8}" y="{y0 + group_h / 2 + 4:.1f}" '
                   f'text-anchor="end">{escape(_short(label))}</text>')
        for m, s in enumerate(series):
            b = s.barre[n]
            y = y0 + 6 + m * bar_h
            w = max(plot * b.valore / peak, 0)
            out.append(f'<rect class="{s.classe}" x="{label_w}" y="{y + 1}" '
                       f'width="{w:.1f}" height="{bar_h - 3}"/>')
            out.append(f'<text class="valore" x="{label_w + w + 6:.1f}" y="{y + bar_h - 4}">'
                       f'{escape(b.testo)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def placeholder(chart_id: str) -> str:
    """What a page's Markdown holds where a chart goes."""
    return f'<div class="rete-grafico" id="{chart_id}"></div>'


# The sanitiser keeps the id but drops the class; every chart's id starts "grafico-".
_PLACEHOLDER = re.compile(r'<div (?=[^>]*id="(grafico-[a-z0-9-]+)")[^>]*>\s*</div>')


_TITLE = re.compile(r"<title[^>]*>([^<]*)</title>")  # already escaped by the drawing


def place(html: str, charts: dict[str, str]) -> str:
    """Put each chart into its placeholder in a page's (already sanitised) HTML.

    On a phone the drawing keeps a readable size and its box scrolls sideways; a box
    that scrolls must be reachable with the keyboard, hence the tab stop and name."""
    if not charts:
        return html

    def fill(match: re.Match) -> str:
        svg = charts.get(match.group(1))
        if svg is None:
            return match.group(0)
        title = _TITLE.search(svg)
        name = f' aria-label="{title.group(1)}"' if title else ""
        return (f'<div class="rete-grafico" id="{match.group(1)}" tabindex="0" '
                f'role="region"{name}>{svg}</div>')

    return _PLACEHOLDER.sub(fill, html)
