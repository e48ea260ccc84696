"""Markers in hand-written pages, replaced by content made from the model and schemas."""

from __future__ import annotations

from .forms import fieldguide, template
from . import pages
from ..content import bundles
from ..content.model import Knowledge
from ..content.refs import ids_page_url
from ..text import human_list, human_size


def _code(text: str, lang: str = "yaml") -> str:
    fence = "````" if "```" in text else "```"
    return f"{fence}{lang}\n{text.rstrip()}\n{fence}"


def bundle_rules() -> str:
    """What a scheda's folder may hold, from the limits and kinds the validator applies."""
    def kinds(extensions) -> str:
        return ", ".join(sorted(extensions))

    return "\n".join([
        f"- **Documenti**: {kinds(bundles.DOCUMENTS)}; **fogli di calcolo**: "
        f"{kinds(bundles.SPREADSHEETS)}.",
        f"- **Immagini**: {kinds(bundles.IMAGES)}; **audio**: {kinds(bundles.AUDIO)}; "
        f"**video**: {kinds(bundles.VIDEO)}. Solo questi si possono anche mostrare nel "
        "testo, per esempio `![Il gruppo di lettura](foto.jpg)` con la sua descrizione.",
        f"- Al massimo {human_size(bundles.MAX_FILE)} per file, "
        f"{human_size(bundles.MAX_TOTAL)} per scheda e {bundles.MAX_FILES} file per cartella.",
        "- Si pubblicano solo i file elencati tra i `materiali` o mostrati nel testo; "
        "i file e le cartelle il cui nome inizia con `.`, `_` o `~` restano privati.",
        "- Niente collegamenti (scorciatoie o link simbolici) e niente nomi che Windows non "
        "accetta: con " + human_list([f"`{c}`" for c in '<>:"|?*']) + ", o come "
        + human_list(["`con`", "`aux`", "`nul`", "`com1`"]) + ".",
    ])


def expand(markdown: str, k: Knowledge) -> str:
    """Replace every ``<!-- rete:NAME -->`` marker that ``markdown`` contains."""
    if "<!-- rete:" not in markdown:
        return markdown
    ids = k.ids()
    everything = ids_page_url(k.rete.sito)
    makers = {
        "cifre": lambda: pages.figures(k),
        "guida": fieldguide.render_all,
        "materiali": bundle_rules,
        "modello-scheda": lambda: _code(template.render("scheda", ids, everything), "markdown"),
        "modello-polo": lambda: _code(template.render("polo", ids, everything), "markdown"),
    }
    for name, make in makers.items():
        marker = f"<!-- rete:{name} -->"
        if marker in markdown:
            markdown = markdown.replace(marker, make())
    return markdown
