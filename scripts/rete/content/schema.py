"""The collections' schemas, loaded once, and their errors in Italian.

Each schema is a JSON Schema written once in ``schemi/``; the validator, the
field guide and the templates all read it from here.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from functools import lru_cache
from importlib import resources

import jsonschema
import jsonschema_rs
import yaml

from ..problems import Problem, error
from ..text import ISO_DATE, did_you_mean, human_list, is_iso_date

_TYPES = {
    "string": "un testo", "integer": "un numero intero", "number": "un numero",
    "boolean": "true oppure false", "array": "un elenco", "object": "un gruppo di campi",
    "null": "un valore vuoto",
}
_TYPE_HINTS = {
    "array": "scrivi un elemento per riga preceduto da '- ', oppure tra parentesi quadre: [a, b]",
    "object": "scrivi i campi del gruppo nelle righe sotto, rientrati di due spazi",
    "number": "scrivi solo il numero, senza unità né simbolo dell'euro (per esempio 150 o 150.50)",
    "integer": "scrivi solo il numero intero, per esempio 12",
    "boolean": "scrivi true (sì) oppure false (no)",
    "string": "racchiudi il valore tra virgolette",
}


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


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def date_hint(value) -> str:
    """How to write a date, from what the librarian wrote: 15/03/2026 -> 2026-03-15."""
    match = _DMY.match(str(value).strip())
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return f"usa il formato AAAA-MM-GG ({date(year, month, day).isoformat()})"
        except ValueError:
            pass
    return "usa il formato AAAA-MM-GG, per esempio 2026-03-15"


def describe(value) -> str:
    """A value as the message shows it, with its kind."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "un valore vuoto"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        return f"il testo «{shown}»"
    if isinstance(value, (int, float)):
        return f"il numero {value}"
    if isinstance(value, list):
        return "un elenco"
    return "un gruppo di campi"


def dotted(path) -> str | None:
    return ".".join(str(p) for p in path) or None


def _chars(n: int) -> str:
    return "1 carattere" if n == 1 else f"{n} caratteri"


def _empty_hint(node: dict) -> str:
    if node.get("format") == "date":
        return "scrivi la data nella forma AAAA-MM-GG, per esempio 2026-03-15"
    if node.get("x-rif"):
        return "scrivi un identificativo: l'elenco è nella pagina «Identificativi» del sito"
    if "enum" in node:
        return "scegli tra: " + human_list([str(o) for o in node["enum"]])
    if node.get("description"):
        return f"scrivi il valore dopo i due punti ({node['description'].rstrip('.')})"
    return "scrivi il valore dopo i due punti"


def _custom(err, keyword: str) -> str | None:
    messages = err.schema.get("x-messaggi", {}) if isinstance(err.schema, dict) else {}
    return messages.get(keyword)


def _translate(err, doc) -> list[Problem]:
    """One jsonschema error -> the problems a librarian reads."""
    path = list(err.absolute_path)
    rel = doc.rel
    value = err.instance
    kw = err.validator
    line = doc.line_of(path)
    field = dotted(path)
    custom = _custom(err, kw)

    if kw == "additionalProperties":
        allowed = list(err.schema.get("properties", {}))
        found = []
        unknown = [k for k in value if k not in allowed]
        if len(unknown) > MAX_UNKNOWN_KEYS:
            found.append(error(rel, f"{len(unknown)} campi sconosciuti: ne sono elencati "
                                    f"{MAX_UNKNOWN_KEYS}", field=field,
                               hint=f"i campi ammessi sono: {human_list(allowed)}"))
        for key in unknown[:MAX_UNKNOWN_KEYS]:
            guess = did_you_mean(key, allowed)
            hint = (f"forse intendevi «{guess}»?" if guess
                    else f"i campi ammessi sono: {human_list(allowed)}")
            found.append(error(rel, f"campo sconosciuto «{key}»", line=doc.line_of(path + [key]),
                               field=dotted(path + [key]), hint=hint))
        return found
    if kw == "required":
        problems = []
        for key in err.validator_value:
            if isinstance(value, dict) and key not in value:
                sub = err.schema.get("properties", {}).get(key) or \
                    schema_at(doc.kind, path + [key]) or {}
                hint = f"aggiungi la riga «{key}: …»"
                if sub.get("description"):
                    hint += f" ({sub['description'].rstrip('.')})"
                problems.append(error(rel, custom or "campo obbligatorio mancante",
                                      field=dotted(path + [key]), hint=hint))
        return problems
    if value == "" and kw in ("minLength", "pattern", "format", "enum"):
        return [error(rel, "è vuoto", line=line, field=field, hint=_empty_hint(err.schema))]
    if kw == "type":
        wanted = err.validator_value
        wanted = wanted if isinstance(wanted, str) else wanted[0]
        if value is None:
            return [error(rel, "è vuoto", line=line, field=field, hint=_empty_hint(err.schema))]
        if err.schema.get("format") == "date":
            return [error(rel, f"data non valida: {describe(value)}", line=line, field=field,
                          hint=date_hint(value))]
        message = f"atteso {_TYPES[wanted]}, trovato {describe(value)}"
        return [error(rel, message, line=line, field=field, hint=custom or _TYPE_HINTS.get(wanted))]
    if kw == "format" and err.validator_value == "date":
        if ISO_DATE.match(str(value)):
            return [error(rel, f"la data {value} non esiste", line=line, field=field,
                          hint="controlla il giorno e il mese")]
        return [error(rel, f"data non valida: {describe(value)}", line=line, field=field,
                      hint=date_hint(value))]
    if kw == "enum":
        options = [str(o) for o in err.validator_value]
        guess = did_you_mean(str(value), options)
        hint = f"forse intendevi «{guess}»?" if guess else f"scegli tra: {human_list(options)}"
        return [error(rel, f"valore non ammesso: {describe(value)}", line=line, field=field,
                      hint=hint)]
    if kw == "minLength":
        if not value.strip():
            return [error(rel, "è vuoto", line=line, field=field, hint="scrivi il testo")]
        return [error(rel, f"troppo corto: {_chars(len(value))}, ne servono almeno "
                           f"{err.validator_value}", line=line, field=field)]
    if kw == "maxLength":
        over = len(value) - err.validator_value
        return [error(rel, f"troppo lungo: {_chars(len(value))}, al massimo "
                           f"{err.validator_value}", line=line, field=field,
                      hint=f"accorcialo di {_chars(over)}")]
    if kw in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        written = getattr(doc, "numbers", {}).get(tuple(path), value)  # as typed, not 1e+21
        than = "minore" if "inimum" in kw else "maggiore"
        return [error(rel, f"non può essere {than} di {err.validator_value}: trovato {written}",
                      line=line, field=field, hint=custom)]
    if kw == "minItems":
        what = "un elemento" if err.validator_value == 1 else f"{err.validator_value} elementi"
        return [error(rel, custom or f"l'elenco deve avere almeno {what}", line=line,
                      field=field)]
    if kw == "uniqueItems":
        return [error(rel, "l'elenco contiene valori ripetuti", line=line, field=field,
                      hint="scrivi ogni valore una sola volta")]
    if kw == "pattern":
        return [error(rel, f"{custom or 'il valore non ha la forma attesa'}: trovato "
                           f"{describe(value)}", line=line, field=field)]
    return [error(rel, custom or "valore non valido", line=line, field=field)]


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


