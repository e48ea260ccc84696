"""«Chi l'ha già fatto vicino a te»: for a scheda, the other libraries that did a similar
practice or took this one up (or gave it), nearest first when the libraries have
coordinates (``lat``/``lon`` in rete.yml), otherwise those with more such practices first."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import Knowledge, Library, Scheda
from .simili import Neighbour


@dataclass(frozen=True)
class Nearby:
    biblioteca: Library
    schede: tuple[Scheda, ...]  # its practices related to the scheda
    km: float | None  # None when either library has no coordinates


def nearby(k: Knowledge, scheda: Scheda, similar: list[Neighbour]) -> list[Nearby]:
    """The libraries, other than the scheda's own, with a practice related to it: the
    ``similar`` ones (``Simili.of``), those that took it up and those it took up."""
    related = [n.scheda for n in similar] + k.riprese(scheda) + [
        src.scheda for src in scheda.ripresa_da if src.shown and src.scheda is not None]
    by_library: dict[str, list[Scheda]] = {}
    for s in related:
        if s.biblioteca.id != scheda.biblioteca.id and not s.bozza:
            found = by_library.setdefault(s.biblioteca.id, [])
            if s not in found:
                found.append(s)
    here = scheda.biblioteca
    out = [Nearby(k.rete.biblioteche[i], tuple(found), here.km_to(k.rete.biblioteche[i]))
           for i, found in by_library.items()]
    if here.located:  # nearest first; those without coordinates after, by practices
        return sorted(out, key=lambda n: (n.km is None, n.km or 0.0, -len(n.schede),
                                          n.biblioteca.nome.casefold()))
    return sorted(out, key=lambda n: (-len(n.schede), n.biblioteca.nome.casefold()))
