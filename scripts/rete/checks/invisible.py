"""Invisible characters in a text: control characters that a copy and paste brings in.

None of them means anything in a scheda, a polo or rete.yml, and most of them
are not allowed in XML 1.0: one in a title makes the site's feed.xml not
well-formed, and feed readers drop the whole feed. The YAML reader already
refuses them written as they are; they still arrive written as escapes between
double quotes ("\\v", "\\x01"), or from an import. Every text of every field,
at any depth, and every line of the body is checked here.

Refused: the C0 controls but tab and line feed (carriage returns are line feeds
once a file is read), DEL, the C1 controls, lone surrogates (a JSON "\\ud800"
from an import; a file cannot hold one) and U+FFFE, U+FFFF (not characters
for XML either). Tab and the Unicode line separators are allowed: XML takes
them and the site shows them as spaces.
"""

from __future__ import annotations

import re

from ..problems import Problem, error
from ..content.schema import dotted, walk

# Escapes as text, which JavaScript's RegExp reads alike: the site's form checks the same
# (docs/javascripts/compila/controlli.js, through ``for_script``).
PATTERN = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
INVISIBLE = re.compile(PATTERN)
_NAMES = {0x00: "carattere nullo", 0x08: "cancella indietro", 0x0B: "tabulazione verticale",
          0x0C: "salto pagina", 0x0D: "ritorno a capo", 0x1B: "escape", 0x7F: "cancella",
          0x85: "a capo", 0xFFFE: "non carattere", 0xFFFF: "non carattere"}
# How a YAML file writes the character between double quotes (libyaml's escapes).
_ESCAPES = {0x00: "\\0", 0x07: "\\a", 0x08: "\\b", 0x0B: "\\v", 0x0C: "\\f", 0x0D: "\\r",
            0x1B: "\\e", 0x85: "\\N"}
BEFORE = 20  # characters of context shown before the invisible one
MAX_LINES = 10  # body lines reported one by one; the rest are counted


def name(char: str) -> str:
    """«U+000B (tabulazione verticale)»: the character by its code and, if it has
    one, its Italian name."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        what = "metà di un carattere"
    else:
        what = _NAMES.get(code, "carattere di controllo")
    return f"U+{code:04X} ({what})"


def for_script() -> dict:
    """The rule and the names, for the site's form to say what ``describe`` says."""
    return {"modello": PATTERN, "nomi": {f"{code:04X}": what for code, what in _NAMES.items()},
            "prima": BEFORE}


def escape(char: str) -> str:
    """The character as it appears between double quotes in a YAML file."""
    code = ord(char)
    return _ESCAPES.get(code) or (f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}")


def _where(text: str, at: int) -> str:
    if at == 0:
        return "all'inizio"
    before = INVISIBLE.sub("", text[max(0, at - BEFORE):at])
    before = " ".join(before.split())  # tabs and line breaks as the page shows them
    if at > BEFORE and " " in before:  # a cut word would read as a typo
        before = before.split(" ", 1)[1]
    shown = ("…" if at > BEFORE else "") + before
    return f"dopo «{shown}»" if before.strip() else "dopo alcuni spazi"


def describe(text: str, field: bool = True) -> tuple[str, str] | None:
    """(message, hint) when ``text`` holds an invisible character, naming the first
    by its code and saying where it is; None when it holds none. ``field``: the text
    is a field's value (the body has no quotes and no escapes)."""
    first = INVISIBLE.search(text)
    if first is None:
        return None
    char = first.group()
    count = len(INVISIBLE.findall(text))
    where = _where(text, first.start())
    what = "il testo" if field else "la riga"
    if count == 1:
        message = f"{what} contiene un carattere invisibile, {name(char)}, {where}"
    else:
        message = (f"{what} contiene {count} caratteri invisibili: il primo è "
                   f"{name(char)}, {where}")
    hint = ("di solito arriva con un copia e incolla da un PDF o da Word: cancella le "
            "parole intorno a quel punto e riscrivile a mano")
    if field:
        hint += f" (nel file può comparire tra virgolette come {escape(char)})"
    return message, hint


def check_values(doc, walked: list | None = None) -> list[Problem]:
    """One error for each text of the document, at any depth, that holds an invisible
    character. ``walked`` is ``schema.walk(doc)``, when the caller has it."""
    problems = []
    for path, _node, value in walk(doc) if walked is None else walked:
        if isinstance(value, str) and INVISIBLE.search(value):
            message, hint = describe(value)
            problems.append(error(doc.rel, message, line=doc.line_of(path),
                                  field=dotted(path), hint=hint))
    return problems


# The 256 Latin-1 characters but the invisible ones, as bytes: what ``holds_invisible``
# deletes from a Latin-1 text to see whether anything is left.
_LATIN1_SEEN = bytes(code for code in range(256) if not INVISIBLE.match(chr(code)))


def holds_invisible(text: str) -> bool:
    """Whether ``text`` holds an invisible character. Most bodies are Latin-1 (Italian
    letters with accents, no curly quotes): for them, one pass of ``bytes.translate``,
    several times faster than the pattern over a whole body."""
    try:
        latin = text.encode("latin-1")
    except UnicodeEncodeError:
        return INVISIBLE.search(text) is not None
    return bool(latin.translate(None, _LATIN1_SEEN))


def check_body(doc) -> list[Problem]:
    """One error for each line of the body that holds an invisible character."""
    if not holds_invisible(doc.body):
        return []
    problems = []
    lines = [(n, line) for n, line in enumerate(doc.body.split("\n"))
             if INVISIBLE.search(line)]
    for n, line in lines[:MAX_LINES]:
        message, hint = describe(line, field=False)
        problems.append(error(doc.rel, message, line=doc.body_line + n, hint=hint))
    if len(lines) > MAX_LINES:
        problems.append(error(doc.rel, f"altre {len(lines) - MAX_LINES} righe del testo "
                                       "contengono caratteri invisibili",
                              line=doc.body_line + lines[MAX_LINES][0],
                              hint="cancella e riscrivi a mano quelle righe"))
    return problems
