"""The network at a glance: the numbers the home page shows."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import Knowledge


@dataclass(frozen=True)
class Numbers:
    schede: int  # published
    poli: int
    attivi: int
    biblioteche: int  # with a scheda or a polo, as the libraries page counts them
    biblioteche_rete: int
    temi: int


def involved_libraries(k: Knowledge) -> set[str]:
    """The libraries that the libraries page shows with a number other than 0: a
    published scheda of their own, or a polo they host or take part in. A library
    that is only a scheda's partner is not counted, as that page does not count it."""
    return {s.biblioteca.id for s in k.pubblicate} | {
        lib.id for p in k.poli for lib in p.libraries}


def numbers(k: Knowledge) -> Numbers:
    """The home page's numbers."""
    return Numbers(schede=len(k.pubblicate), poli=len(k.poli),
                   attivi=sum(p.stato == "attivo" for p in k.poli),
                   biblioteche=len(involved_libraries(k)),
                   biblioteche_rete=len(k.rete.biblioteche), temi=len(k.rete.temi))
