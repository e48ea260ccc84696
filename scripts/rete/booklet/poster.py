"""Exhibition posters: one page per scheda, readable from two metres."""

from __future__ import annotations

import re
from typing import Callable
from urllib.parse import urljoin


from .document import _ENV
from ..content.model import Knowledge, Scheda
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


def cut(text: str, limit: int) -> tuple[str, bool]:
    """``text`` in at most ``limit`` characters, cut after a whole word with «…»;
    and whether it was cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text, False
    if limit < 1:
        return "", bool(text)
    head = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return head.rstrip(" ,;:.–-") + "…", True


# The characters each part of a poster may hold at each try, from the full text
# (about half an A3 page of results) down to the title alone: a poster that does
# not fit one page is laid out again with the next row.
_ROWS = [  # titolo, biblioteca, sintesi, risultati, immagine
    (120, 160, 300, 900, True),
    (120, 160, 300, 600, True),
    (120, 160, 300, 350, True),
    (120, 120, 300, 350, False),
    (120, 120, 250, 200, False),
    (100, 100, 200, 100, False),
    (80, 80, 100, 0, False),
    (40, 40, 0, 0, False),
]
BUDGETS = [dict(zip(("titolo", "biblioteca", "sintesi", "risultati", "immagine"), row))
           for row in _ROWS]


def _item(k: Knowledge, s: Scheda, budget: dict) -> dict:
    address = urljoin(k.rete.sito, html.page_url(pages.scheda_path(s)))
    libraries = ", ".join(f"{b.nome}, {b.comune}" for b in s.libraries[:1]) + "".join(
        f" · {b.nome}" for b in s.partner)
    title, cut_title = cut(s.titolo, budget["titolo"])
    library, cut_library = cut(libraries, budget["biblioteca"])
    sintesi, cut_sintesi = cut(s.sintesi, budget["sintesi"])
    results, left = [], budget["risultati"]
    cut_results = False
    for paragraph in paragraphs(s.risultati):
        text, was_cut = cut(paragraph, left)
        if text:
            results.append(text)
        left -= len(text)
        if was_cut:
            cut_results = True
            break
    image = first_image(s)
    return {"s": s, "address": address, "titolo": title, "biblioteca": library,
            "sintesi": sintesi, "risultati": results,
            "image": image if budget["immagine"] else None,
            "tagliato": cut_title or cut_library or cut_sintesi or cut_results,
            "qr": qr.svg(address, f"Indirizzo della scheda: {address}")}


def to_html(k: Knowledge, schede: list[Scheda], size: str = "A3",
            step: Callable[[], None] = lambda: None,
            tries: dict[str, int] | None = None) -> str:
    """One HTML document with a poster per page; ``tries`` says, by slug, which
    row of ``BUDGETS`` a scheda's poster uses (the first when absent)."""
    if size not in SIZES:
        raise ReteError(f"--formato: atteso A3 o A4, ricevuto «{size}»")
    items = []
    for s in schede:
        items.append(_item(k, s, BUDGETS[(tries or {}).get(s.slug, 0)]))
        step()
    css = _ENV.loader.get_source(_ENV, "manifesto.css")[0]
    return _ENV.get_template("manifesto.html.j2").render(
        rete=k.rete, items=items, size=SIZES[size], css=css)


def overflowing(laid_out, schede: list[Scheda]) -> list[Scheda]:
    """The schede whose poster took more than one page of WeasyPrint's ``laid_out``."""
    first = {}
    for number, page in enumerate(laid_out.pages):
        for name in page.anchors:
            first.setdefault(name, number)
    starts = [first.get(f"manifesto.{s.slug}", 0) for s in schede] + [len(laid_out.pages)]
    return [s for s, start, end in zip(schede, starts, starts[1:]) if end - start > 1]


def fit(k: Knowledge, schede: list[Scheda], size: str, render: Callable,
        step: Callable[[], None] = lambda: None):
    """Lay out the posters, each on exactly one page: a poster that spills over is
    tried alone with less text (see ``BUDGETS``), cut with «…» and a line that sends
    the reader to the scheda online, until it fits. ``render`` turns HTML into
    WeasyPrint's document and the addresses it refused."""
    tries: dict[str, int] = {}
    laid_out, refused = render(to_html(k, schede, size, step, tries))
    pending = overflowing(laid_out, schede)
    if not pending:
        return laid_out, refused
    while pending:
        for s in pending:
            tries[s.slug] = tries.get(s.slug, 0) + 1
        trial, _ = render(to_html(k, pending, size, tries=tries))
        pending = [s for s in overflowing(trial, pending) if tries[s.slug] < len(BUDGETS) - 1]
    return render(to_html(k, schede, size, tries=tries))
