"""Answers as people give them (cells, Word answers) -> values of the schema's types.

The schema's type of each field decides the conversion, never the source: a
date is read as a date whether it came from a CSV, an Excel date cell or a
Word form. Every answer that cannot be converted becomes a Problem naming the
field, and the field is left out rather than filled with a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from ..content import convert
from ..content.collections import REFERENCES
from ..content.refs import Catalog
from ..content.schema import schema_at
from ..content.schemacheck import describe
from ..text import human_list, slugify

_ITEM_SPLIT = re.compile(r"\s*(?:[;,]|\n)\s*")
_TRUE = {"si", "sì", "x", "vero", "true", "1", "yes"}
_FALSE = {"no", "falso", "false", "0"}


@dataclass(frozen=True)
class Failure:
    """Why an answer could not become the field's value."""

    message: str
    hint: str | None = None


def node_of(kind: str, path: str) -> dict | None:
    """The schema of a dotted field path (``referente.email``), or None when unknown."""
    # an index ("servizi.0.costo", a line of a list of groups) steps into the items
    return schema_at(kind, [int(p) if p.isdigit() else p for p in path.split(".")]) \
        if path else None


def is_empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def convert_answer(kind: str, path: str, raw, catalog: Catalog):
    """The value of field ``path`` for the answer ``raw``; a Failure when it is not one.

    Call only for non-empty answers: an empty answer is no key at all.
    """
    return convert_node(node_of(kind, path) or {}, raw, catalog)


def convert_node(node: dict, raw, catalog: Catalog):
    """The value for the answer ``raw`` to a field described by ``node``; or a Failure."""
    if node.get("type") == "array":
        return _list(node.get("items", {}), raw, catalog)
    return _scalar(node, raw, catalog)


def _scalar(node: dict, raw, catalog: Catalog):
    kind = node.get("type")
    if node.get("format") == "date":
        found = convert.italian_date(raw)
        if found is None:
            return Failure(f"data non valida: {describe(_shown(raw))}",
                           "scrivi la data come 15/03/2026")
        return found.isoformat()
    if kind in ("number", "integer"):
        found = convert.italian_number(raw.strip() if isinstance(raw, str) else raw)
        if found is None or (kind == "integer" and not float(found).is_integer()):
            what = "un numero intero" if kind == "integer" else "un numero"
            return Failure(f"atteso {what}, trovato {describe(_shown(raw))}",
                           "scrivi solo il numero, per esempio 1.200,50 oppure 300")
        return int(found) if kind == "integer" or float(found).is_integer() else found
    if kind == "boolean":
        word = str(raw).strip().casefold()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        return Failure(f"atteso sì oppure no, trovato {describe(_shown(raw))}")
    text = _text(raw)
    if node.get("x-rif"):
        return _reference(node["x-rif"], text, catalog)
    if "enum" in node:
        options = [str(o) for o in node["enum"]]
        hit = next((o for o in options if slugify(o) == slugify(text)), None)
        if hit is None:
            return Failure(f"valore non ammesso: {describe(text)}",
                           "scegli tra: " + human_list(options))
        return hit
    return text


def _list(item: dict, raw, catalog: Catalog):
    if isinstance(raw, (list, tuple)):
        pieces = [str(p) for p in raw if not is_empty(p)]
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        pieces = [raw]
    else:
        pieces = [p for p in _ITEM_SPLIT.split(_text(raw)) if p]
    if item.get("x-rif"):
        found, failures = _known_names(item["x-rif"], pieces, catalog)
    else:
        found, failures = [], []
        for piece in pieces:
            value = _scalar(item, piece, catalog)
            (failures if isinstance(value, Failure) else found).append(value)
    if failures:
        return Failure("; ".join(f.message for f in failures),
                       "; ".join(f.hint for f in failures if f.hint) or None)
    return list(dict.fromkeys(found))  # a box ticked twice is one answer


def _known_names(collection: str, pieces: list, catalog: Catalog):
    """Resolve checkbox answers joined by "," or ";", longest known name first.

    A name may itself contain a comma ("Bibliotecari, insegnanti e operatori"),
    so consecutive pieces are joined back whenever together they name an entry.
    """
    pieces = [str(p) for p in pieces]
    found, failures, i = [], [], 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):
            hit = catalog.resolve(collection, ", ".join(pieces[i:j]))
            if hit:
                found.append(hit)
                i = j
                break
        else:
            failures.append(_unknown(collection, pieces[i], catalog))
            i += 1
    return found, failures


def _reference(collection: str, text: str, catalog: Catalog):
    hit = catalog.resolve(collection, text)
    return hit if hit else _unknown(collection, text, catalog)


def _unknown(collection: str, text: str, catalog: Catalog) -> Failure:
    guesses = catalog.closest(collection, text, limit=1, cutoff=80)
    if guesses:
        name = catalog.name_of(collection, guesses[0]) or guesses[0]
        hint = f"forse intendevi «{name}»?"
    else:
        hint = "scrivi il nome come compare nell'elenco della rete"
    return Failure(f"«{text}» non è {REFERENCES[collection].what if collection in REFERENCES else 'un valore ammesso'}", hint)


def as_text(raw) -> str:
    """Any cell value as the text a person would read in it."""
    return _text(raw)


def _text(raw) -> str:
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat(" ")
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def _shown(raw):
    return raw if isinstance(raw, (int, float, str)) else _text(raw)


def put(data: dict, path: str, value) -> None:
    """Set a dotted path in nested dicts: put(d, "periodo.inizio", "2026-03-15")."""
    *parents, last = path.split(".")
    for key in parents:
        data = data.setdefault(key, {})
    data[last] = value


def label(kind: str, path: str) -> str:
    """The field as the form and the guide name it: «Referente › Email»."""
    parts = [int(p) if p.isascii() and p.isdigit() else p for p in path.split(".")]
    names = []
    for i, part in enumerate(parts):
        if isinstance(part, int):
            names[-1] += f" n. {part + 1}"
            continue
        node = schema_at(kind, parts[:i + 1]) or {}
        names.append(node.get("title", part))
    return " › ".join(names)
