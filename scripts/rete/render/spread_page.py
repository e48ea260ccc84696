"""The «Diffusione» page of «La rete»: which practices spread, which libraries took
up and gave, who learned from whom (a drawing per theme and its table), adoptions by
year and by theme. Every number comes from ``figures.diffusione`` (what
``rete diffusione`` prints); this module only arranges it for the page."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from . import charts, flows
from ..content.model import Knowledge, Library
from ..figures import diffusione

PAGE = "rete/diffusione.md"
MOST = 10  # practices listed as the most taken up


@dataclass(frozen=True)
class ThemeFlows:
    tema: str  # its name
    grafico: str  # the drawing's placeholder id
    frecce: list[flows.Arrow]


def _name(lib: Library) -> str:
    return f"{lib.nome} ({lib.comune})"


def theme_flows(k: Knowledge) -> list[ThemeFlows]:
    """Library → library arrows of each theme (the practice's, ``diffusione.arrows``);
    adoptions of a practice of another network draw no arrow."""
    libraries = k.rete.biblioteche
    by_theme: dict[str, list[flows.Arrow]] = defaultdict(list)
    for da, a, tema, n in diffusione.arrows(k):
        by_theme[tema].append(flows.Arrow(_name(libraries[da]), _name(libraries[a]), n))
    return [ThemeFlows(t.nome, f"grafico-flussi-{t.id}", by_theme[t.id])
            for t in sorted(k.rete.temi.values(), key=lambda t: t.nome.casefold())
            if by_theme[t.id]]


def per_year(figure: diffusione.Spread) -> list[tuple[int, int]]:
    """(year, adoptions) from the first year with one to the last, gaps as 0."""
    counted = Counter(a.anno for a in figure.adozioni)
    if not counted:
        return []
    return [(y, counted[y]) for y in range(min(counted), max(counted) + 1)]


def render(k: Knowledge) -> tuple[dict, dict[str, str]]:
    """The page's values and its drawings by placeholder id."""
    figure = diffusione.spread(k)
    themes = theme_flows(k)
    years = per_year(figure)
    names = {t.id: t.nome for t in k.rete.temi.values()}
    drawn = {t.grafico: flows.draw(
        t.grafico, f"Chi ha imparato da chi: {t.tema}",
        "Una freccia va dalla biblioteca che ha fatto la pratica a quella che l'ha ripresa; "
        "la tabella che segue ha le stesse coppie.", t.frecce) for t in themes}
    if years:
        drawn["grafico-anni"] = charts.columns(
            "grafico-anni", "Pratiche riprese per anno",
            "Una colonna per anno; la tabella che segue ha gli stessi numeri.",
            [charts.Bar(str(y), n, str(n)) for y, n in years])
    values = dict(f=figure, temi_flussi=themes, anni=years, nomi_temi=names,
                  schede={s.slug: s for s in k.pubblicate}, piu=figure.piu_riprese[:MOST],
                  grafico=charts.placeholder, grafici=set(drawn))
    return values, drawn
