"""Change a few top-level keys of a front-matter in place, and nothing else.

`rete richieste segna` updates a request that a person wrote: its comments, the
order of its keys, its quotes, its line breaks and its body stay byte for byte as
they were. So the text is edited line by line, never loaded and dumped again: a
key already there has its line (and the lines that continue it) replaced, keeping
a comment at the end of the line; a new key goes after the key that precedes it
in the schema's order.
"""

from __future__ import annotations

import re

import yaml

from .schema import schema
from .writer import _Writer
from ..problems import ReteError

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?=[ \t]|$)")
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


def field_text(key: str, value) -> str:
    """``key: value`` as the project's serialiser writes it (LF line breaks)."""
    return yaml.dump({key: value}, Dumper=_Writer, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=10**6)


def _bare(line: str) -> str:
    return line.rstrip("\r\n")


def _front_matter(lines: list[str]) -> tuple[int, int]:
    """The index of the first line after the opening '---' and of the closing one."""
    if not lines or _bare(lines[0]).lstrip("\ufeff").rstrip(" \t") != "---":
        raise ReteError("il file non inizia con l'intestazione '---'",
                        hint="correggilo e controllalo con «rete valida»")
    for i in range(1, len(lines)):
        if _FENCE.match(_bare(lines[i])):
            return 1, i
    raise ReteError("l'intestazione (front-matter) non è chiusa",
                    hint="aggiungi una riga '---' dopo l'ultimo campo")


def _blocks(lines: list[str], start: int, end: int) -> dict[str, tuple[int, int]]:
    """Each top-level key -> (its line, the line after the lines that continue it)."""
    found: dict[str, tuple[int, int]] = {}
    i = start
    while i < end:
        match = _KEY.match(lines[i])
        if not match:
            i += 1
            continue
        j = i + 1
        while j < end:
            text = _bare(lines[j])
            if text[:1] in (" ", "\t") and text.strip():
                j += 1
            elif not text.strip():  # a blank line inside a block text, if more follows
                k = j
                while k < end and not _bare(lines[k]).strip():
                    k += 1
                if k < end and _bare(lines[k])[:1] in (" ", "\t"):
                    j = k
                else:
                    break
            else:
                break
        found[match.group(1)] = (i, j)
        i = j
    return found


def _comment(line: str, key: str) -> str:
    """The comment at the end of a one-line ``key: value``, with its spaces; or ""."""
    text = _bare(line)
    rest = text[_KEY.match(text).end():]
    value = rest.lstrip(" \t")
    if value[:1] in ("'", '"'):
        quote, i = value[0], 1
        while i < len(value):
            if value[i] == quote and quote == "'" and value[i + 1:i + 2] == "'":
                i += 2
                continue
            if value[i] == "\\" and quote == '"':
                i += 2
                continue
            if value[i] == quote:
                break
            i += 1
        tail = value[i + 1:]
        match = re.search(r"[ \t]+#.*$", tail)
        return match.group(0) if match else ""
    match = re.search(r"[ \t]+#.*$", value)
    return match.group(0) if match else ""


def set_keys(text: str, kind: str, changes: dict) -> str:
    """``text`` with each key of ``changes`` set to its value, and nothing else changed.

    A value is Python data (a text, a date, a number), or a ``Raw`` text written as it
    is (a number as the person typed it, for the checks to judge)."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    start, end = _front_matter(lines)
    order = list(schema(kind)["properties"])
    for key in sorted(changes, key=lambda k: order.index(k) if k in order else len(order)):
        value = changes[key]
        written = (f"{key}: {value}\n" if isinstance(value, Raw) else field_text(key, value))
        new = [line + newline for line in written[:-1].split("\n")]
        blocks = _blocks(lines, start, end)
        if key in blocks:
            first, after = blocks[key]
            if len(new) == 1:
                new[0] = new[0][:-len(newline)] + _comment(lines[first], key) + newline
        else:
            earlier = [blocks[k][1] for k in order[:order.index(key)] if k in blocks] \
                if key in order else []
            first = after = max(earlier) if earlier else end
        lines[first:after] = new
        end += len(new) - (after - first)
    return "".join(lines)


class Raw(str):
    """A value written in the file exactly as given."""
