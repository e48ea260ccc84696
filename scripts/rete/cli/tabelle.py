"""Tables for the terminal and for spreadsheets: one shape, two renderings.

A report command turns its figures into ``Table`` values once; ``testo`` prints
them aligned for an 80-column terminal and ``xlsx`` writes them one sheet each,
so the screen and the spreadsheet show the same cells.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from ..render.mdtext import euro, number

WIDTH = 80  # the terminal the coordinators use
GAP = "  "
MIN_TEXT = 12  # a text column is never squeezed narrower than this
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # a name must not move the cursor
KINDS = ("testo", "numero", "euro", "data")


@dataclass(frozen=True)
class Column:
    titolo: str
    tipo: str = "testo"  # testo, numero, euro or data


@dataclass
class Table:
    """A titled table; cells are plain values (str, int, float or None)."""

    titolo: str
    colonne: list[Column]
    righe: list[list] = field(default_factory=list)
    vuota: str = "nessuna riga"  # what to print when there is no row
    foglio: str | None = None  # the spreadsheet's sheet name, when not the title


def cell_text(value, kind: str) -> str:
    """A cell as a person reads it: Italian digits, euro, nothing for a missing figure."""
    if value is None:
        return "–"
    if kind == "euro":
        return euro(value)
    if kind == "numero":
        return number(value)
    if kind == "data":
        return value.strftime("%d/%m/%Y")
    return _CONTROL.sub(" ", " ".join(str(value).split()))


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_on_hyphens=True) or [""]


def _widths(table: Table, texts: list[list[str]]) -> list[int]:
    widths = [max([len(c.titolo), *(len(r[i]) for r in texts)])
              for i, c in enumerate(table.colonne)]
    room = WIDTH - len(GAP) * (len(widths) - 1)
    # Long text columns give way first, widest first, down to a readable minimum.
    while sum(widths) > room:
        texts_cols = [i for i, c in enumerate(table.colonne)
                      if c.tipo == "testo" and widths[i] > MIN_TEXT]
        if not texts_cols:
            break
        widest = max(texts_cols, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def render_table(table: Table) -> str:
    """One table, its title underlined, numbers aligned right; long text wraps
    inside its column rather than being cut, so nothing is hidden."""
    lines = [table.titolo, "=" * min(len(table.titolo), WIDTH)]
    if not table.righe:
        return "\n".join([*lines, table.vuota, ""])
    texts = [[cell_text(v, c.tipo) for v, c in zip(row, table.colonne, strict=True)]
             for row in table.righe]
    widths = _widths(table, texts)

    def row_lines(cells: list[str]) -> list[str]:
        wrapped = [_wrap(text, width) for text, width in zip(cells, widths, strict=True)]
        out = []
        for n in range(max(len(w) for w in wrapped)):
            parts = []
            for cell, width, col in zip(wrapped, widths, table.colonne, strict=True):
                text = cell[n] if n < len(cell) else ""
                parts.append(text.rjust(width) if col.tipo in ("numero", "euro")
                             else text.ljust(width))
            out.append(GAP.join(parts).rstrip())
        return out

    lines += row_lines([c.titolo for c in table.colonne])
    lines.append(GAP.join("-" * w for w in widths))
    for r in texts:
        lines += row_lines(r)
    return "\n".join([*lines, ""])


def testo(tables: list[Table], notes: list[str] = ()) -> str:
    """Every table, one after the other, then the notes."""
    blocks = [render_table(t) for t in tables]
    if notes:
        blocks.append("\n".join(textwrap.fill(n, WIDTH) for n in notes) + "\n")
    return "\n".join(blocks)
