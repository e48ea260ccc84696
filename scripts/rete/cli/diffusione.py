"""The figures of how practices spread as tables (terminal and spreadsheet) and JSON:
`rete diffusione` and the parts of the year's reports about taken-up practices."""

from __future__ import annotations

from dataclasses import asdict

from ..content.model import Knowledge
from ..figures.diffusione import Adoption, Spread, of_theme
from .tabelle import Column, Table

N = "numero"


def adoption_table(title: str, rows: list[Adoption], k: Knowledge, empty: str,
                   sheet: str = "Riprese") -> Table:
    libs = k.rete.biblioteche
    return Table(title, [Column("Scheda"), Column("Biblioteca"), Column("Ripresa da"),
                         Column("Da biblioteca"), Column("Anno")],
                 [[a.scheda, libs[a.biblioteca].nome, a.ripresa_da,
                   libs[a.da_biblioteca].nome if a.da_biblioteca else "altra rete", str(a.anno)]
                  for a in rows], vuota=empty, foglio=sheet)


def spread_tables(d: Spread, k: Knowledge, anno: int | None) -> list[Table]:
    libs, temi = k.rete.biblioteche, k.rete.temi
    when = f" nel {anno}" if anno else ""
    return [
        Table(f"Pratiche più riprese{when}", [Column("Scheda"), Column("Biblioteche", N)],
              [[t.scheda, t.biblioteche] for t in d.piu_riprese],
              vuota="nessuna pratica è stata ripresa da un'altra biblioteca", foglio="Più riprese"),
        Table(f"Biblioteche{when}", [Column("Biblioteca"), Column("Ha ripreso", N),
                                     Column("È stata ripresa", N)],
              [[libs[b.id].nome, b.ha_ripreso, b.e_stata_ripresa] for b in d.biblioteche
               if b.ha_ripreso or b.e_stata_ripresa],
              vuota="nessuna biblioteca ha ripreso pratiche", foglio="Biblioteche"),
        Table(f"Schede che riprendono una pratica, per tema{when}",
              [Column("Tema"), Column("Schede", N)],
              [[temi[t].nome, n] for t, n in d.per_tema.items()], vuota="–", foglio="Temi"),
        adoption_table(f"Tutte le riprese{when}", d.adozioni, k, "nessuna pratica ripresa"),
    ]


def spread_json(d: Spread) -> dict:
    return asdict(d)


def theme_adoptions(k: Knowledge, anno: int, poli: list) -> dict[str, list[Adoption]]:
    """For each polo of the verification (an id), the adoptions of the year of practices
    of its theme (``figures.diffusione.of_theme``)."""
    themes = {p.slug: p.tema.id for p in k.poli}
    return {p.id: of_theme(k, themes[p.id], anno) for p in poli if p.id in themes}


def theme_adoption_table(found: dict[str, list[Adoption]], anno: int) -> Table:
    return Table(f"Pratiche del tema di ogni polo riprese nel {anno}",
                 [Column("Polo"), Column("Riprese", N), Column("Schede che le riprendono")],
                 [[polo, len(rows), ", ".join(dict.fromkeys(a.scheda for a in rows))]
                  for polo, rows in found.items()], vuota=f"nessun polo nel {anno}",
                 foglio="Riprese del tema")
