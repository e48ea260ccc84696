"""The schema and the model agree: every front-matter key is an attribute of its class.

Renderers read a field as ``getattr(obj, key)`` while walking the schema (open
data, the April figures); a key named differently in the model would be lost
without a word, so this test names it instead.
"""

from __future__ import annotations

import dataclasses
import typing

import pytest

from rete.content.collections import COLLECTIONS, FOLDERS, REFERENCES, REGISTRY_LISTS
from rete.content.schema import schema

# Attributes the model keeps besides the schema's keys: where the file is, its text,
# and what is derived from the front-matter.
BESIDES = {
    "Scheda": {"slug", "rel", "body", "bundle", "files", "dati", "inizio", "fine"},
    "Polo": {"slug", "rel", "body", "dati"},
    "Request": {"slug", "rel", "body", "dati"},
    "Material": {"path", "size"},
}


def _class_of(hint) -> type | None:
    """The dataclass a field's annotation holds, through lists, tuples and Optional."""
    if dataclasses.is_dataclass(hint):
        return hint
    found = (_class_of(arg) for arg in typing.get_args(hint))
    return next((cls for cls in found if cls), None)


def _pairs(node: dict, cls: type):
    """(schema node, model class) for a collection and every group inside it."""
    yield node, cls
    hints = typing.get_type_hints(cls)
    for key, sub in node.get("properties", {}).items():
        inner = sub.get("items", {}) if sub.get("type") == "array" else sub
        if inner.get("type") != "object" or "x-rif" in inner:
            continue
        target = hints.get(key)
        if target is None:  # a property, e.g. Scheda.periodo
            target = typing.get_type_hints(getattr(cls, key).fget)["return"]
        nested = _class_of(target)
        assert nested, f"{cls.__name__}.{key} is not a dataclass"
        yield from _pairs(inner, nested)


def _attributes(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)} | {
        name for name, value in vars(cls).items() if isinstance(value, property)}


@pytest.mark.parametrize("kind", list(COLLECTIONS))
def test_every_schema_key_is_a_model_attribute(kind):
    for node, cls in _pairs(schema(kind), COLLECTIONS[kind].model):
        missing = set(node.get("properties", {})) - _attributes(cls)
        assert not missing, f"{cls.__name__} has no attribute for {sorted(missing)}"


@pytest.mark.parametrize("kind", list(COLLECTIONS))
def test_every_model_field_is_a_schema_key(kind):
    for node, cls in _pairs(schema(kind), COLLECTIONS[kind].model):
        extra = ({f.name for f in dataclasses.fields(cls)} - set(node.get("properties", {}))
                 - BESIDES.get(cls.__name__, set()))
        assert not extra, f"{cls.__name__}.{sorted(extra)} are not in the schema «{kind}»"


def test_a_renamed_attribute_is_caught():
    @dataclasses.dataclass
    class Renamed:
        title: str  # the schema says «titolo»

    node = {"properties": {"titolo": {"type": "string"}}}
    assert set(node["properties"]) - _attributes(Renamed) == {"titolo"}


def test_every_reference_in_a_schema_is_declared():
    for kind, collection in COLLECTIONS.items():
        words = set()
        stack = [schema(kind)]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                if "x-rif" in node:
                    words.add(node["x-rif"])
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
        assert words <= set(REFERENCES), kind
        assert words == set(collection.references), kind


def test_collections_and_lists_are_declared_once():
    assert FOLDERS == {"scheda": "schede", "polo": "poli", "richiesta": "richieste"}
    assert REGISTRY_LISTS == ("biblioteche", "temi", "destinatari")
    assert {r.name for r in REFERENCES.values() if not r.in_registry} <= set(FOLDERS.values())
