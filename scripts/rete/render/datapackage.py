"""``datapackage.json``: the CSV files as a Frictionless Data Package, the descriptor
that data tools (frictionless, Open Data Editor, pandas' readers…) read.

Each CSV gets a Table Schema derived from its collection's schema, column by
column as ``opendata.columns`` lays them out, so no type is written twice. Paths
are relative and no profile is named by address: the package validates offline
from the folder it lies in.
"""

from __future__ import annotations

import json
import re

from ..content.model import Knowledge
from ..content.schema import schema
from ..content.urls import page_address

NAME = "datapackage.json"
_EXTRA = {  # the columns that are not fields of the schema
    "id": {"type": "string", "title": "Identificativo",
           "description": "Il nome del file, lo stesso dell'indirizzo della pagina.",
           "constraints": {"required": True, "unique": True}},
    "testo": {"type": "string", "title": "Testo", "description": "Il testo, in Markdown."},
}
_LIST = "Un elenco: i valori sono separati da «; »."
_GROUP = ("Un elenco di voci separate da «; », ognuna scritta come "
          "«campo: valore, campo: valore».")


def _type(node: dict) -> str:
    kind = node.get("type")
    if kind == "string" and node.get("format") == "date":
        return "date"
    return kind if kind in ("integer", "number", "boolean") else "string"


def field(kind: str, column: str) -> dict:
    """The Table Schema field of one column of a collection's CSV."""
    if column in _EXTRA:
        return {"name": column, **_EXTRA[column]}
    root = schema(kind)
    key, _, sub = column.partition(".")
    node, required = root["properties"][key], key in root.get("required", [])
    if sub:
        required = required and sub in node.get("required", [])
        node = node["properties"][sub]
    out = {"name": column, "type": _type(node)}
    out.update({k: node[k] for k in ("title", "description") if k in node})
    if node.get("type") == "array":
        items = node.get("items", {})
        note = _GROUP if items.get("type") == "object" else _LIST
        out["description"] = f"{out.get('description', '')} {note}".strip()
    constraints = {}
    if required:
        constraints["required"] = True
    if "enum" in node:
        constraints["enum"] = list(node["enum"])
    if constraints:
        out["constraints"] = constraints
    return out


def _name(k: Knowledge) -> str:
    """The package's name: the site's host, as the specification's characters allow."""
    host = page_address(k.rete.sito, "").split("//", 1)[-1].split("/", 1)[0]
    return re.sub(r"[^a-z0-9._-]+", "-", host.lower()).strip("-") or "rete"


def package(k: Knowledge, tables: dict[str, tuple[str, list[str]]],
            titles: dict[str, str]) -> bytes:
    """``tables``: each CSV file's name -> (its collection's kind, its columns);
    ``titles``: the same names -> an Italian title."""
    licenza = k.rete.licenza
    ente = k.rete.ente
    data = {
        "name": _name(k),
        "title": f"Dati aperti di {k.rete.nome}",
        "description": f"Le buone pratiche e i poli di servizio di {k.rete.nome}, "
                       "un file CSV per raccolta (UTF-8, elenchi separati da «; »).",
        "homepage": k.rete.sito,
        "licenses": [{"path": licenza.url, "title": licenza.nome}],
        "sources": [{"title": ente.nome if ente else k.rete.nome, "path": k.rete.sito}],
        "keywords": ["biblioteche", "buone pratiche", "poli di servizio"],
        "resources": [{
            "name": file.rsplit(".", 1)[0],
            "title": titles[file],
            "path": file,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",  # the BOM spreadsheet programs need
            "licenses": [{"path": licenza.url, "title": licenza.nome}],
            "schema": {"fields": [field(kind, c) for c in columns], "primaryKey": ["id"]},
        } for file, (kind, columns) in tables.items()],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
