"""Walk a collection's schema as the fields a librarian fills in.

Every form is made from this walk: the site's form, the GitHub issue form, the
Word form, the template of «rete nuova» and the field guide. Each ``Field``
answers what they all ask (its widget, its values, who fills it in, its limits),
so they switch on the answer and never read the raw schema to guess it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .collections import REFERENCES
from .schema import schema

_KIND_OF = {"string": "testo", "integer": "numero intero", "number": "numero",
            "boolean": "true/false", "array": "elenco", "object": "gruppo di campi"}
LONG_TEXT = 1000  # a text's maximum length is worth saying only below this
LONG = 200  # a text allowed to be longer than this gets a box of several lines
# line, text, choice, choices, date, number, euro, flag, list (of free values),
# group (of fields), items (a list of groups)
WIDGETS = ("line", "text", "choice", "choices", "date", "number", "euro", "flag", "list",
           "group", "items")


@dataclass(frozen=True)
class Field:
    path: str  # "referente.email", "materiali[].titolo"
    key: str
    depth: int
    required: bool
    node: dict

    @property
    def label(self) -> str:
        return self.node.get("title", self.key)

    @property
    def description(self) -> str:
        return self.node.get("description", "")

    @property
    def item(self) -> dict:
        return self.node.get("items", {}) if self.node.get("type") == "array" else {}

    @property
    def reference(self) -> str | None:
        return self.node.get("x-rif") or self.item.get("x-rif")

    @property
    def value(self) -> dict:
        """The schema of one value: the item's for a list, the field's own otherwise."""
        return self.item if self.node.get("type") == "array" else self.node

    @property
    def sdg(self) -> bool:
        """Whether its values are the numbers of the Agenda 2030 goals."""
        return self.value.get("x-campo") == "sdg"

    @property
    def sources(self) -> bool:
        """Whether its values are practices taken up (``ripresa_da``): each the id of a
        scheda of this network or the https:// address of another network's scheda."""
        return self.value.get("x-campo") == "ripresa"

    @property
    def by_librarian(self) -> bool:
        """Whether a librarian fills it in: ``x-solo-coordinatori`` marks those that only a
        coordinator decides (a draft) or can make (a file in a scheda folder)."""
        return not self.node.get("x-solo-coordinatori")

    @property
    def widget(self) -> str:
        """How a form asks for it: one of ``WIDGETS``."""
        node, value = self.node, self.value
        if node.get("type") == "object":
            return "group"
        if value.get("type") == "object":
            return "items"
        listed = bool(self.reference or "enum" in value or self.sdg)
        if node.get("type") == "array":
            return "choices" if listed else "list"
        if listed:
            return "choice"
        if node.get("type") == "boolean":
            return "flag"
        if node.get("type") in ("number", "integer"):
            return "euro" if node.get("x-campo") == "euro" else "number"
        if node.get("format") == "date":
            return "date"
        return "text" if node.get("maxLength", 0) > LONG else "line"

    def values(self, ids: dict[str, list[str]]) -> list | None:
        """The values it may take, for a choice: ``ids`` are the lists of the registry
        and the poli (``loader.Tree.ids``, ``Catalog``); None for a free field."""
        value = self.value
        if self.reference:  # x-anche: words allowed beside the ids ("biblioteche")
            return list(ids.get(self.reference, [])) + list(value.get("x-anche", []))
        if "enum" in value:
            return list(value["enum"])
        if self.sdg:
            return list(range(value["minimum"], value["maximum"] + 1))
        return None

    @property
    def limits(self) -> dict:
        """Its bounds, as the schema states them: lengths, values, number of items."""
        keys = ("minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems")
        return {k: source[k] for source in (self.node, self.item) for k in keys if k in source}

    @property
    def kind(self) -> str:
        node = self.node
        if node.get("format") == "date":
            return "data AAAA-MM-GG"
        if self.sources:
            return "elenco di identificativi di schede o indirizzi https://"
        if node.get("type") == "array":
            inner = self.item
            if inner.get("type") == "object":
                return "elenco di gruppi"
            return f"elenco di {_plural(inner)}"
        if self.reference:
            return "identificativo"
        return _KIND_OF.get(node.get("type"), "valore")

    def rules(self, choices: bool = True) -> list[str]:
        """The constraints in words: lengths, bounds and, with ``choices``, allowed values."""
        node, item = self.node, self.item
        rules = []
        if "minLength" in node and "maxLength" in node and node["minLength"] > 1:
            rules.append(f"da {node['minLength']} a {node['maxLength']} caratteri")
        elif node.get("maxLength", LONG_TEXT) < LONG_TEXT:
            rules.append(f"al massimo {node['maxLength']} caratteri")
        for source in (node, item):
            if "minimum" in source and "maximum" in source:
                rules.append(f"da {source['minimum']} a {source['maximum']}")
            elif "minimum" in source:
                rules.append(f"almeno {source['minimum']}")
        if "minItems" in node:
            rules.append(f"almeno {node['minItems']} elemento" if node["minItems"] == 1
                         else f"almeno {node['minItems']} elementi")
        if choices and "enum" in node:
            rules.append("uno tra: " + ", ".join(f"`{v}`" for v in node["enum"]))
        if choices and self.reference:
            rules.append(REFERENCES[self.reference].guide)
        if choices and self.sources:
            rules.append(SOURCES_GUIDE)
        return rules


