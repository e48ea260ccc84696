"""April's analysis: what has arrived — schede per library and theme, completeness,
warnings, coverage of audiences and goals, materials gathered."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..content.rules import MIN_WORDS
from ..content.model import Knowledge, Scheda
from ..problems import Problem
from ..runtime.cache import NO_CACHE, Cache
from ..content.schema import schema
from ..text import in_code, word_count
from .servizi import RequestCounts, counts

SDG_GOALS = range(1, 18)
LINK_KIND = "collegamento"  # a material given by url, not a file
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
# A flag, not content a librarian could add; a practice of one's own is not less complete
# for not having been taken from another.
_NOT_COUNTED = {"bozza", "ripresa_da"}


@dataclass(frozen=True)
class Count:
    """Schede of one library, theme or audience; drafts apart."""

    id: str
    nome: str
    schede: int
    bozze: int = 0


@dataclass(frozen=True)
class GoalCount:
    numero: int
    schede: int


@dataclass(frozen=True)
class Completeness:
    """How complete one scheda is; ``percentuale`` weighs its four parts equally."""

    slug: str
    titolo: str
    biblioteca: str
    tema: str
    bozza: bool
    facoltativi: int  # optional fields filled
    facoltativi_totali: int
    sezioni: tuple[str, ...]  # the schema's body sections it has
    sezioni_mancanti: tuple[str, ...]
    materiali: int
    parole: int
    percentuale: int


@dataclass(frozen=True)
class Warned:
    slug: str
    file: str
    avvisi: tuple[str, ...]


@dataclass(frozen=True)
class Materials:
    totale: int
    file: int
    collegamenti: int
    byte: int  # total size of the files
    per_tipo: dict[str, int] = field(default_factory=dict)  # extension or "collegamento"


@dataclass(frozen=True)
class Analysis:
    anno: int | None  # None: every scheda in the tree
    schede: int  # received, drafts included
    bozze: int
    per_biblioteca: list[Count]
    per_tema: list[Count]
    senza_schede: list[str]  # library ids that sent none
    completezza: list[Completeness]
    con_avvisi: list[Warned]
    destinatari: list[Count]
    sdg: list[GoalCount]
    materiali: Materials
    # The requests of services received (richiesta_il in ``anno``), by current state.
    richieste: RequestCounts = field(default_factory=RequestCounts)


def received_in(s: Scheda, anno: int | None) -> bool:
    """A scheda counts for the year it was filled in (its start when that is missing)."""
    if anno is None:
        return True
    return (s.compilata_il or s.inizio).year == anno


def optional_fields() -> list[str]:
    """The scheda's optional fields, in the schema's order."""
    node = schema("scheda")
    required = set(node.get("required", []))
    return [k for k in node["properties"] if k not in required and k not in _NOT_COUNTED]


def body_sections(body: str) -> list[str]:
    """The schema's sections (``x-sezioni``) that the body has as headings."""
    lines = body.split("\n")
    prose = "\n".join(line for line, code in zip(lines, in_code(lines), strict=True)
                      if not code)
    headings = {h.strip().casefold() for h in _HEADING.findall(prose)}
    return [name for name in schema("scheda").get("x-sezioni", [])
            if name.casefold() in headings]


def completeness(s: Scheda) -> Completeness:
    """Optional fields filled, body sections present, materials and length of one scheda."""
    optional = optional_fields()
    filled = sum(1 for key in optional if getattr(s, key) not in (None, "", [], ()))
    wanted = schema("scheda").get("x-sezioni", [])
    present = body_sections(s.body)
    words = word_count(s.body)
    parts = [filled / len(optional) if optional else 1.0,
             len(present) / len(wanted) if wanted else 1.0,
             1.0 if s.materiali else 0.0,
             min(words / MIN_WORDS, 1.0)]
    return Completeness(
        slug=s.slug, titolo=s.titolo, biblioteca=s.biblioteca.id, tema=s.tema.id,
        bozza=s.bozza, facoltativi=filled, facoltativi_totali=len(optional),
        sezioni=tuple(present), sezioni_mancanti=tuple(n for n in wanted if n not in present),
        materiali=len(s.materiali), parole=words,
        percentuale=round(100 * sum(parts) / len(parts)))


def _each_completeness(schede: list[Scheda], cache: Cache = NO_CACHE) -> list[Completeness]:
    """``completeness`` of each scheda; with a ``cache`` that keeps (`mkdocs serve`) a
    scheda equal, value for value, to one of the last run keeps its figure (words
    counted in every body would be most of a rebuild's «La rete» pages)."""
    if not cache.keeps:
        return [completeness(s) for s in schede]
    run = cache.run("completeness")
    found = [run.get(cache.fingerprint_of(s), lambda s=s: completeness(s)) for s in schede]
    run.end()
    return found


def materials(schede: list[Scheda]) -> Materials:
    """Every material of ``schede``: how many, of which kinds, how heavy."""
    items = [m for s in schede for m in s.materiali]
    kinds = Counter((m.extension or "file") if m.file else LINK_KIND for m in items)
    files = [m for m in items if m.file]
    return Materials(totale=len(items), file=len(files), collegamenti=len(items) - len(files),
                     byte=sum(m.size or 0 for m in files),
                     per_tipo=dict(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))))


def _counts(registry: dict, keys_of, schede: list[Scheda]) -> list[Count]:
    published, drafts = Counter(), Counter()
    for s in schede:
        for key in keys_of(s):
            (drafts if s.bozza else published)[key] += 1
    return [Count(i, item.nome, published[i], drafts[i]) for i, item in registry.items()]


def analyse(k: Knowledge, problems: list[Problem], anno: int | None = None,
            cache: Cache = NO_CACHE) -> Analysis:
    """The April analysis of the schede received (in ``anno``, or all of them); ``cache``
    is what a long-lived process keeps between runs."""
    net = k.rete
    schede = [s for s in k.schede if received_in(s, anno)]
    per_library = _counts(net.biblioteche, lambda s: [s.biblioteca.id], schede)
    warnings: dict[str, list[str]] = {}
    for p in problems:
        if not p.is_error:
            warnings.setdefault(p.file, []).append(p.message)
    goals = Counter(g for s in schede for g in s.sdg)
    return Analysis(
        anno=anno, schede=len(schede), bozze=sum(s.bozza for s in schede),
        per_biblioteca=per_library,
        per_tema=_counts(net.temi, lambda s: [s.tema.id], schede),
        senza_schede=[c.id for c in per_library if not c.schede and not c.bozze],
        completezza=sorted(_each_completeness(schede, cache),
                           key=lambda c: (c.percentuale, c.slug)),
        con_avvisi=[Warned(s.slug, s.rel, tuple(warnings[s.rel]))
                    for s in sorted(schede, key=lambda s: s.rel) if s.rel in warnings],
        destinatari=_counts(net.destinatari, lambda s: [a.id for a in s.destinatari], schede),
        sdg=[GoalCount(n, goals[n]) for n in SDG_GOALS],
        materiali=materials(schede),
        richieste=counts([r for r in k.richieste
                          if anno is None or r.richiesta_il.year == anno]),
    )
