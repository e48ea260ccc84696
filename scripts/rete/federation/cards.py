"""The portal's short cards: one per scheda and polo of every network, never its body.

A card is rendered once to HTML (Jinja2, autoescaped) and the same text is placed on
every list it belongs to (its network, its theme, each of its audiences); pages are
then filled card by card up to a byte budget, so no page passes ``MAX_PAGE``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from .config import Federation
from .exports import Network

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_PAGE = 60 * 1024  # bytes: the bound for any page of the portal
CARDS_BUDGET = 48 * 1024  # what the cards of one page may take; the rest is the frame

ENV = jinja2.Environment(loader=jinja2.PackageLoader("rete.federation", "modelli"),
                         autoescape=True, undefined=jinja2.StrictUndefined,
                         trim_blocks=True, lstrip_blocks=True)


@dataclass(frozen=True)
class Card:
    kind: str  # "scheda" or "polo"
    rete: str
    id: str
    tema: str  # the regional theme
    destinatari: tuple[str, ...]
    html: Markup  # rendered once, autoescaped


def folder_of(key: str) -> str:
    """A theme's or audience's folder in the portal: its id when it is a plain slug, else
    a name derived from it (an id read from another site never becomes a path as is)."""
    if SLUG.match(key) and len(key) <= 80:
        return key
    return "voce-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def home_page(site: str, folder: str, ident: str) -> str:
    """The card's page on its network's own site: ``{sito}schede/{id}/``."""
    return site.rstrip("/") + f"/{folder}/{quote(ident, safe='')}/"


def _text(value, limit: int) -> str:
    text = value if isinstance(value, str) else ""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def cards(fed: Federation, net: Network, theme_names: dict[str, str]) -> list[Card]:
    """Every card of one network: its schede, then its poli."""
    template = ENV.get_template("_scheda.html.j2")
    found = []
    for folder, kind in (("schede", "scheda"), ("poli", "polo")):
        for r in net.records[folder]:
            tema = fed.regional_theme(net.id, str(r.get("tema", "")))
            theme_names.setdefault(tema, net.name("temi", str(r.get("tema", ""))))
            audiences = tuple(a for a in r.get("destinatari") or [] if isinstance(a, str))
            html = Markup(template.render(
                tipo=kind, titolo=_text(r.get("titolo") or r.get("nome") or r["id"], 300),
                biblioteca=net.name("biblioteche", str(r.get("biblioteca", ""))),
                rete=net.member.nome, tema=theme_names[tema],
                sintesi=_text(r.get("sintesi"), 1200),
                indirizzo=home_page(net.member.sito, folder, r["id"])))
            found.append(Card(kind, net.id, r["id"], tema, audiences, html))
    return found


def paginate(items: list[str], budget: int = CARDS_BUDGET) -> list[list[str]]:
    """The cards split into pages of at most ``budget`` bytes (always one page)."""
    pages, page, size = [], [], 0
    for html in items:
        n = len(html.encode("utf-8"))
        if page and size + n > budget:
            pages.append(page)
            page, size = [], 0
        page.append(html)
        size += n
    return pages + [page] if page or not pages else pages
