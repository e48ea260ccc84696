"""Render a list of problems for a terminal, for GitHub annotations, or as JSON."""

from __future__ import annotations

import json
import re

from .problems import Problem


# What a terminal, an editor, a CI log or a browser would act on instead of showing: DEL
# and the C1 controls, Unicode's line and paragraph separators, and the marks that
# reorder text on screen; with the C0 controls (line breaks included: a CI log reads a
# line that starts with "::" as a command).
_MARKS = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x1f{_MARKS}]")
_CONTROL_BUT_LINES = re.compile(f"[\x00-\x08\x0b-\x1f{_MARKS}]")  # tabs, line feeds kept
_UNESCAPED_BY_JSON = re.compile(f"[{_MARKS}]")


def _code(match: re.Match) -> str:
    n = ord(match.group())
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def visible(text: str) -> str:
    """Text from a librarian's file (names, values) as one visible line: every control
    character shown as a code, never sent to a terminal or a log as it is."""
    return _CONTROL.sub(_code, text)


def visible_lines(text: str) -> str:
    """Like ``visible``, for a message of several lines: tabs and line feeds kept."""
    return _CONTROL_BUT_LINES.sub(_code, text)


_visible = visible


def _where(p: Problem) -> str:
    return _visible(f"{p.file}:{p.line}" if p.line else p.file)


def spoken_field(field: str) -> str:
    """A dotted field path as a person reads it: "destinatari.0" -> "campo 'destinatari',
    il 1° valore"; "materiali.1.file" -> "campo 'materiali', il 2° valore, campo 'file'"."""
    words, keys = [], []
    for part in field.split("."):
        if part.isascii() and part.isdigit() and keys:
            words.append(f"campo '{'.'.join(keys)}'")
            words.append(f"il {int(part) + 1}° valore")
            keys = []
        else:
            keys.append(part)
    if keys:
        words.append(f"campo '{'.'.join(keys)}'")
    return ", ".join(words)


def _what(p: Problem) -> str:
    return _visible(f"{spoken_field(p.field)}: {p.message}" if p.field else p.message)


def _summary(problems: list[Problem], counts: dict[str, int]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    schede, poli = counts.get("scheda", 0), counts.get("polo", 0)
    requests = counts.get("richiesta", 0)
    checked = (f"{schede} {'scheda' if schede == 1 else 'schede'}"
               f"{', ' if requests else ' e '}{poli} {'polo' if poli == 1 else 'poli'}"
               + (f" e {requests} {'richiesta' if requests == 1 else 'richieste'}"
                  if requests else "") + " controllati")
    if not problems:
        return f"{checked}: nessun problema."
    parts = []
    if errors:
        parts.append("1 errore" if errors == 1 else f"{errors} errori")
    if warnings:
        parts.append("1 avviso" if warnings == 1 else f"{warnings} avvisi")
    return f"{checked}: " + " e ".join(parts) + "."


def testo(problems: list[Problem], counts: dict[str, int]) -> str:
    """The terminal format: ``file:riga: errore: campo 'x': message`` then the hint."""
    lines = []
    for p in problems:
        lines.append(f"{_where(p)}: {p.level.value}: {_what(p)}")
        if p.hint:
            lines.append(f"    suggerimento: {_visible(p.hint)}")
    lines.append(_summary(problems, counts))
    return "\n".join(lines) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(problems: list[Problem], counts: dict[str, int]) -> str:
    """GitHub Actions workflow commands: one annotation per problem on the PR's files."""
    lines = []
    for p in problems:
        command = "error" if p.is_error else "warning"
        props = [f"file={_escape_property(_visible(p.file))}"]
        if p.line:
            props.append(f"line={p.line}")
        props.append(f"title={_escape_property(p.level.value)}")
        message = _what(p) + (f" — suggerimento: {_visible(p.hint)}" if p.hint else "")
        lines.append(f"::{command} {','.join(props)}::{_escape_data(message)}")
    lines.append(_summary(problems, counts))
    return "\n".join(lines) + "\n"


def as_json(problems: list[Problem], counts: dict[str, int]) -> str:
    """JSON escapes control characters below U+0020 by itself; the others that
    ``visible`` shows as codes are escaped too, so the output is one line per value."""
    text = json.dumps({
        "schede": counts.get("scheda", 0),
        "poli": counts.get("polo", 0),
        "problemi": [{"file": p.file, "riga": p.line, "livello": p.level.value,
                      "campo": p.field, "messaggio": p.message, "suggerimento": p.hint}
                     for p in problems],
    }, ensure_ascii=False, indent=2)
    return _UNESCAPED_BY_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


FORMATS = {"testo": testo, "github": github, "json": as_json}