def _too_long(walked: list) -> bool:
    """Whether any list of the walk is longer than its schema's ``maxItems``."""
    for _path, node, value in walked:
        if isinstance(value, list):
            limit = node.get("maxItems")
            if isinstance(limit, int) and len(value) > limit:
                return True
    return False


MAX_UNKNOWN_KEYS = 20  # unknown fields reported one by one; the rest are counted


def _over_limit(doc, node: dict, value, path: list, found: list[Problem]):
    """``value`` with every list cut at its schema's ``maxItems``, each cut reported.

    The rest of the validation reads the cut copy, so one list of a hundred
    thousand items costs no more than its allowed length; the document has an
    error, so the cut copy never reaches the model.
    """
    if isinstance(value, list) and isinstance(node, dict):
        limit = node.get("maxItems")
        if isinstance(limit, int) and len(value) > limit:
            found.append(error(doc.rel, f"troppi elementi: {len(value)}, al massimo {limit}",
                               line=doc.line_of(path), field=dotted(path),
                               hint=f"tieni i {limit} più importanti"))
            value = value[:limit]
        items = node.get("items")
        if isinstance(items, dict):
            return [_over_limit(doc, items, v, path + [i], found) for i, v in enumerate(value)]
        return value
    if isinstance(value, dict) and isinstance(node, dict) and "properties" in node:
        props = node["properties"]
        return {k: _over_limit(doc, props[k], v, path + [k], found) if k in props else v
                for k, v in value.items()}
    return value


def validate(doc, walked: list | None = None) -> list[Problem]:
    """Check a document against its collection's schema.

    Nearly every document is valid: the compiled validator says so in microseconds.
    Only a document it rejects (or cannot read) goes through the detailed validator,
    whose errors become the Italian messages. Lists are first cut at their
    ``maxItems``, so an absurdly long one costs no more than its allowed length.
    ``walked`` is ``walk(doc)``, when the caller has it.
    """
    cut: list[Problem] = []
    data = doc.data
    if _too_long(walk(doc) if walked is None else walked):
        data = _over_limit(doc, schema(doc.kind), doc.data, [], cut)
    if not cut:
        try:
            if fast_validator(doc.kind).is_valid(data):
                return []
        except (ValueError, TypeError, OverflowError):  # a value it cannot convert
            pass
    # A dict keeps the first of equal problems in order, in linear time.
    problems: dict[Problem, None] = dict.fromkeys(cut)
    for err in validator(doc.kind).iter_errors(data):
        problems.update(dict.fromkeys(_translate(err, doc)))
    return _first_per_field(list(problems))


def _first_per_field(problems: list[Problem]) -> list[Problem]:
    """One problem per value, as ``validate._fields`` wants it across checks: a number
    that is not whole is not also said to be too large."""
    seen, kept = set(), []
    for problem in problems:
        if problem.field is None or problem.field not in seen:
            kept.append(problem)
            seen.add(problem.field)
    return kept
