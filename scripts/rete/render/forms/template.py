"""`rete nuova`: a commented template, made from the schema, to copy and fill in."""

from __future__ import annotations

import textwrap

from ...content import fields
from ...content.schema import schema, schema_at

PLACEHOLDER = '""'
WIDTH = 36  # characters: a comment line fits a phone 360 pixels wide, where the site shows it


def _wrap(text: str, indent: str = "", first: str = "# ", then: str = "#   ") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent + first,
                         subsequent_indent=indent + then, break_long_words=False,
                         break_on_hyphens=False)


def _choices(field: fields.Field, ids: dict[str, list[str]],
             everything: str | None) -> list[str]:
    """Every value a field may take: never cut, since what is cut cannot be chosen."""
    found = []
    if field.reference and ids.get(field.reference):
        found.append("valori possibili: " + ", ".join(sorted(field.values(ids))) + ".")
    elif "enum" in field.node:
        found.append("valori possibili: " + ", ".join(field.values(ids)) + ".")
    if field.reference and everything:
        found.append(f"Con i nomi: {everything}")
    return found


def _comment(field: fields.Field, ids: dict[str, list[str]], indent: str,
             everything: str | None) -> list[str]:
    words = [field.label + (" (obbligatorio)" if field.required else " (facoltativo)")]
    if field.description:
        words.append(field.description)
    rules = field.rules(choices=False)
    text = ": ".join(words[:2])
    if rules:
        text += f" [{'; '.join(rules)}]"
    lines = _wrap(text, indent)
    for choice in _choices(field, ids, everything):
        lines += _wrap(choice, indent, "#   ", "#   ")
    return lines


_EMPTY = {"choices": "[]", "list": "[]", "items": "[]", "number": "0", "euro": "0",
          "flag": "false"}  # any other widget: PLACEHOLDER


def _value(field: fields.Field) -> str:
    return _EMPTY.get(field.widget, PLACEHOLDER)


def _lines(kind: str, ids: dict[str, list[str]], everything: str | None) -> list[str]:
    out: list[str] = []
    off_paths: set[str] = set()  # optional fields, whose children are commented out too
    for f in fields.walk(kind):
        parent = f.path.rsplit(".", 1)[0].removesuffix("[]") if "." in f.path else ""
        off = not f.required or parent in off_paths
        if off:
            off_paths.add(f.path)
        if "[]." in f.path:
            # the fields of a list item, shown as one example item; of alternative
            # fields (oneOf) the first is shown and the others named in its comment
            keys, alternatives = _item_keys(kind, f.path)
            if f.key in alternatives[1:]:
                continue
            first = f.key == keys[0]
            lead = "  " * (f.depth - 1) + ("# " if off else "")
            label = f.label
            if alternatives and f.key == alternatives[0]:
                label += f" (oppure {', '.join(alternatives[1:])})"
            line = f"{lead}{'  - ' if first else '    '}{f.key}: {_value(f)}"
            if len(line) + len(label) + 4 <= WIDTH:
                out.append(f"{line}  # {label}")
            else:  # the label above its line, so that neither is wider than a phone
                out += [f"{lead}    # {label}", line]
            continue
        indent = "  " * f.depth
        lead = indent + ("# " if off else "")
        is_group = f.widget in ("group", "items")
        if f.depth == 0:
            out.append("")
        out += _comment(f, ids, indent, everything)
        out.append(f"{lead}{f.key}:" if is_group else f"{lead}{f.key}: {_value(f)}")
    return out


def _item_keys(kind: str, path: str) -> tuple[list[str], list[str]]:
    """The keys of a list item, and those of them that exclude each other (oneOf)."""
    prefix = path.rsplit("[].", 1)[0] + "[]."
    keys = [f.path[len(prefix):] for f in fields.walk(kind) if f.path.startswith(prefix)
            and "." not in f.path[len(prefix):]]
    steps = [p for part in prefix.removesuffix("[].").split(".")
             for p in ((part.removesuffix("[]"), 0) if part.endswith("[]") else (part,))]
    item = schema_at(kind, [*steps, 0])
    alternatives = [k for option in item.get("oneOf", []) for k in option.get("required", [])]
    return keys, alternatives


def render(kind: str, ids: dict[str, list[str]], everything: str | None = None) -> str:
    """The whole template file: commented front-matter and the suggested body.

    ``everything`` is the address of the site's page that lists every id with its name.
    """
    root = schema(kind)
    head = ["---"]
    head += _wrap(f"{root['title']}: compila i valori e togli il # davanti ai campi "
                  "facoltativi che vuoi usare.", first="# ", then="# ")
    head += _wrap("Le date si scrivono AAAA-MM-GG (2026-03-15); i testi con i due punti "
                  "vanno tra virgolette dritte \" \".", first="# ", then="# ")
    body = [f"## {s}\n\n" for s in root.get("x-sezioni", [])]
    return ("\n".join(head + _lines(kind, ids, everything) + ["---", ""]) + "\n"
            + "\n".join(body))
