"""The collections' schemas, loaded once, and what they say of a path.

Each schema is a JSON Schema written once in ``schemi/``; the validator, the
field guide and the templates all read it from here.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from importlib import resources

import jsonschema
import jsonschema_rs
import yaml

from ..text import is_iso_date


def _load(name: str) -> dict:
    text = resources.files("rete").joinpath("schemi", f"{name}.yml").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _inline(node, shared: dict):
    """Replace every "comuni.yml#/$defs/X" reference by the definition, siblings on top."""
    if isinstance(node, list):
        return [_inline(n, shared) for n in node]
    if not isinstance(node, dict):
        return node
    node = {k: _inline(v, shared) for k, v in node.items()}
    ref = node.pop("$ref", None)
    if ref:
        name = ref.rsplit("/", 1)[-1]
        base = _inline(copy.deepcopy(shared[name]), shared)
        base.update(node)
        node = base
    return node


@lru_cache(maxsize=None)
def schema(kind: str) -> dict:
    """The plain (reference-free) JSON Schema of a collection."""
    shared = _load("comuni")["$defs"]
    return _inline(_load(kind), shared)


def _is_date(value) -> bool:
    return not isinstance(value, str) or is_iso_date(value)


@lru_cache(maxsize=None)
def validator(kind: str) -> jsonschema.protocols.Validator:
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date")(_is_date)
    cls = jsonschema.validators.validator_for(schema(kind))
    cls.check_schema(schema(kind))
    cls = jsonschema.validators.extend(cls, {"uniqueItems": _unique_items})
    return cls(schema(kind), format_checker=checker)


def _canonical(value):
    """A hashable stand-in for a YAML value, equal where JSON Schema calls values equal
    (1 and 1.0 are, true and 1 are not)."""
    if isinstance(value, bool) or value is None:
        return ("c", value)
    if isinstance(value, (int, float)):
        return ("n", value)
    if isinstance(value, str):
        return ("s", value)
    if isinstance(value, list):
        return ("l", tuple(_canonical(v) for v in value))
    if isinstance(value, dict):
        return ("d", frozenset((k, _canonical(v)) for k, v in value.items()))
    return ("o", str(value))


def _unique_items(validator, unique, instance, node):
    """uniqueItems in linear time: jsonschema compares unhashable items (a list of
    groups of fields) pair by pair, which takes minutes on one large file."""
    if not unique or not validator.is_type(instance, "array"):
        return
    seen = set()
    for item in instance:
        key = _canonical(item)
        if key in seen:
            yield jsonschema.ValidationError("l'elenco contiene valori ripetuti")
            return
        seen.add(key)


@lru_cache(maxsize=None)
def fast_validator(kind: str):
    """The same schema compiled by jsonschema-rs: it only says yes or no, but quickly."""
    return jsonschema_rs.validator_for(schema(kind), formats={"date": _is_date},
                                       validate_formats=True)


def dotted(path) -> str | None:
    return ".".join(str(p) for p in path) or None


def schema_at(kind: str, path) -> dict | None:
    """The sub-schema that describes ``path`` (list indexes step into items)."""
    node = schema(kind)
    for part in path:
        if isinstance(part, int):
            node = node.get("items", {})
        else:
            node = node.get("properties", {}).get(part)
        if node is None:
            return None
    return node


@lru_cache(maxsize=None)
def groups(kind: str) -> frozenset:
    """The names of the fields that hold other fields (a group or a list), at any depth."""
    found, stack = set(), [schema(kind)]
    while stack:
        node = stack.pop()
        for key, sub in node.get("properties", {}).items():
            if sub.get("type") in ("object", "array"):
                found.add(key)
            stack.append(sub)
        if isinstance(node.get("items"), dict):
            stack.append(node["items"])
    return frozenset(found)


def values(node: dict, value, path: list | None = None):
    """Yield (path, sub-schema, value) for every value of ``value`` that ``node`` describes,
    parents before children, in the schema's order of fields and the list's order.

    A loop with its own stack, not nested generators: every check walks every
    document, and each level of ``yield from`` costs on every value below it.
    """
    stack = [(path or [], node, value)]
    while stack:
        path, node, value = stack.pop()
        yield path, node, value
        if isinstance(value, dict):
            props = node.get("properties")
            if props:
                stack.extend(reversed([(path + [key], sub, value[key])
                                       for key, sub in props.items() if key in value]))
        elif isinstance(value, list):
            items = node.get("items")
            if isinstance(items, dict) and value:
                stack.extend(reversed([(path + [i], items, item)
                                       for i, item in enumerate(value)]))


def walk(doc) -> list:
    """Every ``(path, sub-schema, value)`` of a document, as ``values`` yields them: the
    checks of one document share this one walk instead of each making its own."""
    return list(values(schema(doc.kind), doc.data))
