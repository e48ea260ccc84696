"""A document checked against its collection's schema, and the validator's errors
in Italian: each jsonschema error becomes the problems a librarian reads."""

from __future__ import annotations

import re
from datetime import date

from .schema import dotted, fast_validator, schema, schema_at, validator, walk
from ..problems import Problem, error
from ..text import ISO_DATE, did_you_mean, human_list

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
