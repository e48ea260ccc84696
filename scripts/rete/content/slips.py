"""Slips a person makes writing YAML by hand: quotes from Word, quotes closed too early,
a parent field commented out above filled-in children.

Each finder returns what is wrong, what to do, and the line as it should be, so the
reader can report the slip and keep reading the file with the line put right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..problems import Problem, error
from .schema import dotted, walk

OPENING = "“„‘‚"
CLOSING = "”“’‘"
WORD_QUOTES = "le virgolette «“ ”» vengono da Word: usa le virgolette dritte \" \""
_ITEM = re.compile(r"^(?P<lead>\s*(?:-\s+)*)(?P<value>\S.*?)\s*$")
_KEY = re.compile(r"^(?P<lead>\s*(?:-\s+)*(?P<key>[^\s#'\"“‘\-][^:#]*?):[ \t]+)"
                  r"(?P<value>\S.*?)\s*$")
_COMMENTED_KEY = re.compile(r"^(?P<indent>[ ]*)#[ \t]*(?P<key>[A-Za-z_][\w-]*):[ \t]*$")


@dataclass(frozen=True)
class Slip:
    message: str
    hint: str
    fixed: str  # the whole line, put right


def quoted(text: str) -> str:
    """``text`` as a YAML value between straight quotes."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _closing(value: str) -> int | None:
    """Where the quoted scalar that opens ``value`` closes; None if it does not."""
    quote, i = value[0], 1
    while i < len(value):
        if quote == "'" and value[i] == "'":
            if value[i + 1:i + 2] == "'":
                i += 2
                continue
            return i
        if quote == '"' and value[i] == "\\":
            i += 2
            continue
        if quote == '"' and value[i] == '"':
            return i
        i += 1
    return None


def _strip_quotes(value: str) -> str:
    return value.strip().strip("\"'" + OPENING + CLOSING).strip()


def is_word_quoted(value) -> bool:
    """A text wrapped in curly quotes, as Word writes them when one types straight ones."""
    return (isinstance(value, str) and len(value) >= 2 and value[0] in OPENING
            and value[-1] in CLOSING)


def in_line(line: str) -> Slip | None:
    """The quoting slip in one line of YAML, if there is one."""
    match = _KEY.match(line) or _ITEM.match(line)
    if not match:
        return None
    lead, value = match["lead"], match["value"]
    if value[0] in OPENING or (value[0] in "\"'" and any(c in value for c in CLOSING)
                               and value[-1] in CLOSING):
        fixed = lead + quoted(_strip_quotes(value))
        return Slip(WORD_QUOTES, f"scrivi la riga così: {fixed.strip()}", fixed)
    if value[0] not in "\"'":
        return None
    end = _closing(value)
    rest = value[end + 1:].strip() if end is not None else ""
    if end is None or not rest or rest.startswith("#"):
        return None
    fixed = lead + quoted(_strip_quotes(value))
    quote = "«'»" if value[0] == "'" else "«\"»"
    return Slip(f"le virgolette {quote} chiudono il valore prima della fine della riga",
                "racchiudi tra virgolette tutto il valore, e se contiene un apostrofo usa le "
                f"virgolette doppie; scrivi la riga così: {fixed.strip()}", fixed)


def commented_parents(lines: list[str], names) -> list[tuple[int, str, Slip]]:
    """(0-based line, key, slip) for each ``# key:`` whose key is one of ``names`` (fields
    that hold other fields) and whose next written line is indented below it."""
    found = []
    for i, line in enumerate(lines):
        match = _COMMENTED_KEY.match(line)
        if not match or match["key"] not in names:
            continue
        nxt = next((n for n in lines[i + 1:] if n.strip()), "")
        indent = len(nxt) - len(nxt.lstrip(" "))
        if nxt.lstrip().startswith("#") or indent <= len(match["indent"]):
            continue
        key = match["key"]
        fixed = f"{match['indent']}{key}:"
        found.append((i, key, Slip(
            f"il campo «{key}» è commentato (con # davanti), ma le righe sotto sono compilate",
            f"togli il # davanti a «{key}:», oppure metti il # anche davanti alle righe sotto",
            fixed)))
    return found


def check_word_quotes(doc, walked: list | None = None) -> list[Problem]:
    """An error for each value wrapped in Word's curly quotes: YAML keeps them as part of
    the text, so a date, an email or an id in them is no longer one. ``walked`` is
    ``schema.walk(doc)``, when the caller has it."""
    problems = []
    for path, _node, value in walk(doc) if walked is None else walked:
        if not path or not is_word_quoted(value):
            continue
        right = quoted(_strip_quotes(value))
        if isinstance(path[-1], int) and doc.line_of(path) == doc.line_of(path[:-1]):
            hint = f"scrivi {right} al posto di {value}"  # an item of a [a, b] list
        else:
            lead = "- " if isinstance(path[-1], int) else f"{path[-1]}: "
            hint = f"scrivi la riga così: {lead}{right}"
        problems.append(error(doc.rel, WORD_QUOTES, line=doc.line_of(path), field=dotted(path),
                              hint=hint))
    return problems
