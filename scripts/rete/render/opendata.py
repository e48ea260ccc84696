"""The published schede and poli as open data: JSON, CSV and XLSX, from the model.

One record per scheda or polo, built by walking the collection's schema over
the model, so every field the schema knows is exported and none is retyped
here. References are written as identifiers and dates as ISO text, exactly as
in the front-matter: a record written back as a file reads into the same model.
``rete esporta`` and the site's «Dati aperti» page both use ``files``, which also
describes them: a DCAT-AP_IT catalogue (``catalogue``) and a Frictionless Data
Package for the CSVs (``datapackage``).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from datetime import date
from typing import Callable

from ..content.collections import COLLECTIONS as REGISTRY
from ..content.model import Audience, Knowledge, Library, Source, Theme
from ..content.fields import without_form_keywords
from ..content.schema import schema
from .personal import CONTACT_KEYS, hider

COLLECTIONS = {c.folder: kind for kind, c in REGISTRY.items() if c.public}  # "schede" -> "scheda"
FORMATS = ("json", "csv", "xlsx")
WORKBOOK = "rete.xlsx"  # one sheet per collection
# The shape of the JSON files, read by a regional portal (`rete federa`). Raise it when a
# reader of the old shape would misread the new one; files written before the field
# existed have the shape of version 1.
EXPORT_VERSION = 1
BODY = "testo"  # the Markdown below the front-matter
LIST_SEPARATOR = "; "
_SKIPPED = {"bozza"}  # drafts are not published, so the field says nothing
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _value(node: dict, value):
    """A model value as it is written in the front-matter, following its schema node."""
    if isinstance(value, (Library, Theme, Audience)):
        return value.id
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Source):  # ripresa_da: as written
        return value.valore
    if isinstance(value, (list, tuple)):  # a draft taken up is not published, nor named
        return [_value(node.get("items", {}), v) for v in value
                if not isinstance(v, Source) or v.shown]
    if dataclasses.is_dataclass(value):
        return _record(node, value)
    return value


def _record(node: dict, obj) -> dict:
    out = {}
    for key, sub in node.get("properties", {}).items():
        if key in _SKIPPED:
            continue
        value = _value(sub, getattr(obj, key))  # tests/core/test_modello.py: every key is there
        if value not in (None, [], {}):
            out[key] = value
    return out


def records(k: Knowledge) -> dict[str, list[dict]]:
    """Each collection's records: the identifier, every front-matter field, the text;
    without the referenti's emails and phones unless rete.yml publishes them."""
    hide = hider(k).record
    return {name: [hide({"id": obj.slug, **_record(schema(kind), obj), BODY: obj.body})
                   for obj in REGISTRY[kind].published(k)]
            for name, kind in COLLECTIONS.items()}


def contacts(k: Knowledge) -> bool:
    """Whether the open data carry the referenti's emails and phones (rete.yml's
    ``dati_aperti.contatti``)."""
    return k.rete.dati_aperti.contatti


def published_schema(kind: str, with_contacts: bool = True) -> dict:
    """The schema of the records as published: without the referente's email and
    phone when the open data leave them out."""
    found = without_form_keywords(schema(kind))
    person = found["properties"].get("referente")
    if with_contacts or not person:
        return found
    person = dict(person, properties={key: node for key, node in person["properties"].items()
                                      if key not in CONTACT_KEYS})
    person["required"] = [key for key in person.get("required", []) if key not in CONTACT_KEYS]
    return dict(found, properties=dict(found["properties"], referente=person))


def columns(kind: str, with_contacts: bool = True) -> list[str]:
    """A table's columns: every field of the schema, sub-fields of a group as «gruppo.campo»."""
    cols = ["id"]
    for key, node in published_schema(kind, with_contacts)["properties"].items():
        if key in _SKIPPED:
            continue
        if node.get("type") == "object" and "properties" in node:
            cols += [f"{key}.{sub}" for sub in node["properties"]]
        else:
            cols.append(key)
    return cols + [BODY]


def _cell(value) -> str | int | float | None:
    """A record's value in one cell: lists joined with «; », a group as «campo: valore»."""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(_cell(v)) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_cell(v)}" for k, v in value.items())
    return value


def rows(kind: str, items: list[dict], with_contacts: bool = True) -> list[list]:
    """The table of a collection: the header, then one row per record."""
    cols = columns(kind, with_contacts)
    table = [cols]
    for item in items:
        row = []
        for col in cols:
            key, _, sub = col.partition(".")
            value = item.get(key)
            if sub:
                value = value.get(sub) if isinstance(value, dict) else None
            row.append(_cell(value))
        table.append(row)
    return table


