"""The rules of ``ripresa_da``, the practices a scheda took up: each item names a scheda
of this network that exists and is not the scheda itself, and no chain of them comes
back where it started (errors); another network's address is https and looks like a
scheda's page (the other site is never fetched); a practice begun before the one it
took up is suspicious (warning). A draft may be cited: the pages just do not show it."""

from __future__ import annotations

import re

import ada_url

from ..content.loader import Document
from ..problems import Problem, error, warning
from ..text import did_you_mean, is_iso_date

FIELD = "ripresa_da"
# A scheda's page on a rete site: …/schede/NAME/ (or NAME.html, NAME/index.html).
_SCHEDA_PAGE = re.compile(r"/schede/[^/]+(/|/index\.html|\.html)?$")
_SCHEDA_HINT = ("l'indirizzo di una scheda di un'altra rete finisce con /schede/NOME/: "
                "copialo dalla barra del browser mentre guardi la scheda")


def _items(doc: Document) -> list[tuple[int, str]]:
    value = doc.data.get(FIELD)
    if not isinstance(value, list):
        return []
    return [(i, v) for i, v in enumerate(value) if isinstance(v, str) and v]


def _start(doc: Document) -> str | None:
    period = doc.data.get("periodo")
    start = period.get("inizio") if isinstance(period, dict) else None
    return start if is_iso_date(start) else None


def _address(doc: Document, i: int, value: str) -> list[Problem]:
    at = {"line": doc.line_of([FIELD, i]) or doc.line_of([FIELD]), "field": f"{FIELD}[{i}]"}
    if not value.startswith("https://"):
        return [error(doc.rel, f"l'indirizzo deve iniziare con https://: trovato «{value}»",
                      hint="scrivi https:// al posto di http:// (i siti delle reti sono "
                           "tutti in https)", **at)]
    try:
        path = ada_url.URL(value).pathname
    except ValueError:
        path = ""
    if not _SCHEDA_PAGE.search(path):
        return [warning(doc.rel, f"«{value}» non sembra la pagina di una scheda",
                        hint=_SCHEDA_HINT, **at)]
    return []


def _cycles(edges: dict[str, list[str]]) -> set[tuple[str, str]]:
    """The edges inside a strongly connected component (Tarjan's, without recursion):
    each one closes a chain of takings-up that comes back to its start."""
    index, low, stack, on, comp = {}, {}, [], set(), {}
    counter = 0
    for root in edges:
        if root in index:
            continue
        work = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                elif child in on:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on.discard(member)
                    comp[member] = node
                    if member == node:
                        break
    return {(a, b) for a, outs in edges.items() for b in outs if comp.get(a) == comp.get(b)}


def check_ripresa(schede: list[Document], slugs: list[str]) -> list[Problem]:
    """Every problem of every scheda's ``ripresa_da``; ``slugs`` are the names of every
    scheda file or folder of the tree, readable or not (a scheda with errors still exists)."""
    known = set(slugs)
    by_slug = {d.slug: d for d in schede}
    problems: list[Problem] = []
    edges: dict[str, list[str]] = {}
    for doc in schede:
        for i, value in _items(doc):
            at = {"line": doc.line_of([FIELD, i]) or doc.line_of([FIELD]),
                  "field": f"{FIELD}[{i}]"}
            if "://" in value:
                problems += _address(doc, i, value)
            elif value == doc.slug:
                problems.append(error(doc.rel, "una scheda non può essere ripresa da se stessa",
                                      hint="togli il suo nome da ripresa_da", **at))
            elif value not in known:
                guess = did_you_mean(value, sorted(known))
                problems.append(error(
                    doc.rel, f"scheda sconosciuta: «{value}» non è in schede/",
                    hint=f"forse intendevi «{guess}»?" if guess else
                    "scrivi il nome del file della scheda, senza .md (per un'altra rete, "
                    "l'indirizzo https:// della sua pagina)", **at))
            else:
                edges.setdefault(doc.slug, []).append(value)
                source = by_slug.get(value)
                mine, theirs = _start(doc), source and _start(source)
                if mine and theirs and mine < theirs:
                    problems.append(warning(
                        doc.rel, f"la pratica è iniziata il {mine}, prima di «{value}» da cui "
                                 f"è ripresa (iniziata il {theirs})",
                        hint="controlla periodo.inizio e la scheda indicata in ripresa_da", **at))
    for a, b in sorted(_cycles(edges)):
        doc = by_slug[a]
        i = next(i for i, v in _items(doc) if v == b)
        problems.append(error(
            doc.rel, f"ripresa_da forma un giro: «{a}» è ripresa da «{b}», che a sua volta "
                     f"è ripresa (direttamente o no) da «{a}»",
            line=doc.line_of([FIELD, i]) or doc.line_of([FIELD]), field=f"{FIELD}[{i}]",
            hint="una pratica non può essere ripresa da una che l'ha ripresa: "
                 "togli uno dei rimandi"))
    return problems
