"""Put user strings into generated Markdown safely, and format values in Italian.

The site enables ``pymdownx.escapeall``, so a backslash before any character
makes it literal: every ASCII punctuation mark of a user string is escaped and
no front-matter value can become a link, an emphasis, a tag or raw HTML.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Callable
from urllib.parse import quote

from ..content import links
from ..text import format_date, format_euro, format_number, human_size

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def inline(value) -> str:
    """One line of literal text: punctuation escaped, line breaks folded."""
    text = " ".join(str(value).split())
    return _PUNCTUATION.sub(r"\\\1", text)


def block(value) -> str:
    """Literal text that keeps its paragraphs."""
    paragraphs = re.split(r"\n\s*\n", str(value).strip())
    return "\n\n".join(inline(p) for p in paragraphs if p.strip())


_DIRECTIVE = re.compile(r"<!--(?=\s*[\w-]+[:/])")


def body(text: str, here: str | None = None,
         folder: Callable[[str], bool] = lambda name: False) -> str:
    """A librarian's Markdown body, with every comment-shaped directive made inert
    and, on the page ``here`` (a docs path), every short link (``scheda:nome``) made
    the link to its page's file (``folder(name)``: the scheda is a folder).

    Plugins read directives such as ``<!-- material/tags -->`` (a listing of
    every tag, on every page that has one) from the Markdown as text, code blocks
    included; an invisible joiner after ``<!--`` keeps the text as it reads and
    the sanitiser drops the comment from the page as before.
    """
    text = text.strip()
    if here is not None:
        text = links.rewrite(text, links.short_target(here, folder))
    return _DIRECTIVE.sub("<!--\u2060", text)


def link_target(url: str) -> str:
    """A URL as a Markdown link target: no space or bracket can end it early."""
    return quote(url, safe=":/?#[]@!$&'*+,;=%~")


def file_target(name: str) -> str:
    """A bundle file's name as a relative link: '#' and '?' are part of the name."""
    return quote(name, safe="/")


def data(value: date | None) -> str:
    return format_date(value)


def number(value: float | int | None) -> str:
    """Italian digits: 1.250 and 12,50."""
    return format_number(value)


def euro(value: float | int | None) -> str:
    return format_euro(value)


def km(value: float) -> str:
    """A distance as a person says it: «12 km», «meno di 1 km»."""
    return "meno di 1 km" if value < 1 else f"{number(round(value))} km"


def size(value: int | None) -> str:
    return human_size(value) if value is not None else ""


SDG = {
    1: "Sconfiggere la povertà", 2: "Sconfiggere la fame", 3: "Salute e benessere",
    4: "Istruzione di qualità", 5: "Parità di genere",
    6: "Acqua pulita e servizi igienico-sanitari", 7: "Energia pulita e accessibile",
    8: "Lavoro dignitoso e crescita economica", 9: "Imprese, innovazione e infrastrutture",
    10: "Ridurre le disuguaglianze", 11: "Città e comunità sostenibili",
    12: "Consumo e produzione responsabili", 13: "Lotta contro il cambiamento climatico",
    14: "La vita sott'acqua", 15: "La vita sulla terra",
    16: "Pace, giustizia e istituzioni solide", 17: "Partnership per gli obiettivi",
}

STATI_PLURALI = {"attivo": "attivi", "proposto": "proposti", "sospeso": "sospesi",
                 "chiuso": "chiusi"}

STATI = {
    "in-corso": "in corso", "conclusa": "conclusa", "ricorrente": "ricorrente",
    "proposto": "proposto", "attivo": "attivo", "sospeso": "sospeso", "chiuso": "chiuso",
}

FILE_KINDS = {
    "pdf": "documento PDF", "doc": "documento Word", "docx": "documento Word",
    "odt": "documento di testo", "txt": "testo", "md": "testo", "csv": "tabella CSV",
    "xls": "foglio di calcolo", "xlsx": "foglio di calcolo", "ods": "foglio di calcolo",
    "png": "immagine PNG", "jpg": "immagine JPEG", "jpeg": "immagine JPEG",
    "svg": "immagine SVG", "gif": "immagine GIF", "webp": "immagine WebP",
    "ppt": "presentazione", "pptx": "presentazione", "odp": "presentazione",
    "mp3": "audio", "mp4": "video", "zip": "archivio ZIP",
}


def file_kind(extension: str) -> str:
    return FILE_KINDS.get(extension, f"file {extension.upper()}" if extension else "file")


def resources(r) -> str:
    """A scheda's resources on one line: personale, ore, costo, finanziamento."""
    parts = []
    if r.personale:
        parts.append(f"personale: {inline(r.personale)}")
    if r.ore is not None:
        parts.append(f"{number(r.ore)} ore di lavoro")
    if r.costo is not None:
        parts.append(f"costo {euro(r.costo)}")
    if r.finanziamento:
        parts.append(f"finanziamento: {inline(r.finanziamento)}")
    return "; ".join(parts)


def costs(c) -> str:
    """A polo's costs on one line."""
    return "; ".join(f"{label} {euro(value)}" for label, value in (
        ("preventivo", c.preventivo), ("consuntivo", c.consuntivo), ("ricavi", c.ricavi))
        if value is not None)
