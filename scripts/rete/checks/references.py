"""Every reference a document makes (to a library, a theme, a polo…) checked against
the catalog of known identifiers, with the closest ones as a hint."""

from __future__ import annotations

from ..content.collections import REFERENCES
from ..content.loader import Document
from ..content.refs import Catalog, fold
from ..content.schema import dotted, walk
from ..problems import Problem, error
from ..text import human_list


def _walk_refs(walked: list):
    """Yield (path, collection, id) for every value whose schema has ``x-rif``."""
    for path, node, value in walked:
        if "x-rif" in node and isinstance(value, str) and value not in node.get("x-anche", ()):
            yield path, node["x-rif"], value


LIST_ALL = 12  # up to this many ids, a hint lists them all; beyond, the closest few
CLOSEST = 3
LIKE = 70  # how alike (0-100, rapidfuzz's WRatio) a suggestion must be


def _named(catalog: Catalog, collection: str, ident: str) -> str:
    name = catalog.name_of(collection, ident)
    return f"«{ident}» ({name})" if name and fold(name) != fold(ident) else f"«{ident}»"


def _or_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " oppure " + items[-1]


def _reference_hint(catalog: Catalog, collection: str, value: str,
                    everything: str | None) -> str:
    known = catalog.ids(collection)
    if not known:
        if not REFERENCES[collection].in_registry:
            return (f"nella cartella {collection}/ non c'è ancora nessun "
                    f"{REFERENCES[collection].one}")
        return f"rete.yml non elenca ancora {REFERENCES[collection].none_yet}: aggiungilo lì"
    many = len(known) > LIST_ALL
    guesses = catalog.closest(collection, value, limit=CLOSEST if many else 1, cutoff=LIKE)
    named = [_named(catalog, collection, g) for g in guesses]
    if not many:
        if named:
            return f"forse intendevi {named[0]}?"
        return "gli identificativi sono: " + human_list(
            [_named(catalog, collection, k) for k in known], limit=LIST_ALL)
    where = (f"tutti gli identificativi sono elencati alla pagina {everything}" if everything
             else "tutti gli identificativi sono nella pagina «Identificativi» del sito")
    if named:
        return f"forse intendevi {_or_list(named)}? {where[0].upper()}{where[1:]}"
    return where


def check_references(doc: Document, catalog: Catalog, everything: str | None = None,
                     walked: list | None = None) -> list[Problem]:
    """One error for each id that names nothing, with the id that was probably meant.

    ``everything`` is the address of the page listing every id, for long lists;
    ``walked`` is ``schema.walk(doc)``, when the caller has it.
    """
    problems = []
    for path, collection, value in _walk_refs(walk(doc) if walked is None else walked):
        if collection not in catalog.entries or not value or catalog.knows(collection, value):
            continue  # the schema already reports an empty value
        hint = _reference_hint(catalog, collection, value, everything)
        problems.append(error(doc.rel, f"{REFERENCES[collection].unknown}: «{value}» non è "
                                       f"{REFERENCES[collection].where}",
                              line=doc.line_of(path), field=dotted(path), hint=hint))
    return problems
