"""Markers in hand-written pages, replaced by content made from the model and schemas."""

from __future__ import annotations

from . import fieldguide, pages, template
from ..model import Knowledge
from ..refs import ids_page_url


def _code(text: str, lang: str = "yaml") -> str:
    fence = "````" if "```" in text else "```"
    return f"{fence}{lang}\n{text.rstrip()}\n{fence}"


def expand(markdown: str, k: Knowledge) -> str:
    """Replace every ``<!-- rete:NAME -->`` marker that ``markdown`` contains."""
    if "<!-- rete:" not in markdown:
        return markdown
    ids = k.ids()
    everything = ids_page_url(k.rete.sito)
    makers = {
        "cifre": lambda: pages.figures(k),
        "guida": fieldguide.render_all,
        "modello-scheda": lambda: _code(template.render("scheda", ids, everything), "markdown"),
        "modello-polo": lambda: _code(template.render("polo", ids, everything), "markdown"),
    }
    for name, make in makers.items():
        marker = f"<!-- rete:{name} -->"
        if marker in markdown:
            markdown = markdown.replace(marker, make())
    return markdown
