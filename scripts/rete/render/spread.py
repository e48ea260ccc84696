"""What a scheda's page says about how its practice spreads: where it was taken from,
which libraries took it up, the similar practices and the libraries near by that have
done something like it.

``relations(k)`` makes it for every published scheda at once (the similar schede
come from ``figures.simili``, one index for the whole network): a page, the
booklet and the print page read the same ``Spread``. It holds only what the page
shows (titles, names, addresses), so that a kept page's key stays small.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..content.collections import COLLECTIONS, REFERENCES
from ..content.model import Knowledge, Scheda
from ..figures.simili import Neighbour, Simili
from ..figures.vicini import nearby

SHOWN = 5  # similar schede and near libraries on a page


@dataclass(frozen=True)
class Practice:
    """A scheda as another page names it: «[titolo](percorso) — biblioteca, comune»."""

    titolo: str
    percorso: str
    biblioteca: str
    comune: str


@dataclass(frozen=True)
class Elsewhere:
    """A scheda on another network's site, named by its site (which is never fetched)."""

    indirizzo: str
    sito: str


@dataclass(frozen=True)
class Similar:
    scheda: Practice
    motivi: tuple[str, ...]


@dataclass(frozen=True)
class Near:
    """A library that did something like the practice: how far, and how many of them."""

    nome: str
    comune: str
    percorso: str
    km: float | None
    pratiche: int


@dataclass(frozen=True)
class Spread:
    fonti: tuple[Practice | Elsewhere, ...] = ()  # in the order the scheda names them
    adottanti: tuple[Practice, ...] = ()
    simili: tuple[Similar, ...] = ()
    vicini: tuple[Near, ...] = ()

    @property
    def biblioteche(self) -> int:
        """How many libraries took the practice up."""
        return len({(p.biblioteca, p.comune) for p in self.adottanti})


NOTHING = Spread()


def practice(s: Scheda) -> Practice:
    return Practice(s.titolo, COLLECTIONS["scheda"].path(s), s.biblioteca.nome,
                    s.biblioteca.comune)


def sources_named(s: Scheda) -> dict[str, list[str]]:
    """The schede of this network ``s`` says it took up and a page shows, as the form's
    preview names them: slug -> [titolo, id of its library]."""
    return {src.valore: [src.scheda.titolo, src.scheda.biblioteca.id]
            for src in s.ripresa_da if src.shown and src.scheda is not None}


def near(k: Knowledge, s: Scheda, similar: list[Neighbour]) -> tuple[Near, ...]:
    """``figures.vicini``'s libraries, as the page names them; at most ``SHOWN``."""
    page = REFERENCES["biblioteche"].page
    return tuple(Near(n.biblioteca.nome, n.biblioteca.comune, page(n.biblioteca), n.km,
                      len(n.schede)) for n in nearby(k, s, similar)[:SHOWN])


def relations(k: Knowledge, ranked: dict[str, list[Neighbour]] | None = None
              ) -> dict[str, Spread]:
    """Each published scheda's ``Spread`` by slug (those with nothing to say left out).
    ``ranked`` is ``Simili(k).all(SHOWN)``'s answer, when the caller has it."""
    published = {s.slug: s for s in k.pubblicate}
    if ranked is None:
        ranked = Simili(k).all(SHOWN)
    out = {}
    for slug, s in published.items():
        shown = [src for src in s.ripresa_da if src.shown]
        named = tuple(practice(src.scheda) if src.scheda is not None else
                      Elsewhere(src.url, urlsplit(src.url).hostname or src.url)
                      for src in shown)
        taken = sorted(k.riprese(s), key=lambda a: (a.biblioteca.nome.casefold(), a.titolo))
        similar = [(n.scheda, tuple(n.motivi)) for n in ranked.get(slug, ())
                   if not n.scheda.bozza][:SHOWN]
        if not (named or taken or similar):
            continue
        out[slug] = Spread(named, tuple(map(practice, taken)),
                           tuple(Similar(practice(o), why) for o, why in similar),
                           near(k, s, ranked.get(slug, [])))
    return out
