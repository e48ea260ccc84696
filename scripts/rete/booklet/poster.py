"""Exhibition posters: one page per scheda, readable from two metres."""

from __future__ import annotations

import re
from typing import Callable
from urllib.parse import urljoin


from .document import _ENV
from ..model import Knowledge, Scheda
from ..problems import ReteError
from ..render import html, pages, qr
from ..text import did_you_mean

IMAGES = ("png", "jpg", "jpeg", "gif", "svg", "webp")
SIZES = {"A3": "A3", "A4": "A4"}


def select(k: Knowledge, slug: str | None) -> list[Scheda]:
    """The published schede to make posters of: one by its name, or all of them."""
    published = k.pubblicate
    if slug is None:
        if not published:
            raise ReteError("non ci sono schede pubblicate di cui fare i manifesti")
        return published
    found = [s for s in published if s.slug == slug]
    if not found:
        drafts = [s for s in k.schede if s.slug == slug and s.bozza]
        if drafts:
            raise ReteError(f"--poster: la scheda «{slug}» è una bozza, e le bozze non "
                            "si stampano", hint="togli «bozza: true» quando è pronta")
        near = did_you_mean(slug, [s.slug for s in published])
        raise ReteError(f"--poster: la scheda «{slug}» non esiste",
                        hint=f"forse intendevi {near}" if near else
                        "scrivi il nome del file della scheda, senza .md")
    return found


def first_image(s: Scheda) -> str | None:
    """The address of the first image of a scheda's bundle, as a local file."""
    for name, source in s.files.items():
        if name.rsplit(".", 1)[-1].lower() in IMAGES:
            return source.resolve().as_uri()
    return None


def paragraphs(text: str | None) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def to_html(k: Knowledge, schede: list[Scheda], size: str = "A3",
            step: Callable[[], None] = lambda: None) -> str:
    """One HTML document with a poster per page."""
    if size not in SIZES:
        raise ReteError(f"--formato: atteso A3 o A4, ricevuto «{size}»")
    items = []
    for s in schede:
        address = urljoin(k.rete.sito, html.page_url(pages.scheda_path(s)))
        items.append({"s": s, "address": address, "image": first_image(s),
                      "risultati": paragraphs(s.risultati),
                      "qr": qr.svg(address, f"Indirizzo della scheda: {address}")})
        step()
    css = _ENV.loader.get_source(_ENV, "manifesto.css")[0]
    return _ENV.get_template("manifesto.html.j2").render(
        rete=k.rete, items=items, size=SIZES[size], css=css)