def inert(value):
    """A CSV text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def licence(k: Knowledge) -> dict:
    return {"nome": k.rete.licenza.nome, "url": k.rete.licenza.url}


def names_of(k: Knowledge) -> dict[str, dict[str, str]]:
    """The names behind the identifiers the records use, so a reader of the file alone
    (a regional portal) can show «Biblioteca di Bresso» rather than «bresso»."""
    r = k.rete
    return {"biblioteche": {i: b.nome for i, b in r.biblioteche.items()},
            "temi": {i: t.nome for i, t in r.temi.items()},
            "destinatari": {i: a.nome for i, a in r.destinatari.items()}}


def to_json(k: Knowledge, name: str, items: list[dict]) -> bytes:
    kind = COLLECTIONS[name]
    data = {"versione": EXPORT_VERSION, "rete": k.rete.nome, "sito": k.rete.sito,
            "licenza": licence(k), "schema": f"{kind}.schema.json", "nomi": names_of(k),
            name: items}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def to_csv(name: str, items: list[dict], with_contacts: bool = True) -> bytes:
    """UTF-8 with a BOM, so that spreadsheet programs read accents right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows(COLLECTIONS[name], items, with_contacts):
        writer.writerow(["" if v is None else inert(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(k: Knowledge, collections: dict[str, list[dict]]) -> bytes:
    """One sheet per collection; every text cell is stored as text, never as a formula."""
    from openpyxl import Workbook  # only the spreadsheet needs it
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)

    def text(sheet, value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, _XML_ILLEGAL.sub("\ufffd", value))
        cell.data_type = "s"  # openpyxl would store «=…» as a formula
        return cell

    for name, items in collections.items():
        sheet = book.create_sheet(name)
        for row in rows(COLLECTIONS[name], items, contacts(k)):
            sheet.append([text(sheet, v) if isinstance(v, str) else v for v in row])
    info = book.create_sheet("licenza")
    info.append(["rete", k.rete.nome])
    info.append(["licenza", k.rete.licenza.nome])
    info.append(["indirizzo della licenza", k.rete.licenza.url])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def names(formats=FORMATS) -> list[str]:
    """The names of the open data files, known before they are made."""
    return list(_makers(formats))


def files(k: Knowledge, formats=FORMATS) -> dict[str, bytes]:
    """The open data files by name: JSON with its schema beside it, CSV, XLSX."""
    collections = records(k)
    return {name: make(k, collections) for name, make in _makers(formats).items()}


def _makers(formats) -> dict[str, Callable[[Knowledge, dict], bytes]]:
    out: dict[str, Callable[[Knowledge, dict], bytes]] = {}
    for name, kind in COLLECTIONS.items():
        if "json" in formats:
            out[f"{name}.json"] = lambda k, c, name=name: to_json(k, name, c[name])
            out[f"{kind}.schema.json"] = lambda k, c, kind=kind: (json.dumps(
                published_schema(kind, contacts(k)), ensure_ascii=False, indent=1)
                + "\n").encode("utf-8")
        if "csv" in formats:
            out[f"{name}.csv"] = lambda k, c, name=name: to_csv(name, c[name], contacts(k))
    if "xlsx" in formats:
        out[WORKBOOK] = to_xlsx
    return out | _descriptors(formats)


def downloads(formats=FORMATS) -> dict[str, dict[str, str]]:
    """Each collection's files by format: ``{"schede": {"json": "schede.json", …}}``."""
    return {name: {f: WORKBOOK if f == "xlsx" else f"{name}.{f}" for f in FORMATS if f in formats}
            for name in COLLECTIONS}


def _descriptors(formats) -> dict[str, Callable[[Knowledge, dict], bytes]]:
    """The catalogue of the files made, and the data package of the CSVs."""
    from . import catalogue, datapackage  # rdflib is loaded only to write them

    out: dict[str, Callable[[Knowledge, dict], bytes]] = {
        name: lambda k, c, name=name: catalogue.files(k, downloads(formats))[name]
        for name in catalogue.NAMES}
    if "csv" in formats:
        titles = {f"{name}.csv": catalogue.DATASETS[name].titolo for name in COLLECTIONS}
        out[datapackage.NAME] = lambda k, c: datapackage.package(k, {
            f"{name}.csv": (kind, columns(kind, contacts(k))) for name, kind in COLLECTIONS.items()
        }, titles)
    return out
