"""How practices spread: who took up whose practice (``ripresa_da``), and when.

Definitions (the issue's contract, and what `rete diffusione` prints):
- one adoption per (adopting scheda, item of its ``ripresa_da``); its year is the year
  the adopting scheda's practice began (``periodo.inizio``);
- adoptions are direct: in a chain A → B → C, C took up B, not A;
- drafts count nowhere, neither adopting nor adopted; an item naming a scheda left out
  of the model (it has errors) is not counted either;
- ``da_biblioteca`` is None for an address on another network's site.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..content.model import Knowledge, Scheda, Source


@dataclass(frozen=True)
class Adoption:
    scheda: str  # the adopting scheda
    biblioteca: str  # its library
    ripresa_da: str  # the scheda taken up, or another network's address
    da_biblioteca: str | None  # the library of the scheda taken up; None for an address
    anno: int  # the year the adopting practice began


@dataclass(frozen=True)
class Taken:
    scheda: str
    biblioteche: int  # distinct libraries, other than its own, that took it up


@dataclass(frozen=True)
class LibrarySpread:
    id: str
    ha_ripreso: int  # its schede that took up a practice
    e_stata_ripresa: int  # schede of other libraries that took up one of its practices


@dataclass(frozen=True)
class Spread:
    adozioni: list[Adoption]
    piu_riprese: list[Taken]
    biblioteche: list[LibrarySpread]
    per_tema: dict[str, int]


def _counted(src: Source) -> bool:
    return src.url is not None or (src.scheda is not None and not src.scheda.bozza)


def pairs(k: Knowledge, anno: int | None = None) -> list[tuple[Scheda, Source]]:
    """Every counted (adopting scheda, source) of the year (``anno``) or of all years,
    in the order of the schede and of their ``ripresa_da``."""
    return [(s, src) for s in k.pubblicate for src in s.ripresa_da
            if _counted(src) and (anno is None or s.inizio.year == anno)]


def adoption(s: Scheda, src: Source) -> Adoption:
    origin = src.scheda
    return Adoption(s.slug, s.biblioteca.id, src.valore,
                    origin.biblioteca.id if origin else None, s.inizio.year)


def theme_of(s: Scheda, src: Source) -> str:
    """The theme of the practice taken up: its scheda's; for another network's page,
    which this network cannot read, the adopting scheda's own."""
    return (src.scheda or s).tema.id


def spread(k: Knowledge, anno: int | None = None) -> Spread:
    """The spread of practices in ``anno`` (the adopting practice's start), or in all years."""
    found = pairs(k, anno)
    adopters: dict[str, set[str]] = defaultdict(set)
    took: Counter = Counter()  # library -> its adopting schede
    taken_from: dict[str, set[str]] = defaultdict(set)  # library -> adopting schede
    themes: Counter = Counter()
    seen: set[str] = set()
    for s, src in found:
        if s.slug not in seen:
            seen.add(s.slug)
            took[s.biblioteca.id] += 1
            themes[s.tema.id] += 1
        origin = src.scheda
        if origin is not None and origin.biblioteca.id != s.biblioteca.id:
            adopters[origin.slug].add(s.biblioteca.id)
            taken_from[origin.biblioteca.id].add(s.slug)
    most = sorted((Taken(slug, len(libs)) for slug, libs in adopters.items()),
                  key=lambda t: (-t.biblioteche, t.scheda))
    libraries = sorted((LibrarySpread(i, took[i], len(taken_from[i]))
                        for i in k.rete.biblioteche),
                       key=lambda b: (-b.e_stata_ripresa, -b.ha_ripreso, b.id))
    per_tema = dict(sorted(themes.items(), key=lambda kv: (-kv[1], kv[0])))
    return Spread([adoption(s, src) for s, src in found], most, libraries, per_tema)


def arrows(k: Knowledge, anno: int | None = None) -> list[tuple[str, str, str, int]]:
    """Who learned from whom: (from library, to library, theme of the practice, how many
    adoptions), between two libraries of this network, most first."""
    count = Counter((src.scheda.biblioteca.id, s.biblioteca.id, theme_of(s, src))
                    for s, src in pairs(k, anno)
                    if src.scheda is not None and src.scheda.biblioteca.id != s.biblioteca.id)
    return sorted(((a, b, t, n) for (a, b, t), n in count.items()),
                  key=lambda x: (-x[3], x[0], x[1], x[2]))


def of_theme(k: Knowledge, tema: str, anno: int | None = None) -> list[Adoption]:
    """The adoptions of the year of practices of one theme (``theme_of``)."""
    return [adoption(s, src) for s, src in pairs(k, anno) if theme_of(s, src) == tema]


def adopting_libraries(k: Knowledge, library: str, schede: set[str]) -> list[str]:
    """The other libraries whose published schede took up one of ``schede`` of ``library``,
    in the order of the registry."""
    found = {s.biblioteca.id for s, src in pairs(k)
             if src.scheda is not None and src.scheda.slug in schede
             and src.scheda.biblioteca.id == library and s.biblioteca.id != library}
    return [i for i in k.rete.biblioteche if i in found]