SOURCES_GUIDE = ("non la scheda stessa, né una scheda che l'ha ripresa (nessun giro); una bozza "
                 "si può indicare ma non viene mostrata; l'indirizzo di un'altra rete inizia "
                 "con https:// e finisce con /schede/NOME/")

# Keywords for the forms only (``Field``): what a widget is where the type cannot
# say it (``x-campo``) and which fields only a coordinator fills in.
FORM_KEYWORDS = ("x-campo", "x-solo-coordinatori")


def without_form_keywords(node):
    """A schema as published (open data) and sent to the site's form: the forms' own
    keywords left out, since neither its readers nor the form's script need them."""
    if isinstance(node, list):
        return [without_form_keywords(n) for n in node]
    if not isinstance(node, dict):
        return node
    return {k: without_form_keywords(v) for k, v in node.items() if k not in FORM_KEYWORDS}


def _plural(node: dict) -> str:
    if node.get("x-rif"):
        return "identificativi"
    return {"string": "testi", "integer": "numeri interi", "number": "numeri"}.get(
        node.get("type"), "valori")


def walk(kind: str):
    """Yield every field of a collection, parents before children."""
    yield from _walk(schema(kind), "", 0)


def _walk(node: dict, prefix: str, depth: int):
    required = set(node.get("required", []))
    for key, sub in node.get("properties", {}).items():
        path = f"{prefix}{key}"
        yield Field(path, key, depth, key in required, sub)
        if sub.get("type") == "object":
            yield from _walk(sub, path + ".", depth + 1)
        elif sub.get("type") == "array" and sub.get("items", {}).get("type") == "object":
            yield from _walk(sub["items"], path + "[].", depth + 1)


def conditional_rules(kind: str) -> list[str]:
    """Rules stated with if/then in the schema (alone or in ``allOf``), in words."""
    node = schema(kind)
    return [rule for part in [node, *node.get("allOf", [])] for rule in _conditional(part)]


def _conditional(node: dict) -> list[str]:
    cond = node.get("if", {}).get("properties", {})
    then = node.get("then", {})
    if not cond or not then:
        return []
    (key, test), = cond.items()
    needed = ", ".join(f"`{k}`" for k in then.get("required", []))
    extra = "; ".join(then.get("properties", {}).get(k, {}).get("x-messaggi", {}).get("minItems", "")
                      for k in then.get("properties", {}))
    values = test["enum"] if "enum" in test else [test["const"]]
    which = " o ".join(f"`{v}`" for v in values)
    text = f"Quando `{key}` è {which} servono anche {needed}"
    return [text + (f" ({extra})" if extra else "") + "."]
